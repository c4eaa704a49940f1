// Strict JSON (what serde_json accepts), as a resumable scanner: text can be fed in pieces and the
// parse continues where it stopped. A failure at a character that is present is permanent (no
// continuation can fix it); running out of text only means "not complete yet".
import { bigIntegerOf, jarr, jnum, jobj, jstr, JFALSE, JNULL, JTRUE, type JValue } from './value.ts'
import { escapedChar } from '../text.ts'
import { Source } from './source.ts'
import { fit, work } from '../work.ts'
import { feedNum, floatValue, intValue, newNumScan, type NumScan } from './number-scan.ts'

// serde_json refuses the 128th nested container
const MAX_DEPTH = 127

interface Frame {
  readonly isObj: boolean
  readonly keys: string[]
  readonly vals: JValue[]
  /** obj: 0 key-or-end, 1 key, 2 colon, 3 value, 4 comma-or-end; arr: 0 value-or-end, 3 value, 4 comma-or-end */
  st: number
}

// Token kinds being read when the text ran out.
const T_NONE = 0
const T_STR = 1
const T_NUM = 2
const T_LIT = 3

export interface StrictJsonState {
  pos: number
  failed: boolean
  /** Set once a whole top-level value has been read. */
  value: JValue | undefined
  stack: Frame[]
  tok: number
  // string token
  buf: string
  esc: number // 0 none, 1 after backslash, 2.. reading \u digits
  hex: number
  hexDigits: number
  pendingHigh: number // high surrogate waiting for its pair (-1 none); 0 means need "\"
  strIsKey: boolean
  // number token
  numStart: number
  numState: number
  /** a long top-level number being read, valued incrementally (see numberValue) */
  numScan: { start: number; fed: number; scan: NumScan } | undefined
  // literal token
  lit: string
  litIdx: number
  litValue: JValue
}

export function newStrictJson(start: number): StrictJsonState {
  return {
    pos: start,
    failed: false,
    value: undefined,
    stack: [],
    tok: T_NONE,
    buf: '',
    esc: 0,
    hex: 0,
    hexDigits: 0,
    pendingHigh: -1,
    strIsKey: false,
    numStart: 0,
    numState: 0,
    numScan: undefined,
    lit: '',
    litIdx: 0,
    litValue: JNULL,
  }
}

function isJsonWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

/** Feeds `text[st.pos, end)` to the scanner. */
export function advanceStrictJson(st: StrictJsonState, text: Source, end: number): void {
  const start = st.pos
  let i = start
  while (i < end && !st.failed) {
    if (st.tok === T_STR) {
      i = readString(st, text, i, end)
      continue
    }
    if (st.tok === T_NUM) {
      i = readNumber(st, text, i, end)
      continue
    }
    if (st.tok === T_LIT) {
      const c = text.charCodeAt(i)
      if (c !== st.lit.charCodeAt(st.litIdx)) {
        st.failed = true
        break
      }
      i++
      st.litIdx++
      if (st.litIdx === st.lit.length) {
        st.tok = T_NONE
        emit(st, st.litValue)
      }
      continue
    }
    const c = text.charCodeAt(i)
    if (isJsonWs(c)) {
      i++
      continue
    }
    if (st.value !== undefined) {
      st.failed = true // trailing characters
      break
    }
    const top = st.stack.length > 0 ? st.stack[st.stack.length - 1]! : undefined
    if (top !== undefined && top.st !== 3) {
      // punctuation or an object key (see Frame.st); an array's first value falls through
      const at = top.st
      if ((at === 0 || at === 4) && c === (top.isObj ? 125 : 93)) {
        i++
        closeFrame(st)
        continue
      }
      if (at === 4 && c === 44) {
        top.st = top.isObj ? 1 : 3
        i++
        continue
      }
      if (top.isObj && at === 2 && c === 58) {
        top.st = 3
        i++
        continue
      }
      if (top.isObj && at <= 1 && c === 34) {
        startString(st, true)
        i++
        continue
      }
      if (top.isObj || at === 4) {
        st.failed = true
        break
      }
    }
    // a value
    i = startValue(st, i, c)
  }
  st.pos = i
  work.steps += Math.max(1, i - start)
}

