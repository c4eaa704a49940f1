// Source positions. Offsets are UTF-16 indices into the file text (what JS strings use);
// lines and columns are 1-based and computed on demand from a line index.

export interface Span {
  /** Path of the file relative to the project root, e.g. `baml_src/main.baml`. */
  readonly file: string
  readonly start: number
  readonly end: number
}

export interface SourceFile {
  readonly path: string
  readonly text: string
}

export interface LineCol {
  readonly line: number
  readonly column: number
}

const lineIndexCache = new WeakMap<SourceFile, number[]>()

/** Offsets at which each line starts (line 1 starts at 0). Cached per file object. */
export function lineStarts(file: SourceFile): number[] {
  let starts = lineIndexCache.get(file)
  if (starts) return starts
  starts = [0]
  const text = file.text
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  lineIndexCache.set(file, starts)
  return starts
}

/** Index of the last of `sorted` (ascending, not empty) that is at most `x`; 0 when none is. */
export function lastAtMost(sorted: readonly number[], x: number): number {
  let lo = 0
  let hi = sorted.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (sorted[mid]! <= x) lo = mid
    else hi = mid - 1
  }
  return lo
}

export function lineColAt(file: SourceFile, offset: number): LineCol {
  const starts = lineStarts(file)
  const i = lastAtMost(starts, offset)
  return { line: i + 1, column: offset - starts[i]! + 1 }
}

/** The text of 1-based line `line`, without its newline. */
export function lineText(file: SourceFile, line: number): string {
  const starts = lineStarts(file)
  const s = starts[line - 1]
  if (s === undefined) return ''
  const e = line < starts.length ? starts[line]! - 1 : file.text.length
  return file.text.slice(s, e).replace(/\r$/, '')
}
