// Builtin filters: minijinja's builtins as BAML's build has them (no `urlencode`, no contrib
// filters), plus BAML's `sum`, `regex_match` and `format(type=...)`.
// Signature: (value, positional args, kwargs) => result.
import { RE2JS } from 're2js'
import { isWhitespace, rustLines, rustTrim } from '../rust-str.ts'
import { renderError } from './errors.ts'
import { checkLength, replaceAllBounded } from './limits.ts'
import { assertAllUsed, bool, int, kwarg, noArgs, noMore, opt, str, strictStr, usize } from './args.ts'
import {
  compare,
  display,
  Float,
  float,
  HOST,
  isHost,
  isInt,
  iterate,
  Kind,
  kindName,
  kindOf,
  Kwargs,
  lengthOf,
  mapEntries,
  repr,
  toJsonValue,
  jsonStringify,
  truthy,
  type HostObject,
} from './value.ts'
import { TESTS } from './tests.ts'
import { formatValue } from './serialize.ts'
import { ga, IterList } from './runtime.ts'

export type FilterFn = (value: unknown, args: readonly unknown[], kwargs: Kwargs | undefined) => unknown

const chars = (s: string) => Array.from(s)

const upper = noArgs((v) => str(v).toUpperCase())
const lower = noArgs((v) => str(v).toLowerCase())

