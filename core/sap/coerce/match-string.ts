// Matching free text against a set of names (enum values, string literals, bool words, class
// field keys), as the reference's `match_string` does: exact, accent-folded, then substring
// counting; then the same without punctuation; then the same case-insensitively. Ties between
// different candidates found as substrings are an ambiguity error.
import { displayValue, type JValue } from '../jsonish/value.ts'
import { isAlphanumeric } from '../text.ts'
import { rustTrim, utf8ByteLength } from '../../rust-str.ts'
import { F, perr, type Flag, type ParseError, type Scope } from './result.ts'
import { work } from '../work.ts'

/** (value to return, the spellings that select it) */
export type Candidate = readonly [string, readonly string[]]

export interface StringMatch {
  readonly value: string
  readonly flags: readonly Flag[]
}

/**
 * The candidate `value` names (its first element), with the flags saying how it was found; a
 * ParseError when nothing matches or when substring counts tie between candidates.
 */
export function matchString(
  value: JValue | undefined,
  candidates: readonly Candidate[],
  allowSubstring: boolean,
  scope: Scope,
  expected: string,
): StringMatch | ParseError {
  if (value === undefined || value.t === 'null') return perr(scope, `Expected ${expected}, got null`)
  const flags: Flag[] = []
  let text: string
  if (value.t === 'str') text = value.s
  else if (value.t === 'any') {
    flags.push({ f: F.ObjectToString, v: value })
    text = value.raw
  } else {
    flags.push({ f: F.ObjectToString, v: value })
    text = displayValue(value)
  }
  const ctx = rustTrim(text)
  work.steps += ctx.length
  const first = strategy(ctx, candidates, flags, allowSubstring)
  if (first !== undefined) return once(first, flags, scope, expected)

  const stripped = stripPunctuation(ctx)
  const strippedCands: [string, string[]][] = candidates.map(([c, vs]) => [c, vs.map(stripPunctuation)])
  const second = strategy(stripped, strippedCands, flags, allowSubstring)
  if (second !== undefined) return once(second, flags, scope, expected)

  const lower = stripped.toLowerCase()
  const lowerCands: [string, string[]][] = strippedCands.map(([c, vs]) => [c, vs.map((v) => v.toLowerCase())])
  const third = strategy(lower, lowerCands, flags, allowSubstring)
  if (third !== undefined) return once(third, flags, scope, expected)

  return perr(scope, () => `Expected ${expected}, got ${JSON.stringify(text)}.`)
}

interface Forms {
  readonly n: string
  readonly na: string
  readonly s: string
  readonly sa: string
  readonly l: string
  readonly la: string
}

const formsCache = new Map<string, Forms>()

/** The spellings match_string compares at each stage (as is, stripped, lowercased; each unaccented). */
function forms(raw: string, trim: boolean): Forms {
  const cacheKey = (trim ? 't' : 'n') + raw
  let f = formsCache.get(cacheKey)
  if (f !== undefined) return f
  const n = trim ? rustTrim(raw) : raw
  const s = stripPunctuation(n)
  const l = s.toLowerCase()
  f = { n, na: removeAccents(n), s, sa: removeAccents(s), l, la: removeAccents(l) }
  if (formsCache.size > 5000) formsCache.clear()
  formsCache.set(cacheKey, f)
  return f
}

/**
 * Whether an object key names the field rendered as `name`: match_string without substring
 * matching, i.e. equal as is, without punctuation, or case-insensitively (each also accent-folded).
 */
export function matchesKey(key: string, name: string): boolean {
  if (key === name) return true
  const k = forms(key, true)
  const f = forms(name, false)
  return k.n === f.n || k.na === f.na || k.s === f.s || k.sa === f.sa || k.l === f.l || k.la === f.la
}

function once(value: string, flags: Flag[], scope: Scope, expected: string): StringMatch | ParseError {
  for (const fl of flags) {
    if (fl.f === F.StrMatchOneFromMany) {
      return perr(scope, `Too many matches for ${expected}`)
    }
  }
  return { value, flags }
}

