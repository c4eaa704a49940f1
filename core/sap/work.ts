// A count of the steps parsing takes, for tests and benchmarks that check a stream's pushes stay
// cheap: unlike a timing, it does not depend on the machine, so a test can assert that streaming a
// text costs about what parsing it once does, and that twice the text costs twice the steps.
//
// A step is one character scanned, one node coerced or rendered (memo hits included), one
// candidate compared, one item looked at in a loop. Copying a list (slice, concat, spread) is not a
// step: it is counted apart, in `copied` (items copied into a fresh list, at the sites that copy
// lists which grow with the text). A partial value is a fresh object each push, so copying its
// top-level list is the floor of what a push costs when the result is a long list; for any other
// result, copies that grow with the text make a stream quadratic however few its steps.
export const work = { steps: 0, copied: 0 }

/** Steps taken by `f`. */
export function countSteps(f: () => void): number {
  const before = work.steps
  f()
  return work.steps - before
}

/** List items copied by `f`. */
export function countCopied(f: () => void): number {
  const before = work.copied
  f()
  return work.copied - before
}

/** `a.slice()`, counted in `work.copied`. */
export function copyList<T>(a: readonly T[]): T[] {
  work.copied += a.length
  return a.slice()
}

/** `a.concat([x])`, counted in `work.copied`. */
export function copyPlus<T>(a: readonly T[], x: T): T[] {
  work.copied += a.length + 1
  return a.concat([x])
}

/**
 * `a` itself, or an exact-size copy when it is short. An array grown by push from empty holds 17
 * slots however few items it has: the short lists a stream keeps for every value it has read
 * (class fields, flags, an object's keys) would take several times their size, and the garbage
 * collector copies and marks all of it.
 */
export function fit<T>(a: T[]): T[] {
  return a.length === 0 || a.length > 16 ? a : a.slice()
}
