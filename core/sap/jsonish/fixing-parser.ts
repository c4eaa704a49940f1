// The tolerant JSON reader (the reference's "fixing parser"): a character state machine that
// accepts unquoted keys and values, single/back/triple quotes, comments, trailing commas, bad
// escapes and unterminated structures, and may find several top-level values.
//
// It is written as a resumable machine so a stream can feed it text piece by piece: every decision
// the reference makes by looking ahead is either taken once enough text is present, or (while more
// text may come) postponed without changing state. `finishFixing` answers "what would the reference
// return if the text ended here" on a copy, leaving the live state untouched.
//
// Quirks kept on purpose because the reference has them (and the golden data shows them):
// - after an unquoted string the reference skips as many *characters* as the delimiter's *byte*
//   offset, so non-ASCII text before a delimiter makes it skip past the delimiter;
// - `\uXXXX` escapes keep the backslash and drop the last hex digit;
// - a value in an object also counts as "in an array" when deciding whether a quote closes it.
import { bigIntegerOf, completeDeeply, displayValue, jarr, jnum, jobj, jstr, markPushLived, JFALSE, JNULL, JTRUE, type JValue } from './value.ts'
import { dedent } from './dedent.ts'
import { copyList, copyPlus, work } from '../work.ts'
import { Source } from './source.ts'
import { copyNumScan, feedNum, floatValue, intValue, isFloatSyntax, isIntSyntax, newNumScan, S_BAD, type NumScan } from './number-scan.ts'
import { escapedChar, isRustIntSyntax, parseRustFloat, utf8Len } from '../text.ts'
import { isWhitespace } from '../../rust-str.ts'

/**
 * Most objects and arrays open at once. The reference has no limit here, but its cost grows so
 * fast with depth (minutes and gigabytes at a few hundred levels) that no real output goes near
 * it; past this depth the whole parse fails (NestingTooDeep), which also keeps every recursive
 * step after reading (coercion, rendering) far from the engine's stack limit, and a stream's
 * pushes cheap. 128 is the reference's own strict JSON limit plus one.
 */
export const MAX_NESTING = 128

/**
 * Thrown by finishFixing when the text nests objects and arrays deeper than MAX_NESTING (not an
 * Error: a stream may throw it on every push, and it needs no stack trace).
 */
export const NestingTooDeep = {
  message: `it nests objects and arrays more than ${MAX_NESTING} levels deep`,
}

const OBJ = 0
const ARR = 1
const QSTR = 2 // "..."
const TQSTR = 3 // """..."""
const SQSTR = 4 // '...'
const TBSTR = 5 // ```...```
const BSTR = 6 // `...`
const UNQ = 7 // unquoted
const LCOMMENT = 8 // // ...
const BCOMMENT = 9 // /* ... */

interface Coll {
  kind: number
  keys: string[]
  vals: JValue[]
  s: string
  /** token shared by every copy of this collection (see JArray.origin) */
  origin?: object
  /** unquoted strings: `s` is always `text[at, at + s.length)`, read by `unq` (see Unquoted) */
  at?: number
  unq?: Unquoted
  /**
   * In a copy made by finishFixing: `keys` / `vals` are still the live state's arrays, to be
   * copied (once, at their new size) before anything is added, or before a value is made of them
   */
  sharedKeys?: boolean
  sharedVals?: boolean
}

/**
 * What an unquoted string's value depends on, read incrementally from the text (never from `s`,
 * which in a stream may be a long rope that reading would copy on every push): where the
 * trimmed content starts and ends, whether it holds a space or a parenthesis, and its number
 * syntax and value so far.
 */
interface Unquoted {
  /** characters read up to this index */
  fed: number
  /** first and after-last non-whitespace character (-1: none yet) */
  coreStart: number
  coreEnd: number
  /** whitespace seen after the last non-whitespace character */
  pendingWs: boolean
  space: boolean
  paren: boolean
  num: NumScan
}

function newUnquoted(at: number): Unquoted {
  return { fed: at, coreStart: -1, coreEnd: -1, pendingWs: false, space: false, paren: false, num: newNumScan() }
}

