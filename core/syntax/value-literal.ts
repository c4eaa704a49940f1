// A value written on its own in BAML syntax, as in a test block's `args { ... }`: `{ name "Ada"
// langs ["en", "fr"] }`, block strings, unquoted words, `env.NAME`, `null`. The same grammar as the
// files (parse-value.ts), read from a string, turned into plain JSON-like data. Used by tools that
// take arguments typed by a person (the REPL).
import { initialState, okState, run, skipSpacer, type Ctx } from './combinators.ts'
import type { ValueAst } from './ast.ts'
import { error, type Diagnostic } from './diagnostics.ts'
import { tokenize } from './lexer.ts'
import { value } from './parse-value.ts'
import { failureDiagnostic } from './recovery.ts'
import { dedentBlock } from './strings.ts'

export interface ValueLiteralOptions {
  /** The file name diagnostics point at (default `<input>`). */
  readonly path?: string
  /** Values of `env.NAME`; a name missing here is an error. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /**
   * Called for bare words (`foo`, `$x`, `$x.name`): return the value to use, or undefined to keep
   * the word as a string (as test args do). Throw to reject the word.
   */
  readonly resolveWord?: (word: string) => unknown
}

export type ValueLiteralResult =
  | { readonly ok: true; readonly value: unknown; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }

class WordError extends Error {
  constructor(
    message: string,
    readonly at: ValueAst['span'],
  ) {
    super(message)
  }
}

function toData(v: ValueAst, opts: ValueLiteralOptions): unknown {
  switch (v.kind) {
    case 'string':
      return v.quoted === 'block' ? dedentBlock(v.value).text : v.value
    case 'number':
      return v.value
    case 'bool':
      return v.value
    case 'env': {
      const got = opts.env?.[v.name]
      if (got === undefined) throw new WordError(`Environment variable ${v.name} is not set`, v.span)
      return got
    }
    case 'ident': {
      if (v.name === 'null') return null
      if (!opts.resolveWord) return v.name
      let got: unknown
      try {
        got = opts.resolveWord(v.name)
      } catch (e) {
        throw new WordError(e instanceof Error ? e.message : String(e), v.span)
      }
      return got === undefined ? v.name : got
    }
    case 'jinja':
      return `{{${v.expression}}}`
    case 'call':
      return v.text
    case 'array':
      return v.items.map((x) => toData(x, opts))
    case 'map': {
      const out: Record<string, unknown> = {}
      for (const e of v.entries) out[e.key] = toData(e.value, opts)
      return out
    }
  }
}

const MISSING_SEPARATOR = '`,`, a new line or `}` after the value'

/** Words that are a whole value on their own, never the start of an unquoted string with spaces. */
const WHOLE_WORD = /^(\$[A-Za-z0-9_.-]*|env\.[A-Za-z0-9_]+|true|false|null)$/

/** An offset in the text after new lines were put in at `inserted` (each in the text of its time), in the text as typed. */
function unshift(inserted: readonly number[], offset: number): number {
  for (let i = inserted.length - 1; i >= 0; i--) if (offset > inserted[i]!) offset--
  return offset
}

/**
 * Parse `text` as one BAML value. Errors (bad syntax, text after the value, an unset `env.NAME`, a
 * word `resolveWord` rejects) come back as diagnostics pointing into `text`. Never throws.
 *
 * Typed on one line, map entries need no comma (`{ name "Ada" langs ["en"] age 36 }`): where the
 * grammar finds a value followed by a key with no separator, a new line is put in and the text
 * parsed again. An unquoted string runs to the end of the line, as in a test block (`{ text I like
 * it }`), except that `$var`, `env.NAME`, `true`, `false` and `null` end at their last character; and
 * when what follows an unquoted string does not parse, the string is tried as one word.
 */
