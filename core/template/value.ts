// The runtime value model of the template engine (minijinja semantics, JS representation).
//
//   template value        JS representation
//   --------------        -----------------
//   undefined             `undefined` (a missing variable, attribute or item)
//   none                  `null`
//   bool                  `boolean`
//   int                   an integral `number` (what producers pass for BAML `int`)
//   float                 a non-integral `number`, or a `Float` box for floats with an integral value
//                         (`2.0`); producers call `float(n)` for BAML `float`, which boxes only when needed
//   string                `string`
//   list (sequence)       a JS array; `nullList(arr)` marks a BAML list, whose `none` items print as `null`
//   map                   a JS `Map` (any keys, insertion order) or a plain object (string keys)
//   host object           any object carrying the `HOST` brand: BAML class instances, enum values, media,
//                         callables (`ctx.output_format`, `_.role`), loop objects, namespaces, macros.
//                         See `HostObject` for the protocol.
//
// Printing follows minijinja: `display` is what `{{ x }}` writes (Rust `Display`), `repr` is the nested,
// Rust-`Debug`-like form used inside lists and maps (`["a", 1.0, none]`), `pretty` being `{:#?}`.

import { MAX_VALUE_DEPTH, valueTooDeepError } from './limits.ts'

/** A float whose value happens to be integral (`2.0`); non-integral floats are plain numbers. */
export class Float {
  constructor(readonly value: number) {}
}

/** Wrap a JS number that the producer knows is a float. */
export function float(n: number): number | Float {
  return Number.isInteger(n) ? new Float(n) : n
}

export const HOST: unique symbol = Symbol.for('baml.template.host') as never
const nullLists = new WeakSet<unknown[]>()

/** How a host object behaves for iteration, `is mapping`, `is sequence`, printing and equality. */
export type HostRepr = 'map' | 'seq' | 'iterable' | 'plain'

/** Keyword arguments of a call (`f(a, k=v)`), in call order. */
export class Kwargs {
  constructor(readonly map: Map<string, unknown>) {}
  get(name: string): unknown {
    return this.map.get(name)
  }
  has(name: string): boolean {
    return this.map.has(name)
  }
}

/**
 * Objects supplied by the host (or built by the engine) that behave like minijinja `Object`s.
 * Every member except the brand is optional; defaults follow minijinja's defaults for the repr.
 */
export interface HostObject {
  readonly [HOST]: HostRepr
  /** Attribute (`x.name`) and item (`x[key]`) lookup. `undefined` means missing. */
  get?(key: unknown): unknown
  /** Enumeration: a map's keys, a sequence's items. Absent: not iterable. */
  iter?(): readonly unknown[]
  /** Length when it differs from the enumeration's (undefined: unsized, like a lazy iterator). */
  length?(): number | undefined
  /** What `{{ x }}` prints. Default: the non-pretty `debug` form. */
  display?(): string
  /** How the value prints nested in a list or map (`pretty` for `{:#?}`). Default: `display`, else structural. */
  debug?(pretty: boolean): string
  /**
   * Print as a pretty map of these entries wherever the value appears, nested or not (BAML class
   * instances): keys already in `Debug` form, values printed nested, `none` as `null`. Takes
   * precedence over `debug`; lets deep values print in linear time.
   */
  debugEntries?(): readonly (readonly [string, unknown])[]
  /** `x(...)`. Absent: "object is not callable". */
  call?(args: unknown[], kwargs: Kwargs | undefined): unknown
  /** `x.name(...)`. Return `NO_METHOD` to fall back to calling the attribute / python methods. */
  callMethod?(name: string, args: unknown[], kwargs: Kwargs | undefined): unknown
  /** Ordering against another value, or undefined to use the default (by kind, then structure). */
  compare?(other: unknown): number | undefined
  /** Truthiness. Default: non-empty when enumerable, else true. */
  truthy?(): boolean
  /**
   * The JSON form BAML's `format(type=...)` uses (class fields by alias, enums by alias).
   * Default: structural. (`tojson` always serializes structurally, like minijinja.)
   */
  toJSON?(): unknown
}

