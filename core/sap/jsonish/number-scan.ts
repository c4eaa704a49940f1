// Reads a number token one character at a time and keeps what its value needs, so that a token
// that grows with a stream (a long run of digits) is valued in constant time per push instead of
// re-parsing all of it: the syntax state, the sign, the first MAX_SIG significant digits (a double
// is fixed by its first 768 significant digits; later digits only count as "some nonzero digit
// follows"), where the point goes, and the exponent.
//
// The syntax is Rust's `f64` one as text.ts's parseRustFloat reads it (JSON numbers are a subset):
// optional sign, digits with an optional point (`5.` and `.5` too), optional exponent.
import { bigIntegerOf } from './value.ts'

const MAX_SIG = 800

// states: start, after sign, integer digits, point after digits, point first, fraction digits,
// after e, after exponent sign, exponent digits, not a number
const S_START = 0
const S_SIGN = 1
const S_INT = 2
const S_POINT = 3
const S_LEAD_POINT = 4
const S_FRAC = 5
const S_E = 6
const S_ESIGN = 7
const S_EXP = 8
export const S_BAD = 9

export interface NumScan {
  state: number
  neg: boolean
  /** the first MAX_SIG significant digits (from the first nonzero digit on) */
  sig: string
  nsig: number
  /** a nonzero digit beyond the MAX_SIG kept */
  sticky: boolean
  /** significant digits before the point */
  intSig: number
  /** zeros after the point before the first significant digit (when there are none before it) */
  fracZeros: number
  expNeg: boolean
  exp: number
  /** last computed float value, for (nsig capped, sticky, exponent) */
  memo: { key: string; value: number } | undefined
}

export function newNumScan(): NumScan {
  return { state: S_START, neg: false, sig: '', nsig: 0, sticky: false, intSig: 0, fracZeros: 0, expNeg: false, exp: 0, memo: undefined }
}

export function copyNumScan(n: NumScan): NumScan {
  return { ...n }
}

function digit(n: NumScan, d: number, frac: boolean): void {
  if (n.nsig === 0 && d === 0) {
    if (frac) n.fracZeros++
    return
  }
  if (n.nsig < MAX_SIG) n.sig += String.fromCharCode(48 + d)
  else if (d !== 0) n.sticky = true
  n.nsig++
  if (!frac) n.intSig++
}

/** Reads one more character (a UTF-16 unit) of the token. */
export function feedNum(n: NumScan, c: number): void {
  const isDigit = c >= 48 && c <= 57
  switch (n.state) {
    case S_START:
    case S_SIGN:
      if (isDigit) {
        n.state = S_INT
        digit(n, c - 48, false)
      } else if (c === 46) n.state = S_LEAD_POINT
      else if (n.state === S_START && (c === 43 || c === 45)) {
        n.state = S_SIGN
        n.neg = c === 45
      } else n.state = S_BAD
      return
    case S_INT:
      if (isDigit) digit(n, c - 48, false)
      else if (c === 46) n.state = S_POINT
      else if (c === 101 || c === 69) n.state = S_E
      else n.state = S_BAD
      return
    case S_POINT:
    case S_LEAD_POINT:
    case S_FRAC:
      if (isDigit) {
        n.state = S_FRAC
        digit(n, c - 48, true)
      } else if (n.state !== S_LEAD_POINT && (c === 101 || c === 69)) n.state = S_E
      else n.state = S_BAD
      return
    case S_E:
      if (c === 43 || c === 45) {
        n.state = S_ESIGN
        n.expNeg = c === 45
      } else if (isDigit) {
        n.state = S_EXP
        n.exp = c - 48
      } else n.state = S_BAD
      return
    case S_ESIGN:
    case S_EXP:
      if (isDigit) {
        n.state = S_EXP
        if (n.exp < 1e9) n.exp = n.exp * 10 + (c - 48)
      } else n.state = S_BAD
      return
  }
}

/** The token so far is a whole number in Rust's float syntax. */
export function isFloatSyntax(n: NumScan): boolean {
  return n.state === S_INT || n.state === S_POINT || n.state === S_FRAC || n.state === S_EXP
}

/** The token so far is an optional sign and digits (Rust's integer syntax). */
export function isIntSyntax(n: NumScan): boolean {
  return n.state === S_INT
}

/** The integer value of a token in integer syntax, as bigIntegerOf gives it (undefined: beyond i64/u64). */
export function intValue(n: NumScan): { n: number; big?: bigint } | undefined {
  if (n.nsig > 20) return undefined
  return bigIntegerOf((n.neg ? '-' : '') + (n.nsig === 0 ? '0' : n.sig))
}

/** The (correctly rounded) value of a token in float syntax. */
export function floatValue(n: NumScan): number {
  if (n.nsig === 0) return n.neg ? -0 : 0
  const e = (n.intSig > 0 ? n.intSig : -n.fracZeros) + (n.expNeg ? -n.exp : n.exp)
  // 0.d… × 10^e lies in [10^(e-1), 10^e): past the double range either way, whatever the digits
  if (e > 310) return n.neg ? -Infinity : Infinity
  if (e < -330) return n.neg ? -0 : 0
  const key = `${Math.min(n.nsig, MAX_SIG + 1)}:${n.sticky ? 1 : 0}:${e}`
  if (n.memo !== undefined && n.memo.key === key) return n.memo.value
  const v = Number(`${n.neg ? '-' : ''}0.${n.sig}${n.sticky ? '1' : ''}e${e}`)
  n.memo = { key, value: v }
  return v
}
