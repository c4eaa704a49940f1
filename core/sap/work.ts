// A count of the steps parsing takes, for tests and benchmarks that check a stream's pushes stay
// cheap: unlike a timing, it does not depend on the machine, so a test can assert that streaming a
// text costs about what parsing it once does, and that twice the text costs twice the steps.
//
// A step is one character scanned, one node coerced or rendered (memo hits included), one
// candidate compared, one item looked at in a loop. Copying an array (slice, spread) is not
// counted: a partial value is a fresh object each push, so copying its top-level list is the
// floor of what a push costs.
export const work = { steps: 0 }

/** Steps taken by `f`. */
export function countSteps(f: () => void): number {
  const before = work.steps
  f()
  return work.steps - before
}