export const NO_METHOD: unique symbol = Symbol.for('baml.template.noMethod') as never

export function isHost(v: unknown): v is HostObject {
  return typeof v === 'object' && v !== null && (v as { [HOST]?: unknown })[HOST] !== undefined
}

/** Mark an array as a BAML list: its `none` items print as `null` (minijinja prints `none`). */
export function nullList<T extends unknown[]>(arr: T): T {
  nullLists.add(arr)
  return arr
}

function isNullList(v: unknown[]): boolean {
  return nullLists.has(v)
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false
  const p = Object.getPrototypeOf(v)
  return p === Object.prototype || p === null
}

const hasOwn = Object.prototype.hasOwnProperty

// Kinds, in minijinja's cross-kind sort order.
export const enum Kind {
  Undefined = 0,
  None = 1,
  Bool = 2,
  Number = 3,
  String = 4,
  Seq = 6,
  Map = 7,
  Iterable = 8,
  Plain = 9,
}

export function kindOf(v: unknown): Kind {
  switch (typeof v) {
    case 'undefined':
      return Kind.Undefined
    case 'boolean':
      return Kind.Bool
    case 'number':
      return Kind.Number
    case 'string':
      return Kind.String
    case 'object':
      if (v === null) return Kind.None
      if (Array.isArray(v)) return Kind.Seq
      if (v instanceof Float) return Kind.Number
      if (v instanceof Map) return Kind.Map
      if (isHost(v)) {
        const r = v[HOST]
        return r === 'map' ? Kind.Map : r === 'seq' ? Kind.Seq : r === 'iterable' ? Kind.Iterable : Kind.Plain
      }
      return Kind.Map
    default:
      return Kind.Plain
  }
}

const KIND_NAMES: Record<number, string> = {
  [Kind.Undefined]: 'undefined',
  [Kind.None]: 'none',
  [Kind.Bool]: 'bool',
  [Kind.Number]: 'number',
  [Kind.String]: 'string',
  [Kind.Seq]: 'sequence',
  [Kind.Map]: 'map',
  [Kind.Iterable]: 'iterator',
  [Kind.Plain]: 'plain object',
}

/** minijinja's name for the kind of a value, as used in error messages. */
export function kindName(v: unknown): string {
  return KIND_NAMES[kindOf(v)]!
}

/** True for ints (integral JS numbers); floats (boxed or not) are not ints. */
export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v)
}

/** The number of a number or bool (true is 1), as arithmetic and comparisons use it; else undefined. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v
  if (v instanceof Float) return v.value
  if (typeof v === 'boolean') return v ? 1 : 0
  return undefined
}

/** Rust's `i128::try_from`: ints, bools and integral floats; else undefined. */
export function integerOf(v: unknown): number | undefined {
  if (isInt(v)) return v
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v instanceof Float && Number.isInteger(v.value)) return v.value
  return undefined
}

/** minijinja's `is_true`. */
export function truthy(v: unknown): boolean {
  switch (typeof v) {
    case 'boolean':
      return v
    case 'string':
      return v.length > 0
    case 'number':
      return v !== 0 && !Number.isNaN(v) ? true : false
    case 'undefined':
      return false
    case 'object':
      if (v === null) return false
      if (Array.isArray(v)) return v.length > 0
      if (v instanceof Float) return v.value !== 0
      if (v instanceof Map) return v.size > 0
      if (isHost(v)) {
        if (v.truthy) return v.truthy()
        if (v.iter) return v.iter().length > 0
        return true
      }
      for (const k in v) if (hasOwn.call(v, k)) return true
      return false
    default:
      return true
  }
}

// ---------------------------------------------------------------------------------------------
// Enumeration

/** Keys of a map value (Map, plain object or map-like host), in order. */
export function mapKeys(v: unknown): unknown[] {
  if (v instanceof Map) return [...v.keys()]
  if (isHost(v)) return v.iter ? [...v.iter()] : []
  return Object.keys(v as object)
}

