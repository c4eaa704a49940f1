// String helpers shared by the parser, the loader and the template engine.
import { lastAtMost } from './span.ts'

/** A block string's text as the reference uses it, with a map back to offsets in the raw body. */
export interface DedentedBlock {
  /** Leading newlines and trailing whitespace trimmed, common indentation removed, `\r\n` → `\n`. */
  readonly text: string
  /** Width of the removed common indentation. */
  readonly indent: number
  /**
   * Offset in `raw` of the character at `offset` in `text` (an offset at the end of a line maps to
   * the end of that raw line). Add the body's file offset to get a file position.
   */
  readonly toRawOffset: (offset: number) => number
}

/**
 * The reference's `RawString::new`: trim leading `\n`/`\r`, trim trailing whitespace, then dedent
 * by the longest whitespace prefix shared by all non-blank lines. Blank lines become empty and
 * leading blank lines are dropped.
 *
 * Written with whole-line string operations (split, trimStart, startsWith, slice) rather than
 * per-character loops: a cold run calls this hundreds of times, and each `charCodeAt` is a native
 * call until the engine optimises the loop. The offset map is only built when asked for (it is
 * needed to report a problem).
 */
export function dedentBlock(raw: string): DedentedBlock {
  // A prompt is dedented when the project is checked and again when it is compiled (or
  // precompiled by `generate`): the result is kept, by text.
  let d = dedented.get(raw)
  if (d === undefined) {
    if (dedented.size >= MAX_DEDENTED) dedented.delete(dedented.keys().next().value!)
    dedented.set(raw, (d = dedentUncached(raw)))
  }
  return d
}

const dedented = new Map<string, DedentedBlock>()
const MAX_DEDENTED = 2000

function dedentUncached(raw: string): DedentedBlock {
  let lead = 0
  while (lead < raw.length && (raw.charCodeAt(lead) === 10 || raw.charCodeAt(lead) === 13)) lead++
  // trimEnd removes exactly JavaScript's whitespace, as the reference's trim does here.
  const body = raw.slice(lead).trimEnd()
  if (body === '') return { text: '', indent: 0, toRawOffset: () => lead }
  return dedentSpaces(body, lead) ?? dedentLines(body, lead)
}

/** Whitespace other than a space or `\n` (tabs, `\r`, Unicode spaces and line separators). */
const OTHER_WHITESPACE = /[^\S \n]/
/** The first character that is neither a space nor a line end. */
const NON_BLANK = /[^ \n]/
/** Blank lines (spaces only), and the given indentation of the others (built per width, kept). */
const STRIP: RegExp[] = []
/** A line indented by fewer than the given width of spaces with something after them. */
const SHALLOWER: RegExp[] = []

/**
 * The common case, as whole-text regex operations (native code) instead of a loop over lines: the
 * only whitespace is spaces and `\n`, and every non-blank line after the first is indented at least
 * as far as the first (so the first one's indentation is the common prefix). Undefined otherwise.
 */
function dedentSpaces(body: string, lead: number): DedentedBlock | undefined {
  if (OTHER_WHITESPACE.test(body)) return undefined
  const first = body.search(NON_BLANK)
  const width = first - (body.lastIndexOf('\n', first) + 1)
  if (width > 0) {
    const shallower = (SHALLOWER[width] ??= new RegExp(`\\n {0,${width - 1}}[^ \\n]`, 'g'))
    shallower.lastIndex = first
    if (shallower.test(body)) return undefined
  }
  const strip = (STRIP[width] ??= new RegExp(width > 0 ? `^ *$|^ {${width}}` : '^ +$', 'gm'))
  let text = body.replace(strip, '')
  // Leading blank lines are dropped (they are empty now).
  let k = 0
  while (text.charCodeAt(k) === 10) k++
  if (k > 0) text = text.slice(k)
  let map: OffsetMap | undefined
  let out: string[] | undefined
  const toRawOffset = (offset: number): number => {
    out ??= text.split('\n')
    map ??= offsetMap(body, lead, width, out)
    const o = Math.max(0, Math.min(offset, text.length))
    const line = lastAtMost(map.offsets, o)
    return map.starts[line]! + Math.min(o - map.offsets[line]!, out[line]!.length)
  }
  return { text, indent: width, toRawOffset }
}

