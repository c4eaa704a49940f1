// How many leading items two versions of a growing list share (by identity). Lists with an origin
// (see JArray.origin) only change at their end: once an item differs, so may all after it, but
// none before it does. So the scan runs backwards from the end over the items that changed
// (usually one or two), not over the whole list; the first item is checked as a guard.
import { work } from './work.ts'

export function samePrefix(a: readonly unknown[], b: readonly unknown[]): number {
  const n = Math.min(a.length, b.length)
  if (n === 0 || a[0] !== b[0]) return 0
  let i = n - 1
  while (i > 0 && a[i] !== b[i]) {
    work.steps++
    i--
  }
  return i + 1
}
