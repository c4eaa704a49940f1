// Character classes and string helpers with the reference's (Rust's) semantics, which differ from
// JavaScript's in small ways (e.g. `trim` does not strip U+FEFF, `\s` is not Unicode White_Space).

/** Rust `char::is_whitespace` (Unicode White_Space). */
export function isWhitespace(cp: number): boolean {
  if (cp <= 0x20) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d)
  if (cp < 0x85) return false
  return (
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  )
}

/** Rust `str::trim`. */
export function rustTrim(s: string): string {
  const a = trimmedStart(s, 0, s.length)
  const b = trimmedEnd(s, a, s.length)
  return a === 0 && b === s.length ? s : s.slice(a, b)
}

/** Offsets `[start, end)` of `s.slice(from, to)` after a Rust-style trim. */
export function trimRange(s: string, from: number, to: number): [number, number] {
  const a = trimmedStart(s, from, to)
  return [a, trimmedEnd(s, a, to)]
}

// (White_Space characters are all in the BMP, so code units can be tested one by one: a surrogate
// is never whitespace)
function trimmedStart(s: string, a: number, b: number): number {
  while (a < b && isWhitespace(s.charCodeAt(a))) a++
  return a
}

function trimmedEnd(s: string, a: number, b: number): number {
  while (b > a && isWhitespace(s.charCodeAt(b - 1))) b--
  return b
}

/** What `\c` stands for among the escapes both JSON readers know (`" \\ b f n r t`; strict JSON adds `/`). */
export function escapedChar(c: number): string | undefined {
  switch (c) {
    case 34:
      return '"'
    case 92:
      return '\\'
    case 98:
      return '\b'
    case 102:
      return '\f'
    case 110:
      return '\n'
    case 114:
      return '\r'
    case 116:
      return '\t'
  }
  return undefined
}

/** Length of a code point in UTF-8. */
export function utf8Len(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
}

/** UTF-8 byte length of a string. */
export function utf8ByteLength(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** Rust `str::lines`: split on `\n`, strip one trailing `\r` per line, no empty last line. */
export function rustLines(s: string): string[] {
  if (s.length === 0) return []
  const parts = s.split('\n')
  if (parts[parts.length - 1] === '') parts.pop()
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!
    if (p.endsWith('\r')) parts[i] = p.slice(0, -1)
  }
  return parts
}

const ALNUM = /[\p{Alphabetic}\p{N}]/u

/** Rust `char::is_alphanumeric`. */
export function isAlphanumeric(ch: string): boolean {
  const c = ch.charCodeAt(0)
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  return ALNUM.test(ch)
}

/** Rust's `str::parse::<i64>()` / `<u64>()` syntax: optional sign, ASCII digits only. */
export function isRustIntSyntax(s: string): boolean {
  const n = s.length
  if (n === 0) return false
  let i = 0
  const c0 = s.charCodeAt(0)
  if (c0 === 43 || c0 === 45) i = 1
  if (i === n) return false
  for (let j = i; j < n; j++) {
    const c = s.charCodeAt(j)
    if (c < 48 || c > 57) return false
  }
  return true
}

/** Rust's `str::parse::<i64>()` / `<u64>()` value (approximate beyond 2^53; see bigIntegerOf). */
export function parseRustInt(s: string): number | undefined {
  if (!isRustIntSyntax(s)) return undefined
  const v = Number(s)
  // i64 / u64 range (approximately: JS numbers cannot hold every 64-bit integer)
  if (v > 18446744073709551615 || v < -9223372036854775808) return undefined
  return v === 0 ? 0 : v
}

/** Rust's `str::parse::<f64>()`: decimal with optional exponent, or inf/infinity/nan. */
export function parseRustFloat(s: string): number | undefined {
  const n = s.length
  if (n === 0) return undefined
  let i = 0
  const c0 = s.charCodeAt(0)
  let neg = false
  if (c0 === 43 || c0 === 45) {
    neg = c0 === 45
    i = 1
  }
  const rest = s.slice(i).toLowerCase()
  if (rest === 'inf' || rest === 'infinity') return neg ? -Infinity : Infinity
  if (rest === 'nan') return NaN
  let digits = 0
  let j = i
  while (j < n && isDigit(s.charCodeAt(j))) {
    j++
    digits++
  }
  if (j < n && s.charCodeAt(j) === 46) {
    j++
    while (j < n && isDigit(s.charCodeAt(j))) {
      j++
      digits++
    }
  }
  if (digits === 0) return undefined
  if (j < n && (s.charCodeAt(j) === 101 || s.charCodeAt(j) === 69)) {
    j++
    if (j < n && (s.charCodeAt(j) === 43 || s.charCodeAt(j) === 45)) j++
    let ed = 0
    while (j < n && isDigit(s.charCodeAt(j))) {
      j++
      ed++
    }
    if (ed === 0) return undefined
  }
  if (j !== n) return undefined
  let body = s.slice(i)
  if (body.charCodeAt(0) === 46) body = '0' + body
  body = body.replace(/\.(?=[eE]|$)/, '')
  const v = Number(body)
  return neg ? -v : v
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** Value `f64 as i64` in Rust: truncating and saturating, NaN becomes 0. */
export function f64AsI64(x: number): number {
  if (Number.isNaN(x)) return 0
  if (x >= 9223372036854775807) return 9223372036854775807
  if (x <= -9223372036854775808) return -9223372036854775808
  return Math.trunc(x)
}

/** Rust `f64::round`: half away from zero. */
export function rustRound(x: number): number {
  if (!Number.isFinite(x)) return x
  const r = Math.round(Math.abs(x))
  // Math.round rounds .5 up; for the absolute value that is "away from zero"
  const v = x < 0 ? -r : r
  return v === 0 ? 0 : v
}