export function stripPunctuation(s: string): string {
  let out = ''
  let simple = true
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x80) {
      simple = false
      break
    }
  }
  if (simple) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95) out += s[i]
    }
    return out
  }
  for (const ch of s) if (ch === '-' || ch === '_' || isAlphanumeric(ch)) out += ch
  return out
}

const MARK = /\p{M}/gu

/** NFKD without combining marks, with a few ligatures spelled out. */
export function removeAccents(s: string): string {
  let ascii = true
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false
      break
    }
  }
  if (ascii) return s
  const t = s
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
  return t.normalize('NFKD').replace(MARK, '')
}

/** UTF-8 byte offsets of every UTF-16 index of `s` (computed only when needed). */
function byteOffsets(s: string): Int32Array {
  const out = new Int32Array(s.length + 1)
  let b = 0
  for (let i = 0; i < s.length; i++) {
    out[i] = b
    const c = s.charCodeAt(i)
    if (c < 0x80) b += 1
    else if (c < 0x800) b += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      out[i + 1] = b
      b += 4
      i++
    } else b += 3
  }
  out[s.length] = b
  return out
}

interface Hit {
  start: number
  end: number
  variant: string
}

/** Non-overlapping occurrences of `needle` in `hay` (Rust `match_indices`), as UTF-16 indices. */
function matchIndices(hay: string, needle: string): number[] {
  const out: number[] = []
  if (needle.length === 0) {
    // an empty pattern matches at every character boundary
    for (let i = 0; i <= hay.length; i++) {
      const c = hay.charCodeAt(i - 1)
      if (i > 0 && c >= 0xd800 && c <= 0xdbff) continue
      out.push(i)
    }
    return out
  }
  let i = hay.indexOf(needle)
  while (i >= 0) {
    out.push(i)
    i = hay.indexOf(needle, i + needle.length)
  }
  return out
}

function strategy(value: string, candidates: readonly Candidate[], flags: Flag[], allowSubstring: boolean): string | undefined {
  for (const [cand, valid] of candidates) for (const v of valid) if (v === value) return cand
  const unaccented = removeAccents(value)
  for (const [cand, valid] of candidates) for (const v of valid) if (removeAccents(v) === unaccented) return cand
  if (!allowSubstring) return undefined

  let hits: Hit[] = []
  let offsets: Int32Array | undefined
  for (const [cand, valid] of candidates) {
    for (const v of valid) {
      const idx = matchIndices(value, v)
      if (idx.length === 0) continue
      offsets ??= byteOffsets(value)
      const len = utf8ByteLength(v)
      for (const i of idx) hits.push({ start: offsets[i]!, end: offsets[i]! + len, variant: cand })
    }
  }
  if (hits.length === 0) {
    const uoffsets = byteOffsets(unaccented)
    for (const [cand, valid] of candidates) {
      for (const v of valid) {
        // (the reference measures the match with the accented spelling's length)
        const len = utf8ByteLength(v)
        for (const i of matchIndices(unaccented, removeAccents(v))) {
          hits.push({ start: uoffsets[i]!, end: uoffsets[i]! + len, variant: cand })
        }
      }
    }
  }
  if (hits.length === 0) return undefined
  // stable sort: by start, longer first
  hits = hits
    .map((h, i) => ({ h, i }))
    .sort((a, b) => a.h.start - b.h.start || b.h.end - a.h.end || a.i - b.i)
    .map((x) => x.h)
  const counts = new Map<string, number>()
  let lastEnd = 0
  for (const h of hits) {
    if (h.start >= lastEnd) {
      lastEnd = h.end
      counts.set(h.variant, (counts.get(h.variant) ?? 0) + 1)
    }
  }
  let best: string | undefined
  let max = -1
  for (const [variant, count] of counts) {
    if (count > max) {
      max = count
      best = variant
    }
  }
  if (best === undefined) return undefined
  flags.push({ f: F.SubstringMatch })
  let ties = 0
  let total = 0
  for (const count of counts.values()) {
    if (count === max) {
      ties++
      total += count
    }
  }
  if (ties > 1) flags.push({ f: F.StrMatchOneFromMany, n: total })
  return best
}
