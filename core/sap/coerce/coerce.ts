// The coercion dispatcher (the reference's field_type.rs): unwraps the reader's candidate wrappers,
// tries a strict cast first, falls back to lenient coercion, then applies constraints and the
// streaming "must be done" rule.
//
// Like the reference, every call has a `self` type (which coercer runs, whose constraints are
// checked) and a `target` type (recorded on the value and used for a few decisions); they differ
// when a union tries one of its variants.
import { isComplete, jstr, nodeCache, type JValue } from '../jsonish/value.ts'
import type { CType } from '../schema.ts'
import { growingSlot, SLOT, slotKey, visitNode, visiting, withVisit, type Ctx, type NodeMemo } from './context.ts'
import { coerceClass, tryCastClass } from './class.ts'
import { coerceArray, coerceMap, tryCastArray, tryCastMap } from './collections.ts'
import { coerceEnum, coerceLiteral, tryCastEnum, tryCastLiteral } from './enum-literal.ts'
import { coerceArrayToSingular, type SingularState } from './pick-best.ts'
import { coerceBool, coerceFloat, coerceInt, coerceNull, coerceString, tryCastPrimitive } from './primitive.ts'
import { F, isErr, perr, withFlag, withTarget, type CheckResult, type CV, type Result } from './result.ts'
import { coerceUnion, tryCastUnion } from './union.ts'
import { plainValue } from './plain-value.ts'
import type { Constraint } from '../../ir/types.ts'
import { evaluateConstraint } from '../constraints.ts'
import { work } from '../work.ts'
import { smallGet, smallHas, smallSet } from '../small-map.ts'

const pairIds = new WeakMap<CType, Map<CType, number>>()
let nextPairId = 1

/** A number naming (self, target, hint); undefined when the combination is not memoised. */
export function memoKey(self: CType, target: CType, hint: number | undefined): number | undefined {
  if (hint !== undefined && hint > 6) return undefined
  let base: number
  if (self === target) base = self.id
  else {
    let m = pairIds.get(self)
    if (m === undefined) {
      m = new Map()
      pairIds.set(self, m)
    }
    let id = m.get(target)
    if (id === undefined) {
      id = nextPairId++
      m.set(target, id)
    }
    base = -id
  }
  return base * 8 + (hint === undefined ? 0 : hint + 1)
}

/** The memo of a node, when results for it do not depend on the current recursion guard. */
function nodeMemo(ctx: Ctx, v: JValue | undefined): NodeMemo | undefined {
  const env = ctx.env
  if (!env.memo || v === undefined || visitNode(ctx.visitedCoerce, v) || visitNode(ctx.visitedCast, v)) return undefined
  const c = nodeCache(v)
  let m = c.memo as NodeMemo | undefined
  if (m === undefined || m.env !== env) {
    m = { env, k: undefined, r: undefined, ck: undefined, cr: undefined, more: undefined, moreCast: undefined }
    c.memo = m
  }
  return m
}

export function coerce(ctx: Ctx, self: CType, target: CType, v: JValue | undefined): Result {
  work.steps++
  const m = nodeMemo(ctx, v)
  const key = m === undefined ? undefined : memoKey(self, target, ctx.hint)
  if (key === undefined) return coerceUncached(ctx, self, target, v)
  if (m!.k === key) return m!.r!
  const hit = smallGet(m!.more, key)
  if (hit !== undefined) return hit
  const r = coerceUncached(ctx, self, target, v)
  if (m!.k === undefined) {
    m!.k = key
    m!.r = r
  } else m!.more = smallSet(m!.more, key, r)
  return r
}

function coerceUncached(ctx: Ctx, self: CType, target: CType, v: JValue | undefined): Result {
  let r: Result
  if (v !== undefined && v.t === 'any') {
    if (target.k === 'string' || target.k === 'enum' || (target.k === 'literal' && typeof target.value === 'string')) {
      r = coerce(ctx, self, target, jstr(v.raw, true))
    } else {
      const key = v.origin === undefined ? undefined : memoKey(self, target, ctx.hint)
      const slot = key === undefined ? undefined : growingSlot<SingularState>(ctx.env, v.origin, slotKey(SLOT.anyChoices, key))
      r = coerceArrayToSingular(ctx, target, v.choices, (c) => coerce(ctx, self, target, c), slot)
    }
  } else if (v !== undefined && v.t === 'md') {
    r = coerce(ctx, self, target, v.inner)
    if (!isErr(r)) r = withFlag(r, { f: F.ObjectFromMarkdown, n: target.k === 'string' ? 1 : 0 })
  } else if (v !== undefined && v.t === 'fixed') {
    r = coerce(ctx, self, target, v.inner)
    if (!isErr(r)) r = withFlag(r, { f: F.ObjectFromFixedJson })
  } else {
    r = tryCast(ctx, self, target, v) ?? coerceByKind(ctx, self, target, v)
  }
  if (!isErr(r) && target.m.constraints.length > 0) r = applyConstraints(ctx, r, self.m.constraints)
  if (!isErr(r) && v !== undefined && !isComplete(v)) {
    if (self.m.done && ctx.env.streaming) return perr(ctx.scope, 'Internal error: Streaming field is not done')
    r = withFlag(r, { f: F.Incomplete })
  }
  return r
}