function startValue(st: StrictJsonState, i: number, c: number): number {
  switch (c) {
    case 123: // {
    case 91: // [
      if (st.stack.length >= MAX_DEPTH) {
        st.failed = true
        return i
      }
      st.stack.push({ isObj: c === 123, keys: [], vals: [], st: 0 })
      return i + 1
    case 34:
      startString(st, false)
      return i + 1
    case 116:
      return startLit(st, 'true', JTRUE, i)
    case 102:
      return startLit(st, 'false', JFALSE, i)
    case 110:
      return startLit(st, 'null', JNULL, i)
    default:
      if (c === 45 || (c >= 48 && c <= 57)) {
        st.tok = T_NUM
        st.numStart = i
        st.numState = 0
        return i
      }
      st.failed = true
      return i
  }
}

function startLit(st: StrictJsonState, word: string, v: JValue, i: number): number {
  st.tok = T_LIT
  st.lit = word
  st.litIdx = 1
  st.litValue = v
  return i + 1
}

function startString(st: StrictJsonState, isKey: boolean): void {
  st.tok = T_STR
  st.buf = ''
  st.esc = 0
  st.pendingHigh = -1
  st.strIsKey = isKey
}

function readString(st: StrictJsonState, text: Source, i: number, end: number): number {
  while (i < end) {
    if (st.esc === 0) {
      if (st.pendingHigh >= 0) {
        // a high surrogate escape must be followed by a low surrogate escape
        if (text.charCodeAt(i) !== 92) {
          st.failed = true
          return i
        }
        st.esc = 1
        i++
        continue
      }
      // fast path: copy a run of plain characters
      let j = i
      while (j < end) {
        const c = text.charCodeAt(j)
        if (c === 34 || c === 92 || c < 0x20) break
        j++
      }
      if (j > i) st.buf += text.slice(i, j)
      if (j >= end) return j
      const c = text.charCodeAt(j)
      if (c < 0x20) {
        st.failed = true
        return j
      }
      if (c === 34) {
        st.tok = T_NONE
        const s = st.buf
        st.buf = ''
        if (st.strIsKey) {
          const top = st.stack[st.stack.length - 1]!
          top.keys.push(s)
          top.st = 2
        } else emit(st, jstr(s, true))
        return j + 1
      }
      st.esc = 1
      i = j + 1
      continue
    }
    const c = text.charCodeAt(i)
    if (st.esc === 1) {
      if (c === 117) {
        st.esc = 2
        st.hex = 0
        st.hexDigits = 0
        i++
        continue
      }
      if (st.pendingHigh >= 0) {
        st.failed = true
        return i
      }
      const ch = c === 47 ? '/' : escapedChar(c)
      if (ch === undefined) {
        st.failed = true
        return i
      }
      st.buf += ch
      st.esc = 0
      i++
      continue
    }
    // reading \u hex digits
    let d: number
    if (c >= 48 && c <= 57) d = c - 48
    else if (c >= 97 && c <= 102) d = c - 87
    else if (c >= 65 && c <= 70) d = c - 55
    else {
      st.failed = true
      return i
    }
    st.hex = st.hex * 16 + d
    st.hexDigits++
    i++
    if (st.hexDigits === 4) {
      const cp = st.hex
      st.esc = 0
      if (st.pendingHigh >= 0) {
        if (cp < 0xdc00 || cp > 0xdfff) {
          st.failed = true
          return i
        }
        st.buf += String.fromCharCode(st.pendingHigh, cp)
        st.pendingHigh = -1
      } else if (cp >= 0xd800 && cp <= 0xdbff) {
        st.pendingHigh = cp
      } else if (cp >= 0xdc00 && cp <= 0xdfff) {
        st.failed = true
        return i
      } else st.buf += String.fromCharCode(cp)
    }
  }
  return i
}

// number states: 0 start, 1 after '-', 2 after leading 0, 3 int digits, 4 after '.', 5 frac digits,
// 6 after e, 7 after e sign, 8 exp digits
function readNumber(st: StrictJsonState, text: Source, i: number, end: number): number {
  let s = st.numState
  // the digits are read from flat windows of the text (a long number is most of a push's chunk;
  // windows keep a text of many short numbers from slicing to its end at each one)
  let part = ''
  let base = i
  let lim = i
  for (; i < end; i++) {
    if (i >= lim) {
      base = i
      lim = Math.min(end, i + NUMBER_WINDOW)
      part = text.slice(base, lim)
    }
    const c = part.charCodeAt(i - base)
    const digit = c >= 48 && c <= 57
    switch (s) {
      case 0:
        if (c === 45) s = 1
        else if (c === 48) s = 2
        else if (digit) s = 3
        else return failNum(st, i)
        continue
      case 1:
        if (c === 48) s = 2
        else if (digit) s = 3
        else return failNum(st, i)
        continue
      case 2:
      case 3:
        if (digit) {
          if (s === 2) return failNum(st, i)
          continue
        }
        if (c === 46) {
          s = 4
          continue
        }
        if (c === 101 || c === 69) {
          s = 6
          continue
        }
        break
      case 4:
        if (digit) s = 5
        else return failNum(st, i)
        continue
      case 5:
        if (digit) continue
        if (c === 101 || c === 69) {
          s = 6
          continue
        }
        break
      case 6:
        if (c === 43 || c === 45) s = 7
        else if (digit) s = 8
        else return failNum(st, i)
        continue
      case 7:
        if (digit) s = 8
        else return failNum(st, i)
        continue
      case 8:
        if (digit) continue
        break
    }
    // the number ended before `c`
    st.numState = s
    finishNumber(st, text, i)
    return i
  }
  st.numState = s
  return i
}

