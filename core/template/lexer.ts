// Tokenizer for the Jinja subset BAML prompts use, following minijinja's lexer with
// `trim_blocks` and `lstrip_blocks` on (BAML's configuration) and `keep_trailing_newline` off.
// It produces the whole token array up front; a lexing error becomes a final `error` token so the
// parser reports errors in source order, like minijinja's lazy tokenizer.
import { isWhitespace, rustTrimStart, rustTrimEnd } from '../rust-str.ts'

export type TokenType =
  | 'data' // template text between tags
  | 'var_start' // {{
  | 'var_end' // }}
  | 'block_start' // {%
  | 'block_end' // %}
  | 'ident'
  | 'str'
  | 'int'
  | 'float'
  | 'op' // operators and punctuation; `value` is the operator text
  | 'error' // a lexing error; `value` is the message

export interface Token {
  readonly type: TokenType
  readonly value: string | number
  /** UTF-16 offsets into the template source. */
  readonly start: number
  readonly end: number
}

const enum WS {
  Default,
  Preserve,
  Remove,
}

const IDENT = /[\p{XID_Start}_][\p{XID_Continue}_]*/uy


function isAsciiWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13
}




// `lstrip_blocks`: drop spaces/tabs before a tag when they follow a newline (or start the text).
function lstripBlock(s: string): string {
  let e = s.length
  while (e > 0) {
    const c = s.charCodeAt(e - 1)
    if (c === 10 || c === 13 || !isWhitespace(c)) break
    e--
  }
  if (e === 0 || s.charCodeAt(e - 1) === 10) return s.slice(0, e)
  return s
}

// True when only non-newline whitespace separates `pos` from the previous line break (or the start).
function atLineStart(src: string, pos: number): boolean {
  for (let i = pos - 1; i >= 0; i--) {
    const c = src.charCodeAt(i)
    if (c === 10 || c === 13) return true
    if (!isWhitespace(c)) return false
  }
  return true
}

function wsOf(c: number): WS {
  return c === 45 /* - */ ? WS.Remove : c === 43 /* + */ ? WS.Preserve : WS.Default
}

// `{% raw %}` / `{% endraw %}` detection: optional ws-control, spaces, the word, spaces, optional ws-control, `%}`.
function skipBasicTag(src: string, pos: number, name: string, allowLeadingWs: boolean): { end: number; ws: WS } | undefined {
  let p = pos
  if (allowLeadingWs && (src.charCodeAt(p) === 45 || src.charCodeAt(p) === 43)) p++
  while (p < src.length && isAsciiWhitespace(src.charCodeAt(p))) p++
  if (!src.startsWith(name, p)) return undefined
  p += name.length
  while (p < src.length && isAsciiWhitespace(src.charCodeAt(p))) p++
  const ws = wsOf(src.charCodeAt(p))
  if (ws !== WS.Default) p++
  if (!src.startsWith('%}', p)) return undefined
  return { end: p + 2, ws }
}

