// Finds markdown code fences line by line, the way the reference's regexes do:
//   opening fence  ^[ \t]*```([a-zA-Z0-9 ]+)(?:\n|$)
//   closing fence  ^[ \t]*```(?:\n|$)
// Complete lines are classified once; only the last (still growing) line is looked at again.
import type { Source } from './source.ts'

export interface FenceLine {
  /** index where the line starts (the match start) */
  readonly start: number
  /** index just after the match (after the newline, or the end of the text) */
  readonly after: number
  /** opening fence: its info string as the reference keeps it (trimmed); closing fence: undefined */
  readonly tag: string | undefined
}

export interface FenceScan {
  /** where the scanned text starts (it counts as a line start) */
  readonly origin: number
  /** start of the first line not yet classified */
  lineStart: number
  readonly fences: FenceLine[]
}

export function newFenceScan(origin: number): FenceScan {
  return { origin, lineStart: origin, fences: [] }
}

function classify(text: Source, start: number, lineEnd: number, after: number): FenceLine | undefined {
  let i = start
  while (i < lineEnd) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 9) break
    i++
  }
  if (i + 3 > lineEnd || text.charCodeAt(i) !== 96 || text.charCodeAt(i + 1) !== 96 || text.charCodeAt(i + 2) !== 96) {
    return undefined
  }
  i += 3
  if (i === lineEnd) return { start, after, tag: undefined }
  for (let j = i; j < lineEnd; j++) {
    const c = text.charCodeAt(j)
    const ok = c === 32 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    if (!ok) return undefined
  }
  return { start, after, tag: text.slice(i, lineEnd).trim() }
}

/**
 * All fence lines of `text[origin, end)`, in order. Complete lines are cached in `scan`; the
 * last line (without a newline yet) is classified for this call only.
 */
export function fenceLines(scan: FenceScan, text: Source, end: number): FenceLine[] {
  let ls = scan.lineStart
  for (;;) {
    const nl = text.indexOf('\n', ls)
    if (nl < 0 || nl >= end) break
    const f = classify(text, ls, nl, nl + 1)
    if (f !== undefined) scan.fences.push(f)
    ls = nl + 1
  }
  scan.lineStart = ls
  if (ls < end || (ls === end && ls === scan.origin)) {
    const last = classify(text, ls, end, end)
    if (last !== undefined) return [...scan.fences, last]
  }
  return scan.fences
}
