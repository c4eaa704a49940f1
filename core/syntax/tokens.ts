// Tokens produced by the lexer and consumed by the parser.

export type TokenKind =
  /** `[A-Za-z_$][A-Za-z0-9_-]*` (a `-` directly before `>` is left out so `->` still lexes). */
  | 'word'
  /** `-?\d+(\.\d+)?` */
  | 'number'
  /** `"..."` on one line; `text` is the whole literal including quotes. */
  | 'string'
  /** `#"..."#` with 1 to 5 `#` (as in the reference). */
  | 'blockString'
  /** `{{ ... }}` */
  | 'jinja'
  /** Punctuation: `{ } ( ) [ ] < > , : | ? = . ; ' / - @ @@ -> #`. */
  | 'punct'
  /** A run of characters the grammar has no use for (non-ASCII text, stray symbols). */
  | 'other'
  | 'newline'
  /** `/// text`; `text` is the comment body with leading whitespace removed. */
  | 'doc'
  | 'eof'

export interface Token {
  readonly kind: TokenKind
  /** Source slice for words/punct/numbers; the comment body for `doc`. */
  readonly text: string
  /** UTF-16 offsets into the file text. */
  readonly start: number
  readonly end: number
  /** For `newline`: the line it ends held nothing but whitespace (a real blank line). */
  readonly blank: boolean
  /** For `blockString`: the number of `#` in the delimiter. */
  readonly hashes: number
  /** Set when the token is malformed (unterminated string or comment); reported only if the parser uses it. */
  readonly problem: string | undefined
}
