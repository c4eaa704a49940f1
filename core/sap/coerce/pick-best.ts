// Choosing among several successful coercions (the reference's array_helper::pick_best): a few
// structural preferences first, then default-ness, score, and original position.
import type { JValue } from '../jsonish/value.ts'
import type { CType } from '../schema.ts'
import type { Ctx } from './context.ts'
import { F, hasFlag, isComposite, isErr, perr, score, withFlag, type CV, type ParseError, type Result } from './result.ts'
import { typeName } from './type-name.ts'

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

export function pickBest(ctx: Ctx, target: CType, res: readonly Result[]): Result {
  if (res.length === 0) return perr(ctx.scope, `Expected ${typeName(target)}, got empty array`)
  if (res.length === 1) return res[0]!
  const entries: Entry[] = []
  for (let i = 0; i < res.length; i++) {
    const r = res[i]!
    if (isErr(r)) continue
    entries.push({ i, score: score(r), dflt: r.k === 'list' && r.items.length === 0 && hasFlag(r, F.SingleToArray), v: r })
  }
  if (entries.length === 0) {
    const errors = res.filter(isErr) as ParseError[]
    return perr(ctx.scope, `Failed to find any ${typeName(target)} in ${res.length} items`, errors)
  }
  let best: Entry
  if (entries.length <= 20) {
    // the reference sorts with a stable insertion sort at this size; its comparator is not always
    // transitive, so follow the same procedure rather than taking a minimum
    for (let i = 1; i < entries.length; i++) {
      const tmp = entries[i]!
      let j = i
      while (j > 0 && compare(target, tmp, entries[j - 1]!) < 0) {
        entries[j] = entries[j - 1]!
        j--
      }
      entries[j] = tmp
    }
    best = entries[0]!
  } else {
    best = entries[0]!
    for (let i = 1; i < entries.length; i++) if (compare(target, entries[i]!, best) < 0) best = entries[i]!
  }
  let v = best.v
  if (!hasFlag(v, F.UnionMatch) && !hasFlag(v, F.FirstMatch)) {
    v = withFlag(v, target.k === 'union' ? { f: F.UnionMatch, n: best.i } : { f: F.FirstMatch, n: best.i })
  }
  return v
}

/** Coerces each candidate and keeps the best, marked as picked from several. */
export function coerceArrayToSingular(
  ctx: Ctx,
  target: CType,
  items: readonly JValue[],
  coerceOne: (v: JValue) => Result,
): Result {
  const parsed = items.map(coerceOne)
  const best = pickBest(ctx, target, parsed)
  if (isErr(best)) return best
  return withFlag(best, { f: F.FirstMatch, n: 0 })
}
