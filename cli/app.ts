// The command table. Each action loads its command module on demand and returns an exit code.
import { cac } from 'cac'
import { markValues, unmark } from './argv.ts'
// core/version.ts is the core's second public entry (no dependencies), so `--help` loads nothing else.
import { BAML_VERSION, PACKAGE_VERSION } from '../core/version.ts'

type Action = (...args: never[]) => Promise<number>

export async function runCli(argv: readonly string[]): Promise<number> {
  const cli = cac('baml')
  let pending: Promise<number> | undefined
  const run =
    <A extends unknown[]>(load: () => Promise<(...a: A) => Promise<number>>) =>
    (...a: A) => {
      pending = load().then((fn) => fn(...a))
    }

  const withProject = (c: ReturnType<typeof cli.command>) =>
    c.option('--from <dir>', 'Path to the baml_src directory', { default: './baml_src' })
  const withArgs = (c: ReturnType<typeof cli.command>) =>
    c
      .option('--args <json>', 'Arguments as a JSON object keyed by parameter name')
      .option('--args-file <file>', 'Read the arguments JSON from a file')
      .option('--client <name>', 'Use this client (a name or "provider/model") instead of the function\'s')

  withProject(cli.command('check', 'Check the BAML files for errors and warnings'))
    .option('--json', 'Print diagnostics as JSON')
    .option('--no-version-check', 'Accepted for baml-cli compatibility (no effect)')
    .action(run(async () => (await import('./commands/check.ts')).checkCommand as Action))

  withArgs(withProject(cli.command('render <function>', 'Print the prompt a function renders, as chat messages')))
    .option('--json', 'Print the messages as JSON')
    .action(run(async () => (await import('./commands/render.ts')).renderCommand as Action))

  withArgs(withProject(cli.command('request <function>', 'Print the HTTP request a function call would send, as JSON')))
    .option('--stream', 'Build the streaming request')
    .option('--expose-secrets', 'Show api keys instead of masking them')
    .action(run(async () => (await import('./commands/request.ts')).requestCommand as Action))

  withProject(cli.command('parse <function>', 'Parse model output (--text or stdin) into the function\'s return type'))
    .option('--text <text>', 'The model output (default: read stdin)')
    .option('--stream', 'Parse as a partial (streamed) output')
    .action(run(async () => (await import('./commands/parse.ts')).parseCommand as Action))

  withArgs(withProject(cli.command('call <function>', 'Call the model and print the parsed result as JSON')))
    .option('--stream', 'Stream: print partial values to stderr as they arrive')
    .action(run(async () => (await import('./commands/call.ts')).callCommand as Action))

  cli.command('init', 'Create baml_src/ with a generator, clients and an example function (asks on a terminal)')
    .option('--dest <dir>', 'Where to create baml_src/ (default: the current directory)')
    .option('--client-type <type>', 'The generator output_type: typescript, typescript/react, python/pydantic, python/pydantic/v1, ruby/sorbet, go, rust, rest/openapi (default: detected)')
    .option('--openapi-client-type <lang>', 'With rest/openapi: the openapi-generator language for on_generate (go, java, ...)')
    .option('-y, --yes', 'Ask nothing: use the flags, detection and defaults')
    .action(run(async () => (await import('./commands/init.ts')).initCommand as Action))

  // `test` checks its own flags (values are optional here) so that bad ones exit 4, as the reference's do.
  cli
    .command('test', 'Run the BAML tests: select, run in parallel, report, record/replay, shard')
    .option('--from [dir]', 'Path to the baml_src directory', { default: './baml_src' })
    .option('-i, --include [pattern]', 'Run these tests: Fn::Test, Fn::, ::Test, a bare name, * wildcards (repeatable)')
    .option('-x, --exclude [pattern]', 'Skip these tests (same syntax; wins over --include; repeatable)')
    .option('--list', 'Only list the selected tests')
    .option('--parallel [n]', 'Tests running at once (default 10)')
    .option('--pass-if-no-tests', 'Exit 0 when no test is selected')
    .option('--require-human-eval', 'Tests without @@assert or @@check need human evaluation (exit 1)')
    .option('--reporter [name]', 'pretty (default), junit, json, github; repeatable')
    .option('--output [file]', 'File for the junit report (default junit-report.xml) or the json report (default stdout)')
    .option('--record [dir]', 'Save every model exchange under DIR (one JSON file per test)')
    .option('--replay [dir]', 'Answer model requests from DIR: no network, no API key')
    .option('--shard [i/n]', 'Run the i-th of n stable slices of the selected tests')
    .option('--junit', 'Write a JUnit report (baml-cli compatibility)')
    .option('--junit-path [file]', 'JUnit report file (baml-cli compatibility)')
    .option('--output-format [format]', 'pretty or github (baml-cli compatibility)')
    .option('--dotenv', 'Load environment variables from .env')
    .option('--dotenv-path [file]', 'Load environment variables from this file')
    .allowUnknownOptions()
    .action(run(async () => (await import('./commands/test.ts')).testCommand as Action))

  withProject(cli.command('generate', 'Generate the typed client (baml_client/) of every generator block'))
    .option('--no-version-check', "Do not warn when a generator's version differs from this BAML's")
    .option('--no-tests', 'Accepted for baml-cli compatibility (generated clients never include test blocks)')
    .action(run(async () => (await import('./commands/generate.ts')).generateCommand as Action))

  withProject(cli.command('dev', 'Watch baml_src: check and generate on every change, until Ctrl-C'))
    .option('--no-version-check', "Do not warn when a generator's version differs from this BAML's")
    .action(run(async () => (await import('./commands/dev.ts')).devCommand as Action))

  cli.help()
  cli.version(`${BAML_VERSION} (baml-ts ${PACKAGE_VERSION})`)

  try {
    cli.parse(['node', 'baml', ...markValues(argv)], { run: false })
    cli.args = unmark(cli.args)
    unmark(cli.options)
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
    // Loaded on failure only: it pulls in the core's error classes.
    return (await import('./output.ts')).reportError(e)
  }
}
