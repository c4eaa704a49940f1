// The command table. Each action loads its command module on demand and returns an exit code.
// Conventions every command follows are in cli/conventions.ts (exit codes, UsageError, Ctrl-C,
// `withDotenv`: the .env file is loaded here, before the command runs), cli/write.ts (machine output
// to stdout: writeOut, printJson) and cli/output.ts (messages through consola, reportError).
import { cac } from 'cac'
import { markValues, unmark } from './argv.ts'
import { EXIT_CODE, UsageError, withDotenv, type DotenvOptions } from './conventions.ts'
// core/version.ts is the core's second public entry (no dependencies), so `--help` loads nothing else.
import { BAML_VERSION, PACKAGE_VERSION } from '../core/version.ts'
import { didYouMean } from './suggest.ts'
import { stderrWriteFailed, writeErr, writeOut } from './write.ts'

type Action = (...args: never[]) => Promise<number>

/** What `--version` (and `-v`, `-V`) prints; cli/main.ts prints the same without loading this module. */
export const VERSION_LINE = `baml-cli ${BAML_VERSION} (baml-ts ${PACKAGE_VERSION})\n`

/** The reference's global `--features` values (accepted; they change nothing here yet). */
const FEATURES = ['beta', 'display_all_warnings']

/** cac prints help with console.info; this collects it so that it is written like any other output. */
function captureHelp(print: () => void): string {
  const info = console.info
  let out = ''
  console.info = (...a: unknown[]) => void (out += a.join(' ') + '\n')
  try {
    print()
  } finally {
    console.info = info
  }
  return out
}

/** Loads `--dotenv` / `--dotenv-path` before a command runs, and says which file was read. */
async function applyDotenv(opts: DotenvOptions): Promise<void> {
  // A flag without its value (`test` takes `--dotenv-path` as optional) is left to the command to reject.
  if (opts.dotenv !== true && typeof opts.dotenvPath !== 'string') return
  const [{ loadDotenv }, { logger }] = await Promise.all([import('./dotenv.ts'), import('./output.ts')])
  const loaded = loadDotenv(opts)
  const log = logger()
  if (loaded) log.info(`loaded ${loaded.count} variable${loaded.count === 1 ? '' : 's'} from ${loaded.path}`)
  else log.warn('--dotenv: no .env, .env.local, .env.development or .env.production found here or above')
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const code = await parseAndRun(argv)
  return code === EXIT_CODE.ok && stderrWriteFailed() ? EXIT_CODE.failure : code
}

