// One-pass lexer over char codes. Comments are dropped (except `///` doc comments); newlines are
// kept because BAML's grammar is line-sensitive. Malformed pieces (unterminated strings) become
// tokens carrying a `problem` so that the parser reports them only where it actually uses them:
// an unquoted config value such as `foo"bar` is rebuilt from source and never looks at the tokens.
import type { Token, TokenKind } from './tokens.ts'

const NL = 10
const CR = 13
const SPACE = 32
const TAB = 9
const SLASH = 47
const BACKSLASH = 92
const QUOTE = 34
const HASH = 35
const LBRACE = 123
const RBRACE = 125
const AT = 64
const MINUS = 45
const GT = 62
const DOT = 46
const DOLLAR = 36
const UNDERSCORE = 95

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}
function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** ASCII characters that may continue a word (`[A-Za-z0-9_-]`), as a table for the per-character loops. */
const WORD_CHAR = new Uint8Array(128)
for (let c = 0; c < 128; c++) WORD_CHAR[c] = isAlpha(c) || isDigit(c) || c === UNDERSCORE || c === MINUS ? 1 : 0

function isWordChar(c: number): boolean {
  return c < 128 && WORD_CHAR[c] === 1
}
/** Characters that get their own punctuation token. */
function isPunct(c: number): boolean {
  switch (c) {
    case 123: // {
    case 125: // }
    case 40: // (
    case 41: // )
    case 91: // [
    case 93: // ]
    case 60: // <
    case 62: // >
    case 44: // ,
    case 58: // :
    case 124: // |
    case 63: // ?
    case 61: // =
    case 46: // .
    case 59: // ;
    case 64: // @
    case 35: // #
    case 39: // '
    case 45: // -
    case 47: // /
      return true
    default:
      return false
  }
}

function tok(kind: TokenKind, text: string, start: number, end: number, blank: boolean, hashes: number, problem: string | undefined): Token {
  return { kind, text, start, end, blank, hashes, problem }
}

/** A comment as written: `// ...`, `/// ...` or `{// ... //}` (offsets into the source). */
export interface LexedComment {
  readonly start: number
  readonly end: number
}