/** Tokenize a template (or, with `inExpr`, a bare expression). */
export function tokenize(source: string, inExpr = false): Token[] {
  let src = source
  if (src.endsWith('\n')) src = src.slice(0, -1)
  if (src.endsWith('\r')) src = src.slice(0, -1)
  const n = src.length
  const out: Token[] = []
  let pos = 0
  let trimLeading = false
  // 0 = template, 1 = variable, 2 = block
  let state = inExpr ? 1 : 0
  let parens = 0

  const fail = (msg: string, at: number) => {
    out.push({ type: 'error', value: msg, start: at, end: Math.min(at + 1, n) })
  }
  const tailWs = (ws: WS) => {
    if (ws === WS.Default) {
      if (src.charCodeAt(pos) === 13) pos++
      if (src.charCodeAt(pos) === 10) pos++
    } else if (ws === WS.Remove) trimLeading = true
  }

  while (pos < n) {
    if (state === 0) {
      if (trimLeading) {
        trimLeading = false
        while (pos < n && isWhitespace(src.charCodeAt(pos))) pos++
        if (pos >= n) break
      }
      // find the next start marker
      let m = pos
      let marker = 0 // 1 = {{, 2 = {%, 3 = {#
      for (;;) {
        m = src.indexOf('{', m)
        if (m < 0) break
        const c = src.charCodeAt(m + 1)
        if (c === 123) marker = 1
        else if (c === 37) marker = 2
        else if (c === 35) marker = 3
        if (marker) break
        m++
      }
      if (!marker) {
        out.push({ type: 'data', value: src.slice(pos), start: pos, end: n })
        pos = n
        break
      }
      const ws = wsOf(src.charCodeAt(m + 2))
      let lead = src.slice(pos, m)
      if (ws === WS.Default) {
        if (marker !== 1 && atLineStart(src, m)) lead = lstripBlock(lead)
      } else if (ws === WS.Remove) lead = rustTrimEnd(lead)
      if (lead.length > 0) out.push({ type: 'data', value: lead, start: pos, end: pos + lead.length })
      const skip = ws === WS.Default ? 2 : 3
      pos = m
      if (marker === 3) {
        const end = src.indexOf('#}', m + skip)
        if (end < 0) {
          fail('unexpected end of comment', n)
          return out
        }
        const endWs = wsOf(src.charCodeAt(end - 1))
        pos = end + 2
        tailWs(endWs)
        continue
      }
      if (marker === 1) {
        out.push({ type: 'var_start', value: '{{', start: m, end: m + skip })
        pos = m + skip
        state = 1
        continue
      }
      const raw = skipBasicTag(src, m + skip, 'raw', false)
      if (raw) {
        if (!lexRaw(raw.end, raw.ws)) return out
        continue
      }
      out.push({ type: 'block_start', value: '{%', start: m, end: m + skip })
      pos = m + skip
      state = 2
      continue
    }

    // inside {{ }} or {% %}
    const c = src.charCodeAt(pos)
    // isAsciiWhitespace, inline: this runs for every blank inside every tag.
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12) {
      pos++
      for (let d = src.charCodeAt(pos); d === 32 || d === 10 || d === 9 || d === 13 || d === 12; d = src.charCodeAt(pos)) pos++
      continue
    }
    const start = pos
    if (parens === 0) {
      const endTag = state === 2 ? '%}' : '}}'
      // `%}` / `}}` (optionally after `-` or `+`), compared by char codes: this runs for every token.
      const close = state === 2 ? 37 : 125
      if ((c === 45 || c === 43) && src.charCodeAt(pos + 1) === close && src.charCodeAt(pos + 2) === 125) {
        pos += 3
        out.push({ type: state === 2 ? 'block_end' : 'var_end', value: endTag, start, end: pos })
        if (c === 45) trimLeading = true
        state = 0
        continue
      }
      if (c === close && src.charCodeAt(pos + 1) === 125) {
        pos += 2
        out.push({ type: state === 2 ? 'block_end' : 'var_end', value: endTag, start, end: pos })
        if (state === 2) tailWs(WS.Default)
        state = 0
        continue
      }
    }
    const c2 = src.charCodeAt(pos + 1)
    if (
      (c === 47 && c2 === 47) || // //
      (c === 42 && c2 === 42) || // **
      (c2 === 61 && (c === 61 || c === 33 || c === 62 || c === 60)) // == != >= <=
    ) {
      pos += 2
      out.push({ type: 'op', value: src.slice(start, pos), start, end: pos })
      continue
    }
    switch (c) {
      case 43: case 45: case 42: case 47: case 37: case 46: case 44: case 58: case 126: case 124: case 61: case 62: case 60: // + - * / % . , : ~ | = > <
        pos++
        out.push({ type: 'op', value: src[start]!, start, end: pos })
        continue
      case 40: case 91: case 123: // ( [ {
        parens++
        pos++
        out.push({ type: 'op', value: src[start]!, start, end: pos })
        continue
      case 41: case 93: case 125: // ) ] }
        parens--
        pos++
        out.push({ type: 'op', value: src[start]!, start, end: pos })
        continue
      case 39: case 34: { // ' "
        const r = lexString(c)
        if (!r) return out
        continue
      }
    }
    if (c >= 48 && c <= 57) {
      if (!lexNumber()) return out
      continue
    }
    // ASCII identifiers without the Unicode regex; others fall back to XID classes
    let e = pos
    while (e < n) {
      const d = src.charCodeAt(e)
      if (d === 95 || (d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (e > pos && d >= 48 && d <= 57)) e++
      else break
    }
    if (e < n && src.charCodeAt(e) > 127) e = pos
    if (e > pos) {
      pos = e
      out.push({ type: 'ident', value: src.slice(start, e), start, end: e })
      continue
    }
    IDENT.lastIndex = pos
    const im = IDENT.exec(src)
    if (!im) {
      fail('unexpected character', pos)
      return out
    }
    pos += im[0].length
    out.push({ type: 'ident', value: im[0], start, end: pos })
  }
  return out

  function lexString(delim: number): boolean {
    const start = pos
    let p = pos + 1
    let escapes = false
    while (p < n) {
      const c = src.charCodeAt(p)
      if (c === 92) {
        escapes = true
        p += 2
        continue
      }
      if (c === delim) break
      p++
    }
    if (p >= n) {
      fail('unexpected end of string', n)
      return false
    }
    const body = src.slice(start + 1, p)
    pos = p + 1
    if (escapes) {
      const s = unescape(body)
      if (s === undefined) {
        fail('bad string escape', start)
        return false
      }
      out.push({ type: 'str', value: s, start, end: pos })
    } else out.push({ type: 'str', value: body, start, end: pos })
    return true
  }

  function lexNumber(): boolean {
    const start = pos
    let radix = 10
    const p1 = src.charCodeAt(pos + 1) | 0x20
    if (src.charCodeAt(pos) === 48 && (p1 === 98 || p1 === 111 || p1 === 120)) {
      radix = p1 === 98 ? 2 : p1 === 111 ? 8 : 16
      pos += 2
    }
    // states: 0 radix-int, 1 int, 2 fraction, 3 exponent, 4 exponent sign/digits
    let st = radix === 10 ? 1 : 0
    const numStart = pos
    while (pos < n && src.charCodeAt(pos) >= 48 && src.charCodeAt(pos) <= 57) pos++
    let underscore = false
    for (; pos < n; pos++) {
      const c = src.charCodeAt(pos)
      if (c === 46 && st === 1) st = 2
      else if ((c === 69 || c === 101) && (st === 1 || st === 2)) st = 3
      else if ((c === 43 || c === 45) && st === 3) st = 4
      else if (c >= 48 && c <= 57) {
        if (st === 3) st = 4
      } else if (st === 0 && radix === 16 && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70))) {
        /* hex digit */
      } else if (c === 95) underscore = true
      else break
    }
    let text = src.slice(numStart, pos)
    if (underscore) {
      if (text.endsWith('_')) {
        fail("'_' may not occur at end of number", start)
        return false
      }
      text = text.replace(/_/g, '')
    }
    if (st >= 2) {
      const v = parseRustFloat(text)
      if (v === undefined) {
        fail('invalid float', start)
        return false
      }
      out.push({ type: 'float', value: v, start, end: pos })
      return true
    }
    const v = radix === 10 ? Number(text) : parseInt(text, radix)
    if (text === '' || !Number.isFinite(v)) {
      fail('invalid integer (too large)', start)
      return false
    }
    out.push({ type: 'int', value: v, start, end: pos })
    return true
  }

  // `{% raw %}...{% endraw %}` becomes one data token.
  function lexRaw(bodyStart: number, wsStart: WS): boolean {
    let p = bodyStart
    for (;;) {
      const b = src.indexOf('{%', p)
      if (b < 0) {
        fail('unexpected end of raw block', n)
        return false
      }
      const end = skipBasicTag(src, b + 2, 'endraw', true)
      if (!end) {
        p = b + 2
        continue
      }
      const wsEnd = wsOf(src.charCodeAt(b + 2))
      let text = src.slice(bodyStart, b)
      if (wsStart === WS.Default) {
        if (text.startsWith('\r')) text = text.slice(1)
        if (text.startsWith('\n')) text = text.slice(1)
      } else if (wsStart === WS.Remove) text = rustTrimStart(text)
      if (wsEnd === WS.Default) text = lstripBlock(text)
      else if (wsEnd === WS.Remove) text = rustTrimEnd(text)
      out.push({ type: 'data', value: text, start: bodyStart, end: b })
      pos = end.end
      tailWs(end.ws)
      return true
    }
  }
}

