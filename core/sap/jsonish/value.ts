// The candidate values the lenient reader finds in model output ("jsonish" values), modelled on
// the reference's `jsonish::Value`. Nodes are immutable once built: the stream parser shares them
// between successive partial parses, and coercion results are memoised by node identity.

import { copyList, work } from '../work.ts'
import { samePrefix, seen, type Seen } from '../same-prefix.ts'

export type Fix = 'GreppedForJSON' | 'InferredArray'

/**
 * Per-node caches (kept on the node rather than in WeakMaps: nodes of a stream come and go with
 * every push, and ephemeron tables would keep their cached results alive into the old generation).
 */
export interface NodeCache {
  /** completeDeeply would not change the node */
  dd?: boolean
  /** wrappers made by the reader for this node */
  grepped?: JValue
  unfixed?: JValue
  md?: Map<string, JValue>
  /** coercion results (see coerce/coerce.ts) */
  memo?: unknown
  /** displayValue of an object or array */
  disp?: string
}

interface Cached {
  /** caches (not part of the value) */
  c?: NodeCache
}

export interface JString extends Cached {
  readonly t: 'str'
  readonly s: string
  /** false while the string may still grow (streaming) */
  readonly done: boolean
}

export interface JNumber extends Cached {
  readonly t: 'num'
  readonly n: number
  /** true when the reference would hold it as an integer (i64/u64), false for a float */
  readonly int: boolean
  readonly done: boolean
  /** the exact value of an integer beyond JavaScript's safe range */
  readonly big?: bigint
}

export interface JBool extends Cached {
  readonly t: 'bool'
  readonly b: boolean
}

export interface JNull extends Cached {
  readonly t: 'null'
}

export interface JObject extends Cached {
  readonly t: 'obj'
  /** Entries in order; keys may repeat (the first match wins when coercing). */
  readonly keys: readonly string[]
  readonly vals: readonly JValue[]
  readonly done: boolean
  /**
   * Set on a container that is still growing in a stream: the same token is used for every
   * version of it, whose entries extend the previous version's (except possibly the last).
   */
  readonly origin?: object
}

export interface JArray extends Cached {
  readonly t: 'arr'
  readonly items: readonly JValue[]
  readonly done: boolean
  /** see JObject.origin */
  readonly origin?: object
}

export interface JMarkdown extends Cached {
  readonly t: 'md'
  readonly tag: string
  readonly inner: JValue
  readonly done: boolean
}

export interface JFixed extends Cached {
  readonly t: 'fixed'
  readonly inner: JValue
  readonly fixes: readonly Fix[]
}

export interface JAnyOf extends Cached {
  readonly t: 'any'
  readonly choices: readonly JValue[]
  /** The text these candidates were read from. */
  readonly raw: string
  /**
   * Set when the candidates come from a stage that only adds to them as a stream grows: the same
   * token for every version, whose choices extend the previous version's except for the last few
   * (see JArray.origin). Only the last choice can be an AnyOf then.
   */
  readonly origin?: object
  /** isComplete of the node, when its maker knows it (a long list need not be looked through) */
  readonly done?: boolean
}

export type JValue = JString | JNumber | JBool | JNull | JObject | JArray | JMarkdown | JFixed | JAnyOf

export const JNULL: JNull = { t: 'null' }
export const JTRUE: JBool = { t: 'bool', b: true }
export const JFALSE: JBool = { t: 'bool', b: false }

export function jstr(s: string, done: boolean): JString {
  return { t: 'str', s, done }
}
export function jnum(n: number, int: boolean, done: boolean, big?: bigint): JNumber {
  return big === undefined ? { t: 'num', n, int, done } : { t: 'num', n, int, done, big }
}
export function jobj(keys: readonly string[], vals: readonly JValue[], done: boolean, origin?: object): JObject {
  return origin === undefined ? { t: 'obj', keys, vals, done } : { t: 'obj', keys, vals, done, origin }
}
export function jarr(items: readonly JValue[], done: boolean, origin?: object): JArray {
  return origin === undefined ? { t: 'arr', items, done } : { t: 'arr', items, done, origin }
}
export function janyof(choices: readonly JValue[], raw: string, origin?: object, done?: boolean): JAnyOf {
  return origin === undefined ? { t: 'any', choices, raw } : { t: 'any', choices, raw, origin, done }
}

/**
 * Whether `v` is the string of the whole `raw` text it was read from. Comparing lengths is enough
 * (and does not read a long text, which would cost a stream every push): a reader's string is
 * either the raw text itself, an unquoted token copied verbatim, or shorter than its source (quotes,
 * escapes, dedent, skipped characters), so one as long as the text is the text.
 */