function copyUnquoted(u: Unquoted): Unquoted {
  return { ...u, num: copyNumScan(u.num) }
}

/** Reads an unquoted string's characters up to `to`. */
function readUnquoted(u: Unquoted, text: Source, to: number): void {
  work.steps += to - u.fed
  for (let i = u.fed; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 32) u.space = true
    else if (c === 40) u.paren = true
    if (isWhitespace(c)) {
      if (u.coreStart >= 0) u.pendingWs = true
      continue
    }
    if (u.coreStart < 0) u.coreStart = i
    else if (u.pendingWs) u.num.state = S_BAD // whitespace inside: not a number
    u.pendingWs = false
    u.coreEnd = i + 1
    feedNum(u.num, c)
  }
  u.fed = Math.max(u.fed, to)
}

/** Trimmed unquoted content up to this length is examined as a string (literal words, inf, nan). */
const SHORT = 32

/** An unquoted string: the collection and its reader, brought up to date. */
function unquoted(c: Coll, text: Source): Unquoted {
  const u = c.unq!
  readUnquoted(u, text, c.at! + c.s.length)
  return u
}

// Where an unquoted string sits, which decides what ends it.
const IN_NOTHING = 0
const IN_KEY = 1
const IN_VALUE = 2
const IN_ARRAY = 3

/** An unquoted string being read up to its delimiter (the reference's look-ahead loop). */
interface Scan {
  mode: number
  /** index of the first character after the token that started the string */
  base: number
  /** index of the next character to read */
  cur: number
  /** bytes / characters from `base` to `cur` */
  bytes: number
  chars: number
  /** the last character read by the loop itself: its index, char offset and byte offset from base */
  lastPos: number
  lastChars: number
  lastBytes: number
  readAny: boolean
}

export interface FixingState {
  pos: number
  skip: number
  stack: Coll[]
  /** top-level values finished: how many, the first, and the objects and arrays among them */
  doneCount: number
  first: JValue | undefined
  containers: JValue[]
  /** `containers` is the live state's array, to be copied before adding to it (see cloneState) */
  shared: boolean
  trailingBackslashes: number
  unescapedQuotes: number
  scan: Scan | undefined
  /** objects and arrays open on the stack */
  open: number
  /** MAX_NESTING was exceeded: the state stops reading (for good, the text only grows) */
  tooDeep: boolean
  /**
   * the values read are only ever read at the current end of a stream (the reader's top-level
   * session): the origins of its open collections are marked push-lived (see markPushLived)
   */
  readonly pushLived: boolean
}

export function newFixing(start: number, pushLived = false): FixingState {
  return {
    pos: start,
    skip: 0,
    stack: [],
    doneCount: 0,
    first: undefined,
    containers: [],
    shared: false,
    trailingBackslashes: 0,
    unescapedQuotes: 0,
    scan: undefined,
    open: 0,
    tooDeep: false,
    pushLived,
  }
}

/** Thrown (and caught here) when a decision needs text that has not arrived yet. */
const NEED_MORE = { needMore: true }

class Runner {
  constructor(
    readonly st: FixingState,
    readonly text: Source,
    readonly end: number,
    readonly final: boolean,
  ) {}

  /** Code point at `i`, -1 at the end of a finished text; throws NEED_MORE at a live end. */
  at(i: number): number {
    work.steps++
    if (i < this.end) return this.text.codePointAt(i)!
    if (this.final) return -1
    throw NEED_MORE
  }

  run(): void {
    const st = this.st
    const text = this.text
    const end = this.end
    const p0 = st.scan === undefined ? st.pos : st.scan.cur
    try {
      for (;;) {
        if (st.tooDeep) return
        if (st.scan !== undefined) {
          if (!this.runScan(st.scan)) return
          continue
        }
        while (st.skip > 0 && st.pos < end) {
          st.pos += text.codePointAt(st.pos)! > 0xffff ? 2 : 1
          st.skip--
        }
        if (st.pos >= end) return
        this.step()
      }
    } catch (e) {
      if (e !== NEED_MORE) throw e
    } finally {
      work.steps += Math.max(1, (st.scan === undefined ? st.pos : st.scan.cur) - p0)
    }
  }