function coerceByKind(ctx: Ctx, self: CType, target: CType, v: JValue | undefined): Result {
  switch (self.k) {
    case 'string':
      return coerceString(ctx, target, v)
    case 'int':
      return coerceInt(ctx, target, v)
    case 'float':
      return coerceFloat(ctx, target, v)
    case 'bool':
      return coerceBool(ctx, target, v)
    case 'null':
      return coerceNull(ctx, target, v)
    case 'media':
      return perr(ctx.scope, `${self.media[0]!.toUpperCase()}${self.media.slice(1)} type is not supported here`)
    case 'enum':
      return coerceEnum(ctx, self.name, target, v)
    case 'literal':
      return coerceLiteral(ctx, self.value, target, v)
    case 'class':
      return coerceClass(ctx, self, target, v)
    case 'alias':
      return retarget(coerceAlias(ctx, self, v), target)
    case 'list':
      return retarget(coerceArray(ctx, self, v), target)
    case 'map':
      return retarget(coerceMap(ctx, self, v), target)
    case 'union':
      return retarget(coerceUnion(ctx, self, v), target)
  }
}

/** A value made by the coercer of `self` (alias, list, map, union), recorded as of `target`. */
function retarget(r: Result, target: CType): Result
function retarget(r: CV | undefined, target: CType): CV | undefined
function retarget(r: Result | undefined, target: CType): Result | undefined {
  return r === undefined || isErr(r) ? r : withTarget(r, target)
}

function coerceAlias(ctx: Ctx, self: Extract<CType, { k: 'alias' }>, v: JValue | undefined): Result {
  let c = ctx
  if (v !== undefined) {
    if (visiting(ctx.visitedCoerce, self.name, v)) return perr(ctx.scope, `Circular reference detected for ${self.name}`)
    c = withVisit(ctx, self.name, v, true)
  }
  const resolved = ctx.env.schema.alias(self.name)
  if (resolved === undefined) return perr(ctx.scope, `Failed to find recursive alias target: ${self.name}`)
  return coerce(c, resolved, self, v)
}

/** Strict cast: only exact shapes, no conversions. */
export function tryCast(ctx: Ctx, self: CType, target: CType, v: JValue | undefined): CV | undefined {
  work.steps++
  const m = nodeMemo(ctx, v)
  const key = m === undefined ? undefined : memoKey(self, target, ctx.hint)
  if (key === undefined) return tryCastUncached(ctx, self, target, v)
  if (m!.ck === key) return m!.cr as CV | undefined
  if (smallHas(m!.moreCast, key)) return smallGet(m!.moreCast, key) as CV | undefined
  const r = tryCastUncached(ctx, self, target, v)
  if (m!.ck === undefined) {
    m!.ck = key
    m!.cr = r
  } else m!.moreCast = smallSet(m!.moreCast, key, r)
  return r
}

function tryCastUncached(ctx: Ctx, self: CType, target: CType, v: JValue | undefined): CV | undefined {
  let r: CV | undefined
  switch (self.k) {
    case 'string':
    case 'int':
    case 'float':
    case 'bool':
    case 'null':
      r = tryCastPrimitive(self.k, target, v)
      break
    case 'media':
      return undefined
    case 'enum':
      r = tryCastEnum(ctx, self.name, target, v)
      break
    case 'literal':
      r = tryCastLiteral(self.value, target, v)
      break
    case 'class':
      r = tryCastClass(ctx, self, target, v)
      break
    case 'alias':
      r = retarget(tryCastAlias(ctx, self, v), target)
      break
    case 'list':
      r = retarget(tryCastArray(ctx, self, v), target)
      break
    case 'map':
      r = retarget(tryCastMap(ctx, self, v), target)
      break
    case 'union':
      r = retarget(tryCastUnion(ctx, self, v), target)
      break
  }
  if (r === undefined || self.m.constraints.length === 0) return r
  const res = runChecks(r, self.m.constraints)
  if (res === undefined) return undefined
  const checks = checksOnly(res)
  if (checks.length > 0) r = withFlag(r, { f: F.ConstraintResults, checks })
  if (res.some((x) => !x.ok && x.c.level === 'assert')) return undefined
  return r
}

function tryCastAlias(ctx: Ctx, self: Extract<CType, { k: 'alias' }>, v: JValue | undefined): CV | undefined {
  let c = ctx
  if (v !== undefined) {
    if (visiting(ctx.visitedCast, self.name, v)) return undefined
    c = withVisit(ctx, self.name, v, false)
  }
  const resolved = ctx.env.schema.alias(self.name)
  if (resolved === undefined) return undefined
  let r = tryCast(c, resolved, self, v)
  if (r !== undefined && v !== undefined && !isComplete(v)) r = withFlag(r, { f: F.Incomplete })
  return r
}

interface Evaluated {
  readonly c: Constraint
  readonly ok: boolean
}

/** Evaluates constraints on a coerced value; undefined when an expression could not be evaluated. */
export function runChecks(v: CV, constraints: readonly Constraint[]): Evaluated[] | undefined {
  const plain = plainValue(v)
  const out: Evaluated[] = []
  for (const c of constraints) {
    const ok = evaluateConstraint(c, plain)
    if (ok === undefined) return undefined
    out.push({ c, ok })
  }
  return out
}

function checksOnly(res: readonly Evaluated[]): CheckResult[] {
  const out: CheckResult[] = []
  for (const x of res) if (x.c.level === 'check') out.push({ name: x.c.label ?? '', expression: x.c.expression, ok: x.ok })
  return out
}

/** Runs constraints: failing asserts make the value an error, checks are recorded on it. */
export function applyConstraints(ctx: Ctx, v: CV, constraints: readonly Constraint[]): Result {
  const res = runChecks(v, constraints)
  if (res === undefined) return perr(ctx.scope, 'Failed to evaluate constraints')
  const failed = res.filter((x) => !x.ok && x.c.level === 'assert')
  if (failed.length > 0) {
    return perr(ctx.scope, 'Assertions failed.', failed.map((x) => perr(undefined, `Failed: ${x.c.label ? x.c.label + ' ' : ''}${x.c.expression}`)))
  }
  return withFlag(v, { f: F.ConstraintResults, checks: checksOnly(res) })
}
