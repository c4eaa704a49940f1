// Enums and literal types (the reference's coerce_enum.rs and coerce_literal.rs).
import { asI64, isComplete, type JValue } from '../jsonish/value.ts'
import type { CType } from '../schema.ts'
import type { Ctx } from './context.ts'
import { applyConstraints } from './coerce.ts'
import { matchString, type Candidate } from './match-string.ts'
import { coerceBool, coerceInt, unexpected } from './primitive.ts'
import { F, isErr, perr, withFlag, type CV, type Result } from './result.ts'
import { typeName } from './type-name.ts'

const candidateCache = new WeakMap<object, Candidate[]>()

function enumCandidates(ctx: Ctx, name: string): Candidate[] | undefined {
  const e = ctx.env.schema.enm(name)
  if (e === undefined) return undefined
  let c = candidateCache.get(e)
  if (c) return c
  c = e.values.map((v) => {
    const d = v.description?.trim()
    return [v.name, d ? [v.rendered, d, `${v.rendered}: ${d}`] : [v.rendered]] as Candidate
  })
  candidateCache.set(e, c)
  return c
}

export function tryCastEnum(ctx: Ctx, name: string, target: CType, v: JValue | undefined): CV | undefined {
  if (v === undefined || v.t !== 'str') return undefined
  const e = ctx.env.schema.enm(name)
  if (e === undefined) return undefined
  for (const val of e.values) {
    if (val.rendered === v.s) {
      const r: CV = { k: 'enum', name, v: val.name, flags: [], target }
      return v.done ? r : withFlag(r, { f: F.Incomplete })
    }
  }
  return undefined
}

export function coerceEnum(ctx: Ctx, name: string, target: CType, v: JValue | undefined): Result {
  const cands = enumCandidates(ctx, name)
  if (cands === undefined) return perr(ctx.scope, `Internal error: enum ${name} not found`)
  const m = matchString(v, cands, true, ctx.scope, `${typeName(target)} enum value`)
  if ('err' in m) return m
  const r: CV = { k: 'enum', name, v: m.value, flags: m.flags, target }
  const constraints = ctx.env.schema.enm(name)!.constraints
  return constraints.length === 0 ? r : applyConstraints(ctx, r, constraints)
}

export function tryCastLiteral(lit: string | number | boolean, target: CType, v: JValue | undefined): CV | undefined {
  if (v === undefined) return undefined
  let r: CV | undefined
  if (typeof lit === 'number') {
    if (v.t === 'num' && asI64(v) === lit) r = { k: 'int', v: lit, flags: [], target }
  } else if (typeof lit === 'boolean') {
    if (v.t === 'bool' && v.b === lit) r = { k: 'bool', v: v.b, flags: [], target }
  } else if (v.t === 'str' && v.s === lit) r = { k: 'string', v: v.s, flags: [], target }
  if (r !== undefined && !isComplete(v)) r = withFlag(r, { f: F.Incomplete })
  return r
}

export function coerceLiteral(ctx: Ctx, lit: string | number | boolean, target: CType, v: JValue | undefined): Result {
  if (v === undefined || v.t === 'null') return perr(ctx.scope, `Expected ${typeName(target)}, got null`)
  // a one-key object holding a primitive stands for that primitive
  if (v.t === 'obj' && v.keys.length === 1 && v.vals.length === 1) {
    const inner = v.vals[0]!
    if (inner.t === 'num' || inner.t === 'bool' || inner.t === 'str') {
      const r = coerceLiteral(ctx, lit, target, inner)
      return isErr(r) ? r : withFlag(r, { f: F.ObjectToPrimitive, v })
    }
  }
  if (typeof lit === 'number') {
    const r = coerceInt(ctx, target, v)
    if (isErr(r)) return r
    return r.k === 'int' && r.v === lit ? r : unexpected(ctx, target, v)
  }
  if (typeof lit === 'boolean') {
    const r = coerceBool(ctx, target, v)
    if (isErr(r)) return r
    return r.k === 'bool' && r.v === lit ? r : unexpected(ctx, target, v)
  }
  const m = matchString(v, [[lit, [lit]]], true, ctx.scope, typeName(target))
  if ('err' in m) return m
  return { k: 'string', v: m.value, flags: m.flags, target }
}