export function parseValueLiteral(text: string, opts: ValueLiteralOptions = {}): ValueLiteralResult {
  const inserted: number[] = []
  let src = text
  let firstFailure: { result: ValueLiteralResult; insertions: number } | undefined
  const mapped = (r: ValueLiteralResult, insertions: number): ValueLiteralResult => {
    const at = inserted.slice(0, insertions)
    if (!at.length) return r
    const fix = (d: Diagnostic): Diagnostic => ({ ...d, span: { ...d.span, start: unshift(at, d.span.start), end: unshift(at, d.span.end) } })
    return { ...r, diagnostics: r.diagnostics.map(fix) }
  }
  for (;;) {
    const r = parseOnce(src, opts)
    let at = r.retryAt ?? r.wholeWordEnd
    if (at === undefined && !r.result.ok && r.splitAt !== undefined) {
      firstFailure ??= { result: r.result, insertions: inserted.length }
      at = r.splitAt
    }
    if (at === undefined || inserted.length >= 1000) {
      if (!r.result.ok && firstFailure) return mapped(firstFailure.result, firstFailure.insertions)
      return mapped(r.result, inserted.length)
    }
    inserted.push(at)
    src = src.slice(0, at) + '\n' + src.slice(at)
  }
}

interface Attempt {
  readonly result: ValueLiteralResult
  /** A key follows a value with no separator: put a new line here. */
  readonly retryAt?: number
  /** An unquoted string starts with a whole-value word (`$x`, `env.X`, `true`...): end it there. */
  readonly wholeWordEnd?: number
  /** The parse failed right after an unquoted string with spaces: where its first word ends. */
  readonly splitAt?: number
}

function parseOnce(text: string, opts: ValueLiteralOptions): Attempt {
  const path = opts.path ?? '<input>'
  const diagnostics: Diagnostic[] = []
  const ctx: Ctx = { file: path, src: text, tokens: tokenize(text), diags: diagnostics, farIndex: -1, farExpected: [], unquotedRanges: [], depth: 0 }
  const fail = (ds: Diagnostic[]): { result: ValueLiteralResult } => ({ result: { ok: false, diagnostics: ds } })
  const start = skipSpacer(ctx.tokens, 0)
  const first = ctx.tokens[start]!
  if (first.kind === 'eof') return fail([error('Expected a value', { file: path, start: 0, end: 0 })])
  const r = run(value, okState(initialState(ctx), null, start))
  // Unquoted strings with spaces, in text order: [start, end, end of the first word].
  const spaced: [number, number, number][] = []
  for (let i = 0; i < ctx.unquotedRanges.length; i += 2) {
    const s = ctx.unquotedRanges[i]!
    const e = ctx.unquotedRanges[i + 1]!
    const word = /^\S+/.exec(text.slice(s, e))![0]
    if (s + word.length < e) spaced.push([s, e, s + word.length])
  }
  spaced.sort((a, b) => a[0] - b[0])
  const whole = spaced.find(([s, , w]) => WHOLE_WORD.test(text.slice(s, w)))
  if (whole) return { ...fail([]), wholeWordEnd: whole[2] }
  if (r.isError) {
    const at = ctx.tokens[ctx.farIndex]
    if (at && (at.kind === 'word' || at.kind === 'string') && ctx.farMessage === undefined && ctx.farExpected.includes(MISSING_SEPARATOR)) {
      return { ...fail([]), retryAt: at.start }
    }
    const failed = fail([...diagnostics, failureDiagnostic(ctx, start)])
    const before = at ? spaced.filter(([, e]) => text.slice(e, at.start).trim() === '') : []
    return before.length ? { ...failed, splitAt: before[before.length - 1]![2] } : failed
  }
  const rest = ctx.tokens[skipSpacer(ctx.tokens, r.index)]!
  if (rest.kind !== 'eof') return fail([...diagnostics, error('Unexpected text after the value', { file: path, start: rest.start, end: text.trimEnd().length })])
  if (diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics)
  try {
    return { result: { ok: true, value: toData(r.result, opts), diagnostics } }
  } catch (e) {
    if (e instanceof WordError) return fail([...diagnostics, error(e.message, e.at)])
    throw e
  }
}