/** Look up a key in a map value; undefined when missing. */
export function mapGet(m: unknown, key: unknown): unknown {
  if (m instanceof Map) {
    const r = m.get(key)
    if (r !== undefined || typeof key !== 'number') return r
    return m.get(String(key))
  }
  if (isHost(m)) return m.get ? m.get(key) : undefined
  const k = typeof key === 'string' ? key : typeof key === 'number' ? String(key) : undefined
  if (k === undefined) return undefined
  return hasOwn.call(m, k) ? (m as Record<string, unknown>)[k] : undefined
}

/** [key, value] pairs of a map value. */
export function mapEntries(v: unknown): [unknown, unknown][] {
  if (v instanceof Map) return [...v.entries()]
  if (isHost(v)) return v.iter ? v.iter().map((k) => [k, v.get ? v.get(k) : undefined]) : []
  const out: [unknown, unknown][] = []
  for (const k of Object.keys(v as object)) out.push([k, (v as Record<string, unknown>)[k]])
  return out
}

/** Items of an iterable value, or undefined when it is not iterable (minijinja `try_iter`). */
export function iterate(v: unknown): readonly unknown[] | undefined {
  if (Array.isArray(v)) return v
  switch (typeof v) {
    case 'undefined':
      return EMPTY
    case 'string':
      return Array.from(v)
    case 'object':
      if (v === null) return EMPTY
      if (v instanceof Float) return undefined
      if (v instanceof Map) return [...v.keys()]
      if (isHost(v)) return v.iter ? v.iter() : undefined
      return Object.keys(v)
    default:
      return undefined
  }
}

const EMPTY: readonly unknown[] = Object.freeze([])

/** Length as minijinja's `len()` (chars of strings, items, keys); undefined when unsized. */
export function lengthOf(v: unknown): number | undefined {
  if (typeof v === 'string') return countChars(v)
  if (Array.isArray(v)) return v.length
  if (typeof v !== 'object' || v === null || v instanceof Float) return undefined
  if (v instanceof Map) return v.size
  if (isHost(v)) return v.length ? v.length() : v.iter ? v.iter().length : undefined
  return Object.keys(v).length
}

/** Number of Unicode scalar values (Rust `chars().count()`). */
function countChars(s: string): number {
  let n = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--
        i++
      }
    }
  }
  return n
}

// ---------------------------------------------------------------------------------------------
// Printing

/** What `{{ v }}` writes (minijinja `Display`); top-level `none` is handled by the caller. */
export function display(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v
    case 'number':
      return Number.isInteger(v) ? intToString(v) : floatDisplay(v)
    case 'boolean':
      return v ? 'true' : 'false'
    case 'undefined':
      return ''
    case 'object':
      if (v === null) return 'none'
      if (v instanceof Float) return floatDisplay(v.value)
      if (isHost(v)) return v.display ? v.display() : repr(v, false)
      return repr(v, false)
    default:
      return String(v)
  }
}

/** The nested (`Debug`) form of a value; `pretty` is Rust's `{:#?}`. */
export function repr(v: unknown, pretty: boolean): string {
  if (typeof v !== 'object' || v === null || v instanceof Float) return scalarRepr(v)
  // containers: written into one buffer, so that deep values print in time linear in the output
  const w: ReprWriter = { out: [] }
  writeRepr(w, v, pretty, '', 0)
  return w.out.join('')
}

/** The `Debug` form of a non-container value. */
function scalarRepr(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return debugString(v)
    case 'number':
      return Number.isInteger(v) ? intToString(v) : floatDebug(v)
    case 'boolean':
      return v ? 'true' : 'false'
    case 'undefined':
      return 'undefined'
    case 'object':
      if (v === null) return 'none'
      if (v instanceof Float) return floatDebug(v.value)
      return '<object>'
    default:
      return String(v)
  }
}

// Pieces joined once at the end: one flat string instead of a rope of ~10^5 small ones for a big value.
interface ReprWriter {
  readonly out: string[]
}

