// Python-style methods on strings, maps and lists (minijinja-contrib `pycompat`), used when a
// value has no method of its own: `"x".upper()`, `m.items()`, `"{:,}".format(n)`.
import { renderError } from './errors.ts'
import { replaceAllBounded } from './limits.ts'
import { noMore, strictStr, int } from './args.ts'
import { display, equals, iterate, Kind, kindName, kindOf, Kwargs, mapEntries, mapGet, mapKeys, NO_METHOD } from './value.ts'
import { capitalize, splitString, titleCase } from './filters.ts'
import { isWhitespace, rustLines, rustTrim, rustTrimEnd, rustTrimStart } from '../rust-str.ts'
import { strFormat } from './strformat.ts'

function all(s: string, re: RegExp): boolean {
  for (const c of s) if (!re.test(c)) return false
  return true
}

function trimChars(s: string, set: string, start: boolean, end: boolean): string {
  const cs = Array.from(s)
  const drop = new Set(Array.from(set))
  let b = 0
  let e = cs.length
  if (start) while (b < e && drop.has(cs[b]!)) b++
  if (end) while (e > b && drop.has(cs[e - 1]!)) e--
  return cs.slice(b, e).join('')
}

function prefixTest(s: string, arg: unknown, method: 'startswith' | 'endswith'): boolean {
  const test = (p: string) => (method === 'startswith' ? s.startsWith(p) : s.endsWith(p))
  if (typeof arg === 'string') return test(arg)
  const k = kindOf(arg)
  if (k === Kind.Seq || k === Kind.Iterable) {
    for (const p of iterate(arg)!) {
      if (typeof p !== 'string')
        throw renderError('invalid operation', `tuple for ${method} must contain only strings, not ${kindName(p)}`)
      if (test(p)) return true
    }
    return false
  }
  throw renderError('invalid operation', `${method} argument must be string or a tuple of strings, not ${kindName(arg)}`)
}

// byte offset of a match as Rust reports it (UTF-8)
function utf8Offset(s: string, idx: number): number {
  return new TextEncoder().encode(s.slice(0, idx)).length
}

