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

function isWs(ch: string): boolean {
  // Rust's char::is_whitespace for the characters that matter in source text.
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\v' || ch === '\f' || ch === '\u00a0' || /\s/.test(ch)
}

/**
 * The reference's `RawString::new`: trim leading `\n`/`\r`, trim trailing whitespace, then dedent
 * by the longest whitespace prefix shared by all non-blank lines. Blank lines become empty and
 * leading blank lines are dropped.
 */
export function dedentBlock(raw: string): DedentedBlock {
  let lead = 0
  while (lead < raw.length && (raw[lead] === '\n' || raw[lead] === '\r')) lead++
  let end = raw.length
  while (end > lead && isWs(raw[end - 1]!)) end--
  // Split into lines the way Rust's str::lines does: on \n, dropping a trailing \r.
  const starts: number[] = []
  const lines: string[] = []
  let pos = lead
  while (pos <= end) {
    let nl = raw.indexOf('\n', pos)
    if (nl < 0 || nl >= end) nl = end
    let lineEnd = nl
    if (lineEnd > pos && raw[lineEnd - 1] === '\r') lineEnd--
    starts.push(pos)
    lines.push(raw.slice(pos, lineEnd))
    if (nl >= end) break
    pos = nl + 1
  }
  if (lead === end) {
    return { text: '', indent: 0, toRawOffset: () => lead }
  }
  // Common prefix: the first non-blank line's leading whitespace, shortened by later lines.
  let prefix: string | undefined
  for (const line of lines) {
    if (prefix === undefined) {
      let w = 0
      while (w < line.length && isWs(line[w]!)) w++
      if (w < line.length) prefix = line.slice(0, w)
      continue
    }
    // Every later line (blank ones too, as in the reference) may shorten the prefix.
    let k = 0
    while (k < line.length && k < prefix.length && line[k] === prefix[k]) k++
    if (k < line.length && k < prefix.length) prefix = line.slice(0, k)
  }
  const pre = prefix ?? ''
  const outLines: string[] = []
  const outStarts: number[] = []
  let skipping = true
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const blank = !/[^\s]/.test(line)
    const tail = !blank && line.startsWith(pre) ? line.slice(pre.length) : ''
    if (skipping && tail === '') continue
    skipping = false
    outLines.push(tail)
    outStarts.push(tail === '' ? starts[i]! + Math.min(line.length, pre.length) : starts[i]! + pre.length)
  }
  const text = outLines.join('\n')
  const lineOffsets: number[] = []
  let acc = 0
  for (const l of outLines) {
    lineOffsets.push(acc)
    acc += l.length + 1
  }
  const toRawOffset = (offset: number): number => {
    if (outLines.length === 0) return lead
    const o = Math.max(0, Math.min(offset, text.length))
    let lo = 0
    let hi = lineOffsets.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (lineOffsets[mid]! <= o) lo = mid
      else hi = mid - 1
    }
    return outStarts[lo]! + Math.min(o - lineOffsets[lo]!, outLines[lo]!.length)
  }
  return { text, indent: pre.length, toRawOffset }
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
