// Errors as the REPL shows them: a mistake in the entry points into what was typed, the way a
// diagnostic points into a file; the core's errors are named with their details; never a stack trace.
import {
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlError,
  BamlLoadError,
  BamlValidationError,
  formatDiagnostic,
  type SourceFile,
} from '../core/index.ts'
import { InputError } from './commands.ts'
import { NoProjectError, sourcesOf, type Session } from './session.ts'
import { C, type Paint } from './view.ts'

/** The path diagnostics about the typed entry point at. */
export const INPUT_PATH = '<input>'

function indent(text: string): string {
  return text.replace(/\n/g, '\n  ')
}

/** Long model outputs are cut in error messages (the whole text is in `$_`-less errors only through the collector). */
function clip(text: string, max = 2000): string {
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text
}

export function errorView(e: unknown, entry: string, session: Session, out: { readonly paint: Paint; readonly color: boolean }): string {
  const { paint, color } = out
  const label = (name: string) => `${paint(C.boldRed, 'error')}: ${name}`
  if (e instanceof InputError) {
    if (e.start === undefined) return label(e.message)
    const file: SourceFile = { path: INPUT_PATH, text: entry }
    const span = { file: INPUT_PATH, start: e.start, end: Math.max(e.end ?? e.start + 1, e.start + 1) }
    return formatDiagnostic({ severity: 'error', message: e.message, span }, new Map([[INPUT_PATH, file]]), { color })
  }
  if (e instanceof NoProjectError) return label(e.message)
  if (e instanceof BamlLoadError) {
    const sources = session.rt ? session.rt.ir.files : sourcesOf({})
    return e.diagnostics.length ? e.diagnostics.map((d) => formatDiagnostic(d, sources, { color })).join('\n\n') : label(e.message)
  }
  if (e instanceof BamlValidationError) {
    const raw = e.raw_output.trim()
    return `${label(`${e.name}: ${e.message}`)}${raw ? `\n  ${paint(C.dim, 'model output:')}\n  ${indent(clip(raw))}` : ''}`
  }
  if (e instanceof BamlClientFinishReasonError) return label(`${e.name}: ${e.message} (finish reason: ${e.finish_reason ?? '<none>'})`)
  if (e instanceof BamlClientHttpError) {
    const more = e.detailed_message && e.detailed_message !== e.message ? `\n  ${indent(e.detailed_message)}` : ''
    return `${label(`${e.name} (client ${e.client_name}, status ${e.status_code}): ${e.message}`)}${more}`
  }
  if (e instanceof BamlError) return label(`${e.name}: ${e.message}`)
  if (e instanceof Error) return label(`unexpected failure: ${e.message}`)
  return label(`unexpected failure: ${String(e)}`)
}