function stringMethod(s: string, name: string, a: unknown[], k: Kwargs | undefined): unknown {
  switch (name) {
    case 'upper':
      noMore(a, 0, k)
      return s.toUpperCase()
    case 'lower':
      noMore(a, 0, k)
      return s.toLowerCase()
    case 'islower':
      noMore(a, 0, k)
      return all(s, /\p{Lowercase}/u)
    case 'isupper':
      noMore(a, 0, k)
      return all(s, /\p{Uppercase}/u)
    case 'isspace':
      noMore(a, 0, k)
      for (const c of s) if (!isWhitespace(c.codePointAt(0)!)) return false
      return true
    case 'isdigit':
    case 'isnumeric':
      noMore(a, 0, k)
      return all(s, /\p{N}/u)
    case 'isalnum':
      noMore(a, 0, k)
      return all(s, /[\p{Alphabetic}\p{N}]/u)
    case 'isalpha':
      noMore(a, 0, k)
      return all(s, /\p{Alphabetic}/u)
    case 'isascii':
      noMore(a, 0, k)
      return /^[\x00-\x7f]*$/.test(s)
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      noMore(a, 1, k)
      const set = a[0] === undefined || a[0] === null ? undefined : strictStr(a[0])
      const st = name !== 'rstrip'
      const en = name !== 'lstrip'
      if (set === undefined) return st && en ? rustTrim(s) : st ? rustTrimStart(s) : rustTrimEnd(s)
      return trimChars(s, set, st, en)
    }
    case 'replace': {
      noMore(a, 3, k)
      if (a.length < 2) throw renderError('missing argument')
      const from = strictStr(a[0])
      const to = strictStr(a[1])
      const count = a[2] === undefined || a[2] === null ? -1 : int(a[2], 'i32')
      if (count < 0) return replaceAllBounded(s, from, to)
      let out = ''
      let rest = s
      for (let n = 0; n < count; n++) {
        const i = rest.indexOf(from)
        if (i < 0) break
        out += rest.slice(0, i) + to
        rest = rest.slice(i + from.length)
        if (from === '') {
          out += rest.slice(0, 1)
          rest = rest.slice(1)
        }
      }
      return out + rest
    }
    case 'title':
      noMore(a, 0, k)
      return titleCase(s)
    case 'split': {
      noMore(a, 2, k)
      const sep = a[0] === undefined || a[0] === null ? undefined : strictStr(a[0])
      const max = a[1] === undefined || a[1] === null ? undefined : int(a[1])
      return splitString(s, sep, max)
    }
    case 'splitlines': {
      noMore(a, 1, k)
      const keep = a[0] === true
      if (!keep) return rustLines(s)
      const out: string[] = []
      let rest = s
      for (let i = rest.indexOf('\n'); i >= 0; i = rest.indexOf('\n')) {
        out.push(rest.slice(0, i + 1))
        rest = rest.slice(i + 1)
      }
      if (rest) out.push(rest)
      return out
    }
    case 'capitalize':
      noMore(a, 0, k)
      return capitalize(s)
    case 'count': {
      noMore(a, 1, k)
      if (a.length < 1) throw renderError('missing argument')
      const what = strictStr(a[0])
      let c = 0
      let rest = s
      for (let i = rest.indexOf(what); i >= 0; i = rest.indexOf(what)) {
        c++
        rest = rest.slice(i + what.length)
        if (what === '') {
          if (rest === '') break
          rest = rest.slice(String.fromCodePoint(rest.codePointAt(0)!).length)
        }
      }
      return c
    }
    case 'find':
    case 'rfind': {
      noMore(a, 1, k)
      if (a.length < 1) throw renderError('missing argument')
      const what = strictStr(a[0])
      const i = name === 'find' ? s.indexOf(what) : s.lastIndexOf(what)
      return i < 0 ? -1 : utf8Offset(s, i)
    }
    case 'format':
      return strFormat(s, a, k)
    case 'startswith':
    case 'endswith':
      noMore(a, 1, k)
      if (a.length < 1) throw renderError('missing argument')
      return prefixTest(s, a[0], name)
    case 'join': {
      noMore(a, 1, k)
      if (a.length < 1) throw renderError('missing argument')
      const items = iterate(a[0])
      if (!items) throw renderError('invalid operation', `${kindName(a[0])} is not iterable`)
      return items.map((x) => display(x)).join(s)
    }
    default:
      return NO_METHOD
  }
}

function mapMethod(m: unknown, name: string, a: unknown[], k: Kwargs | undefined): unknown {
  switch (name) {
    case 'keys':
      noMore(a, 0, k)
      return mapKeys(m)
    case 'values':
      noMore(a, 0, k)
      return mapEntries(m).map((e) => e[1])
    case 'items':
      noMore(a, 0, k)
      return mapEntries(m).map(([x, y]) => [x, y])
    case 'get': {
      noMore(a, 2, k)
      if (a.length < 1) throw renderError('missing argument')
      const v = mapGet(m, a[0])
      return v !== undefined ? v : a.length > 1 && a[1] !== undefined ? a[1] : null
    }
    default:
      return NO_METHOD
  }
}

/** Dispatch a python-compatible method; `NO_METHOD` when there is none. */
export function callPyMethod(v: unknown, name: string, a: unknown[], k: Kwargs | undefined): unknown {
  if (typeof v === 'string') return stringMethod(v, name, a, k)
  const kind = kindOf(v)
  if (kind === Kind.Map) return mapMethod(v, name, a, k)
  if (kind === Kind.Seq && name === 'count') {
    noMore(a, 1, k)
    if (a.length < 1) throw renderError('missing argument')
    let c = 0
    for (const x of iterate(v)!) if (equals(x, a[0])) c++
    return c
  }
  return NO_METHOD
}