const INDENT = '    '

// Indentation strings by level, built flat: `indent + INDENT` would make ropes as deep as the value,
// which every line printed at that level would have to walk again.
const INDENTS: string[] = ['']

function deeper(indent: string): string {
  const level = indent.length / INDENT.length + 1
  while (INDENTS.length <= level) INDENTS.push(new Array(INDENTS.length + 1).join(INDENT))
  return INDENTS[level]!
}

/** Text printed by a host object, re-indented to the current (pretty) indentation. */
function writeText(w: ReprWriter, text: string, indent: string): void {
  w.out.push(indent === '' || text.indexOf('\n') < 0 ? text : text.replace(/\n/g, '\n' + indent))
}

/**
 * Append the `Debug` form of `v` at indentation `indent` (which only pretty containers grow).
 * Equivalent to Rust's nested `{:#?}`: each pretty item on its own line, indented one level more.
 */
function writeRepr(w: ReprWriter, v: unknown, pretty: boolean, indent: string, depth: number): void {
  if (typeof v !== 'object' || v === null || v instanceof Float) {
    w.out.push(scalarRepr(v))
    return
  }
  if (++depth > MAX_VALUE_DEPTH) throw valueTooDeepError()
  if (Array.isArray(v)) {
    const nulls = isNullList(v)
    writeSeq(w, v, pretty, indent, depth, nulls)
    return
  }
  if (isHost(v)) {
    if (v.debugEntries) {
      // printed as a pretty map wherever it appears (BAML class instances)
      writeMap(w, v.debugEntries(), true, indent, depth, true, true)
      return
    }
    if (v.debug) return writeText(w, v.debug(pretty), pretty ? indent : '')
    if (v.display) return writeText(w, v.display(), pretty ? indent : '')
    const r = v[HOST]
    if (r === 'map') return writeMap(w, mapEntries(v), pretty, indent, depth, false, false)
    if ((r === 'seq' || r === 'iterable') && v.iter) return writeSeq(w, v.iter(), pretty, indent, depth, false)
    w.out.push('<object>')
    return
  }
  writeMap(w, mapEntries(v), pretty, indent, depth, false, false)
}

function writeSeq(w: ReprWriter, items: readonly unknown[], pretty: boolean, indent: string, depth: number, nulls: boolean): void {
  if (items.length === 0) {
    w.out.push('[]')
    return
  }
  if (!pretty) {
    w.out.push('[')
    for (let i = 0; i < items.length; i++) {
      if (i > 0) w.out.push(', ')
      const x = items[i]
      if (nulls && x === null) w.out.push('null')
      else writeRepr(w, x, false, indent, depth)
    }
    w.out.push(']')
    return
  }
  const inner = deeper(indent)
  w.out.push('[\n')
  for (const x of items) {
    w.out.push(inner)
    if (nulls && x === null) w.out.push('null')
    else writeRepr(w, x, true, inner, depth)
    w.out.push(',\n')
  }
  w.out.push(indent + ']')
}

/** `keysDone`: keys are already in `Debug` form; `nullAsNull`: a `none` value prints `null`. */
function writeMap(
  w: ReprWriter,
  entries: readonly (readonly [unknown, unknown])[],
  pretty: boolean,
  indent: string,
  depth: number,
  keysDone: boolean,
  nullAsNull: boolean,
): void {
  if (entries.length === 0) {
    w.out.push('{}')
    return
  }
  const inner = pretty ? deeper(indent) : indent
  w.out.push(pretty ? '{\n' : '{')
  for (let i = 0; i < entries.length; i++) {
    const [k, x] = entries[i]!
    if (pretty) w.out.push(inner)
    else if (i > 0) w.out.push(', ')
    if (keysDone) writeText(w, k as string, pretty ? inner : '')
    else writeRepr(w, k, pretty, inner, depth)
    w.out.push(': ')
    if (nullAsNull && x === null) w.out.push('null')
    else writeRepr(w, x, pretty, inner, depth)
    if (pretty) w.out.push(',\n')
  }
  w.out.push(pretty ? indent + '}' : '}')
}

