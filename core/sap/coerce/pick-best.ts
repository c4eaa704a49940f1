// Choosing among several successful coercions (the reference's array_helper::pick_best): a few
// structural preferences first, then default-ness, score, and original position.
import type { JValue } from '../jsonish/value.ts'
import type { CType } from '../schema.ts'
import type { Ctx, Slot } from './context.ts'
import { F, hasFlag, isComposite, isErr, perr, score, withFlag, type CV, type ParseError, type Result } from './result.ts'
import { typeName } from './type-name.ts'
import { work } from '../work.ts'
import { samePrefix, seen, type Seen } from '../same-prefix.ts'

interface Entry {
  readonly i: number
  readonly score: number
  /** an empty list that came from wrapping a single value */
  readonly dflt: boolean
  readonly v: CV
}

function countItemErrors(v: CV): number {
  let n = 0
  for (const fl of v.flags) if (fl.f === F.ArrayItemParseError) n++
  return n
}

function isImpliedString(v: CV): boolean {
  return v.k === 'class' && v.vals.length === 1 && v.vals[0]!.k === 'string' && hasFlag(v.vals[0]!, F.ImpliedKey)
}

function allDefaulted(v: CV & { k: 'class' }): boolean {
  for (const f of v.vals) if (!hasFlag(f, F.OptionalDefaultFromNoValue) && !hasFlag(f, F.DefaultFromNoValue)) return false
  return true
}

function compare(target: CType, a: Entry, b: Entry): number {
  const av = a.v
  const bv = b.v
  if (av.k === 'list' && bv.k === 'list') {
    const as = hasFlag(av, F.SingleToArray)
    const bs = hasFlag(bv, F.SingleToArray)
    if (as && !bs) return 1
    if (!as && bs) return -1
    const amd = av.items.length > 0 && hasFlag(av.items[0]!, F.ObjectFromMarkdown)
    const bmd = bv.items.length > 0 && hasFlag(bv.items[0]!, F.ObjectFromMarkdown)
    if (amd && !bmd) return 1
    if (!amd && bmd) return -1
    const ua = countItemErrors(av)
    const ub = countItemErrors(bv)
    if (ua === 0 && ub > 0 && bv.items.length === 0) return -1
    if (ua > 0 && ub === 0 && av.items.length === 0) return 1
  }
  if (av.k === 'class' && bv.k === 'class') {
    if (target.k === 'union') {
      const ac = isImpliedString(av)
      const bc = isImpliedString(bv)
      if (ac && !bc) return 1
      if (!ac && bc) return -1
    }
    const ad = allDefaulted(av)
    const bd = allDefaulted(bv)
    if (ad && !bd) return 1
    if (!ad && bd) return -1
  }
  if (!isComposite(av) && isComposite(bv) && (hasFlag(av, F.JsonToString) || hasFlag(av, F.FirstMatch))) return 1
  if (isComposite(av) && !isComposite(bv) && (hasFlag(bv, F.JsonToString) || hasFlag(bv, F.FirstMatch))) return -1
  if (a.dflt !== b.dflt) return a.dflt ? 1 : -1
  if (a.score !== b.score) return a.score - b.score
  return a.i - b.i
}

/** A candidate for pick_best: its position, score and whether it is a defaulted empty list. */
function entryOf(i: number, r: CV): Entry {
  return { i, score: score(r), dflt: r.k === 'list' && r.items.length === 0 && hasFlag(r, F.SingleToArray), v: r }
}

export function pickBest(ctx: Ctx, target: CType, res: readonly Result[]): Result {
  return pickFrom(ctx, target, res, undefined)
}

function entriesOf(res: readonly Result[]): Entry[] {
  const entries: Entry[] = []
  work.steps += res.length
  for (let i = 0; i < res.length; i++) {
    const r = res[i]!
    if (!isErr(r)) entries.push(entryOf(i, r))
  }
  return entries
}

/**
 * pick_best over the results `res`; with `kept`, the state kept for them (their successes as
 * entries, their errors, foldBest's running best) instead of reading them again.
 */
function pickFrom(ctx: Ctx, target: CType, res: readonly Result[], kept: SingularState | undefined): Result {
  if (res.length === 0) return perr(ctx.scope, `Expected ${typeName(target)}, got empty array`)
  if (res.length === 1) return res[0]!
  const entries = kept === undefined ? entriesOf(res) : kept.entries
  if (entries.length === 0) {
    // (the kept list changes on later pushes: the error gets a copy)
    const errors = kept === undefined ? (res.filter(isErr) as ParseError[]) : kept.errors.slice()
    return perr(ctx.scope, `Failed to find any ${typeName(target)} in ${res.length} items`, errors)
  }
  // (the kept entries are sorted as a copy)
  if (entries.length <= 20) return marked(target, sortedFirst(target, kept === undefined ? entries : entries.slice()))
  return marked(target, foldBest(target, entries, kept === undefined ? [] : kept.bestAt))
}

