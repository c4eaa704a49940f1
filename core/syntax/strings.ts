// String helpers shared by the parser, the loader and the template engine.

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

/** JavaScript's `\s` for one UTF-16 unit (what the reference's trimming needs in source text). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13)
  if (c < 0xa0) return false
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
}

/**
 * The reference's `RawString::new`: trim leading `\n`/`\r`, trim trailing whitespace, then dedent
 * by the longest whitespace prefix shared by all non-blank lines. Blank lines become empty and
 * leading blank lines are dropped. One pass over the lines finds the prefix, one builds the text;
 * lines are read in place (only kept lines are sliced).
 */
export function dedentBlock(raw: string): DedentedBlock {
  let lead = 0
  while (lead < raw.length && (raw.charCodeAt(lead) === 10 || raw.charCodeAt(lead) === 13)) lead++
  let end = raw.length
  while (end > lead && isSpace(raw.charCodeAt(end - 1))) end--
  if (lead === end) return { text: '', indent: 0, toRawOffset: () => lead }
  // Lines as Rust's str::lines splits them (on \n, dropping a trailing \r): start, end, and the
  // offset of the first non-space character (-1 for a blank line).
  const starts: number[] = []
  const ends: number[] = []
  const firsts: number[] = []
  // Common prefix: the first non-blank line's leading whitespace (at `preStart`), shortened by
  // every later line, blank ones too (as in the reference).
  let preStart = -1
  let preLen = 0
  let pos = lead
  for (;;) {
    let nl = raw.indexOf('\n', pos)
    if (nl < 0 || nl >= end) nl = end
    let lineEnd = nl
    if (lineEnd > pos && raw.charCodeAt(lineEnd - 1) === 13) lineEnd--
    let first = pos
    while (first < lineEnd && isSpace(raw.charCodeAt(first))) first++
    if (first === lineEnd) first = -1
    starts.push(pos)
    ends.push(lineEnd)
    firsts.push(first)
    if (preStart < 0) {
      if (first >= 0) {
        preStart = pos
        preLen = first - pos
      }
    } else {
      const len = lineEnd - pos
      let k = 0
      while (k < len && k < preLen && raw.charCodeAt(pos + k) === raw.charCodeAt(preStart + k)) k++
      if (k < len && k < preLen) preLen = k
    }
    if (nl >= end) break
    pos = nl + 1
  }
  const parts: string[] = []
  const outStarts: number[] = []
  const lineOffsets: number[] = []
  const lineLengths: number[] = []
  let acc = 0
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!
    const len = ends[i]! - start
    // A kept line starts with the prefix (a non-blank line always does; checked all the same).
    let k = 0
    if (firsts[i]! >= 0 && len >= preLen) while (k < preLen && raw.charCodeAt(start + k) === raw.charCodeAt(preStart + k)) k++
    const tail = firsts[i]! >= 0 && k === preLen ? len - preLen : 0
    if (tail === 0 && parts.length === 0) continue
    parts.push(tail === 0 ? '' : raw.slice(start + preLen, start + len))
    outStarts.push(tail === 0 ? start + Math.min(len, preLen) : start + preLen)
    lineOffsets.push(acc)
    lineLengths.push(tail)
    acc += tail + 1
  }
  const text = parts.join('\n')
  const toRawOffset = (offset: number): number => {
    if (parts.length === 0) return lead
    const o = Math.max(0, Math.min(offset, text.length))
    let lo = 0
    let hi = lineOffsets.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (lineOffsets[mid]! <= o) lo = mid
      else hi = mid - 1
    }
    return outStarts[lo]! + Math.min(o - lineOffsets[lo]!, lineLengths[lo]!)
  }
  return { text, indent: preLen, toRawOffset }
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
