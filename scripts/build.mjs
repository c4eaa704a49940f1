// npm run build: the single-file binary (dist/baml, Bun --compile), the Node bundle for the npm `bin`
// entries (dist/baml.mjs) and the library (dist/lib/index.js with types under dist/types).
// `node scripts/build.mjs --package` builds only what the npm package ships (no binary): `npm pack`
// runs it; `--cli` builds only the binary and the Node bundle (tests/cli/built.test.ts).
// Bun comes from devDependencies; nothing else is needed.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)
const packageOnly = process.argv.includes('--package')
const cliOnly = process.argv.includes('--cli')
mkdirSync(join(root, 'dist'), { recursive: true })
/** See the binary's build below; measured with scripts/bench (startup, codegen). */
const JIT_POLICY = 64

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

// The client runtime first: `generate` embeds its text (dist/client-runtime/*.txt), and the package
// ships it (baml-ts/client-runtime) for clients generated with `client_package_name`.
run(bin('bun'), ['scripts/client-runtime/build.ts'])
// No .env or bunfig.toml autoloading in the binary: the environment is read from a file only with
// --dotenv (as with Node), and a bunfig.toml in the user's directory must not change how it runs.
// Start-up is most of a command's time, so the binary is built for it:
// - --splitting (ESM): each command's modules are a chunk read only when the command runs, so
//   `--version` and `--help` do not load the core;
// - --bytecode: no parsing at start;
// - --compile-jit-policy: JavaScriptCore's tier-up thresholds scaled up. A command such as `check`
//   runs most of its code once, and compiling it on a second thread costs more than it saves on two
//   cores; code that stays hot (the lexer and parser loops of a big project) still gets compiled.
//   Long-lived commands (repl, dev, test) go back to the normal policy once started (cli/main.ts).
if (!packageOnly)
  run(bin('bun'), ['build', 'cli/main.ts', '--compile', '--splitting', '--format', 'esm', '--no-compile-autoload-dotenv', '--no-compile-autoload-bunfig', '--minify', '--bytecode', `--compile-jit-policy=${JIT_POLICY}`, '--outfile', 'dist/baml'])
run(bin('bun'), ['build', 'cli/main.ts', '--target', 'node', '--format', 'esm', '--minify', '--outfile', 'dist/baml.mjs'])

// The Node bundle needs a shebang to work as an npm bin.
const mjs = join(root, 'dist', 'baml.mjs')
const code = readFileSync(mjs, 'utf8')
if (!code.startsWith('#!')) writeFileSync(mjs, '#!/usr/bin/env node\n' + code)
chmodSync(mjs, 0o755)
if (cliOnly) process.exit(0)

// The library: one ESM file for every host (see scripts/bundle-lib.mjs).
run(bin('bun'), ['scripts/bundle-lib.mjs', 'dist/lib/index.js'])

// Its types: tsc's declarations, with the sources' `.ts` import suffixes turned into `.js` so every
// moduleResolution (node16, bundler) finds them.
rmSync(join(root, 'dist', 'types'), { recursive: true, force: true })
run(bin('tsc'), ['-p', 'scripts/tsconfig.lib.json'])
for (const file of walk(join(root, 'dist', 'types'))) {
  const text = readFileSync(file, 'utf8')
  const fixed = text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g, '$1$2$3.js$2')
  if (fixed !== text) writeFileSync(file, fixed)
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) yield* walk(p)
    else if (p.endsWith('.d.ts')) yield p
  }
}