async function parseAndRun(argv: readonly string[]): Promise<number> {
  const cli = cac('baml')
  cli.globalCommand.versionNumber = BAML_VERSION // the help's first line (`--version` is handled below)
  let pending: Promise<number> | undefined
  const run =
    <A extends unknown[]>(load: () => Promise<(...a: A) => Promise<number>>) =>
    (...a: A) => {
      pending = (async () => {
        await applyDotenv(a[a.length - 1] as DotenvOptions)
        return (await load())(...a)
      })()
    }

  const withProject = (c: ReturnType<typeof cli.command>) =>
    c.option('--from <dir>', 'Path to the baml_src directory', { default: './baml_src' })
  const withArgs = (c: ReturnType<typeof cli.command>) =>
    withDotenv(
      c
        .option('--args <json>', 'Arguments as a JSON object keyed by parameter name')
        .option('--args-file <file>', 'Read the arguments JSON from a file')
        .option('--client <name>', 'Use this client (a name or "provider/model") instead of the function\'s'),
    )

  withProject(cli.command('check', 'Check the BAML files for errors and warnings'))
    .option('--json', 'Print diagnostics as JSON')
    .option('--no-version-check', 'Accepted for baml-cli compatibility (no effect)')
    .action(run(async () => (await import('./commands/check.ts')).checkCommand as Action))

  cli.command('fmt [...paths]', 'Format .baml files in the canonical layout (the given files, or every one under --from)')
    .option('--from <dir>', 'Where to look for .baml files when no paths are given', { default: '.' })
    .option('--check', 'Write nothing; list the files that are not formatted and exit 1 if there are any')
    .option('-n, --dry-run', 'Write nothing; print the formatted text to stdout')
    .action(run(async () => (await import('./commands/fmt.ts')).fmtCommand as Action))

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

  withDotenv(withProject(cli.command('repl', 'Interactive playground: list, render, request, call, stream, parse and test functions')))
    .action(run(async () => (await import('./commands/repl.ts')).replCommand as Action))

  cli.command('help [command]', 'Show the help of a command').action((name?: string) => {
    const target = name === undefined ? undefined : cli.commands.find((c) => c.isMatched(name))
    if (name !== undefined && !target) throw unknownCommand(name, cli.commands.map((c) => c.name))
    writeOut(captureHelp(() => (target ? target.outputHelp() : cli.globalCommand.outputHelp())))
    pending = Promise.resolve(EXIT_CODE.ok)
  })

  cli.option('--features <feature>', `Enable a feature, as the reference CLI (${FEATURES.join(', ')}; repeatable)`)
  cli.option('-v, -V, --version', 'Display the version')
  cli.help()
  // Flags that take a value (`--from <dir>`): the token after them is a value, not the command name.
  const valueFlags = new Set(
    [cli.globalCommand, ...cli.commands].flatMap((c) => c.options.filter((o) => o.required).flatMap((o) => o.rawName.split(/[\s,]+/).filter((n) => n.startsWith('-')))),
  )
  const takesValue = (flag: string) => valueFlags.has(flag)

  try {
    // Help is printed by cac during parse; it is captured and written by writeOut.
    const helpText = captureHelp(() => cli.parse(['node', 'baml', ...markValues(argv, takesValue)], { run: false }))
    cli.args = unmark(cli.args)
    unmark(cli.options)
    if (cli.options.help) {
      writeOut(helpText)
      return EXIT_CODE.ok
    }
    if (cli.options.version) {
      writeOut(VERSION_LINE)
      return EXIT_CODE.ok
    }
    checkFeatures(cli.options.features)
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) throw unknownCommand(String(cli.args[0]), cli.commands.map((c) => c.name))
      // `baml` alone on a terminal, in a project, opens the REPL.
      if (process.stdin.isTTY && process.stdout.isTTY && Object.keys(cli.options).every((k) => k === '--')) {
        const repl = await import('./commands/repl.ts')
        if (repl.hasProject('./baml_src')) return await repl.replCommand({ from: './baml_src' })
      }
      // No command: the usage, on stderr, as a usage error (the reference does the same).
      writeErr(captureHelp(() => cli.outputHelp()))
      return EXIT_CODE.usage
    }
    await cli.runMatchedCommand()
    return pending ? await pending : EXIT_CODE.ok
  } catch (e) {
    // cac's own errors (unknown option, missing value or argument) point at the command's help.
    const command = cli.matchedCommand?.name
    const err =
      e instanceof Error && e.name === 'CACError'
        ? new UsageError(cacMessage(e.message), command)
        : e instanceof UsageError && !e.command && command && command !== 'help'
          ? new UsageError(e.message, command)
          : e
    // Loaded on failure only: it pulls in the core's error classes.
    return (await import('./output.ts')).reportError(err)
  }
}

function unknownCommand(name: string, known: string[]): UsageError {
  return new UsageError(`unknown command \`${name}\`.${didYouMean(name, known.filter(Boolean))}`)
}

function checkFeatures(value: unknown): void {
  if (value === undefined) return
  for (const f of (Array.isArray(value) ? value : [value]).map(String)) {
    if (!FEATURES.includes(f)) throw new UsageError(`unknown feature \`${f}\` for --features (known: ${FEATURES.join(', ')})`)
  }
}

function cacMessage(m: string): string {
  return m.replace(/^Unknown option/, 'unknown option').replace(/^Unused args: /, 'unexpected arguments: ')
}