function indentNested(s: string): string {
  return s.indexOf('\n') < 0 ? s : s.replace(/\n/g, '\n' + INDENT)
}

/** Rust `debug_list` over already-formatted items. */
export function debugList(items: string[], pretty: boolean): string {
  if (items.length === 0) return '[]'
  if (!pretty) return '[' + items.join(', ') + ']'
  let out = '[\n'
  for (const it of items) out += INDENT + indentNested(it) + ',\n'
  return out + ']'
}

/** Rust `debug_map` over already-formatted keys and values. */
export function debugMap(entries: [string, string][], pretty: boolean): string {
  if (entries.length === 0) return '{}'
  if (!pretty) return '{' + entries.map(([k, v]) => k + ': ' + v).join(', ') + '}'
  let out = '{\n'
  for (const [k, v] of entries) out += INDENT + indentNested(k) + ': ' + indentNested(v) + ',\n'
  return out + '}'
}

export function intToString(n: number): string {
  if (Math.abs(n) < 1e21) return String(n)
  return BigInt(n).toString()
}

/** Shortest round-trip digits and decimal exponent of a finite, non-zero |x|: x = 0.d1d2... × 10^exp */
function digitsOf(x: number): { digits: string; exp: number } {
  const s = Math.abs(x).toExponential() // "d.ddde+N"
  const e = s.indexOf('e')
  const mant = s.slice(0, e).replace('.', '')
  return { digits: mant, exp: Number(s.slice(e + 1)) + 1 }
}

/** Rust `Display` for f64 plus minijinja's ".0" suffix: `2.0`, `0.30000000000000004`, `1e20` as digits. */
function floatDisplay(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf'
  let s: string
  if (x === 0) s = Object.is(x, -0) ? '-0' : '0'
  else {
    s = String(x)
    if (s.indexOf('e') >= 0) s = plainDecimal(x)
  }
  return s.indexOf('.') < 0 ? s + '.0' : s
}

function plainDecimal(x: number): string {
  const { digits, exp } = digitsOf(x)
  const sign = x < 0 ? '-' : ''
  if (exp <= 0) return sign + '0.' + '0'.repeat(-exp) + digits
  if (exp >= digits.length) return sign + digits + '0'.repeat(exp - digits.length)
  return sign + digits.slice(0, exp) + '.' + digits.slice(exp)
}

/** Rust `Debug` for f64: exponent form below 1e-4 and from 1e16 (`1e20`, `1.5e-7`), else like Display. */
function floatDebug(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf'
  return floatShortest(x, 1e-4)
}

/** Shortest digits, in exponent form (`1.5e-7`) when |x| is below `small` or from 1e16, else as Display. */
function floatShortest(x: number, small: number): string {
  const a = Math.abs(x)
  if (a !== 0 && (a < small || a >= 1e16)) {
    const { digits, exp } = digitsOf(x)
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits
    return (x < 0 ? '-' : '') + m + 'e' + (exp - 1)
  }
  return floatDisplay(x)
}