export function isWholeText(v: JValue, raw: string): boolean {
  return v.t === 'str' && v.s.length === raw.length
}
export function jfixed(inner: JValue, fixes: readonly Fix[]): JFixed {
  return { t: 'fixed', inner, fixes }
}

/** The reference's `completion_state()`: is this node (not necessarily its children) complete? */
export function isComplete(v: JValue): boolean {
  switch (v.t) {
    case 'str':
    case 'num':
    case 'obj':
    case 'arr':
    case 'md':
      return v.done
    case 'bool':
    case 'null':
    case 'fixed':
      return true
    case 'any':
      if (v.done !== undefined) return v.done
      for (const c of v.choices) if (!isComplete(c)) return false
      return true
  }
}

/**
 * Origins (see JObject.origin) of lists that live for one stream push: nothing derived from such a
 * list is read after the next push's parse, so what coercion and rendering build from it may share
 * the arrays they extend in place from push to push instead of copying them (see reader.ts,
 * bracketStage). Other growing lists may be held by a kept value (a closed region's) while their
 * origin is read on, so their results are copies.
 */
const pushLived = new WeakSet<object>()

export function markPushLived(origin: object): void {
  pushLived.add(origin)
}

export function isPushLived(origin: object | undefined): boolean {
  return origin !== undefined && pushLived.has(origin)
}

export function nodeCache(v: JValue): NodeCache {
  let c = v.c
  if (c === undefined) {
    c = {}
    v.c = c
  }
  return c
}

/** Whether `completeDeeply` would change anything (memoised: nodes are immutable). */
function isDeeplyComplete(v: JValue): boolean {
  switch (v.t) {
    case 'str':
    case 'num':
      return v.done
    case 'bool':
    case 'null':
      return true
    default: {
      const hit = v.c?.dd
      if (hit !== undefined) return hit
      let r: boolean
      if (v.t === 'obj') r = v.done && v.vals.every(isDeeplyComplete)
      else if (v.t === 'arr') r = v.done && v.items.every(isDeeplyComplete)
      else if (v.t === 'md') r = v.done // the reference does not descend into markdown
      else if (v.t === 'fixed') r = isDeeplyComplete(v.inner)
      else r = v.choices.every(isDeeplyComplete)
      nodeCache(v).dd = r
      return r
    }
  }
}

/** The reference's `complete_deeply`, as a copy (shares every already-complete subtree). */
export function completeDeeply(v: JValue): JValue {
  work.steps++
  if (isDeeplyComplete(v)) return v
  switch (v.t) {
    case 'str':
      return jstr(v.s, true)
    case 'num':
      return jnum(v.n, v.int, true, v.big)
    case 'obj':
      return jobj(v.keys, v.vals.map(completeDeeply), true)
    case 'arr':
      return jarr(v.items.map(completeDeeply), true)
    case 'md':
      return { t: 'md', tag: v.tag, inner: v.inner, done: true }
    case 'fixed':
      return jfixed(completeDeeply(v.inner), v.fixes)
    case 'any':
      return janyof(v.choices.map(completeDeeply), v.raw)
    default:
      return v
  }
}

/** Formats a float the way Rust's `ryu` crate does (what serde_json prints): `1.0`, `1e20`, `1.5e-7`. */
export function formatFloat(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'NaN'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const neg = x < 0
  const exp = Math.abs(x).toExponential() // shortest round-trip digits: d.ddde±k
  const ePos = exp.indexOf('e')
  const digits = exp.slice(0, ePos).replace('.', '')
  const sciExp = Number(exp.slice(ePos + 1))
  const olength = digits.length
  const kk = sciExp + 1 // position of the decimal point relative to the digits
  const k = kk - olength // exponent of the last digit
  let out: string
  if (k >= 0 && kk <= 16) out = digits + '0'.repeat(k) + '.0'
  else if (kk > 0 && kk <= 16) out = digits.slice(0, kk) + '.' + digits.slice(kk)
  else if (kk > -5 && kk <= 0) out = '0.' + '0'.repeat(-kk) + digits
  else if (olength === 1) out = digits + 'e' + (kk - 1)
  else out = digits[0] + '.' + digits.slice(1) + 'e' + (kk - 1)
  return neg ? '-' + out : out
}

export function formatNumber(v: JNumber): string {
  if (v.big !== undefined) return v.big.toString()
  return v.int ? String(v.n) : formatFloat(v.n)
}

const I64_MIN = -(2n ** 63n)
const I64_MAX = 2n ** 63n - 1n
const U64_MAX = 2n ** 64n - 1n

/** An integer's value as the reference's `as_i64` sees it (undefined: does not fit). */
export function asI64(v: JNumber): number | undefined {
  if (!v.int) return undefined
  if (v.big === undefined) return v.n
  return v.big >= I64_MIN && v.big <= I64_MAX ? Number(v.big) : undefined
}

