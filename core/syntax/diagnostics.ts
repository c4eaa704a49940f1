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

/** `file:line:col` of a span's start (the file as `path` shows it, if given). */
export function location(span: Span, files: ReadonlyMap<string, SourceFile>, path: (file: string) => string = (f) => f): string {
  const f = files.get(span.file)
  if (!f) return path(span.file)
  const { line, column } = lineColAt(f, span.start)
  return `${path(span.file)}:${line}:${column}`
}

export interface PrintOptions {
  /** Wrap labels in ANSI colours. */
  readonly color?: boolean
  /** How to show a file's path (e.g. relative to the working directory); default: as keyed. */
  readonly path?: (file: string) => string
}

/**
 * Control characters (C0 but tab and newline, DEL, C1) and the bidirectional-text controls written
 * as visible escapes (`\x1b`, `\u{202e}`), so that printing a message or a line of a binary or
 * hostile file cannot drive the terminal or reorder what is shown.
 */
export function escapeControls(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0)
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`
  })
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
  const path = (file: string) => escapeControls(opts.path ? opts.path(file) : file)
  const label = d.severity === 'error' ? paint('1;31', 'error') : paint('1;33', 'warning')
  const out = [`${label}: ${escapeControls(d.message)}`, ...snippet(d.span, files, paint, path)]
  for (const r of d.related ?? []) out.push(`  note: ${escapeControls(r.message)}`, ...snippet(r.span, files, paint, path))
  return out.join('\n')
}

/** Longest excerpt shown, in characters; longer lines are cut around the marked part. */
const MAX_EXCERPT = 160

function snippet(
  span: Span,
  files: ReadonlyMap<string, SourceFile>,
  paint: (c: string, s: string) => string,
  path: (file: string) => string,
): string[] {
  const f = files.get(span.file)
  if (!f) return [`  --> ${path(span.file)}`]
  const start = lineColAt(f, span.start)
  const end = lineColAt(f, Math.max(span.start, span.end - 1))
  const text = lineText(f, start.line)
  const width = String(start.line).length
  const pad = ' '.repeat(width)
  const markedEnd = end.line === start.line ? end.column : text.length
  // What is shown of the line: tabs expanded, control characters escaped; the caret is placed by
  // the shown width of what precedes it.
  let before = [...show(text.slice(0, start.column - 1))]
  const marked = [...show(text.slice(start.column - 1, Math.max(start.column, markedEnd)))]
  let after = [...show(text.slice(Math.max(start.column, markedEnd)))]
  let head = ''
  let tail = ''
  if (before.length + marked.length + after.length > MAX_EXCERPT) {
    const keepBefore = Math.min(before.length, 40)
    if (keepBefore < before.length) {
      before = before.slice(before.length - keepBefore)
      head = '…'
    }
    const room = Math.max(0, MAX_EXCERPT - before.length - marked.length)
    if (after.length > room || marked.length > MAX_EXCERPT) {
      after = after.slice(0, room)
      tail = '…'
    }
  }
  const shown = head + before.join('') + marked.slice(0, MAX_EXCERPT).join('') + after.join('') + tail
  const caretCol = head.length + before.length
  const caretLen = Math.max(1, Math.min(marked.length, MAX_EXCERPT))
  return [
    `${pad}${paint('1;34', '-->')} ${path(span.file)}:${start.line}:${start.column}`,
    `${pad} ${paint('1;34', '|')}`,
    `${paint('1;34', String(start.line))} ${paint('1;34', '|')} ${shown}`,
    `${pad} ${paint('1;34', '|')} ${' '.repeat(caretCol)}${paint('1;31', '^'.repeat(caretLen))}`,
  ]
}

function show(s: string): string {
  return escapeControls(s.replace(/\t/g, '    '))
}