const NEEDS_ESCAPE = /["\\\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]/u
const ESCAPE_ALL = /["\\\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]/gu

/** Rust `Debug` for str: double quotes, `\n \r \t \0 \\ \"`, `\u{..}` for unprintables. */
export function debugString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"'
  return (
    '"' +
    s.replace(ESCAPE_ALL, (c) => {
      switch (c) {
        case '"':
          return '\\"'
        case '\\':
          return '\\\\'
        case '\n':
          return '\\n'
        case '\r':
          return '\\r'
        case '\t':
          return '\\t'
        case '\0':
          return '\\0'
        case ' ':
          return ' '
        default:
          return '\\u{' + c.codePointAt(0)!.toString(16) + '}'
      }
    }) +
    '"'
  )
}

// ---------------------------------------------------------------------------------------------
// Equality and ordering (minijinja `PartialEq` / `Ord`, with BAML's enum-vs-string comparison)

export function equals(a: unknown, b: unknown): boolean {
  if (a === b) return a === a || typeof a !== 'number' // NaN != NaN
  const ta = typeof a
  const tb = typeof b
  if (ta === 'string' || tb === 'string') {
    if (ta === tb) return false
    const h = isHost(a) ? a : isHost(b) ? b : undefined
    if (h && h.compare) {
      const c = h === a ? h.compare(b) : h.compare!(a)
      return c === 0
    }
    return false
  }
  // numbers and bools coerce to each other for equality (not for ordering)
  const na = numberOf(a)
  const nb = numberOf(b)
  if (na !== undefined && nb !== undefined) return na === nb
  const h = isHost(a) ? a : isHost(b) ? b : undefined
  if (h && h.compare) {
    const c = h === a ? h.compare(b) : h.compare(a)
    if (c !== undefined) return c === 0
  }
  if (kindOf(a) !== kindOf(b)) return false
  return compare(a, b) === 0
}

function cmpNum(x: number, y: number): number {
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1
}

function cmpStr(x: string, y: string): number {
  // Rust compares UTF-8 bytes, i.e. code points.
  if (x === y) return 0
  const n = Math.min(x.length, y.length)
  for (let i = 0; i < n; i++) {
    const a = x.codePointAt(i)!
    const b = y.codePointAt(i)!
    if (a !== b) return a < b ? -1 : 1
    if (a > 0xffff) i++
  }
  return x.length < y.length ? -1 : x.length > y.length ? 1 : 0
}

/** Total order used by `<`, sort, min, max. */
export function compare(a: unknown, b: unknown): number {
  const ha = isHost(a) ? a : undefined
  if (ha && ha.compare) {
    const c = ha.compare(b)
    if (c !== undefined) return c
  }
  const hb = isHost(b) ? b : undefined
  if (hb && hb.compare) {
    const c = hb.compare(a)
    if (c !== undefined) return -c
  }
  const ka = kindOf(a)
  const kb = kindOf(b)
  if (ka !== kb) return ka < kb ? -1 : 1
  if (ka === Kind.Number || ka === Kind.Bool) return cmpNum(numberOf(a)!, numberOf(b)!)
  switch (ka) {
    case Kind.Undefined:
    case Kind.None:
      return 0
    case Kind.String:
      return cmpStr(a as string, b as string)
    case Kind.Seq:
    case Kind.Iterable: {
      const xa = iterate(a) ?? EMPTY
      const xb = iterate(b) ?? EMPTY
      const n = Math.min(xa.length, xb.length)
      for (let i = 0; i < n; i++) {
        const c = compare(xa[i], xb[i])
        if (c !== 0) return c
      }
      return xa.length - xb.length < 0 ? -1 : xa.length > xb.length ? 1 : 0
    }
    case Kind.Map: {
      if (a === b) return 0
      const ea = mapEntries(a)
      const eb = mapEntries(b)
      if (ea.length === eb.length && mapsEqual(ea, b)) return 0
      const n = Math.min(ea.length, eb.length)
      for (let i = 0; i < n; i++) {
        const c = compare(ea[i]![0], eb[i]![0]) || compare(ea[i]![1], eb[i]![1])
        if (c !== 0) return c
      }
      return ea.length < eb.length ? -1 : ea.length > eb.length ? 1 : 0
    }
    default:
      return a === b ? 0 : cmpStr(display(a), display(b))
  }
}

function mapsEqual(ea: [unknown, unknown][], b: unknown): boolean {
  for (const [k, v] of ea) {
    const w = mapGet(b, k)
    if (w === undefined || !equals(v, w)) return false
  }
  return true
}

// ---------------------------------------------------------------------------------------------
// JSON

/** The JSON form of a value (`tojson`): undefined/none → null, host objects by `toJSON`. */
export function toJsonValue(v: unknown): unknown {
  switch (typeof v) {
    case 'undefined':
      return null
    case 'object': {
      if (v === null) return null
      if (v instanceof Float) return v
      if (Array.isArray(v)) return v.map(toJsonValue)
      if (isHost(v)) {
        const r = v[HOST]
        if (r === 'map') {
          const o: Record<string, unknown> = {}
          for (const [k, x] of mapEntries(v)) o[jsonKey(k)] = toJsonValue(x)
          return o
        }
        if (v.iter) return v.iter().map(toJsonValue)
        return display(v)
      }
      const o: Record<string, unknown> = {}
      for (const [k, x] of mapEntries(v)) o[jsonKey(k)] = toJsonValue(x)
      return o
    }
    default:
      return v
  }
}

function jsonKey(k: unknown): string {
  return typeof k === 'string' ? k : display(k)
}

/** serde_json's compact or pretty text of a JSON form (floats keep their `.0`; ryu's exponent form outside [1e-5, 1e16)). */
export function jsonStringify(v: unknown, indent?: string): string {
  if (typeof v !== 'object' || v === null || v instanceof Float) return jsonScalar(v)
  // written into one buffer: nested levels are not copied into their parents' text
  const out: string[] = []
  writeJson(out, v, indent, 0, 0)
  return out.join('')
}

function jsonScalar(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return jsonString(v)
    case 'number':
      return Number.isInteger(v) ? intToString(v) : Number.isFinite(v) ? floatShortest(v, 1e-5) : 'null'
    case 'boolean':
      return v ? 'true' : 'false'
    case 'object':
      if (v === null) return 'null'
      if (v instanceof Float) return Number.isFinite(v.value) ? floatShortest(v.value, 1e-5) : 'null'
      return 'null'
    default:
      return 'null'
  }
}