/** Tokens of `src`; when `comments` is given, every comment's range is appended to it (for the printer). */
export function tokenize(src: string, comments?: LexedComment[]): Token[] {
  const out: Token[] = []
  const n = src.length
  let i = 0
  // Whether the current line has produced anything but whitespace (comments count).
  let lineHasContent = false
  while (i < n) {
    const c = src.charCodeAt(i)
    if (c === SPACE || c === TAB) {
      i++
      continue
    }
    if (c === NL || c === CR) {
      const start = i
      i += c === CR && src.charCodeAt(i + 1) === NL ? 2 : 1
      out.push(tok('newline', src.slice(start, i), start, i, !lineHasContent, 0, undefined))
      lineHasContent = false
      continue
    }
    lineHasContent = true
    const start = i
    // Comments: `///` doc, `//` line comment.
    if (c === SLASH && src.charCodeAt(i + 1) === SLASH) {
      let j = i + 2
      while (j < n && src.charCodeAt(j) !== NL && src.charCodeAt(j) !== CR) j++
      if (src.charCodeAt(i + 2) === SLASH) {
        let k = i + 3
        while (k < j && isSpace(src.charCodeAt(k))) k++
        out.push(tok('doc', src.slice(k, j), start, j, false, 0, undefined))
      }
      comments?.push({ start, end: j })
      i = j
      continue
    }
    if (c === LBRACE) {
      const c1 = src.charCodeAt(i + 1)
      // `{// ... //}` block comment.
      if (c1 === SLASH && src.charCodeAt(i + 2) === SLASH) {
        const close = src.indexOf('//}', i + 3)
        if (close < 0) {
          out.push(tok('other', src.slice(i, i + 3), i, i + 3, false, 0, 'this block comment is never closed: add `//}`'))
          i += 3
          continue
        }
        i = close + 3
        comments?.push({ start, end: i })
        continue
      }
      // `{{ jinja }}`
      if (c1 === LBRACE) {
        const close = src.indexOf('}}', i + 2)
        if (close < 0) {
          out.push(tok('jinja', src.slice(i), i, n, false, 0, 'this `{{` is never closed: add `}}`'))
          i = n
          continue
        }
        i = close + 2
        out.push(tok('jinja', src.slice(start, i), start, i, false, 0, undefined))
        continue
      }
    }
    if (c === QUOTE) {
      let j = i + 1
      let problem: string | undefined = 'this string is never closed: add `"` before the end of the line'
      while (j < n) {
        const d = src.charCodeAt(j)
        if (d === BACKSLASH && src.charCodeAt(j + 1) === QUOTE) {
          j += 2
          continue
        }
        if (d === QUOTE) {
          j++
          problem = undefined
          break
        }
        if (d === NL || d === CR) break
        j++
      }
      out.push(tok('string', src.slice(i, j), i, j, false, 0, problem))
      i = j
      continue
    }
    if (c === HASH) {
      let j = i
      while (src.charCodeAt(j) === HASH) j++
      // The reference allows 1 to 5 `#`; with more, `#` is just a character (and an error where used).
      if (src.charCodeAt(j) === QUOTE && j - i <= 5) {
        const hashes = j - i
        const closer = '"' + '#'.repeat(hashes)
        const close = src.indexOf(closer, j + 1)
        if (close < 0) {
          out.push(tok('blockString', src.slice(i), i, n, false, hashes, `this block string is never closed: add \`${closer}\``))
          i = n
          continue
        }
        i = close + closer.length
        out.push(tok('blockString', src.slice(start, i), start, i, false, hashes, undefined))
        continue
      }
      out.push(tok('punct', '#', i, i + 1, false, 0, undefined))
      i++
      continue
    }
    if (c === AT) {
      if (src.charCodeAt(i + 1) === AT) {
        out.push(tok('punct', '@@', i, i + 2, false, 0, undefined))
        i += 2
      } else {
        out.push(tok('punct', '@', i, i + 1, false, 0, undefined))
        i++
      }
      continue
    }
    if (c === MINUS) {
      const c1 = src.charCodeAt(i + 1)
      if (c1 === GT) {
        out.push(tok('punct', '->', i, i + 2, false, 0, undefined))
        i += 2
        continue
      }
      if (isDigit(c1)) {
        i = lexNumber(src, i + 1)
        out.push(tok('number', src.slice(start, i), start, i, false, 0, undefined))
        continue
      }
    }
    if (isDigit(c)) {
      i = lexNumber(src, i)
      out.push(tok('number', src.slice(start, i), start, i, false, 0, undefined))
      continue
    }
    if (isAlpha(c) || c === UNDERSCORE || (c === DOLLAR && isAlpha(src.charCodeAt(i + 1)))) {
      let j = i + 1
      while (j < n) {
        const d = src.charCodeAt(j)
        if (d >= 128 || WORD_CHAR[d] === 0) break
        if (d === MINUS && src.charCodeAt(j + 1) === GT) break
        j++
      }
      out.push(tok('word', src.slice(i, j), i, j, false, 0, undefined))
      i = j
      continue
    }
    if (isPunct(c)) {
      out.push(tok('punct', src[i]!, i, i + 1, false, 0, undefined))
      i++
      continue
    }
    // Anything else: group a run of characters with no meaning to the grammar.
    let j = i + 1
    while (j < n) {
      const d = src.charCodeAt(j)
      if (d === SPACE || d === TAB || d === NL || d === CR || isPunct(d) || isWordChar(d) || d === QUOTE || d === DOLLAR) break
      j++
    }
    out.push(tok('other', src.slice(i, j), i, j, false, 0, undefined))
    i = j
  }
  // Several end tokens, so that parsers may look a few tokens ahead without bounds checks.
  for (let k = 0; k < 4; k++) out.push(tok('eof', '', n, n, !lineHasContent, 0, undefined))
  return out
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB
}

function lexNumber(src: string, i: number): number {
  while (isDigit(src.charCodeAt(i))) i++
  if (src.charCodeAt(i) === DOT && isDigit(src.charCodeAt(i + 1))) {
    i++
    while (isDigit(src.charCodeAt(i))) i++
  }
  return i
}