  /** Processes the token at `st.pos`. Every look-ahead happens before any change of state. */
  step(): void {
    const st = this.st
    const text = this.text
    const i = st.pos
    const c = text.codePointAt(i)!
    const w = c > 0xffff ? 2 : 1
    const next = i + w
    const top = st.stack.length > 0 ? st.stack[st.stack.length - 1]! : undefined
    if (top === undefined) {
      this.startValue(c, next)
      return
    }
    switch (top.kind) {
      case OBJ:
        if (c === 125) {
          st.pos = next
          this.complete(true)
        } else if (c === 44 || c === 58) st.pos = next
        else this.startValue(c, next)
        return
      case ARR:
        if (c === 93) {
          st.pos = next
          this.complete(true)
        } else if (c === 44) st.pos = next
        else this.startValue(c, next)
        return
      case TQSTR:
        if (c === 34) {
          const p = this.at(next)
          // the reference only checks one more quote (or the end) and then skips three characters
          if (p === 34 || p === -1) {
            st.pos = next
            st.skip = 3
            this.complete(true)
          } else {
            st.pos = next
            this.consume('"')
          }
        } else {
          st.pos = next
          this.consumeRun(i, next)
        }
        return
      case QSTR:
        this.stepQuoted(c, i, next)
        return
      case TBSTR:
        if (c === 96) {
          const a = this.at(next)
          const b = a === 96 ? this.at(next + 1) : 0
          if (a === 96 && b === 96) {
            st.pos = next
            st.skip = 2
            this.complete(true)
            return
          }
        }
        st.pos = next
        this.consumeRun(i, next)
        return
      case BSTR:
      case SQSTR: {
        const quote = top.kind === BSTR ? 96 : 39
        if (c === quote) {
          const close = this.shouldCloseString(next, quote)
          st.pos = next
          if (close) this.complete(true)
          else this.consume(String.fromCodePoint(c))
          return
        }
        // plain characters: copy the run up to the next quote
        let j = next
        while (j < this.end && text.charCodeAt(j) !== quote) j++
        st.pos = j
        this.consumeRun(i, j)
        return
      }
      case UNQ:
        // only reached for a string started by '/' inside an object
        st.pos = next
        this.consume(String.fromCodePoint(c))
        this.beginScan(next)
        return
      case LCOMMENT:
        st.pos = next
        if (c === 10) this.complete(true)
        return
      case BCOMMENT:
        if (c === 42) {
          const p = this.at(next)
          st.pos = next
          if (p === 47) {
            st.skip = 1
            this.complete(true)
          }
          return
        }
        st.pos = next
        return
    }
  }

  stepQuoted(c: number, i: number, next: number): void {
    const st = this.st
    if (c === 34) {
      const close = this.shouldCloseString(next, 34)
      st.pos = next
      if (close) this.complete(true)
      else this.consume('"')
      return
    }
    if (c === 92) {
      const p = this.at(next)
      if (p === 117) {
        // the reference keeps "\" plus the next four characters ('u' and three digits) and
        // then skips five characters
        let buf = '\\'
        let j = next
        for (let k = 0; k < 4; k++) {
          const q = this.at(j)
          if (q === -1) break
          buf += String.fromCodePoint(q)
          j += q > 0xffff ? 2 : 1
        }
        st.pos = next
        st.skip = 5
        for (const ch of buf) this.consume(ch)
        return
      }
      // `\/` is not among the escapes here: the backslash is kept
      const ch = escapedChar(p)
      st.pos = next
      if (ch === undefined) this.consume('\\')
      else {
        st.skip = 1
        this.consume(ch)
      }
      return
    }
    // plain characters: copy the run up to the next quote or backslash
    const text = this.text
    let j = next
    const end = this.end
    while (j < end) {
      const d = text.charCodeAt(j)
      if (d === 34 || d === 92) break
      j++
    }
    st.pos = j
    st.trailingBackslashes = 0
    const top = st.stack[st.stack.length - 1]!
    top.s += text.slice(i, j)
  }