/** `indent` repeated `n` times, as a flat string (cached for the last indent used). */
let levelIndent = ''
let levels: string[] = ['']
function level(indent: string, n: number): string {
  if (indent !== levelIndent) {
    levelIndent = indent
    levels = ['']
  }
  while (levels.length <= n) levels.push(new Array(levels.length + 1).join(indent))
  return levels[n]!
}

function writeJson(out: string[], v: unknown, indent: string | undefined, lvl: number, depth: number): void {
  if (typeof v !== 'object' || v === null || v instanceof Float) {
    out.push(jsonScalar(v))
    return
  }
  if (++depth > MAX_VALUE_DEPTH) throw valueTooDeepError()
  const pretty = indent !== undefined
  const inner = pretty ? '\n' + level(indent, lvl + 1) : ''
  if (Array.isArray(v)) {
    if (v.length === 0) return void out.push('[]')
    out.push('[')
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(',')
      if (pretty) out.push(inner)
      writeJson(out, v[i], indent, lvl + 1, depth)
    }
    out.push(pretty ? '\n' + level(indent, lvl) + ']' : ']')
    return
  }
  const keys = Object.keys(v)
  if (keys.length === 0) return void out.push('{}')
  out.push('{')
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out.push(',')
    if (pretty) out.push(inner)
    out.push(jsonString(keys[i]!), pretty ? ': ' : ':')
    writeJson(out, (v as Record<string, unknown>)[keys[i]!], indent, lvl + 1, depth)
  }
  out.push(pretty ? '\n' + level(indent, lvl) + '}' : '}')
}

// serde_json escapes: \" \\ \n \r \t \b \f and other control chars as \u00XX.
export function jsonString(s: string): string {
  let out = '"'
  let last = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue
    out += s.slice(last, i)
    last = i + 1
    switch (c) {
      case 0x22:
        out += '\\"'
        break
      case 0x5c:
        out += '\\\\'
        break
      case 0x0a:
        out += '\\n'
        break
      case 0x0d:
        out += '\\r'
        break
      case 0x09:
        out += '\\t'
        break
      case 0x08:
        out += '\\b'
        break
      case 0x0c:
        out += '\\f'
        break
      default:
        out += '\\u' + c.toString(16).padStart(4, '0')
    }
  }
  return out + s.slice(last) + '"'
}
