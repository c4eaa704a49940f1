// Errors as the REPL shows them: a mistake in the entry points into what was typed, the way a
// diagnostic points into a file; the core's errors are named with their details; never a stack trace.
import {
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlError,
  BamlLoadError,
  BamlValidationError,
  formatDiagnostic,
  type Diagnostic,
  type SourceFile,
} from '../core/index.ts'
import { InputError } from './commands.ts'
import type { Output } from './evaluate.ts'
import { NoProjectError, type LoadOutcome, type Session } from './session.ts'
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
    return e.diagnostics.length ? diagnosticsView(e.diagnostics, session.rt?.ir.files ?? new Map(), session.displayPath, color) : label(e.message)
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

/** Diagnostics with their excerpts, the files named by paths the user can open (`display`). */
export function diagnosticsView(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, display: (file: string) => string, color: boolean): string {
  const shown = new Map<string, SourceFile>()
  for (const [key, f] of sources) shown.set(display(key), { path: display(key), text: f.text })
  const moved = (span: Diagnostic['span']) => ({ ...span, file: display(span.file) })
  return diagnostics
    .map((d) => {
      const related = d.related?.map((r) => ({ ...r, span: moved(r.span) }))
      return formatDiagnostic({ ...d, span: moved(d.span), ...(related ? { related } : {}) }, shown, { color })
    })
    .join('\n\n')
}

/** Say what a (re)load found: warnings, or errors with their excerpts and what is still in use. */
export function reportLoad(outcome: LoadOutcome, out: Output, display: (file: string) => string, opts: { quietWhenClean?: boolean } = {}): void {
  const { paint, color } = out
  if (outcome.kind === 'unreadable') {
    out.info(`${paint(C.boldRed, 'error')}: ${outcome.error.message}${outcome.kept ? ' (still using the project loaded before)' : ''}`)
    return
  }
  if (outcome.kind === 'errors') {
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error')
    const tail = outcome.kept ? 'still using the last project that loaded' : 'nothing loaded yet: fix the files (they reload on their own) or type :reload'
    out.info(`${diagnosticsView(outcome.diagnostics, outcome.sources, display, color)}\n${paint(C.boldRed, `✖ ${errors.length} error${errors.length === 1 ? '' : 's'}`)}; ${tail}`)
    return
  }
  const rt = outcome.rt
  const ir = rt.ir
  if (outcome.warnings.length) out.info(diagnosticsView(outcome.warnings, ir.files, display, color))
  if (opts.quietWhenClean && outcome.first) return
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`
  const counts = `${n(ir.files.size, 'file')}, ${n(ir.functions.size, 'function')}, ${n(ir.tests.length, 'test')}`
  out.info(paint(C.dim, `${outcome.first ? 'loaded' : 'reloaded'} ${rt.root}: ${counts}${outcome.warnings.length ? `, ${n(outcome.warnings.length, 'warning')}` : ''}`))
}
