#!/usr/bin/env node
// Entry point of the `baml` binary. Start-up must stay cheap: `--version` answers before any
// other module is loaded, and each command imports its own code only when it runs.
// (No top-level await: the compiled binary is bytecode-cached, which needs a CommonJS-shaped entry.)
import { BAML_VERSION, PACKAGE_VERSION } from '../core/version.ts' // the core's dependency-free public entry

const argv = process.argv.slice(2)
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V' || argv[0] === '-v')) {
  process.stdout.write(`baml-cli ${BAML_VERSION} (baml-ts ${PACKAGE_VERSION})\n`)
} else {
  import('./app.ts')
    .then(({ runCli }) => runCli(argv))
    .then((code) => {
      process.exitCode = code
    })
}
