#!/usr/bin/env node
// Entry point of the `baml` binary. Start-up must stay cheap: `--version` answers before any
// other module is loaded, and each command imports its own code only when it runs (the binary is
// built with code splitting, so a module that is not imported is not even read).
// `--version` prints with console.log: in Bun, the first use of `process.stdout` builds a stream
// (several milliseconds) and importing node:fs costs a few more.
import { BAML_VERSION, PACKAGE_VERSION } from '../core/version.ts' // the core's dependency-free public entry

const argv = process.argv.slice(2)
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V' || argv[0] === '-v')) {
  console.log(`baml-cli ${BAML_VERSION} (baml-ts ${PACKAGE_VERSION})`)
} else {
  // The binary starts with a JIT policy that compiles little (scripts/build.mjs): right for a
  // command that is over in a fraction of a second. A process still running after start-up (the
  // REPL at its prompt, `dev` watching, a test run) gets the normal policy back at its first idle moment.
  const bun = (globalThis as { Bun?: { unsafe?: { setJITPolicy?: (scale: number) => void } } }).Bun
  if (bun?.unsafe?.setJITPolicy) setTimeout(() => bun.unsafe!.setJITPolicy!(1), 250).unref()
  import('./app.ts')
    .then(({ runCli }) => runCli(argv))
    .then((code) => {
      process.exitCode = code
    })
}
