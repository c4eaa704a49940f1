// Where a JSON text stops being valid, and what was expected there. Used only after JSON.parse has
// failed, to say where (JSON.parse's own messages differ between Bun, Node and Deno, and Bun's name
// no position).

export interface JsonSyntaxError {
  /** Offset of the first character that does not fit (the text's length when it ended too soon). */
  readonly offset: number
  readonly line: number
  readonly column: number
  readonly message: string
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** The first syntax error of `text`, or undefined if it is valid JSON. */
export function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const found = () => (i >= text.length ? 'the end of the text' : `\`${text[i]}\``)
  const fail = (expected: string): never => {
    throw new Stop(i, `expected ${expected}, found ${found()}`)
  }
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) fail(`\`${word}\``)
  }
  const string = () => {
    i++ // the opening quote
    for (;;) {
      if (i >= text.length) fail('a closing `"`')
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        i++
        return
      }
      if (c < 0x20) fail('no control character inside a string (write it as an escape such as \\n)')
      if (c === 0x5c) {
        i++
        const e = text[i]
        if (e === 'u') {
          i++
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail('four hex digits after `\\u`')
          continue
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail('an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX) after `\\`')
      }
      i++
    }
  }
  const number = () => {
    if (text[i] === '-') i++
    if (text[i] === '0') i++
    else if (/[1-9]/.test(text[i] ?? '')) while (/[0-9]/.test(text[i] ?? '')) i++
    else fail('a digit')
    if (text[i] === '.') {
      i++
      if (!/[0-9]/.test(text[i] ?? '')) fail('a digit after `.`')
      while (/[0-9]/.test(text[i] ?? '')) i++
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++
      if (text[i] === '+' || text[i] === '-') i++
      if (!/[0-9]/.test(text[i] ?? '')) fail('a digit in the exponent')
      while (/[0-9]/.test(text[i] ?? '')) i++
    }
  }
  const value = (depth: number): void => {
    if (depth > 10_000) fail('less nesting')
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail('a property name in double quotes')
        string()
        ws()
        if (text[i] !== ':') fail('`:` after the property name')
        i++
        value(depth + 1)
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') {
          i++
          return
        }
        fail('`,` or `}` after the property value')
      }
    }
    if (c === '[') {
      i++
      ws()
      if (text[i] === ']') {
        i++
        return
      }
      for (;;) {
        value(depth + 1)
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') {
          i++
          return
        }
        fail('`,` or `]` after the list item')
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    if (c === '-' || /[0-9]/.test(c ?? '')) return number()
    fail('a value (an object, list, string, number, true, false or null)')
  }
  try {
    value(0)
    ws()
    if (i < text.length) fail('nothing more after the value')
    return undefined
  } catch (e) {
    if (!(e instanceof Stop)) throw e
    let line = 1
    let lineStart = 0
    for (let k = 0; k < e.offset && k < text.length; k++)
      if (text[k] === '\n') {
        line++
        lineStart = k + 1
      }
    return { offset: e.offset, line, column: e.offset - lineStart + 1, message: e.message }
  }
}

/** The line of `text` holding `err`, with a caret under the place (long lines cut around it). */
export function jsonErrorExcerpt(text: string, err: JsonSyntaxError): string {
  const lines = text.split('\n')
  let shown = (lines[err.line - 1] ?? '').replace(/\r$/, '').replace(/\t/g, ' ')
  let col = err.column - 1
  const WIDTH = 70
  if (shown.length > WIDTH) {
    const from = Math.max(0, col - 30)
    const cut = shown.slice(from, from + WIDTH)
    shown = (from > 0 ? '…' : '') + cut + (from + WIDTH < shown.length ? '…' : '')
    col = col - from + (from > 0 ? 1 : 0)
  }
  return `  ${shown}\n  ${' '.repeat(col)}^`
}
