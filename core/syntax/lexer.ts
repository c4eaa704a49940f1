// One-pass lexer over char codes. Comments are dropped (except `///` doc comments); newlines are
// kept because BAML's grammar is line-sensitive. Malformed pieces (unterminated strings) become
// tokens carrying a `problem` so that the parser reports them only where it actually uses them:
// an unquoted config value such as `foo"bar` is rebuilt from source and never looks at the tokens.
//
// The main loop only handles what most characters are (blanks, line ends, words, numbers, plain
// punctuation), classified by one table read; everything else goes to `lexSpecial`. A small loop
// body is what a cold run needs: the engine compiles it sooner and it runs less code per token.
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

// Character classes (ASCII; anything else is OTHER).
const OTHER = 0
/** Space or tab. */
const BLANK = 1
/** `\n` or `\r`. */
const LINE_END = 2
/** Starts a word: a letter or `_`. */
const WORD = 3
const DIGIT = 4
/** Always a one-character punctuation token: `} ( ) [ ] < > , : | ? = . ; '`. */
const PUNCT = 5
/** Needs a closer look: `/ { " # @ - $`. */
const SPECIAL = 6

const CLASS = new Uint8Array(128)
for (let c = 0; c < 128; c++) {
  if (c === SPACE || c === TAB) CLASS[c] = BLANK
  else if (c === NL || c === CR) CLASS[c] = LINE_END
  else if (isAlpha(c) || c === UNDERSCORE) CLASS[c] = WORD
  else if (isDigit(c)) CLASS[c] = DIGIT
  else if ('}()[]<>,:|?=.;\''.includes(String.fromCharCode(c))) CLASS[c] = PUNCT
  else if ('/{"#@-$'.includes(String.fromCharCode(c))) CLASS[c] = SPECIAL
}

function tok(kind: TokenKind, text: string, start: number, end: number, blank: boolean, hashes: number, problem: string | undefined): Token {
  return { kind, text, start, end, blank, hashes, problem }
}

/** What may continue a word: `[A-Za-z0-9_-]`, but not a `-` that starts `->` (sticky: used from `lastIndex`). */
const WORD_REST = /(?:[A-Za-z0-9_]|-(?!>))*/y

/** A comment as written: `// ...`, `/// ...` or `{// ... //}` (offsets into the source). */
export interface LexedComment {
  readonly start: number
  readonly end: number
}

/**
 * Set during a `tokenize` call: the offset of an unclosed `{//`, after which the source holds no
 * `//}` (so a run of unclosed `{//` is not searched to the end again and again).
 */
let noCommentCloseAfter = Infinity

/**
 * Tokens of `src`; when `comments` is given, every comment's range is appended to it (for the
 * printer). With `from`, lexing starts at that offset, in the middle of a line; with `stopAfter`,
 * it stops after a newline token for which `stopAfter(offset)` is true (no end tokens then).
 */
export function tokenize(src: string, comments?: LexedComment[], from = 0, stopAfter?: (newlineStart: number) => boolean): Token[] {
  noCommentCloseAfter = Infinity
  const out: Token[] = []
  const n = src.length
  let i = from
  // Whether the current line has produced anything but whitespace (comments count).
  let lineHasContent = from > 0
  while (i < n) {
    const c = src.charCodeAt(i)
    const k = c < 128 ? CLASS[c]! : OTHER
    if (k === BLANK) {
      i++
      continue
    }
    if (k === LINE_END) {
      const start = i
      const crlf = c === CR && src.charCodeAt(i + 1) === NL
      i += crlf ? 2 : 1
      out.push({ kind: 'newline', text: crlf ? '\r\n' : c === NL ? '\n' : '\r', start, end: i, blank: !lineHasContent, hashes: 0, problem: undefined })
      lineHasContent = false
      if (stopAfter !== undefined && stopAfter(start)) return out
      continue
    }
    lineHasContent = true
    if (k === WORD) {
      const j = wordEnd(src, i + 1)
      out.push({ kind: 'word', text: src.slice(i, j), start: i, end: j, blank: false, hashes: 0, problem: undefined })
      i = j
    } else if (k === PUNCT) {
      out.push({ kind: 'punct', text: src[i]!, start: i, end: i + 1, blank: false, hashes: 0, problem: undefined })
      i++
    } else if (k === DIGIT) {
      const j = lexNumber(src, i)
      out.push(tok('number', src.slice(i, j), i, j, false, 0, undefined))
      i = j
    } else i = lexSpecial(src, i, c, out, comments)
  }
  // Several end tokens, so that parsers may look a few tokens ahead without bounds checks.
  for (let k = 0; k < 4; k++) out.push(tok('eof', '', n, n, !lineHasContent, 0, undefined))
  return out
}

/**
 * End of a word whose first character is before `j` (a `-` directly before `>` is left out, so `->`
 * still lexes): the rest of the word in one native call (a regex), not one engine step per character.
 */
function wordEnd(src: string, j: number): number {
  WORD_REST.lastIndex = j
  WORD_REST.test(src)
  return WORD_REST.lastIndex
}

/**
 * Tokens that start with `/ { " # @ - $` or a character with no meaning to the grammar. Pushes
 * what it reads and returns the index after it. One small function per kind of lexeme: the
 * engine compiles a function once it is hot, and one big function here cost several
 * milliseconds of compilation during a cold run.
 */
