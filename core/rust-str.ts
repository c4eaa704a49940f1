// String helpers with the reference's (Rust's) semantics, which differ from JavaScript's in small
// ways: `trim` strips Unicode White_Space but not U+FEFF, `lines` drops one trailing `\r` and no
// empty last line, lengths are counted in UTF-8 bytes. Used by templates, the output format and SAP.

/** Rust `char::is_whitespace` (Unicode White_Space). All such characters are in the BMP, so a UTF-16
 * code unit can be tested on its own: a surrogate is never whitespace. */
export function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d)
  if (c < 0x85) return false
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  )
}

/** Text read by char code: a string, or a stream's growing text (core/sap/jsonish/source.ts). */
export interface CharCodes {
  charCodeAt(index: number): number
}

function trimmedStart(s: CharCodes, a: number, b: number): number {
  while (a < b && isWhitespace(s.charCodeAt(a))) a++
  return a
}

function trimmedEnd(s: CharCodes, a: number, b: number): number {
  while (b > a && isWhitespace(s.charCodeAt(b - 1))) b--
  return b
}

/** Rust `str::trim`. */
export function rustTrim(s: string): string {
  const a = trimmedStart(s, 0, s.length)
  const b = trimmedEnd(s, a, s.length)
  return a === 0 && b === s.length ? s : s.slice(a, b)
}

/** Rust `str::trim_start`. */
export function rustTrimStart(s: string): string {
  const a = trimmedStart(s, 0, s.length)
  return a === 0 ? s : s.slice(a)
}

/** Rust `str::trim_end`. */
export function rustTrimEnd(s: string): string {
  const b = trimmedEnd(s, 0, s.length)
  return b === s.length ? s : s.slice(0, b)
}

/** Offsets `[start, end)` of `s.slice(from, to)` after a Rust-style trim. */
export function trimRange(s: CharCodes, from: number, to: number): [number, number] {
  const a = trimmedStart(s, from, to)
  return [a, trimmedEnd(s, a, to)]
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

/** Length of `s` in UTF-8 bytes (Rust's `str::len`). */
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