const NUMBER_WINDOW = 256

function failNum(st: StrictJsonState, i: number): number {
  st.failed = true
  return i
}

/** Tokens longer than this are valued by a NumScan (a stream would re-read them on every push). */
const LONG_NUMBER = 64

/** Builds the number token `text[numStart, end)`; false when it is not a complete number. */
function numberValue(text: Source, start: number, end: number, state: number, st?: StrictJsonState): JValue | undefined {
  if (state === 0 || state === 1 || state === 4 || state === 6 || state === 7) return undefined
  if (st !== undefined && end - start > LONG_NUMBER) return longNumberValue(st, text, start, end, state)
  work.steps += end - start
  const src = text.slice(start, end)
  const n = Number(src)
  if (!Number.isFinite(n)) return undefined // serde_json: number out of range
  if (state === 2 || state === 3) {
    if (src.charCodeAt(0) === 45 && n === 0) return jnum(-0, false, true) // serde_json: -0 is a float
    const exact = bigIntegerOf(src)
    if (exact === undefined) return jnum(n, false, true) // beyond i64/u64: a float
    return jnum(exact.n, true, true, exact.big)
  }
  return jnum(n, false, true)
}

/** numberValue of a long token, read on from where the previous call stopped. */
function longNumberValue(st: StrictJsonState, text: Source, start: number, end: number, state: number): JValue | undefined {
  let ns = st.numScan
  if (ns === undefined || ns.start !== start) ns = st.numScan = { start, fed: start, scan: newNumScan() }
  work.steps += end - ns.fed
  const part = text.slice(ns.fed, end)
  for (let k = 0; k < part.length; k++) feedNum(ns.scan, part.charCodeAt(k))
  ns.fed = end
  if (state === 2 || state === 3) {
    // (no leading zeros in JSON: a long integer is not zero)
    const exact = intValue(ns.scan)
    if (exact !== undefined) return jnum(exact.n, true, true, exact.big)
  }
  const n = floatValue(ns.scan)
  return Number.isFinite(n) ? jnum(n, false, true) : undefined
}

function finishNumber(st: StrictJsonState, text: Source, end: number): void {
  const v = numberValue(text, st.numStart, end, st.numState)
  st.tok = T_NONE
  if (v === undefined) {
    st.failed = true
    return
  }
  emit(st, v)
}

function emit(st: StrictJsonState, v: JValue): void {
  const top = st.stack.length > 0 ? st.stack[st.stack.length - 1] : undefined
  if (top === undefined) {
    st.value = v
    return
  }
  top.vals.push(v)
  top.st = 4
}

function closeFrame(st: StrictJsonState): void {
  const f = st.stack.pop()!
  emit(st, f.isObj ? jobj(fit(f.keys), fit(f.vals), true) : jarr(fit(f.vals), true))
}

/**
 * The strict parse of `text[start, end)` if it is exactly one JSON value (plus whitespace), with
 * the reference's completion marks: a top-level number stays incomplete (more digits may follow).
 */
export function strictJsonResult(st: StrictJsonState, text: Source): JValue | undefined {
  if (st.failed) return undefined
  let v = st.value
  if (v === undefined) {
    if (st.tok !== T_NUM || st.stack.length > 0) return undefined
    v = numberValue(text, st.numStart, st.pos, st.numState, st)
    if (v === undefined) return undefined
  }
  if (v.t === 'num') return jnum(v.n, v.int, false, v.big)
  return v
}

/** One-shot strict parse of a whole string. */
export function parseStrictJson(text: string): JValue | undefined {
  const st = newStrictJson(0)
  const src = Source.of(text)
  advanceStrictJson(st, src, text.length)
  return strictJsonResult(st, src)
}