/** Rust's f64 parser accepts `1.`, `1e5`, `1.5E-3`; reject anything JS would read differently. */
function parseRustFloat(text: string): number | undefined {
  if (!/^\d+(\.\d*)?([eE][+-]?\d+)?$/.test(text)) return undefined
  return Number(text.endsWith('.') ? text.slice(0, -1) : text)
}

/** JSON-style unescaping of a string literal body (minijinja `unescape`); undefined on a bad escape. */
function unescape(s: string): string | undefined {
  let out = ''
  let pending = 0
  const push = (str: string): boolean => {
    if (pending) return false
    out += str
    return true
  }
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c !== '\\') {
      if (!push(c)) return undefined
      continue
    }
    const d = s[++i]
    if (d === undefined) return undefined
    let ok = true
    switch (d) {
      case '"': case '\\': case '/': case "'":
        ok = push(d)
        break
      case 'b':
        ok = push('\b')
        break
      case 'f':
        ok = push('\f')
        break
      case 'n':
        ok = push('\n')
        break
      case 'r':
        ok = push('\r')
        break
      case 't':
        ok = push('\t')
        break
      case 'u': {
        const hex = s.slice(i + 1, i + 5)
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined
        i += 4
        const u = parseInt(hex, 16)
        if (u >= 0xd800 && u <= 0xdfff) {
          if (!pending) {
            if (u > 0xdbff) return undefined
            pending = u
          } else {
            if (u < 0xdc00) return undefined
            out += String.fromCharCode(pending, u)
            pending = 0
          }
        } else ok = push(String.fromCharCode(u))
        break
      }
      case 'x': {
        const hex = s.slice(i + 1, i + 3)
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined
        i += 2
        ok = push(String.fromCharCode(parseInt(hex, 16)))
        break
      }
      default:
        if (d >= '0' && d <= '7') {
          let oct = d
          while (oct.length < 3 && s[i + 1] !== undefined && s[i + 1]! >= '0' && s[i + 1]! <= '7') oct += s[++i]
          const v = parseInt(oct, 8)
          if (v > 255) return undefined
          ok = push(String.fromCharCode(v))
        } else return undefined
    }
    if (!ok) return undefined
  }
  return pending ? undefined : out
}
