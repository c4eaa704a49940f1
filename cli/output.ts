// Printing for the CLI: data to stdout, people-facing messages to stderr, never a stack trace.
import { BamlError, BamlLoadError } from '../core/errors.ts'

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

export function printError(message: string): void {
  process.stderr.write(`error: ${message}\n`)
}

/** Exit code 1 for every expected failure; the message names the error class where it helps. */
export function reportError(e: unknown): number {
  if (e instanceof BamlLoadError) {
    printError(e.message)
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

export const isTTY = (): boolean => Boolean(process.stdout.isTTY)
