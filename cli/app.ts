// The command table. Each action loads its command module on demand and returns an exit code.
import { cac } from 'cac'
import { BAML_VERSION, PACKAGE_VERSION } from '../core/version.ts'
import { reportError } from './output.ts'

type Action = (...args: never[]) => Promise<number>

export async function runCli(argv: readonly string[]): Promise<number> {
  const cli = cac('baml')
  let pending: Promise<number> | undefined
  const run =
    <A extends unknown[]>(load: () => Promise<(...a: A) => Promise<number>>) =>
    (...a: A) => {
      pending = load().then((fn) => fn(...a))
    }

  cli
    .command('check', 'Check the BAML files for errors and warnings')
    .option('--from <dir>', 'Path to the baml_src directory', { default: './baml_src' })
    .option('--json', 'Print diagnostics as JSON')
    .option('--no-version-check', 'Accepted for baml-cli compatibility (no effect)')
    .action(run(async () => (await import('./commands/check.ts')).checkCommand as Action))

  cli.help()
  cli.version(`${BAML_VERSION} (baml-ts ${PACKAGE_VERSION})`)

  try {
    cli.parse(['node', 'baml', ...argv], { run: false })
    if (cli.options.help || cli.options.version) return 0
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) {
        process.stderr.write(`error: unknown command \`${cli.args[0]}\`. Run \`baml --help\` for the list of commands.\n`)
        return 1
      }
      cli.outputHelp()
      return 0
    }
    await cli.runMatchedCommand()
    return pending ? await pending : 0
  } catch (e) {
    return reportError(e)
  }
}
