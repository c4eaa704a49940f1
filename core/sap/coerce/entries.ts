// Folding over an object's entries (class fields, map entries) so that a growing object costs a
// stream push only its new entries. A growing object (one with an origin) only changes at its end:
// its entries extend the previous version's, except that the last one may be replaced. So the
// state after all entries but the last is kept between pushes and extended; the last entry is
// applied to a copy.
import type { JObject } from '../jsonish/value.ts'
import { samePrefix, seen, type Seen } from '../same-prefix.ts'
import { work } from '../work.ts'
import type { Slot } from './context.ts'

interface Kept<S> {
  vals: Seen
  keys: Seen
  /** entries folded into `state` */
  n: number
  state: S
}

export interface EntryFold<S> {
  init(): S
  /** a copy that `step` can change without touching the kept state */
  copy(s: S): S
  /** folds entry `i` of the object into `s` */
  step(s: S, i: number): void
}

/** The fold of `f` over all entries of `v`, reusing the previous push's work when `slot` is given. */
export function foldEntries<S>(v: JObject, f: EntryFold<S>, slot: Slot<Kept<S>> | undefined): S {
  const n = Math.min(v.keys.length, v.vals.length)
  if (slot === undefined) {
    const s = f.init()
    for (let i = 0; i < n; i++) {
      work.steps++
      f.step(s, i)
    }
    return s
  }
  let kept = slot.get()
  if (kept === undefined || kept.n > n - 1 || samePrefix(kept.vals, v.vals) < kept.n || samePrefix(kept.keys, v.keys) < kept.n) {
    kept = { vals: seen(v.vals), keys: seen(v.keys), n: 0, state: f.init() }
  }
  for (let i = kept.n; i < n - 1; i++) {
    work.steps++
    f.step(kept.state, i)
  }
  slot.set({ vals: seen(v.vals), keys: seen(v.keys), n: Math.max(kept.n, n - 1), state: kept.state })
  if (n === 0) return f.copy(kept.state)
  const s = f.copy(kept.state)
  work.steps++
  f.step(s, n - 1)
  return s
}

export type { Kept as KeptEntries }
