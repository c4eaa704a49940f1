// SAP's helpers with the reference's (Rust's) semantics: escapes, number syntax and parsing, character
// classes. General string helpers (trim, lines, UTF-8 length, whitespace) are in core/rust-str.ts.

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
