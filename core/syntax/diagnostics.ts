// Diagnostics: plain data produced by the parser, the validator and the template checker,
// and a printer that shows file:line:col, the message and the source line with a caret.
import { lineColAt, lineText, type SourceFile, type Span } from './span.ts'

export type Severity = 'error' | 'warning'

export interface Diagnostic {
  readonly severity: Severity
  readonly message: string
  readonly span: Span
  /** Extra places worth showing (e.g. the first definition of a duplicate). */
  readonly related?: readonly { readonly message: string; readonly span: Span }[]
}

export function error(message: string, span: Span, related?: Diagnostic['related']): Diagnostic {
  return related ? { severity: 'error', message, span, related } : { severity: 'error', message, span }
}

export function warning(message: string, span: Span): Diagnostic {
  return { severity: 'warning', message, span }
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error')
}

/** `file:line:col` of a span's start. */
export function location(span: Span, files: ReadonlyMap<string, SourceFile>): string {
  const f = files.get(span.file)
  if (!f) return span.file
  const { line, column } = lineColAt(f, span.start)
  return `${span.file}:${line}:${column}`
}

export interface PrintOptions {
  /** Wrap labels in ANSI colours. */
  readonly color?: boolean
}

/**
 * Human form:
 *   error: message
 *     --> baml_src/main.baml:3:9
 *      |
 *    3 |   prop2 Bar
 *      |         ^^^
 */
export function formatDiagnostic(d: Diagnostic, files: ReadonlyMap<string, SourceFile>, opts: PrintOptions = {}): string {
  const paint = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s)
  const label = d.severity === 'error' ? paint('1;31', 'error') : paint('1;33', 'warning')
  const out = [`${label}: ${d.message}`, ...snippet(d.span, files, paint)]
  for (const r of d.related ?? []) out.push(`  note: ${r.message}`, ...snippet(r.span, files, paint))
  return out.join('\n')
}

function snippet(span: Span, files: ReadonlyMap<string, SourceFile>, paint: (c: string, s: string) => string): string[] {
  const f = files.get(span.file)
  if (!f) return [`  --> ${span.file}`]
  const start = lineColAt(f, span.start)
  const end = lineColAt(f, Math.max(span.start, span.end - 1))
  const text = lineText(f, start.line)
  const width = String(start.line).length
  const pad = ' '.repeat(width)
  const caretLen = end.line === start.line ? Math.max(1, end.column - start.column + 1) : Math.max(1, text.length - start.column + 1)
  const caretCol = expandTabsWidth(text.slice(0, start.column - 1))
  return [
    `${pad}${paint('1;34', '-->')} ${span.file}:${start.line}:${start.column}`,
    `${pad} ${paint('1;34', '|')}`,
    `${paint('1;34', String(start.line))} ${paint('1;34', '|')} ${text.replace(/\t/g, '    ')}`,
    `${pad} ${paint('1;34', '|')} ${' '.repeat(caretCol)}${paint('1;31', '^'.repeat(caretLen))}`,
  ]
}

function expandTabsWidth(s: string): number {
  let n = 0
  for (const ch of s) n += ch === '\t' ? 4 : 1
  return n
}