  /** Appends text[a, b) verbatim to the string on top (no quote characters inside). */
  consumeRun(a: number, b: number): void {
    const top = this.st.stack[this.st.stack.length - 1]!
    top.s += this.text.slice(a, b)
    if (top.kind === QSTR) this.st.trailingBackslashes = 0
  }

  consume(ch: string): void {
    const st = this.st
    const top = st.stack[st.stack.length - 1]!
    if (top.kind === QSTR) {
      if (ch === '\\') st.trailingBackslashes++
      else {
        if (ch === '"' && st.trailingBackslashes % 2 === 0) st.unescapedQuotes++
        st.trailingBackslashes = 0
      }
    }
    top.s += ch
  }

  /** The reference's `find_any_starting_value`. */
  startValue(c: number, next: number): void {
    const st = this.st
    switch (c) {
      case 123:
      case 91:
        st.pos = next
        st.stack.push({ kind: c === 123 ? OBJ : ARR, keys: [], vals: [], s: '', origin: newOrigin(st) })
        if (++st.open > MAX_NESTING) st.tooDeep = true
        return
      case 34: {
        const a = this.at(next)
        const b = a === 34 ? this.at(next + 1) : 0
        if (a === 34 && b === 34) {
          st.pos = next
          st.skip = 2
          st.stack.push({ kind: TQSTR, keys: [], vals: [], s: '' })
          return
        }
        st.pos = next
        st.trailingBackslashes = 0
        st.unescapedQuotes = 0
        st.stack.push({ kind: QSTR, keys: [], vals: [], s: '' })
        return
      }
      case 39:
        st.pos = next
        st.stack.push({ kind: SQSTR, keys: [], vals: [], s: '' })
        return
      case 96: {
        const a = this.at(next)
        const b = a === 96 ? this.at(next + 1) : 0
        st.pos = next
        if (a === 96 && b === 96) {
          st.skip = 2
          st.stack.push({ kind: TBSTR, keys: [], vals: [], s: '' })
        } else st.stack.push({ kind: BSTR, keys: [], vals: [], s: '' })
        return
      }
      case 47: {
        const a = this.at(next)
        st.pos = next
        if (a === 47) {
          st.skip = 1
          st.stack.push({ kind: LCOMMENT, keys: [], vals: [], s: '' })
        } else if (a === 42) {
          st.skip = 1
          st.stack.push({ kind: BCOMMENT, keys: [], vals: [], s: '' })
        } else {
          const top = st.stack.length > 0 ? st.stack[st.stack.length - 1]! : undefined
          if (top !== undefined && top.kind === OBJ) st.stack.push({ kind: UNQ, keys: [], vals: [], s: '/', at: next - 1, unq: newUnquoted(next - 1) })
        }
        return
      }
    }
    st.pos = next
    if (isWhitespace(c)) return
    const at = next - (c > 0xffff ? 2 : 1)
    st.stack.push({ kind: UNQ, keys: [], vals: [], s: String.fromCodePoint(c), at, unq: newUnquoted(at) })
    this.beginScan(next)
  }

  beginScan(base: number): void {
    const st = this.st
    let mode = IN_NOTHING
    if (st.stack.length >= 2) {
      const parent = st.stack[st.stack.length - 2]!
      if (parent.kind === OBJ) mode = parent.keys.length === parent.vals.length ? IN_KEY : IN_VALUE
      else mode = IN_ARRAY
    }
    st.scan = { mode, base, cur: base, bytes: 0, chars: 0, lastPos: base, lastChars: 0, lastBytes: 0, readAny: false }
  }

