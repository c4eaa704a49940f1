// Reading what was typed: when an entry is complete (an open brace, bracket or block string
// continues it on the next line), and the small scanner the command parser and completion share.

/** Where the scan of some input ended: bracket depth, and whether a string is still open. */
export interface ScanState {
  /** Open `{`, `[` and `(` not yet closed. */
  readonly depth: number
  /** Inside a `#"..."#` block string (which may span lines). */
  readonly inBlockString: boolean
}

/**
 * Scan `text` as BAML/JSON value syntax: quoted strings (one line, `\` escapes), block strings
 * `#"..."#` (any number of `#`), and brackets.
 */
export function scan(text: string): ScanState {
  let depth = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i]!
    if (c === '"') {
      i++
      while (i < n && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1
      i++
    } else if (c === '#' && /^#+"/.test(text.slice(i, i + 6))) {
      let hashes = 0
      while (text[i + hashes] === '#') hashes++
      const closer = '"' + '#'.repeat(hashes)
      const end = text.indexOf(closer, i + hashes + 1)
      if (end < 0) return { depth, inBlockString: true }
      i = end + closer.length
    } else {
      if (c === '{' || c === '[' || c === '(') depth++
      else if (c === '}' || c === ']' || c === ')') depth = Math.max(0, depth - 1)
      i++
    }
  }
  return { depth, inBlockString: false }
}

/** Whether `text` is a whole entry, or the next line continues it. */
export function isComplete(text: string): boolean {
  const s = scan(text)
  return s.depth === 0 && !s.inBlockString
}
