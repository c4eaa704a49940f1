// Dedent as the reference does it for triple-quoted strings (`bstd::dedent`): find the common
// leading-whitespace prefix of non-blank lines, strip it, blank out whitespace-only lines and drop
// leading blank lines.
import { isWhitespace, rustLines } from '../../rust-str.ts'

export function dedent(s: string): string {
  const lines = rustLines(s)
  let prefix = ''
  let k = 0
  for (; k < lines.length; k++) {
    const line = lines[k]!
    const ws = leadingWsLength(line)
    if (ws < line.length) {
      prefix = line.slice(0, ws)
      k++
      break
    }
  }
  for (; k < lines.length; k++) {
    const line = lines[k]!
    let idx = line.length
    const n = Math.min(line.length, prefix.length)
    for (let j = 0; j < n; j++) {
      if (line.charCodeAt(j) !== prefix.charCodeAt(j)) {
        idx = j
        break
      }
    }
    if (idx < line.length && idx < prefix.length) prefix = line.slice(0, idx)
  }
  const out: string[] = []
  let started = false
  for (const l of lines) {
    let t: string
    if (l.startsWith(prefix) && hasNonWs(l)) t = l.slice(prefix.length)
    else t = ''
    if (!started && t === '') continue
    started = true
    out.push(t)
  }
  let result = out.join('\n')
  if (result.endsWith('\n') && !s.endsWith('\n')) result = result.slice(0, -1)
  return result
}

function leadingWsLength(line: string): number {
  let i = 0
  while (i < line.length) {
    const cp = line.codePointAt(i)!
    if (!isWhitespace(cp)) return i
    i += cp > 0xffff ? 2 : 1
  }
  return line.length
}

function hasNonWs(l: string): boolean {
  for (let i = 0; i < l.length; i++) {
    const cp = l.codePointAt(i)!
    if (!isWhitespace(cp)) return true
    if (cp > 0xffff) i++
  }
  return false
}
