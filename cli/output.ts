// Messages for people (errors, warnings, notes, boxes) go to stderr through consola; machine output
// (JSON, rendered text) goes plainly to stdout through cli/write.ts. This module is imported only
// where a message is printed (cli/app.ts loads it on failure), so a command that prints no message,
// like a clean `check`, never loads consola.
//
// consola's own reporters are not used: its default entry reads `import.meta` (which the compiled,
// bytecode-cached binary cannot run), writes info lines to stdout, switches format and level when
// CI or TEST is set, and reformats `backticks`. The reporter here writes `error: …` / `warning: …`
// lines to stderr, escapes control characters, and colours only a terminal (NO_COLOR honoured).
import { isatty } from 'node:tty'
import { createConsola, type ConsolaInstance, type LogObject } from 'consola/core'
import { box } from 'consola/utils'
import {
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlError,
  BamlInvalidArgumentError,
  BamlLoadError,
  BamlValidationError,
  escapeControls,
  formatDiagnostic,
} from '../core/index.ts'
import { EXIT_CODE, Interrupted, ProjectLoadFailed, UsageError } from './conventions.ts'
import { colorFromEnv, OutputClosed, OutputError, writeErr } from './write.ts'

const LABELS: Partial<Record<string, [prefix: string, color: string]>> = {
  fatal: ['error:', '1;31'],
  error: ['error:', '1;31'],
  warn: ['warning:', '1;33'],
  info: ['ℹ', '36'],
  success: ['✔', '32'],
  fail: ['✖', '31'],
  ready: ['✔', '32'],
  start: ['◐', '35'],
  debug: ['⚙', '90'],
  trace: ['→', '90'],
  verbose: ['→', '90'],
}

function argText(a: unknown): string {
  if (typeof a === 'string') return a
  if (a instanceof Error) return a.message
  try {
    return JSON.stringify(a) ?? String(a)
  } catch {
    return String(a)
  }
}

/** Whether stderr may be coloured: a terminal, NO_COLOR unset (FORCE_COLOR forces it). */
function stderrColor(): boolean {
  return colorFromEnv() ?? isatty(2)
}

let instance: ConsolaInstance | undefined

/** The CLI's consola instance. Level: CONSOLA_LEVEL, else 3 (info). */
export function logger(): ConsolaInstance {
  if (instance) return instance
  const color = stderrColor()
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s)
  const level = Number.parseInt(process.env.CONSOLA_LEVEL ?? '', 10)
  instance = createConsola({
    level: Number.isNaN(level) ? 3 : level,
    throttle: 0,
    reporters: [
      {
        log(o: LogObject) {
          const text = escapeControls(o.args.map(argText).join(' '))
          if (o.type === 'box') {
            const title = typeof o.title === 'string' ? o.title : undefined
            writeErr(box(text, title ? { title } : {}) + '\n')
            return
          }
          const label = LABELS[o.type]
          if (!label) return writeErr(text + '\n')
          // Continuation lines are indented under the label.
          writeErr(`${paint(label[1], label[0])} ${text.replace(/\n/g, '\n  ')}\n`)
        },
      },
    ],
  })
  return instance
}

/** `error: message` on stderr. */
export function printError(message: string): void {
  logger().error(message)
}

/**
 * Prints a failure as one message (never a stack trace) and returns the exit code: 2 for a wrong
 * command line, 130 after Ctrl-C, 0 when stdout was closed by its reader, else 1.
 */
export function reportError(e: unknown): number {
  if (e instanceof OutputClosed) return EXIT_CODE.ok
  const log = logger()
  if (e instanceof UsageError) {
    log.error(`${e.message}\nRun \`baml ${e.command ? `${e.command} ` : ''}--help\` for usage.`)
    return EXIT_CODE.usage
  }
  if (e instanceof Interrupted) {
    log.warn('interrupted')
    return EXIT_CODE.interrupted
  }
  if (e instanceof OutputError) {
    log.error(e.message)
    return EXIT_CODE.failure
  }
  if (e instanceof ProjectLoadFailed) {
    // The diagnostics as `check` prints them, with paths the user can open; then one line.
    const errors = e.error.diagnostics.filter((d) => d.severity === 'error')
    const color = stderrColor()
    writeErr(errors.map((d) => formatDiagnostic(d, e.sources, { color, path: e.path }) + '\n\n').join(''))
    log.error(`could not load the BAML project (${errors.length} error${errors.length === 1 ? '' : 's'})`)
  } else if (e instanceof BamlLoadError || e instanceof BamlInvalidArgumentError) {
    log.error(e.message)
  } else if (e instanceof BamlValidationError) {
    log.error(`${e.name}: ${e.message}`)
    if (e.raw_output) writeErr(`  raw output:\n    ${escapeControls(e.raw_output.trim()).replace(/\n/g, '\n    ')}\n`)
  } else if (e instanceof BamlClientFinishReasonError) {
    log.error(`${e.name}: ${e.message} (finish reason: ${e.finish_reason ?? '<none>'})`)
  } else if (e instanceof BamlClientHttpError) {
    // A negative status (the reference's -100) means no response arrived: the message says why.
    const status = e.status_code >= 0 ? `, status ${e.status_code}` : ''
    log.error(`${e.name} (client ${e.client_name}${status}): ${e.message}`)
    if (e.detailed_message && e.detailed_message !== e.message) writeErr(`  ${escapeControls(e.detailed_message).replace(/\n/g, '\n  ')}\n`)
  } else if (e instanceof BamlError) {
    log.error(`${e.name}: ${e.message}`)
  } else if (e instanceof Error && e.name === 'CACError') {
    log.error(`${e.message}\nRun \`baml --help\` for usage.`)
    return EXIT_CODE.usage
  } else if (e instanceof Error) {
    log.error(`unexpected failure: ${e.message}`)
  } else {
    log.error(`unexpected failure: ${String(e)}`)
  }
  return EXIT_CODE.failure
}
