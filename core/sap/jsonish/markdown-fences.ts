// Finds markdown code fences line by line, the way the reference's regexes do:
//   opening fence  ^[ \t]*```([a-zA-Z0-9 ]+)(?:\n|$)
//   closing fence  ^[ \t]*```(?:\n|$)
// Complete lines are classified once; only the last (still growing) line is looked at again.
import type { Source } from './source.ts'
import { work } from '../work.ts'

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
  /** `text[lineStart, searched)` has no newline */
  searched: number
  /** how far the last (unfinished) line has been classified (see LineScan) */
  last: LineScan
  /** fence lines of the complete lines, and the indices of the closing ones among them */
  readonly fences: FenceLine[]
  readonly closers: number[]
}

/**
 * Progress through one line: `pos` is the next character to look at, `state` what has been seen:
 * 0 indentation, 1..3 that many backticks, 4 info-string characters, 5 not a fence.
 */
interface LineScan {
  start: number
  pos: number
  state: number
  /** where the info string starts (state 4) */
  tag: number
}

const NOT_FENCE = 5

export function newFenceScan(origin: number): FenceScan {
  return { origin, lineStart: origin, searched: origin, last: lineScan(origin), fences: [], closers: [] }
}

function lineScan(start: number): LineScan {
  return { start, pos: start, state: 0, tag: start }
}

/** Moves `ls` over `text[ls.pos, lineEnd)` (resumable: the last line grows with the text). */
function advanceLine(ls: LineScan, text: Source, lineEnd: number): void {
  let i = ls.pos
  let state = ls.state
  for (; i < lineEnd && state !== NOT_FENCE; i++) {
    work.steps++
    const c = text.charCodeAt(i)
    if (state === 0) {
      if (c === 96) state = 1
      else if (c !== 32 && c !== 9) state = NOT_FENCE
    } else if (state < 3) state = c === 96 ? state + 1 : NOT_FENCE
    else {
      const ok = c === 32 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
      if (!ok) state = NOT_FENCE
      else if (state === 3) {
        state = 4
        ls.tag = i
      }
    }
  }
  ls.pos = i
  ls.state = state
}

/** The fence a line scanned to its end is, if any. */
function fenceOf(ls: LineScan, text: Source, lineEnd: number, after: number): FenceLine | undefined {
  if (ls.state === 3) return { start: ls.start, after, tag: undefined }
  if (ls.state === 4) return { start: ls.start, after, tag: text.slice(ls.tag, lineEnd).trim() }
  return undefined
}

/**
 * All fence lines of `text[origin, end)`, in order. Complete lines are cached in `scan`; the
 * last line (without a newline yet) is classified for this call only.
 */
export function fenceLines(scan: FenceScan, text: Source, end: number): FenceLine[] {
  let ls = scan.lineStart
  work.steps += Math.max(1, end - scan.searched)
  for (;;) {
    const nl = text.indexOf('\n', Math.max(ls, scan.searched))
    if (nl < 0 || nl >= end) break
    const line = scan.last.start === ls ? scan.last : lineScan(ls)
    advanceLine(line, text, nl)
    const f = fenceOf(line, text, nl, nl + 1)
    if (f !== undefined) {
      if (f.tag === undefined) scan.closers.push(scan.fences.length)
      scan.fences.push(f)
    }
    ls = nl + 1
    scan.searched = ls
  }
  scan.lineStart = ls
  scan.searched = Math.max(scan.searched, end)
  if (scan.last.start !== ls) scan.last = lineScan(ls)
  if (ls < end || (ls === end && ls === scan.origin)) {
    // the last line without its newline (a fence may end the text)
    advanceLine(scan.last, text, end)
    const last = fenceOf(scan.last, text, end, end)
    if (last !== undefined) return [...scan.fences, last]
  }
  return scan.fences
}
