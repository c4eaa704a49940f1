// Arcsecond over a token array. Arcsecond's own text primitives (`str`, `regex`, ...) decode the
// remaining input on every call, so the grammar never uses them: the primitives below read
// `ctx.tokens[state.index]` and build new state objects with one fixed key order (no object
// spread) so V8 keeps a single hidden class for every state. Arcsecond's `many` stops at
// `dataView.byteLength`, so the initial state carries a stand-in `{ byteLength: tokens.length }`.
import {
  Parser,
  many as arcMany,
  recursiveParser as arcRecursive,
  sequenceOf as arcSequenceOf,
} from 'arcsecond'
import { error, type Diagnostic } from './diagnostics.ts'
import type { LexedComment } from './lexer.ts'
import type { Span } from './span.ts'
import type { Token } from './tokens.ts'

/** A parse failure: where, and what was expected there. */
export interface PErr {
  readonly index: number
  readonly expected: string
}

/** Shared, mutable parse context (the `data` of every state). */
export interface Ctx {
  readonly file: string
  readonly src: string
  /** Replaced from some index on when an unquoted value ends inside a token (see parse-value.ts). */
  readonly tokens: Token[]
  /** The comments being collected for the printer, if any (kept in step with re-lexing). */
  readonly comments?: LexedComment[]
  readonly diags: Diagnostic[]
  /** Furthest token index at which anything failed, and what was expected there. */
  farIndex: number
  farExpected: string[]
  /** A complete message for the furthest failure, replacing "expected ..., found ..." when set. */
  farMessage?: string
  /** Source ranges read as unquoted strings (a `//` inside one, as in `http://x`, is not a comment). */
  readonly unquotedRanges: number[]
  /** Current nesting of types/values (bounded so deep input cannot exhaust the stack). */
  depth: number
}

/** Deepest nesting of parenthesised types, maps and arrays (list types `T[][]` included) the parser accepts. */
export const MAX_NESTING = 64

/** The error for input nested past MAX_NESTING at token `index` (reported once per file). */
export function tooDeeplyNested<T>(s: St<unknown>, index: number): St<T> {
  const ctx = s.data
  if (!ctx.diags.some((d) => d.message.startsWith('Nesting deeper than'))) {
    const t = ctx.tokens[index]!
    ctx.diags.push(error(`Nesting deeper than ${MAX_NESTING} levels of brackets is not supported`, spanOf(ctx, t.start, t.end)))
  }
  return errState(s, index, 'less deeply nested input')
}

/** Run `p` one nesting level deeper; past MAX_NESTING, fail instead of recursing. */
export function nested<T>(p: P<T>): P<T> {
  return prim((s) => {
    const ctx = s.data
    if (ctx.depth >= MAX_NESTING) return tooDeeplyNested(s, s.index)
    ctx.depth++
    const out = run(p, s)
    ctx.depth--
    return out
  })
}

export interface St<T> {
  readonly dataView: { readonly byteLength: number }
  readonly inputType: string
  readonly isError: boolean
  readonly error: PErr | null
  readonly result: T
  readonly data: Ctx
  readonly index: number
}

export type P<T> = Parser<T, PErr, Ctx>

// Arcsecond's declared state type insists on a DataView; ours is a stand-in with byteLength.
// (Casts only: helper functions here would be real calls on every step of a cold run.)
type AnyState = Parameters<Parser<unknown>['p']>[0]

export function initialState(ctx: Ctx): St<null> {
  // A getter: re-lexing (parse-value.ts) can change the number of tokens.
  return { dataView: { get byteLength() { return ctx.tokens.length } }, inputType: 'tokens', isError: false, error: null, result: null, data: ctx, index: 0 }
}

export function okState<T>(s: St<unknown>, result: T, index: number): St<T> {
  return { dataView: s.dataView, inputType: s.inputType, isError: false, error: null, result, data: s.data, index }
}

export function errState<T>(s: St<unknown>, index: number, expected: string): St<T> {
  const ctx = s.data
  if (index > ctx.farIndex) {
    ctx.farIndex = index
    ctx.farExpected = [expected]
    ctx.farMessage = undefined
  } else if (index === ctx.farIndex && !ctx.farExpected.includes(expected)) {
    ctx.farExpected.push(expected)
  }
  return { dataView: s.dataView, inputType: s.inputType, isError: true, error: { index, expected }, result: null as T, data: ctx, index }
}

type Step<T> = (s: St<unknown>) => St<T>

/** Build a primitive from a step function of the state (called only on states that have not failed). */
export function prim<T>(fn: Step<T>): P<T> {
  const p = new Parser((s: AnyState) => {
    const st = s as unknown as St<unknown>
    if (st.isError) return s
    return fn(st) as unknown as AnyState
  }) as unknown as P<T> & { step?: Step<T> }
  p.step = fn
  return p
}