const ASCII_PUNCT = /[!-/:-@[-`{-~]/

/** minijinja `title`: uppercase after whitespace or ASCII punctuation, lowercase elsewhere. */
export function titleCase(s: string): string {
  let out = ''
  let cap = true
  for (const c of s) {
    if (ASCII_PUNCT.test(c) || isWhitespace(c.codePointAt(0)!)) {
      out += c
      cap = true
    } else if (cap) {
      out += c.toUpperCase()
      cap = false
    } else out += c.toLowerCase()
  }
  return out
}

export function capitalize(s: string): string {
  if (s.length === 0) return ''
  const first = String.fromCodePoint(s.codePointAt(0)!)
  return first.toUpperCase() + s.slice(first.length).toLowerCase()
}

const length = noArgs((v) => {
  const n = lengthOf(v)
  if (n === undefined) throw renderError('invalid operation', `cannot calculate length of value of type ${kindName(v)}`)
  return n
})

function cmpHelper(a: unknown, b: unknown, caseSensitive: boolean): number {
  if (!caseSensitive && typeof a === 'string' && typeof b === 'string') {
    return compare(a.toLowerCase(), b.toLowerCase())
  }
  return compare(a, b)
}

/** minijinja `get_path`: dotted path, numeric parts index into sequences. */
function getPath(v: unknown, path: string): unknown {
  let cur = v
  for (const part of path.split('.')) {
    if (cur === undefined) throw renderError('undefined value')
    if (/^\d+$/.test(part)) cur = itemOf(cur, Number(part))
    else cur = ga(cur, part)
  }
  return cur
}

function itemOf(v: unknown, i: number): unknown {
  if (Array.isArray(v)) return v[i]
  if (typeof v === 'string') return chars(v)[i]
  if (isHost(v) && v[HOST] !== 'map' && v.iter) return v.iter()[i]
  return ga(v, String(i)) ?? (v instanceof Map ? v.get(i) : undefined)
}

function getPathOr(v: unknown, path: string, dflt: unknown): unknown {
  try {
    const r = getPath(v, path)
    return r === undefined ? dflt : r
  } catch {
    return dflt
  }
}

function listOf(v: unknown): readonly unknown[] {
  const items = iterate(v)
  if (!items) throw renderError('invalid operation', 'cannot convert value to list')
  return items
}

function dictsort(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 0, undefined)
  if (kindOf(v) !== Kind.Map) throw renderError('invalid operation', 'cannot convert value into pair list')
  const byValue = kwarg(k, 'by', strictStr) === 'value'
  const cs = kwarg(k, 'case_sensitive', bool) ?? false
  const rev = kwarg(k, 'reverse', bool) ?? false
  const pairs = mapEntries(v)
  pairs.sort((x, y) => {
    const c = byValue ? cmpHelper(x[1], y[1], cs) : cmpHelper(x[0], y[0], cs)
    return rev ? -c : c
  })
  assertAllUsed(k, ['by', 'case_sensitive', 'reverse'])
  return pairs.map(([x, y]) => [x, y])
}

const items = noArgs((v) => {
  if (kindOf(v) !== Kind.Map) throw renderError('invalid operation', 'cannot convert value into pairs')
  return mapEntries(v).map(([x, y]) => [x, y])
})

function reverseValue(v: unknown): unknown {
  if (v === undefined || v === null) return v
  if (typeof v === 'string') return chars(v).reverse().join('')
  // minijinja quirk: a map's keys come back in their original order
  if (kindOf(v) === Kind.Map && !isHost(v)) return [...iterate(v)!]
  const items = typeof v === 'object' && !(v instanceof Float) ? iterate(v) : undefined
  if (!items) throw renderError('invalid operation', `cannot reverse values of type ${kindName(v)}`)
  return [...items].reverse()
}

function trim(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 1, k)
  const s = str(v)
  const set = opt(a[0], str)
  if (set === undefined) return rustTrim(s)
  const cs = new Set(chars(set))
  const cc = chars(s)
  let b = 0
  let e = cc.length
  while (b < e && cs.has(cc[b]!)) b++
  while (e > b && cs.has(cc[e - 1]!)) e--
  return cc.slice(b, e).join('')
}

function join(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 1, k)
  if (v === undefined || v === null) return ''
  const joiner = opt(a[0], str) ?? ''
  const items = iterate(v)
  if (!items) throw renderError('invalid operation', `cannot join value of type ${kindName(v)}`)
  let out = ''
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += joiner
    const x = items[i]
    out += typeof x === 'string' ? x : display(x)
  }
  return out
}

/** Rust `split_whitespace`. */
function splitWhitespace(s: string): string[] {
  const out: string[] = []
  let cur = ''
  for (const c of s) {
    if (isWhitespace(c.codePointAt(0)!)) {
      if (cur) out.push(cur)
      cur = ''
    } else cur += c
  }
  if (cur) out.push(cur)
  return out
}

/** Rust `str::split(sep)` / `splitn(n, sep)`. */
function splitOn(s: string, sep: string, n?: number): string[] {
  if (sep === '') {
    const parts = ['', ...chars(s), '']
    if (n === undefined || parts.length <= n) return parts
    return [...parts.slice(0, n - 1), parts.slice(n - 1).join('')]
  }
  const parts = s.split(sep)
  if (n === undefined || parts.length <= n) return parts
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)]
}

/** minijinja `split` (also `str.split()`). */
export function splitString(s: string, sep: string | undefined, maxsplits: number | undefined): string[] {
  const n = maxsplits !== undefined && maxsplits >= 0 ? maxsplits + 1 : undefined
  if (sep === undefined) {
    if (n === undefined) return splitWhitespace(s)
    // splitn over whitespace: the last piece keeps the rest of the string as is
    const out: string[] = []
    let i = 0
    const cs = chars(s)
    while (i < cs.length) {
      while (i < cs.length && isWhitespace(cs[i]!.codePointAt(0)!)) i++
      if (i >= cs.length) break
      if (out.length === n - 1) {
        out.push(cs.slice(i).join(''))
        break
      }
      let j = i
      while (j < cs.length && !isWhitespace(cs[j]!.codePointAt(0)!)) j++
      out.push(cs.slice(i, j).join(''))
      i = j
    }
    return out
  }
  return splitOn(s, sep, n)
}

function split(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 2, k)
  return new IterList(splitString(strictStr(v), opt(a[0], strictStr), opt(a[1], (x) => int(x))), false)
}


function dflt(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 2, k)
  const other = a.length > 0 ? a[0] : undefined
  const lax = opt(a[1], bool) ?? false
  if (v === undefined || (lax && !truthy(v))) return a.length > 0 ? other : ''
  return v
}

/** Rust `f64::round`: halves away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x)
}

function round(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 1, k)
  const p = opt(a[0], (x) => int(x, 'i32')) ?? 0
  if (isInt(v)) return v
  const x = v instanceof Float ? v.value : typeof v === 'number' ? v : undefined
  if (x === undefined) throw renderError('invalid operation', `cannot round value (${kindName(v)})`)
  const m = Math.pow(10, p)
  return float(roundHalfAway(m * x) / m)
}

const abs = noArgs((v) => {
  if (typeof v === 'number') return Math.abs(v)
  if (v instanceof Float) return float(Math.abs(v.value))
  throw renderError('invalid operation', 'cannot get absolute value')
})

/** Rust `str::parse::<f64>`; undefined when invalid. */
function parseF64(s: string): number | undefined {
  const m = /^[+-]?(inf|infinity|nan)$/i.exec(s)
  if (m) {
    const neg = s.startsWith('-')
    if (m[1]!.toLowerCase() === 'nan') return NaN
    return neg ? -Infinity : Infinity
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined
  return Number(s)
}

function truncI128(x: number): number {
  if (Number.isNaN(x)) return 0
  return Math.trunc(x) || 0
}

const toInt = noArgs((v) => {
  if (v === undefined || v === null) return 0
  if (typeof v === 'boolean') return v ? 1 : 0
  if (isInt(v)) return v
  if (typeof v === 'number') return truncI128(v)
  if (v instanceof Float) return truncI128(v.value)
  if (typeof v === 'string') {
    if (/^[+-]?\d+$/.test(v)) return Number(v)
    const f = parseF64(v)
    if (f === undefined) throw renderError('invalid operation', 'invalid float literal')
    return truncI128(f)
  }
  throw renderError('invalid operation', `cannot convert ${kindName(v)} to integer`)
})

const toFloat = noArgs((v) => {
  if (v === undefined || v === null) return float(0)
  if (typeof v === 'boolean') return float(v ? 1 : 0)
  if (typeof v === 'string') {
    const f = parseF64(v)
    if (f === undefined) throw renderError('invalid operation', 'invalid float literal')
    return float(f)
  }
  if (typeof v === 'number') return float(v)
  if (v instanceof Float) return v
  throw renderError('invalid operation', `cannot convert ${kindName(v)} to float`)
})

/** BAML's `sum`: int sum if every item is int-like, else float sum if every item is numeric, else 0. */
const sum = noArgs((v) => {
  if (v !== undefined && (!Array.isArray(v) && !(isHost(v) && (v[HOST] === 'seq' || v[HOST] === 'iterable'))))
    throw renderError('invalid operation', 'not iterable')
  const items = v === undefined ? [] : iterate(v)!
  let allInt = true
  let allNum = true
  let is = 0
  let fs = 0
  for (const x of items) {
    if (typeof x === 'number') {
      if (!Number.isInteger(x)) allInt = false
      is += x
      fs += x
    } else if (x instanceof Float) {
      if (!Number.isInteger(x.value)) allInt = false
      is += x.value
      fs += x.value
    } else if (typeof x === 'boolean') {
      allNum = false
      is += x ? 1 : 0
    } else {
      allInt = false
      allNum = false
    }
  }
  if (allInt) return is
  if (allNum) return float(fs)
  return 0
})

function attr(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 1, k)
  if (a.length < 1) throw renderError('missing argument')
  if (v === undefined) throw renderError('undefined value')
  const key = a[0]
  if (Array.isArray(v) || typeof v === 'string') return itemOf(v, typeof key === 'number' ? key : NaN)
  if (v instanceof Map) return v.get(key)
  if (isHost(v)) return v.get ? v.get(key) : undefined
  if (typeof v === 'object' && v !== null && typeof key === 'string') return ga(v, key)
  return undefined
}

const first = noArgs((v) => {
  if (typeof v === 'string') return v.length ? String.fromCodePoint(v.codePointAt(0)!) : undefined
  const items = typeof v === 'object' && v !== null && !(v instanceof Float) ? iterate(v) : undefined
  if (!items) throw renderError('invalid operation', 'cannot get first item from value')
  return items[0]
})

const last = noArgs((v) => {
  if (typeof v === 'string') {
    const cs = chars(v)
    return cs[cs.length - 1]
  }
  const kd = kindOf(v)
  if (kd !== Kind.Seq && kd !== Kind.Iterable) throw renderError('invalid operation', 'cannot get last item from value')
  const items = iterate(v)!
  return items[items.length - 1]
})

function minmax(sign: number): FilterFn {
  return (v, a, k) => {
    noMore(a, 0, k)
    const items = listOf(v)
    let best: unknown = undefined
    let has = false
    for (const x of items) {
      if (!has || compare(x, best) * sign > 0) {
        best = x
        has = true
      }
    }
    return best
  }
}

function sort(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 0, undefined)
  const items = [...listOf(v)]
  const cs = kwarg(k, 'case_sensitive', bool) ?? false
  const rev = kwarg(k, 'reverse', bool) ?? false
  const attribute = kwarg(k, 'attribute', strictStr)
  const dir = rev ? -1 : 1
  if (attribute !== undefined) {
    const keys = attribute
      .split(',')
      .filter((x) => x !== '')
      .map((x) => x.trim())
    if (keys.length > 1) {
      const keyOf = (x: unknown) => keys.map((p) => getPathOr(x, p, undefined))
      items.sort((x, y) => dir * cmpHelper(keyOf(x), keyOf(y), cs))
    } else {
      const key = keys.length ? keys[0]! : attribute
      items.sort((x, y) => {
        let xa: unknown
        let ya: unknown
        try {
          xa = getPath(x, key)
          ya = getPath(y, key)
        } catch {
          return 0
        }
        return dir * cmpHelper(xa, ya, cs)
      })
    }
  } else items.sort((x, y) => dir * cmpHelper(x, y, cs))
  assertAllUsed(k, ['case_sensitive', 'reverse', 'attribute'])
  return items
}

const list = noArgs((v) => [...listOf(v)])

const string = noArgs((v) => typeof v === 'string' ? v : display(v))

const toBool = noArgs((v) => truthy(v))

function sliceFilter(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 2, k)
  if (a.length < 1) throw renderError('missing argument')
  const count = usize(a[0])
  const fill = a.length > 1 ? a[1] : undefined
  const hasFill = a.length > 1 && a[1] !== undefined && a[1] !== null
  if (count === 0) throw renderError('invalid operation', 'count cannot be 0')
  const items = [...listOf(v)]
  const per = Math.floor(items.length / count)
  const extra = items.length % count
  let offset = 0
  const out: unknown[] = []
  for (let i = 0; i < count; i++) {
    const start = offset + i * per
    if (i < extra) offset++
    const end = offset + (i + 1) * per
    const chunk = items.slice(start, end)
    if (hasFill && i >= extra) chunk.push(fill)
    out.push(chunk)
  }
  return out
}

function batch(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 2, k)
  if (a.length < 1) throw renderError('missing argument')
  const count = usize(a[0])
  const hasFill = a.length > 1 && a[1] !== undefined && a[1] !== null
  if (count === 0) throw renderError('invalid operation', 'count cannot be 0')
  const out: unknown[][] = []
  let tmp: unknown[] = []
  for (const x of listOf(v)) {
    if (tmp.length === count) {
      out.push(tmp)
      tmp = []
    }
    tmp.push(x)
  }
  if (tmp.length) {
    if (hasFill) while (tmp.length < count) tmp.push(a[1])
    out.push(tmp)
  }
  return out
}

function tojson(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 1, undefined)
  const ind = a.length > 0 ? a[0] : kwarg(k, 'indent', (x) => x)
  assertAllUsed(k, ['indent'])
  let indent: number | undefined
  if (ind !== undefined && ind !== null) {
    if (ind === true) indent = 2
    else if (ind === false) indent = undefined
    else indent = usize(ind)
  }
  if (indent !== undefined) checkLength(indent)
  const s = jsonStringify(toJsonValue(v), indent === undefined ? undefined : ' '.repeat(indent))
  return s.replace(/[<>&']/g, (c) => (c === '<' ? '\\u003c' : c === '>' ? '\\u003e' : c === '&' ? '\\u0026' : '\\u0027'))
}

function indent(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 3, k)
  if (a.length < 1) throw renderError('missing argument')
  let s = str(v)
  const width = usize(a[0])
  const firstLine = opt(a[1], bool) ?? false
  const blank = opt(a[2], bool) ?? false
  const strip = (x: string) => {
    if (x.endsWith('\n')) x = x.slice(0, -1)
    if (x.endsWith('\r')) x = x.slice(0, -1)
    return x
  }
  s = strip(s)
  const parts = s.split('\n')
  checkLength(s.length + parts.length * width)
  const pad = ' '.repeat(width)
  let out = ''
  let i = 0
  if (!firstLine) {
    out += parts[0] + '\n'
    i = 1
  }
  for (; i < parts.length; i++) {
    const line = parts[i]!
    if (line === '') {
      if (blank) out += pad
    } else out += pad + line
    out += '\n'
  }
  return strip(out)
}

function testByName(name: string) {
  const t = TESTS[name]
  if (!t) throw renderError('unknown test')
  return t
}

function selectOrReject(invert: boolean, withAttr: boolean): FilterFn {
  return (v, a, k) => {
    if (k !== undefined) throw renderError('too many arguments')
    let i = 0
    let attrName: string | undefined
    if (withAttr) {
      if (a.length < 1) throw renderError('missing argument')
      attrName = str(a[i++])
    }
    const testName = a.length > i ? opt(a[i++], str) : undefined
    const rest = a.slice(i)
    const test = testName !== undefined ? testByName(testName) : undefined
    const out: unknown[] = []
    for (const x of iterate(v) ?? listOf(v)) {
      const tv = attrName !== undefined ? getPath(x, attrName) : x
      const passed = test ? truthy(test(tv, rest, undefined)) : truthy(tv)
      if (passed !== invert) out.push(x)
    }
    return out
  }
}

function map(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  const out: unknown[] = []
  if (k && k.has('attribute')) {
    if (a.length > 0) throw renderError('too many arguments')
    const at = k.get('attribute')
    const hasDefault = k.has('default')
    const d = k.get('default')
    assertAllUsed(k, ['attribute', 'default'])
    for (const x of listOf(v)) {
      let sub: unknown
      try {
        sub = typeof at === 'string' ? getPath(x, at) : attr(x, [at], undefined)
      } catch (e) {
        if (hasDefault && d !== undefined) {
          out.push(d)
          continue
        }
        throw e
      }
      out.push(sub === undefined ? (hasDefault ? d : undefined) : sub)
    }
    return out
  }
  if (a.length < 1) throw renderError('invalid operation', 'filter name is required')
  const name = a[0]
  if (typeof name !== 'string') throw renderError('invalid operation', 'filter name must be a string')
  const f = FILTERS[name]
  if (!f) throw renderError('unknown filter')
  const rest = a.slice(1)
  for (const x of listOf(v)) out.push(f(x, rest, k))
  return out
}

/** A `groupby` result: a 2-sequence (grouper, list) that also has `.grouper` and `.list`. */
class GroupTuple implements HostObject {
  readonly [HOST] = 'seq' as const
  constructor(
    readonly grouper: unknown,
    readonly list: unknown[],
  ) {}
  get(key: unknown): unknown {
    if (key === 0 || key === 'grouper') return this.grouper
    if (key === 1 || key === 'list') return this.list
    return undefined
  }
  iter(): unknown[] {
    return [this.grouper, this.list]
  }
}

function groupby(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 1, undefined)
  const d = kwarg(k, 'default', (x) => x)
  const cs = kwarg(k, 'case_sensitive', bool) ?? false
  const at = a.length > 0 ? strictStr(a[0]) : kwarg(k, 'attribute', strictStr)
  if (at === undefined) throw renderError('missing argument')
  const items = [...listOf(v)]
  items.sort((x, y) => cmpHelper(getPathOr(x, at, d), getPathOr(y, at, d), cs))
  assertAllUsed(k, ['default', 'case_sensitive', 'attribute'])
  const out: GroupTuple[] = []
  let cur: unknown[] = []
  let grouper: unknown
  let has = false
  for (const x of items) {
    const g = getPathOr(x, at, d)
    if (has && cmpHelper(grouper, g, cs) !== 0) {
      out.push(new GroupTuple(grouper, cur))
      cur = []
    }
    grouper = g
    has = true
    cur.push(x)
  }
  if (cur.length) out.push(new GroupTuple(grouper, cur))
  return out
}

function unique(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 0, undefined)
  const at = kwarg(k, 'attribute', strictStr)
  const cs = kwarg(k, 'case_sensitive', bool) ?? false
  assertAllUsed(k, ['attribute', 'case_sensitive'])
  const out: unknown[] = []
  const seen: unknown[] = []
  for (const x of listOf(v)) {
    let key = at !== undefined ? getPathOr(x, at, undefined) : x
    if (!cs && typeof key === 'string') key = key.toLowerCase()
    if (!seen.some((s) => compare(s, key) === 0)) {
      seen.push(key)
      out.push(x)
    }
  }
  return out
}

function chain(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  if (k !== undefined) throw renderError('too many arguments')
  const all = [v, ...a]
  if (all.every((x) => kindOf(x) === Kind.Map)) {
    // keys in first-seen order; a later map's value wins
    const m = new Map<unknown, unknown>()
    for (const x of all) for (const [key, val] of mapEntries(x)) m.set(key, val)
    return m
  }
  const out: unknown[] = []
  for (const x of all) {
    const items = iterate(x)
    if (!items) throw renderError('invalid operation', `${kindName(x)} is not iterable`)
    out.push(...items)
  }
  return out
}

function zip(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  if (k !== undefined) throw renderError('too many arguments')
  const lists = [v, ...a].map((x) => {
    const items = iterate(x)
    if (!items) throw renderError('invalid operation', `zip filter argument must be iterable, got ${kindName(x)}`)
    return items
  })
  const n = Math.min(...lists.map((l) => l.length))
  const out: unknown[][] = []
  for (let i = 0; i < n; i++) out.push(lists.map((l) => l[i]))
  return out
}

const pprint = noArgs((v) => repr(v, true))

/** HTML escaping as minijinja's `escape` (`& < > " ' /`). */
function htmlEscape(s: string): string {
  return s.replace(/[&<>"'/]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&#x27;' : '&#x2f;',
  )
}

const escape = noArgs((v) => htmlEscape(str(v)))

const safe = noArgs((v) => str(v))

function replace(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 2, k)
  if (a.length < 2) throw renderError('missing argument')
  const from = str(a[0])
  const to = str(a[1])
  return replaceAllBounded(str(v), from, to)
}

const capitalizeFilter = noArgs((v) => capitalize(str(v)))

const title = noArgs((v) => titleCase(str(v)))

const linesFilter = noArgs((v) => rustLines(strictStr(v)))

const reverse = noArgs((v) => reverseValue(v))

const regexCache = new Map<string, RE2JS | null>()

/**
 * A Rust-regex pattern, compiled by RE2JS: the same syntax family (no backreferences or
 * look-around) and, like Rust's `regex` crate, matching in time linear in the input, so no pattern
 * can make a template or a `@check` run for minutes. Invalid patterns give null. A leading `(?x)`
 * (verbose mode, which RE2 lacks) is applied here: whitespace and `#` comments outside classes go.
 * Known difference: `\d`, `\w`, `\s` and `\b` are ASCII-only (Rust's are Unicode-aware).
 */
function rustRegex(pattern: string): RE2JS | null {
  let re = regexCache.get(pattern)
  if (re !== undefined) return re
  let src = pattern
  const m = /^\(\?([imsUx]+)\)/.exec(src)
  if (m && m[1]!.includes('x')) {
    const rest = m[1]!.replace(/x/g, '')
    src = (rest ? `(?${rest})` : '') + stripVerbose(src.slice(m[0].length))
  }
  try {
    re = RE2JS.compile(src)
  } catch {
    re = null
  }
  if (regexCache.size > 500) regexCache.clear()
  regexCache.set(pattern, re)
  return re
}

/** Verbose-mode pattern text without its insignificant whitespace and `#` comments. */
function stripVerbose(p: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!
    if (c === '\\') {
      out += c + (p[i + 1] ?? '')
      i++
    } else if (inClass) {
      if (c === ']') inClass = false
      out += c
    } else if (c === '[') {
      inClass = true
      out += c
      // a `]` right after `[` or `[^` is literal
      if (p[i + 1] === '^') out += p[++i]
      if (p[i + 1] === ']') out += p[++i]
    } else if (c === '#') {
      while (i + 1 < p.length && p[i + 1] !== '\n') i++
    } else if (!/\s/.test(c)) out += c
  }
  return out
}

function regexMatch(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  noMore(a, 1, k)
  if (a.length < 1) throw renderError('missing argument')
  const re = rustRegex(str(a[0]))
  return re ? re.test(str(v)) : false
}

function format(v: unknown, a: readonly unknown[], k: Kwargs | undefined) {
  if (a.length > 0) throw renderError('too many arguments')
  const type = k?.has('type') ? k.get('type') : k?.get('format')
  if (type === undefined || type === null) throw renderError('invalid operation', "format filter requires 'type' keyword argument")
  return formatValue(v, str(type).toLowerCase(), str(type), k!)
}

export const FILTERS: Record<string, FilterFn> = {
  __proto__: null,
  safe,
  escape,
  e: escape,
  lower,
  upper,
  title,
  capitalize: capitalizeFilter,
  replace,
  length,
  count: length,
  dictsort,
  items,
  reverse,
  trim,
  join,
  split,
  lines: linesFilter,
  default: dflt,
  d: dflt,
  round,
  abs,
  int: toInt,
  float: toFloat,
  attr,
  first,
  last,
  min: minmax(-1),
  max: minmax(1),
  sort,
  list,
  string,
  bool: toBool,
  batch,
  slice: sliceFilter,
  sum,
  indent,
  select: selectOrReject(false, false),
  reject: selectOrReject(true, false),
  selectattr: selectOrReject(false, true),
  rejectattr: selectOrReject(true, true),
  map,
  groupby,
  unique,
  chain,
  zip,
  pprint,
  format,
  tojson,
  regex_match: regexMatch,
} as unknown as Record<string, FilterFn>