/** The reference's `n as i64` for an integer that only fits u64 (it wraps around). */
export function wrapToI64(v: JNumber): number {
  return v.big === undefined ? v.n : Number(BigInt.asIntN(64, v.big))
}

/** Exact integer from digits when beyond the safe range; undefined when outside i64/u64. */
export function bigIntegerOf(digits: string): { n: number; big?: bigint } | undefined {
  const n = Number(digits)
  if (Number.isSafeInteger(n)) return { n: n === 0 ? 0 : n }
  const big = BigInt(digits.charCodeAt(0) === 43 ? digits.slice(1) : digits)
  if (big < I64_MIN || big > U64_MAX) return undefined
  return { n: Number(big), big }
}

/** The reference's `Display` for values (used for JSON-to-string coercion and odd object keys). */
export function displayValue(v: JValue): string {
  work.steps++
  switch (v.t) {
    case 'str':
      return v.s
    case 'num':
      return formatNumber(v)
    case 'bool':
      return v.b ? 'true' : 'false'
    case 'null':
      return 'null'
    case 'obj':
    case 'arr': {
      const c = nodeCache(v)
      return (c.disp ??= v.t === 'obj' ? '{' + joinDisplay(v, v.vals) + '}' : '[' + joinDisplay(v, v.items) + ']')
    }
    case 'md':
      return v.tag + '\n' + displayValue(v.inner)
    case 'fixed':
      return displayValue(v.inner)
    case 'any': {
      let s = 'AnyOf[' + v.raw + ','
      for (const c of v.choices) s += displayValue(c) + ','
      return s + ']'
    }
  }
}

/** The display strings of a growing object or array's leading entries, joined (by origin). */
const displayPrefix = new WeakMap<object, { items: Seen; n: number; s: string }>()

/**
 * The entries of an object or array displayed and joined with `, `. A growing one (with an origin)
 * keeps the joined text of all but its last entry, which the next version extends.
 */
function joinDisplay(v: JObject | JArray, items: readonly JValue[]): string {
  const len = v.t === 'obj' ? Math.min(v.keys.length, v.vals.length) : items.length
  const part = (i: number): string => (v.t === 'obj' ? v.keys[i] + ': ' + displayValue(items[i]!) : displayValue(items[i]!))
  if (v.origin === undefined || len === 0) {
    let s = ''
    for (let i = 0; i < len; i++) s += (i > 0 ? ', ' : '') + part(i)
    return s
  }
  let c = displayPrefix.get(v.origin)
  if (c === undefined || samePrefix(c.items, items) < c.n) c = { items: seen([]), n: 0, s: '' }
  let s = c.s
  for (let i = c.n; i < len - 1; i++) s += (i > 0 ? ', ' : '') + part(i)
  displayPrefix.set(v.origin, { items: seen(items), n: Math.max(c.n, len - 1), s })
  return len === 1 ? part(0) : s + ', ' + part(len - 1)
}

/** Short type description used in error messages. */
export function describeValue(v: JValue): string {
  switch (v.t) {
    case 'str':
      return `String(${JSON.stringify(v.s)}, ${v.done ? 'Complete' : 'Incomplete'})`
    case 'num':
      return `Number(${formatNumber(v)}, ${v.done ? 'Complete' : 'Incomplete'})`
    case 'bool':
      return `Boolean(${v.b})`
    case 'null':
      return 'Null'
    case 'obj':
      return `Object{${v.keys.join(', ')}}`
    case 'arr':
      return `Array[${v.items.length} items]`
    case 'md':
      return `Markdown(${v.tag})`
    case 'fixed':
      return describeValue(v.inner)
    case 'any':
      return `AnyOf[${v.choices.map(describeValue).join(', ')}]`
  }
}

/** The reference's `Value::simplify`: flattens the top-level AnyOf produced by the reader. */
export function simplify(v: JValue, isDone: boolean): JValue {
  if (v.t !== 'any') return v
  // (in a growing AnyOf only the last choice can be an AnyOf: the rest need no look)
  const items = v.origin !== undefined ? simplifyLast(v.choices, isDone) : v.choices.map((c) => simplify(c, isDone))
  if (items.length === 0) return jstr(v.raw, isDone)
  if (items.length === 1) {
    const only = items[0]!
    if (isWholeText(only, v.raw)) return jstr(v.raw, isDone)
    return janyof([only], v.raw)
  }
  return v.origin !== undefined ? (items === v.choices ? v : janyof(items, v.raw, v.origin)) : janyof(items, v.raw)
}

function simplifyLast(choices: readonly JValue[], isDone: boolean): readonly JValue[] {
  const last = choices[choices.length - 1]
  if (last === undefined || last.t !== 'any') return choices
  const out = copyList(choices)
  out[out.length - 1] = simplify(last, isDone)
  return out
}