  /** Continues an unquoted string; false when it must wait for more text. */
  runScan(sc: Scan): boolean {
    const st = this.st
    const text = this.text
    const end = this.end
    const top = st.stack[st.stack.length - 1]!
    let runStart = sc.cur
    for (;;) {
      if (sc.cur >= end) {
        if (sc.cur > runStart) top.s += text.slice(runStart, sc.cur)
        if (!this.final) return false
        // end of text: close as incomplete and skip (last byte offset + 1) characters from base
        this.closeScan(sc.lastPos, sc.readAny ? sc.lastBytes + 1 - sc.lastChars : 1, false)
        return true
      }
      const c = text.codePointAt(sc.cur)!
      const w = c > 0xffff ? 2 : 1
      let delim = false
      switch (sc.mode) {
        case IN_NOTHING:
          delim = c === 123 || c === 91
          break
        case IN_KEY:
          delim = c === 58
          break
        case IN_ARRAY:
          delim = c === 44 || c === 93
          break
        case IN_VALUE:
          delim = c === 125
          if (c === 44) {
            if (sc.cur > runStart) top.s += text.slice(runStart, sc.cur)
            runStart = sc.cur
            let outcome: number
            try {
              outcome = this.commaDecision(sc.cur + 1, top)
            } catch (e) {
              if (e === NEED_MORE) return false
              throw e
            }
            sc.lastPos = sc.cur
            sc.lastChars = sc.chars
            sc.lastBytes = sc.bytes
            sc.readAny = true
            if (outcome === -1) {
              this.closeScan(sc.cur, sc.bytes - sc.chars, true)
              return true
            }
            // consume the comma plus `outcome` more characters and carry on
            let j = sc.cur + 1
            sc.bytes += 1
            sc.chars += 1
            for (let k = 0; k < outcome; k++) {
              const q = text.codePointAt(j)!
              sc.bytes += utf8Len(q)
              sc.chars += 1
              j += q > 0xffff ? 2 : 1
            }
            top.s += text.slice(sc.cur, j)
            sc.cur = j
            runStart = j
            if (j >= end && this.final) {
              // the reference ran out of text inside its look-ahead: it closes the string and
              // resumes right after the comma
              this.closeScan(sc.lastPos, sc.lastBytes + 1 - sc.lastChars, false)
              return true
            }
            continue
          }
          break
      }
      if (delim) {
        if (sc.cur > runStart) top.s += text.slice(runStart, sc.cur)
        this.closeScan(sc.cur, sc.bytes - sc.chars, true)
        return true
      }
      sc.lastPos = sc.cur
      sc.lastChars = sc.chars
      sc.lastBytes = sc.bytes
      sc.readAny = true
      sc.bytes += c < 0x80 ? 1 : utf8Len(c)
      sc.chars += 1
      sc.cur += w
    }
  }

  /**
   * Decides what a comma inside an unquoted object value means. Returns -1 to end the value at the
   * comma, or the number of characters after the comma that become part of the value.
   */
  commaDecision(after: number, current: Coll): number {
    const p = this.at(after)
    if (p === -1 || p === 10) return -1
    if (p !== 32) return 0
    if (isPossibleValue(current, this.text)) return -1
    let anything = false
    let j = after
    let count = 0
    for (;;) {
      const q = this.at(j)
      if (q === -1) return count
      count++
      const wq = q > 0xffff ? 2 : 1
      anything = anything || !isWhitespace(q)
      if (q === 32) {
        j += wq
        continue
      }
      if (q === 10) {
        if (!anything) return -1
        j += wq
        continue
      }
      if (q === 47) {
        const r = this.at(j + 1)
        if (r === 47 || r === 42) return -1
        j += wq
        continue
      }
      if (q === 34) return -1
      return count
    }
  }

  /** Ends the unquoted string; the outer loop resumes at `pos` after skipping `skip` characters. */
  closeScan(pos: number, skip: number, complete: boolean): void {
    const st = this.st
    st.scan = undefined
    st.pos = pos
    st.skip = skip
    this.complete(complete)
  }