/**
 * Run `p` on `s`. A primitive's function is called directly (Arcsecond's wrapper only adds the
 * error pass-through, done here): one call less per grammar step, which a cold run feels.
 */
export function run<T>(p: P<T>, s: St<unknown>): St<T> {
  const step = (p as P<T> & { step?: Step<T> }).step
  if (step !== undefined) return s.isError ? (s as St<T>) : step(s)
  return (p as unknown as Parser<unknown>).p(s as unknown as AnyState) as unknown as St<T>
}

// Typed front-ends for the Arcsecond combinators the grammar uses.
export function seq<T extends unknown[]>(ps: { [K in keyof T]: P<T[K]> }): P<T> {
  return arcSequenceOf(ps as unknown as Parser<unknown>[]) as unknown as P<T>
}
export function many<T>(p: P<T>): P<T[]> {
  return arcMany(p as unknown as Parser<unknown>) as unknown as P<T[]>
}
export function lazy<T>(thunk: () => P<T>): P<T> {
  return arcRecursive(thunk as unknown as () => Parser<unknown>) as unknown as P<T>
}

// ---- token primitives -------------------------------------------------------------------------

export function tokenAt(s: St<unknown>): Token {
  return s.data.tokens[s.index]!
}

/** Index of the first token at or after `i` that is not a new line. */
export function skipNewlines(toks: readonly Token[], i: number): number {
  while (toks[i]!.kind === 'newline') i++
  return i
}

/** Index of the first token at or after `i` that is neither a new line nor a `///` line (the reference's SPACER_TEXT). */
export function skipSpacer(toks: readonly Token[], i: number): number {
  while (toks[i]!.kind === 'newline' || toks[i]!.kind === 'doc') i++
  return i
}

/**
 * Skip new lines and `///` lines from `i` like `skipSpacer`, gathering the doc text into `doc` for
 * what follows; a blank line empties it (a docstring must sit right above its item).
 */
export function gatherDoc(toks: readonly Token[], i: number, doc: string[]): number {
  for (;;) {
    const t = toks[i]!
    if (t.kind === 'doc') doc.push(t.text)
    else if (t.kind !== 'newline') return i
    else if (t.blank) doc.length = 0
    i++
  }
}

export function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'the end of the file'
    case 'newline':
      return 'the end of the line'
    case 'string':
      return `the string ${clip(t.text)}`
    case 'blockString':
      return 'a block string'
    case 'jinja':
      return `\`${clip(t.text)}\``
    case 'doc':
      return 'a `///` comment'
    default:
      return `\`${clip(t.text)}\``
  }
}

function clip(s: string): string {
  const one = s.split('\n')[0]!
  return one.length > 40 ? one.slice(0, 37) + '...' : one
}

/** One punctuation token with exactly this text. */
export function punct(text: string): P<Token> {
  const expected = `\`${text}\``
  return prim((s) => {
    const t = tokenAt(s)
    return t.kind === 'punct' && t.text === text ? okState(s, t, s.index + 1) : errState(s, s.index, expected)
  })
}

/** Run `p`; if it fails without consuming anything, report `expected` instead of its own wording. */
export function label<T>(expected: string, p: P<T>): P<T> {
  return prim((s) => runLabelled(expected, p, s))
}

/** `run(label(expected, p), s)` without building a parser (for labels whose text depends on the input). */
export function runLabelled<T>(expected: string, p: P<T>, s: St<unknown>): St<T> {
  const ctx = s.data
  const savedIndex = ctx.farIndex
  const savedExpected = ctx.farExpected
  const savedMessage = ctx.farMessage
  const out = run(p, s)
  if (!out.isError) return out
  if (out.error!.index <= s.index && ctx.farMessage === savedMessage) {
    ctx.farIndex = savedIndex
    ctx.farExpected = savedExpected
    return errState(s, s.index, expected)
  }
  return out
}

export function spanOf(ctx: Ctx, start: number, end: number): Span {
  return { file: ctx.file, start, end }
}

/** Pass a failed state on with the caller's result type. */
export function failed<T>(s: St<unknown>): St<T> {
  return s as St<T>
}

/**
 * Predictive choice: pick the one parser that can start at the current token (LL(1) dispatch),
 * instead of trying alternatives in turn. Fails with `expected` when none applies.
 */
export function dispatch<T>(expected: string, select: (t: Token, s: St<unknown>) => P<T> | undefined): P<T> {
  return prim((s) => {
    const p = select(s.data.tokens[s.index]!, s)
    return p ? run(p, s) : errState(s, s.index, expected)
  })
}

/** Fail at `index` with a complete `message`, reported even if something failed further on. */
export function failAt<T>(s: St<unknown>, index: number, message: string): St<T> {
  const ctx = s.data
  ctx.farIndex = index
  ctx.farExpected = []
  ctx.farMessage = message
  return { dataView: s.dataView, inputType: s.inputType, isError: true, error: { index, expected: message }, result: null as T, data: ctx, index }
}
