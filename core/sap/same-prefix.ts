// How many leading items two versions of a growing list share (by identity). Lists with an origin
// (see JArray.origin) only change at their end, so checking from the previous last item is
// enough; a spot check of the first and the second-to-last item guards that assumption.
import { work } from './work.ts'

export function samePrefix(a: readonly unknown[], b: readonly unknown[]): number {
  const n = Math.min(a.length, b.length)
  let i = 0
  if (n > 2 && a[0] === b[0] && a[n - 2] === b[n - 2]) i = n - 1
  while (i < n && a[i] === b[i]) {
    work.steps++
    i++
  }
  return i
}