  /** The reference's `should_close_string` for a closing quote whose next character is at `i`. */
  shouldCloseString(i: number, quote: number): boolean {
    const st = this.st
    const n = st.stack.length
    let hasObject = false
    let inKey = false
    let inValue = false
    let inArray = false
    if (n >= 2) {
      hasObject = true
      const parent = st.stack[n - 2]!
      if (parent.kind === OBJ) {
        if (parent.keys.length === parent.vals.length) inKey = true
        else {
          inValue = true
          inArray = true
        }
      } else if (parent.kind === ARR) inArray = true
    }
    const count = quote === 34 && st.stack[n - 1]!.kind === QSTR ? st.unescapedQuotes : 0
    const p = this.at(i)
    if (p === -1) return true
    if ((p === 58 || p === 125) && inKey) return true
    if (p === 44 && (inValue || inArray)) return count % 2 === 0
    if (p === 125 && inValue) return true
    if (p === 93 && inArray) return true
    if (p === 32 || p === 9 || p === 10) {
      let j = i + 1
      for (;;) {
        const q = this.at(j)
        if (q === -1) return true
        j += q > 0xffff ? 2 : 1
        if (q === 32 || q === 9 || q === 10) continue
        if (q === 125 && (inKey || inValue)) return true
        if (q === 58 && inKey) return true
        if (q === 44 && inValue) return true
        if ((q === 44 || q === 93) && inArray) return true
        if (q === 47) {
          const r = this.at(j)
          return r === 47 || r === 42
        }
        return false
      }
    }
    if (p === quote) return false
    if (p === 123 || p === 34 || p === 39 || p === 91) return !hasObject
    return false
  }

  /** Pops the top collection and attaches its value to the parent (or to the finished values). */
  complete(complete: boolean): void {
    const st = this.st
    const coll = st.stack.pop()
    if (coll === undefined) return
    work.steps++
    if (coll.kind === OBJ || coll.kind === ARR) st.open--
    let v = collectionValue(coll, complete, this.text)
    if (v === undefined) return
    if (complete) v = completeDeeply(v)
    const parent = st.stack.length > 0 ? st.stack[st.stack.length - 1]! : undefined
    if (parent === undefined) {
      if (st.doneCount++ === 0) st.first = v
      if (coll.kind === OBJ || coll.kind === ARR) {
        if (st.shared) {
          st.containers = copyList(st.containers)
          st.shared = false
        }
        st.containers.push(v)
      }
      return
    }
    if (parent.kind === OBJ) {
      if (parent.keys.length === parent.vals.length) {
        const key = v.t === 'str' ? v.s : v.t === 'any' ? v.raw : displayValue(v)
        if (parent.sharedKeys) {
          parent.keys = copyPlus(parent.keys, key)
          parent.sharedKeys = false
        } else parent.keys.push(key)
      } else addValue(parent, v)
    } else addValue(parent, v)
  }
}

/** Adds a value to an object or array (copying a live array at its new size, see Coll.sharedVals). */
function addValue(parent: Coll, v: JValue): void {
  if (parent.sharedVals) {
    parent.vals = copyPlus(parent.vals, v)
    parent.sharedVals = false
  } else parent.vals.push(v)
}

function collectionValue(c: Coll, complete: boolean, text: Source): JValue | undefined {
  // (a value never holds a live array, which grows on)
  if (c.sharedKeys) c.keys = copyList(c.keys)
  if (c.sharedVals) c.vals = copyList(c.vals)
  switch (c.kind) {
    case LCOMMENT:
    case BCOMMENT:
      return undefined
    case OBJ: {
      const n = Math.min(c.keys.length, c.vals.length)
      const keys = c.keys.length === n ? c.keys : copyList(c.keys.slice(0, n))
      return jobj(keys, c.vals, complete, complete ? undefined : c.origin)
    }
    case ARR:
      return jarr(c.vals, complete, complete ? undefined : c.origin)
    case TQSTR:
      work.steps += c.s.length
      return jstr(dedent(c.s), complete)
    case TBSTR: {
      work.steps += c.s.length
      const nl = c.s.indexOf('\n')
      if (nl < 0) return jstr(c.s, complete)
      return jstr(dedent(c.s.slice(nl + 1)), complete)
    }
    case UNQ:
      return unquotedValue(c, text, complete)
    default:
      return jstr(c.s, complete)
  }
}

