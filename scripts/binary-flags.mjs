// The `bun build` flags of the `baml` binary, shared by scripts/build.mjs (dist/baml) and
// scripts/build-binaries.mjs (one binary per platform). Start-up is most of a command's time, so the
// binary is built for it:
// - no .env or bunfig.toml autoloading: the environment is read from a file only with --dotenv (as
//   with Node), and a bunfig.toml in the user's directory must not change how it runs;
// - --splitting (ESM): each command's modules are a chunk read only when the command runs, so
//   `--version` and `--help` do not load the core;
// - --bytecode: no parsing at start;
// - --compile-jit-policy: JavaScriptCore's tier-up thresholds scaled up. A command such as `check`
//   runs most of its code once, and compiling it on a second thread costs more than it saves on two
//   cores; code that stays hot (the lexer and parser loops of a big project) still gets compiled.
//   64 was best for `check` and `generate` on the 20k-line benchmark project (16 and 256: a few %
//   worse). Long-lived commands (repl, dev, test) go back to the normal policy once started
//   (cli/main.ts).
export const BINARY_FLAGS = [
  '--compile',
  '--splitting',
  '--format',
  'esm',
  '--no-compile-autoload-dotenv',
  '--no-compile-autoload-bunfig',
  '--minify',
  '--bytecode',
  '--compile-jit-policy=64',
]
