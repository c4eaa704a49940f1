// Printing for the CLI: data to stdout, people-facing messages to stderr, never a stack trace.
import {
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlError,
  BamlLoadError,
  BamlValidationError,
} from '../core/index.ts'

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

export function printError(message: string): void {
  process.stderr.write(`error: ${message}\n`)
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n  ')
}

/** Exit code 1 for every expected failure; the message names the error class where it helps. */
export function reportError(e: unknown): number {
  if (e instanceof BamlLoadError) {
    printError(e.message)
  } else if (e instanceof BamlValidationError) {
    printError(`${e.name}: ${e.message}`)
    if (e.raw_output) process.stderr.write(`  raw output:\n  ${indent(e.raw_output.trim())}\n`)
  } else if (e instanceof BamlClientFinishReasonError) {
    printError(`${e.name}: ${e.message} (finish reason: ${e.finish_reason ?? '<none>'})`)
  } else if (e instanceof BamlClientHttpError) {
    printError(`${e.name} (client ${e.client_name}, status ${e.status_code}): ${e.message}`)
    if (e.detailed_message && e.detailed_message !== e.message) process.stderr.write(`  ${indent(e.detailed_message)}\n`)
  } else if (e instanceof BamlError) {
    printError(`${e.name}: ${e.message}`)
  } else if (e instanceof Error && e.name === 'CACError') {
    printError(`${e.message}. Run \`baml --help\` for usage.`)
  } else if (e instanceof Error) {
    printError(`unexpected failure: ${e.message}`)
  } else {
    printError(`unexpected failure: ${String(e)}`)
  }
  return 1
}
