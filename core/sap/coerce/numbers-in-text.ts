// Reading numbers out of text the way the reference does for int/float targets: fractions
// (`3/4`) and a single number with thousands separators and a dollar sign (`$1,234.50`).
import { parseRustFloat } from '../text.ts'
import { rustTrim } from '../../rust-str.ts'

/** `a/b` with both sides floats and b != 0. */
export function fromFraction(s: string): number | undefined {
  const slash = s.indexOf('/')
  if (slash < 0) return undefined
  const num = parseRustFloat(rustTrim(s.slice(0, slash)))
  const den = parseRustFloat(rustTrim(s.slice(slash + 1)))
  if (num === undefined || den === undefined || den === 0) return undefined
  return num / den
}

const UNICODE_DIGIT = /\p{Nd}/u

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i)
  if (c >= 48 && c <= 57) return true
  if (c < 0x80 || Number.isNaN(c)) return false
  return UNICODE_DIGIT.test(String.fromCodePoint(s.codePointAt(i)!))
}

function digitWidth(s: string, i: number): number {
  return s.codePointAt(i)! > 0xffff ? 2 : 1
}

function skipDigits(s: string, i: number): number {
  while (i < s.length && isDigitAt(s, i)) i += digitWidth(s, i)
  return i
}

/**
 * Matches `([-+]?)\$?(?:\d+(?:,\d+)*(?:\.\d+)?|\d+\.\d+|\d+|\.\d+)(?:e[-+]?\d+)?` at `i`
 * (leftmost-first, like the reference's regex); returns the end index or -1.
 */
function matchNumberAt(s: string, i: number): number {
  let j = i
  const c = s.charCodeAt(j)
  if (c === 43 || c === 45) j++
  if (s.charCodeAt(j) === 36) j++
  let k: number
  if (j < s.length && isDigitAt(s, j)) {
    k = skipDigits(s, j)
    while (s.charCodeAt(k) === 44 && k + 1 < s.length && isDigitAt(s, k + 1)) k = skipDigits(s, k + 1)
    if (s.charCodeAt(k) === 46 && k + 1 < s.length && isDigitAt(s, k + 1)) k = skipDigits(s, k + 1)
  } else if (s.charCodeAt(j) === 46 && j + 1 < s.length && isDigitAt(s, j + 1)) {
    k = skipDigits(s, j + 1)
  } else return -1
  if (s.charCodeAt(k) === 101) {
    let e = k + 1
    if (s.charCodeAt(e) === 43 || s.charCodeAt(e) === 45) e++
    if (e < s.length && isDigitAt(s, e)) k = skipDigits(s, e)
  }
  return k
}

/** Exactly one number-looking run in the text, without commas and `$`, parsed as f64. */
export function fromCommaSeparated(s: string): number | undefined {
  let found: [number, number] | undefined
  let i = 0
  while (i < s.length) {
    const e = matchNumberAt(s, i)
    if (e < 0) {
      i += s.codePointAt(i)! > 0xffff ? 2 : 1
      continue
    }
    if (found !== undefined) return undefined
    found = [i, e]
    i = e
  }
  if (found === undefined) return undefined
  const cleaned = s.slice(found[0], found[1]).replace(/,/g, '').replace(/\p{Sc}/gu, '')
  return parseRustFloat(cleaned)
}