/**
 * The first entry after the reference's stable insertion sort (what it does for up to 20 entries;
 * its comparator is not always transitive, so follow the same procedure rather than taking a
 * minimum). Sorts `entries` in place.
 */
function sortedFirst(target: CType, entries: Entry[]): Entry {
  work.steps += entries.length * entries.length
  for (let i = 1; i < entries.length; i++) {
    const tmp = entries[i]!
    let j = i
    while (j > 0 && compare(target, tmp, entries[j - 1]!) < 0) {
      entries[j] = entries[j - 1]!
      j--
    }
    entries[j] = tmp
  }
  return entries[0]!
}

/**
 * The best entry by a left-to-right scan (what the reference's sort amounts to for more than 20
 * entries). `bestAt[k]` holds the best of `entries[0..k]`; it is extended to all entries and kept,
 * so a list that grows is scanned once.
 */
function foldBest(target: CType, entries: readonly Entry[], bestAt: number[]): Entry {
  const n = entries.length
  for (let k = bestAt.length; k < n; k++) {
    work.steps++
    bestAt.push(k === 0 ? 0 : compare(target, entries[k]!, entries[bestAt[k - 1]!]!) < 0 ? k : bestAt[k - 1]!)
  }
  return entries[bestAt[n - 1]!]!
}

/** The chosen value, marked with its position when nothing marked it yet. */
function marked(target: CType, best: Entry): CV {
  let v = best.v
  if (!hasFlag(v, F.UnionMatch) && !hasFlag(v, F.FirstMatch)) {
    v = withFlag(v, target.k === 'union' ? { f: F.UnionMatch, n: best.i } : { f: F.FirstMatch, n: best.i })
  }
  return v
}

/**
 * Coercions of a growing list's items kept between stream pushes, with the successes as pick_best
 * entries (and the running best, see foldBest) and the failures.
 */
export interface SingularState {
  items: Seen
  results: Result[]
  entries: Entry[]
  bestAt: number[]
  errors: ParseError[]
  /** item index of each error */
  errorAt: number[]
}

/**
 * Coerces each candidate and keeps the best, marked as picked from several. With a slot (the
 * items are a growing list's), the previous push's work on the unchanged leading items is reused.
 */
export function coerceArrayToSingular(
  ctx: Ctx,
  target: CType,
  items: readonly JValue[],
  coerceOne: (v: JValue) => Result,
  slot?: Slot<SingularState>,
): Result {
  if (slot === undefined) {
    work.steps += items.length
    const parsed = items.map(coerceOne)
    const best = pickBest(ctx, target, parsed)
    if (isErr(best)) return best
    return withFlag(best, { f: F.FirstMatch, n: 0 })
  }
  const st = singularState(slot, items, coerceOne)
  const best = pickFrom(ctx, target, st.results, st)
  if (isErr(best)) return best
  return withFlag(best, { f: F.FirstMatch, n: 0 })
}

function singularState(slot: Slot<SingularState>, items: readonly JValue[], coerceOne: (v: JValue) => Result): SingularState {
  let st = slot.get()
  if (st === undefined) st = { items: seen(items), results: [], entries: [], bestAt: [], errors: [], errorAt: [] }
  else {
    // keep what was done for the leading items that did not change
    const p = Math.min(samePrefix(st.items, items), st.results.length)
    st.results.length = p
    while (st.entries.length > 0 && st.entries[st.entries.length - 1]!.i >= p) st.entries.pop()
    if (st.bestAt.length > st.entries.length) st.bestAt.length = st.entries.length
    while (st.errorAt.length > 0 && st.errorAt[st.errorAt.length - 1]! >= p) {
      st.errorAt.pop()
      st.errors.pop()
    }
  }
  for (let i = st.results.length; i < items.length; i++) {
    work.steps++
    const r = coerceOne(items[i]!)
    st.results.push(r)
    if (isErr(r)) {
      st.errors.push(r)
      st.errorAt.push(i)
    } else st.entries.push(entryOf(i, r))
  }
  st.items = seen(items)
  slot.set(st)
  return st
}