/** The general case: line by line. */
function dedentLines(body: string, lead: number): DedentedBlock {
  // Lines as Rust's str::lines splits them: on \n, dropping a trailing \r.
  const lines = body.split('\n')
  if (body.indexOf('\r') >= 0) for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1)
  // Common prefix: the first non-blank line's leading whitespace, shortened by every later line
  // (blank ones too, as in the reference).
  let pre: string | undefined
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!
    if (pre === undefined) {
      const rest = line.trimStart()
      if (rest.length) pre = line.slice(0, line.length - rest.length)
      continue
    }
    if (line.startsWith(pre)) continue
    let k = 0
    while (k < line.length && k < pre.length && line.charCodeAt(k) === pre.charCodeAt(k)) k++
    if (k < line.length && k < pre.length) pre = pre.slice(0, k)
  }
  const prefix = pre ?? ''
  // Each line dedented ('' when blank); leading blank lines dropped.
  const out: string[] = []
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!
    const tail = line.startsWith(prefix) ? line.slice(prefix.length) : ''
    const kept = tail.length > 0 && tail.trimStart().length > 0 ? tail : ''
    if (kept === '' && out.length === 0) continue
    out.push(kept)
  }
  const text = out.join('\n')
  let map: OffsetMap | undefined
  const toRawOffset = (offset: number): number => {
    if (out.length === 0) return lead
    map ??= offsetMap(body, lead, prefix.length, out)
    const o = Math.max(0, Math.min(offset, text.length))
    const line = lastAtMost(map.offsets, o)
    return map.starts[line]! + Math.min(o - map.offsets[line]!, out[line]!.length)
  }
  return { text, indent: prefix.length, toRawOffset }
}

interface OffsetMap {
  /** Raw offset where each output line's text starts. */
  readonly starts: number[]
  /** Offset of each output line in the dedented text. */
  readonly offsets: number[]
}

/** Where each line of `out` (the dedented lines of `body`, found at `lead` in the raw text) came from. */
function offsetMap(body: string, lead: number, indent: number, out: readonly string[]): OffsetMap {
  const rawLines = body.split('\n')
  const starts: number[] = []
  const offsets: number[] = []
  // Output lines are the last `out.length` input lines (only leading blank lines are dropped).
  const first = rawLines.length - out.length
  let start = lead
  let acc = 0
  for (let i = 0; i < rawLines.length; i++) {
    const line = rawLines[i]!
    if (i >= first) {
      const len = line.endsWith('\r') ? line.length - 1 : line.length
      const tail = out[i - first]!
      starts.push(tail === '' ? start + Math.min(len, indent) : start + indent)
      offsets.push(acc)
      acc += tail.length + 1
    }
    start += line.length + 1
  }
  return { starts, offsets }
}

/** Resolve the escapes the reference resolves in quoted strings; other `\x` pairs are kept as written. */
export function unescapeString(body: string): string {
  if (body.indexOf('\\') < 0) return body
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (c !== '\\') {
      out += c
      continue
    }
    const d = body[i + 1]
    if (d === undefined) {
      out += '\\'
      continue
    }
    i++
    switch (d) {
      case 'n':
        out += '\n'
        break
      case 'r':
        out += '\r'
        break
      case 't':
        out += '\t'
        break
      case '0':
        out += '\0'
        break
      case "'":
      case '"':
      case '\\':
        out += d
        break
      case 'x': {
        const hex = body.slice(i + 1, i + 3)
        if (/^[0-9a-fA-F]{2}$/.test(hex)) {
          out += String.fromCharCode(parseInt(hex, 16))
          i += 2
        } else out += '\\x'
        break
      }
      default:
        out += '\\' + d
    }
  }
  return out
}

/** Inverse of `unescapeString` for printing: a quoted literal that reads back to `value`. */
export function quoteString(value: string): string {
  let out = '"'
  for (const c of value) {
    switch (c) {
      case '"':
        out += '\\"'
        break
      case '\\':
        out += '\\\\'
        break
      case '\n':
        out += '\\n'
        break
      case '\r':
        out += '\\r'
        break
      case '\t':
        out += '\\t'
        break
      case '\0':
        out += '\\0'
        break
      default:
        out += c
    }
  }
  return out + '"'
}

// Unquoted config strings (`model gpt-4o`, `base_url http://x/v1`, `output_type python/pydantic`).
// The reference's rule: the first character may not be whitespace or one of the banned characters;
// then any run without banned characters or `"` (a ` //` sequence starts a comment); then any run of
// non-whitespace, non-banned characters. The result is trimmed.
function isBanned(src: string, i: number): boolean {
  const c = src.charCodeAt(i)
  switch (c) {
    case 35: // #
    case 64: // @
    case 123: // {
    case 40: // (
    case 91: // [
    case 60: // <
    case 125: // }
    case 41: // )
    case 93: // ]
    case 62: // >
    case 44: // ,
    case 39: // '
    case 59: // ;
    case 10:
    case 13:
      return true
    case 32: // " //" starts a trailing comment
      return src.charCodeAt(i + 1) === 47 && src.charCodeAt(i + 2) === 47
    default:
      return false
  }
}

/** End offset of an unquoted string starting at `start`, or `start` if none can start there. */
export function scanUnquoted(src: string, start: number): number {
  const n = src.length
  const c0 = src.charCodeAt(start)
  if (start >= n || c0 === 32 || c0 === 9 || isBanned(src, start)) return start
  let i = start + 1
  while (i < n && !isBanned(src, i) && src.charCodeAt(i) !== 34) i++
  while (i < n) {
    const c = src.charCodeAt(i)
    if (c === 32 || c === 9 || isBanned(src, i)) break
    i++
  }
  // Trim trailing whitespace.
  while (i > start && (src.charCodeAt(i - 1) === 32 || src.charCodeAt(i - 1) === 9)) i--
  return i
}
