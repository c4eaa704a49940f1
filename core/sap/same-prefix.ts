// How many leading items two versions of a growing list share (by identity). Lists with an origin
// (see JArray.origin) only change at their end: once an item differs, so may all after it, but
// none before it does. So the scan runs backwards from the end over the items that changed
// (usually one or two), not over the whole list; the first item is checked as a guard.
//
// The previous version is remembered by a fingerprint (its first and last few items), not kept
// whole: a stream makes a new copy of its long lists on every push, and holding on to each copy
// until the next push makes the garbage collector move them all.
import { work } from './work.ts'

/** How many trailing items a fingerprint keeps: more than a version ever changes. */
const TAIL = 8

export interface Seen {
  readonly first: unknown
  readonly len: number
  /** the last min(len, TAIL) items */
  readonly tail: readonly unknown[]
}

export function seen(a: readonly unknown[]): Seen {
  return { first: a[0], len: a.length, tail: a.length <= TAIL ? a.slice() : a.slice(a.length - TAIL) }
}

/** Leading items of `b` the same as those of the version `a` fingerprints (0 when unsure). */
export function samePrefix(a: Seen, b: readonly unknown[]): number {
  const n = Math.min(a.len, b.length)
  if (n === 0 || a.first !== b[0]) return 0
  const base = a.len - a.tail.length
  let i = n - 1
  for (;;) {
    // past what the fingerprint holds: start over rather than guess
    if (i < base) return i === 0 ? 1 : 0
    if (i === 0 || a.tail[i - base] === b[i]) return i + 1
    work.steps++
    i--
  }
}
