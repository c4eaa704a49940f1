// Error reporting and skipping for the parser's recovery points (block members, block entries,
// top-level items): report the furthest failure once, then resume at a line or block boundary.
import { error, type Diagnostic } from './diagnostics.ts'
import { describe, type Ctx } from './combinators.ts'
import type { Span } from './span.ts'
import type { Token } from './tokens.ts'

const TOP_KEYWORDS: ReadonlySet<string> = new Set([
  'class',
  'enum',
  'function',
  'client',
  'test',
  'generator',
  'retry_policy',
  'template_string',
  'string_template',
  'type',
])

/** Reset the furthest-failure tracker before parsing a unit that may fail. */
export function resetFailure(ctx: Ctx): void {
  ctx.farIndex = -1
  // An empty list is never pushed to while farIndex is -1, so it can stay (one array less per entry).
  if (ctx.farExpected.length) ctx.farExpected = []
  ctx.farMessage = undefined
}

function joinExpected(list: readonly string[]): string {
  const uniq = [...new Set(list)]
  if (uniq.length <= 1) return uniq[0] ?? 'something else'
  return uniq.slice(0, -1).join(', ') + ' or ' + uniq[uniq.length - 1]
}

/**
 * "Expected X, found Y" at the furthest failure (or at `fallback` if nothing was recorded); a
 * complete message set by `failAt`, or the malformed token's own problem, takes its place.
 */
export function failureDiagnostic(ctx: Ctx, fallback: number): Diagnostic {
  const index = ctx.farIndex >= 0 ? ctx.farIndex : fallback
  const t = ctx.tokens[Math.min(index, ctx.tokens.length - 1)]!
  const msg = ctx.farMessage ?? t.problem ?? `expected ${joinExpected(ctx.farExpected)}, found ${describe(t)}`
  const span = { file: ctx.file, start: t.start, end: t.kind === 'eof' ? t.start : t.end }
  return error(capitalize(msg), span)
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** Whether token `i` is the first thing on its line and sits in column 1. */
function atLineStartColumn0(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i]!
  if (t.start === 0) return true
  const prev = ctx.src.charCodeAt(t.start - 1)
  return prev === 10 || prev === 13
}

/**
 * Whether token `i` looks like the start of a top-level block written in column 1
 * (`class Foo {`, `function F(`, `client<llm> C {`, `type A =`, `template_string T(`...).
 * Used to notice an unclosed block: the reference would swallow the next block as junk lines.
 */
export function looksLikeTopLevelStart(ctx: Ctx, i: number): boolean {
  const toks = ctx.tokens
  const t = toks[i]!
  // Column 1 first: it is a character test, and members (indented) fail it without a set lookup.
  if (t.kind !== 'word' || !atLineStartColumn0(ctx, i) || !TOP_KEYWORDS.has(t.text)) return false
  const a = toks[i + 1]!
  if (t.text === 'client' && a.kind === 'punct' && a.text === '<') return true
  if (a.kind !== 'word') return false
  const b = toks[i + 2]!
  if (b.kind !== 'punct') return b.kind === 'blockString'
  return b.text === '{' || b.text === '(' || b.text === '=' || b.text === '->'
}

/** Index of the next newline (or end of file) at or after `i`. */
export function skipLine(ctx: Ctx, i: number): number {
  const toks = ctx.tokens
  while (toks[i]!.kind !== 'newline' && toks[i]!.kind !== 'eof') i++
  return i
}

/** The span of token `i` and the rest of its line (what a "this line is invalid" report points at). */
export function lineSpan(ctx: Ctx, i: number): Span {
  const toks = ctx.tokens
  const a = toks[i]!
  const b = toks[Math.max(i, skipLine(ctx, i) - 1)]!
  return { file: ctx.file, start: a.start, end: Math.max(a.end, b.end) }
}

/**
 * Skip a broken entry starting at `from`: to the first new line outside any bracket it opened, or
 * to a `}` that closes the enclosing block (not consumed), or to a top-level block start. Brackets
 * are matched by kind, so a stray `]` inside an open `{` does not end the entry early.
 */
export function skipEntry(ctx: Ctx, from: number): number {
  const toks = ctx.tokens
  const open: string[] = []
  for (let i = from; ; i++) {
    const t: Token = toks[i]!
    if (t.kind === 'eof') return i
    if (t.kind === 'newline') {
      if (open.length === 0) return i
      if (looksLikeTopLevelStart(ctx, i + 1)) return i + 1
      continue
    }
    if (t.kind !== 'punct') continue
    if (t.text === '{' || t.text === '[' || t.text === '(') open.push(t.text)
    else if (t.text === '}' || t.text === ']' || t.text === ')') {
      if (open.length === 0) {
        if (t.text === '}') return i
        continue
      }
      const want = open[open.length - 1] === '{' ? '}' : open[open.length - 1] === '[' ? ']' : ')'
      if (t.text === want) open.pop()
      else if (t.text === '}' && open.includes('{')) {
        // Close back to the matching `{`, dropping unclosed `[`/`(` inside it.
        while (open.pop() !== '{') {}
      }
    }
  }
}

/** Skip to the next line that starts a top-level block (or the end of the file). */
export function skipToNextTopLevel(ctx: Ctx, from: number): number {
  const toks = ctx.tokens
  let i = from
  for (;;) {
    const t = toks[i]!
    if (t.kind === 'eof') return i
    if (i > from && t.kind === 'word' && atLineStartColumn0(ctx, i) && TOP_KEYWORDS.has(t.text)) return i
    i++
  }
}