function lexSpecial(src: string, i: number, c: number, out: Token[], comments: LexedComment[] | undefined): number {
  switch (c) {
    case QUOTE:
      return lexString(src, i, out)
    case AT:
      return lexAt(src, i, out)
    case LBRACE:
      return lexBrace(src, i, out, comments)
    case HASH:
      return lexHash(src, i, out)
    case SLASH:
      return lexSlash(src, i, out, comments)
    case MINUS:
      return lexMinus(src, i, out)
    case DOLLAR:
      if (isAlpha(src.charCodeAt(i + 1))) {
        const j = wordEnd(src, i + 1)
        out.push(tok('word', src.slice(i, j), i, j, false, 0, undefined))
        return j
      }
  }
  return lexOther(src, i, out)
}

/** `"..."` on one line; one left open at the end of the line carries a problem. */
function lexString(src: string, i: number, out: Token[]): number {
  const n = src.length
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
  return j
}

/** `@` or `@@`. */
function lexAt(src: string, i: number, out: Token[]): number {
  if (src.charCodeAt(i + 1) === AT) {
    out.push(tok('punct', '@@', i, i + 2, false, 0, undefined))
    return i + 2
  }
  out.push(tok('punct', '@', i, i + 1, false, 0, undefined))
  return i + 1
}

/** `{{ jinja }}`, a `{// ... //}` block comment, or `{`. */
function lexBrace(src: string, i: number, out: Token[], comments: LexedComment[] | undefined): number {
  const n = src.length
  const c1 = src.charCodeAt(i + 1)
  if (c1 === SLASH && src.charCodeAt(i + 2) === SLASH) {
    const close = i > noCommentCloseAfter ? -1 : src.indexOf('//}', i + 3)
    if (close < 0) {
      noCommentCloseAfter = i
      out.push(tok('other', src.slice(i, i + 3), i, i + 3, false, 0, 'this block comment is never closed: add `//}`'))
      return i + 3
    }
    comments?.push({ start: i, end: close + 3 })
    return close + 3
  }
  if (c1 === LBRACE) {
    const close = src.indexOf('}}', i + 2)
    if (close < 0) {
      out.push(tok('jinja', src.slice(i), i, n, false, 0, 'this `{{` is never closed: add `}}`'))
      return n
    }
    out.push(tok('jinja', src.slice(i, close + 2), i, close + 2, false, 0, undefined))
    return close + 2
  }
  out.push(tok('punct', '{', i, i + 1, false, 0, undefined))
  return i + 1
}

/** `#"..."#` with 1 to 5 `#` (as in the reference); otherwise `#` is punctuation. */
function lexHash(src: string, i: number, out: Token[]): number {
  const n = src.length
  let j = i
  while (src.charCodeAt(j) === HASH) j++
  if (src.charCodeAt(j) === QUOTE && j - i <= 5) {
    const hashes = j - i
    const closer = '"' + '#'.repeat(hashes)
    const close = src.indexOf(closer, j + 1)
    if (close < 0) {
      out.push(tok('blockString', src.slice(i), i, n, false, hashes, `this block string is never closed: add \`${closer}\``))
      return n
    }
    const end = close + closer.length
    out.push(tok('blockString', src.slice(i, end), i, end, false, hashes, undefined))
    return end
  }
  out.push(tok('punct', '#', i, i + 1, false, 0, undefined))
  return i + 1
}

/** `///` doc comment, `//` line comment, or `/`. */
function lexSlash(src: string, i: number, out: Token[], comments: LexedComment[] | undefined): number {
  if (src.charCodeAt(i + 1) !== SLASH) {
    out.push(tok('punct', '/', i, i + 1, false, 0, undefined))
    return i + 1
  }
  const n = src.length
  let j = i + 2
  while (j < n && src.charCodeAt(j) !== NL && src.charCodeAt(j) !== CR) j++
  if (src.charCodeAt(i + 2) === SLASH) {
    let k = i + 3
    while (k < j && isSpace(src.charCodeAt(k))) k++
    out.push(tok('doc', src.slice(k, j), i, j, false, 0, undefined))
  }
  comments?.push({ start: i, end: j })
  return j
}

/** `->`, a negative number, or `-`. */
function lexMinus(src: string, i: number, out: Token[]): number {
  const c1 = src.charCodeAt(i + 1)
  if (c1 === GT) {
    out.push(tok('punct', '->', i, i + 2, false, 0, undefined))
    return i + 2
  }
  if (isDigit(c1)) {
    const j = lexNumber(src, i + 1)
    out.push(tok('number', src.slice(i, j), i, j, false, 0, undefined))
    return j
  }
  out.push(tok('punct', '-', i, i + 1, false, 0, undefined))
  return i + 1
}

/** A run of characters with no meaning to the grammar (non-ASCII text, stray symbols). */
function lexOther(src: string, i: number, out: Token[]): number {
  const n = src.length
  let j = i + 1
  while (j < n) {
    const d = src.charCodeAt(j)
    if (d < 128 && CLASS[d] !== OTHER) break
    j++
  }
  out.push(tok('other', src.slice(i, j), i, j, false, 0, undefined))
  return j
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