/** Unquoted text: `true`/`false`/`null`, a number, or a (trimmed) string. */
function unquotedValue(c: Coll, text: Source, complete: boolean): JValue {
  const u = unquoted(c, text)
  if (u.coreStart < 0) return jstr('', complete)
  if (u.coreEnd - u.coreStart > SHORT) {
    // too long for a literal word: a number, or the string (sliced from the text, unread)
    if (isIntSyntax(u.num)) {
      const exact = intValue(u.num)
      if (exact !== undefined) return jnum(exact.n, true, complete, exact.big)
    }
    if (isFloatSyntax(u.num)) {
      const f = floatValue(u.num)
      if (Number.isFinite(f)) return jnum(f, false, complete)
    }
    return jstr(text.slice(u.coreStart, u.coreEnd), complete)
  }
  const s = text.slice(u.coreStart, u.coreEnd)
  if (s === 'true') return JTRUE
  if (s === 'false') return JFALSE
  if (s === 'null') return JNULL
  if (isRustIntSyntax(s)) {
    const exact = bigIntegerOf(s)
    if (exact !== undefined) return jnum(exact.n, true, complete, exact.big)
  }
  const f = parseRustFloat(s)
  if (f !== undefined && Number.isFinite(f)) return jnum(f, false, complete)
  return jstr(s, complete)
}

/** Whether an unquoted value cut at a comma reads as a number or literal, or has no space or `(`. */
function isPossibleValue(current: Coll, text: Source): boolean {
  const u = unquoted(current, text)
  if (u.coreStart >= 0 && u.coreEnd - u.coreStart <= SHORT) {
    const t = text.slice(u.coreStart, u.coreEnd)
    if (parseRustFloat(t) !== undefined) return true
    const lower = asciiLower(t)
    if (lower === 'true' || lower === 'false' || lower === 'null') return true
  } else if (isFloatSyntax(u.num)) return true
  return !(u.space || u.paren)
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase())
}

/** Feeds `text[st.pos, end)` to the live state (more text may follow). */
export function advanceFixing(st: FixingState, text: Source, end: number): void {
  new Runner(st, text, end, false).run()
}

function cloneState(st: FixingState): FixingState {
  return {
    pos: st.pos,
    skip: st.skip,
    stack: st.stack.map((c) => ({
      kind: c.kind,
      keys: c.keys,
      vals: c.vals,
      sharedKeys: true,
      sharedVals: true,
      s: c.s,
      origin: c.origin,
      at: c.at,
      unq: c.unq === undefined ? undefined : copyUnquoted(c.unq),
    })),
    doneCount: st.doneCount,
    first: st.first,
    containers: st.containers,
    shared: true,
    trailingBackslashes: st.trailingBackslashes,
    unescapedQuotes: st.unescapedQuotes,
    scan: st.scan === undefined ? undefined : { ...st.scan },
    open: st.open,
    tooDeep: st.tooDeep,
    pushLived: st.pushLived,
  }
}

function newOrigin(st: FixingState): object {
  const o = {}
  if (st.pushLived) markPushLived(o)
  return o
}

/**
 * What the reference's fixing parser returns for `text[start, end)` taken as the whole text:
 * the values found, or undefined for "no JSON objects found". The live state is not changed.
 */
export function finishFixing(st: FixingState, text: Source, end: number): readonly JValue[] | undefined {
  if (st.tooDeep) throw NestingTooDeep
  // an unquoted string being read: bring the live reader of its content up to date, so that the
  // copy continues from here (rather than every finish re-reading it from its start)
  const top = st.stack.length > 0 ? st.stack[st.stack.length - 1]! : undefined
  if (top?.unq !== undefined) unquoted(top, text)
  const copy = cloneState(st)
  const r = new Runner(copy, text, end, true)
  r.run()
  while (copy.stack.length > 0) r.complete(false)
  if (copy.doneCount === 0) return undefined
  if (copy.doneCount === 1) return [copy.first!]
  // several values: the objects and arrays among them (the reference's "all strings" branch
  // compares against a lowercase name and never fires). The array may be the live state's: the
  // caller must not change it.
  return copy.containers.length === 0 ? undefined : copy.containers
}

/** One-shot fixing parse of a whole string. */
export function parseFixing(text: string): readonly JValue[] | undefined {
  const st = newFixing(0)
  const src = Source.of(text)
  advanceFixing(st, src, text.length)
  return finishFixing(st, src, text.length)
}
