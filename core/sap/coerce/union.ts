// Unions (the reference's coerce_union.rs): strict casts first, then lenient coercion of every
// variant; a perfect (score 0) match wins at once, otherwise pick_best decides.
import { isComplete, type JValue } from '../jsonish/value.ts'
import { unionVariants, type UnionType } from '../schema.ts'
import type { Ctx } from './context.ts'
import { coerce, tryCast } from './coerce.ts'
import { pickBest } from './pick-best.ts'
import { F, isErr, score, withFlag, type CV, type Result } from './result.ts'

export function tryCastUnion(ctx: Ctx, self: UnionType, v: JValue | undefined): CV | undefined {
  if (v === undefined) return undefined
  if (v.t === 'null' && self.optional) return { k: 'null', flags: [], target: self }
  const options = self.options
  const hint = ctx.hint
  if (hint !== undefined && hint < options.length) {
    const r = tryCast(ctx, options[hint]!, self, v)
    if (r !== undefined && score(r) === 0) return withFlag(r, { f: F.UnionMatch, n: hint })
  }
  const ok: Result[] = []
  for (let i = 0; i < options.length; i++) {
    const r = tryCast(ctx, options[i]!, self, v)
    if (r === undefined) continue
    const flagged = withFlag(r, { f: F.UnionMatch, n: i })
    if (score(r) === 0) return flagged
    ok.push(flagged)
  }
  let res: CV | undefined
  if (ok.length === 1) res = ok[0] as CV
  else if (ok.length > 1) {
    const b = pickBest(ctx, self, ok)
    res = isErr(b) ? undefined : b
  }
  if (res !== undefined && !isComplete(v)) res = withFlag(res, { f: F.Incomplete })
  return res
}

export function coerceUnion(ctx: Ctx, self: UnionType, v: JValue | undefined): Result {
  const all = unionVariants(self)
  const hint = ctx.hint
  if (hint !== undefined && hint < all.length) {
    const r = coerce(ctx, all[hint]!, self, v)
    if (!isErr(r) && score(r) === 0) return withFlag(r, { f: F.UnionMatch, n: hint })
  }
  const parsed: Result[] = []
  for (let i = 0; i < all.length; i++) {
    const r = coerce(ctx, all[i]!, self, v)
    if (!isErr(r) && score(r) === 0) return withFlag(r, { f: F.UnionMatch, n: i })
    parsed.push(r)
  }
  return pickBest(ctx, self, parsed)
}
