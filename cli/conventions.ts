// What every command shares: exit codes, the error classes that choose them, Ctrl-C handling and the
// `--dotenv` / `--dotenv-path` options. Commands return an exit code; they throw for failures and
// cli/output.ts's reportError prints the one message and picks the code.
// Dependency-free on purpose: cli/app.ts imports it before any command runs.
import type { BamlLoadError, SourceFile } from '../core/index.ts'

/** Exit codes, as the reference CLI uses them. */
export const EXIT_CODE = {
  ok: 0,
  /** Bad input (a broken project, bad arguments), a failed call, a failed write. */
  failure: 1,
  /** The command line itself is wrong: unknown command or option, missing or malformed option value. */
  usage: 2,
  /** Stopped by Ctrl-C (128 + SIGINT), after printing what had finished. */
  interrupted: 130,
} as const

/** A wrong command line: printed as one line with a pointer to `--help`, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError'
  constructor(
    message: string,
    /** The command whose `--help` to point at (default: the program's). */
    readonly command?: string,
  ) {
    super(message)
  }
}

/**
 * A project that did not load, with its files: reportError prints the errors against them, with
 * the paths as `path` shows them (cli/commands/common.ts's loadRuntime throws it).
 */
export class ProjectLoadFailed extends Error {
  override name = 'ProjectLoadFailed'
  constructor(
    readonly error: BamlLoadError,
    readonly sources: ReadonlyMap<string, SourceFile>,
    readonly path: (file: string) => string,
  ) {
    super(error.message)
  }
}

/** Ctrl-C arrived while a command was running: printed as "interrupted", exit 130. */
export class Interrupted extends Error {
  override name = 'Interrupted'
  constructor() {
    super('interrupted')
  }
}

/**
 * An AbortSignal that Ctrl-C aborts (with an Interrupted reason). Pass it to calls, and when the
 * signal is aborted, print what finished and return EXIT_CODE.interrupted (or throw `new Interrupted()`).
 * A second Ctrl-C exits at once. Call `dispose()` when done.
 */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController()
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT_CODE.interrupted)
    controller.abort(new Interrupted())
  }
  process.on('SIGINT', onSigint)
  return { signal: controller.signal, dispose: () => void process.removeListener('SIGINT', onSigint) }
}

/** The options `withDotenv` adds (cac camel-cases `--dotenv-path`). */
export interface DotenvOptions {
  dotenv?: boolean
  dotenvPath?: string
}

interface OptionTarget<T> {
  option(rawName: string, description: string): T
}

/**
 * Adds `--dotenv` and `--dotenv-path F` to a command. Nothing is read from `.env` without them (the
 * same for the binary and the Node bundle); cli/app.ts loads the file before the command runs.
 */
export function withDotenv<T extends OptionTarget<T>>(command: T): T {
  return command
    .option('--dotenv', 'Load environment variables from the first .env, .env.local, .env.development or .env.production found in this directory or above')
    .option('--dotenv-path <file>', 'Load environment variables from this file (implies --dotenv)')
}
