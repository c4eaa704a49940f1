// Finds balanced `{...}` / `[...]` regions by counting brackets only (no string awareness), the
// way the reference's "all JSON objects" pass does. Resumable: the text may grow between calls.
import type { Source } from './source.ts'
import type { JValue } from './value.ts'
import { work } from '../work.ts'

export interface BracketScan {
  pos: number
  readonly stack: number[]
  /** start of the current (or last) top-level region */
  regionStart: number | undefined
  /** closed regions `[start, end)` in order */
  readonly regions: [number, number][]
  /** a closing bracket did not match: the whole pass fails (permanently) */
  mismatched: boolean
  /** the closed regions read so far (kept by the reader) */
  parsed?: { sub: number; count: number; values: JValue[]; grepped: JValue[] }
  /** the lists the reader built from them at the last end it read (kept by the reader) */
  lists?: unknown
}

export function newBracketScan(start: number): BracketScan {
  return { pos: start, stack: [], regionStart: undefined, regions: [], mismatched: false }
}

export function advanceBrackets(scan: BracketScan, text: Source, origin: number, end: number): void {
  if (scan.mismatched) return
  work.steps += Math.max(1, end - scan.pos)
  const stack = scan.stack
  // one flat string for the new part (a stream's push scans its chunk): a native charCodeAt loop
  const from = scan.pos
  const part = text.slice(from, end)
  for (let i = from; i < end; i++) {
    const c = part.charCodeAt(i - from)
    if (c === 123 || c === 91) {
      if (stack.length === 0) scan.regionStart = i
      stack.push(c)
    } else if (c === 125 || c === 93) {
      if (stack.length > 0) {
        const open = c === 125 ? 123 : 91
        if (stack[stack.length - 1] === open) stack.pop()
        else {
          scan.mismatched = true
          scan.pos = i
          return
        }
      }
      // a stray closer (empty stack) also "ends" a region from the previous start
      if (stack.length === 0) scan.regions.push([scan.regionStart ?? origin, i + 1])
    }
  }
  scan.pos = end
}
