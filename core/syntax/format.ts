// The formatter behind `baml fmt`: parse → print in the canonical layout (core/syntax/printer.ts).
// A file with syntax errors is not formatted (its diagnostics are returned instead). The result is
// checked before it is handed out: it must parse without errors to the same tree (positions
// aside), keep every comment and every block string (byte for byte, in order), and formatting it
// again must change nothing. A file that fails the check is left as it is, with a diagnostic: the
// formatter never changes what a file means.
import type { FileAst } from './ast.ts'
import { error, type Diagnostic } from './diagnostics.ts'
import { tokenize } from './lexer.ts'
import { parseFile } from './parser.ts'
import { commentLines, printFile } from './printer.ts'
import type { Token } from './tokens.ts'

export interface FormatResult {
  /** The formatted text, or the input unchanged when it could not be formatted. */
  readonly text: string
  /** Whether `text` differs from the input. */
  readonly changed: boolean
  /** Why the file was left unchanged (syntax errors, or a failed check); empty when formatted. */
  readonly diagnostics: readonly Diagnostic[]
}

const BOM = '\uFEFF'

/**
 * Format one `.baml` file. `path` names the file in diagnostics. Block strings (prompts) and
 * comments are kept as written (trailing blanks aside, except in `///` doc comments); line breaks
 * follow the file's first one (`\r\n` or `\n`).
 */
export function formatBaml(path: string, text: string): FormatResult {
  // A byte-order mark is kept; it is read as a blank so that offsets in diagnostics stay right.
  const bom = text.startsWith(BOM) ? BOM : ''
  const body = bom ? ' ' + text.slice(1) : text
  const first = parseFile({ path, text: body })
  const errors = first.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length) return { text, changed: false, diagnostics: errors }

  const newline = /\r?\n/.exec(body)?.[0] ?? '\n'
  const printed = printFile(first.ast, { source: body, newline })
  const second = parseFile({ path, text: printed })
  const refuse = (why: string): FormatResult => ({
    text,
    changed: false,
    diagnostics: [error(`The formatter left this file unchanged: ${why} (an internal problem of the formatter, please report it)`, { file: path, start: 0, end: 0 })],
  })
  const blocksBefore = blockStrings(body)
  const blocksAfter = blockStrings(printed)
  const dropped = droppedBlockString(blocksBefore, blocksAfter, first.ast)
  if (dropped) {
    const msg = 'This block string is outside every block (the parser ignores it): formatting would drop it, so the file is left unchanged. Remove it or move it into a block'
    return { text, changed: false, diagnostics: [error(msg, { file: path, start: dropped.start, end: dropped.end })] }
  }
  if (second.diagnostics.some((d) => d.severity === 'error')) return refuse('its output does not parse')
  const lost = missingComment(first.ast, second.ast)
  if (lost !== undefined) return refuse(`a comment would be lost or changed: ${JSON.stringify(lost.slice(0, 80))}`)
  if (!same(first.ast.items, second.ast.items)) return refuse('its output parses to a different tree')
  if (blocksBefore.length !== blocksAfter.length || blocksBefore.some((t, i) => t.text !== blocksAfter[i]!.text)) return refuse('a block string would change')
  if (printFile(second.ast, { source: printed, newline }) !== printed) return refuse('formatting its output again changes it')

  const out = bom + printed
  return { text: out, changed: out !== text, diagnostics: [] }
}

/** The first comment of `a` whose text (as printed) is not in `b` as many times (or one too many in `b`). */
function missingComment(a: FileAst, b: FileAst): string | undefined {
  const count = new Map<string, number>()
  for (const c of b.comments) {
    const k = commentLines(c.text).join('\n')
    count.set(k, (count.get(k) ?? 0) + 1)
  }
  for (const c of a.comments) {
    const k = commentLines(c.text).join('\n')
    const n = count.get(k) ?? 0
    if (n === 0) return c.text
    count.set(k, n - 1)
  }
  for (const [k, n] of count) if (n > 0) return k
  return undefined
}

function blockStrings(text: string): Token[] {
  return tokenize(text).filter((t) => t.kind === 'blockString')
}

/** A block string of the source (`before`) outside every top-level item that the output (`after`) no longer has. */
function droppedBlockString(before: readonly Token[], after: readonly Token[], ast: FileAst): Token | undefined {
  const left = new Map<string, number>()
  for (const t of after) left.set(t.text, (left.get(t.text) ?? 0) + 1)
  const inItem = (t: Token) => ast.items.some((i) => i.span.start <= t.start && t.end <= i.span.end)
  for (const t of before.filter(inItem)) left.set(t.text, (left.get(t.text) ?? 0) - 1)
  for (const t of before.filter((t) => !inItem(t))) {
    const n = left.get(t.text) ?? 0
    if (n <= 0) return t
    left.set(t.text, n - 1)
  }
  return undefined
}

function isSpan(v: object): boolean {
  return 'file' in v && 'start' in v && 'end' in v
}

/** Whether two syntax (sub)trees are the same but for positions (any span compares as present or absent). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    return a.every((x, i) => same(x, b[i]))
  }
  if (Array.isArray(b)) return false
  if (isSpan(a) && isSpan(b)) return true
  const ka = Object.keys(a).filter((k) => k !== 'contentStart' && (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => k !== 'contentStart' && (b as Record<string, unknown>)[k] !== undefined)
  if (ka.length !== kb.length) return false
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}
