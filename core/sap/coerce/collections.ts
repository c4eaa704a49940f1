// Lists and maps (the reference's coerce_array.rs and coerce_map.rs).
import { jstr, type JValue } from '../jsonish/value.ts'
import type { CType } from '../schema.ts'
import { enterScope, type Ctx } from './context.ts'
import { coerce, tryCast } from './coerce.ts'
import { F, isErr, perr, withFlag, type CV, type Flag, type Result } from './result.ts'
import { typeName } from './type-name.ts'

type ListType = Extract<CType, { k: 'list' }>
type MapType = Extract<CType, { k: 'map' }>

/** The outermost union variant index recorded on a value (hint for the next list item). */
function unionWinner(v: CV): number | undefined {
  for (let i = v.flags.length - 1; i >= 0; i--) if (v.flags[i]!.f === F.UnionMatch) return v.flags[i]!.n
  return undefined
}

export function tryCastArray(ctx: Ctx, self: ListType, v: JValue | undefined): CV | undefined {
  if (v === undefined || v.t !== 'arr') return undefined
  const items: CV[] = []
  let hint: number | undefined
  for (let i = 0; i < v.items.length; i++) {
    const r = tryCast(enterScope(ctx, String(i), hint), self.item, self.item, v.items[i]!)
    if (r === undefined) return undefined
    hint = unionWinner(r)
    items.push(r)
  }
  const out: CV = { k: 'list', items, flags: [], target: self }
  return v.done ? out : withFlag(out, { f: F.Incomplete })
}

export function coerceArray(ctx: Ctx, self: ListType, v: JValue | undefined): Result {
  const items: CV[] = []
  const flags: Flag[] = []
  if (v !== undefined && v.t === 'arr') {
    if (!v.done) flags.push({ f: F.Incomplete })
    let hint: number | undefined
    for (let i = 0; i < v.items.length; i++) {
      const r = coerce(enterScope(ctx, String(i), hint), self.item, self.item, v.items[i]!)
      if (isErr(r)) flags.push({ f: F.ArrayItemParseError, n: i, err: r })
      else {
        hint = unionWinner(r)
        items.push(r)
      }
    }
  } else if (v !== undefined) {
    flags.push({ f: F.SingleToArray })
    const r = coerce(enterScope(ctx, '<implied>'), self.item, self.item, v)
    if (isErr(r)) flags.push({ f: F.ArrayItemParseError, n: 0, err: r })
    else items.push(r)
  }
  return { k: 'list', items, flags, target: self }
}

export function tryCastMap(ctx: Ctx, self: MapType, v: JValue | undefined): CV | undefined {
  if (v === undefined || v.t !== 'obj') return undefined
  const keys: string[] = []
  const vals: CV[] = []
  const index = new Map<string, number>()
  for (let i = 0; i < v.keys.length && i < v.vals.length; i++) {
    const r = tryCast(ctx, self.value, self.value, v.vals[i]!)
    if (r === undefined) return undefined
    put(keys, vals, index, v.keys[i]!, r)
  }
  const flags: Flag[] = [{ f: F.ObjectToMap, v }]
  if (!v.done) flags.push({ f: F.Incomplete })
  return { k: 'map', keys, vals, flags, target: self }
}

/** Insert keeping the first position of a repeated key (IndexMap semantics). */
function put(keys: string[], vals: CV[], index: Map<string, number>, k: string, v: CV): void {
  const at = index.get(k)
  if (at !== undefined) vals[at] = v
  else {
    index.set(k, keys.length)
    keys.push(k)
    vals.push(v)
  }
}

function isStringKeyType(t: CType): boolean {
  if (t.k === 'string' || t.k === 'enum') return true
  if (t.k === 'literal') return typeof t.value === 'string'
  if (t.k === 'union') {
    if (t.optional) return false
    return t.options.every((o) => (o.k === 'literal' && typeof o.value === 'string') || (o.k === 'union' && isStringKeyType(o)))
  }
  return false
}

export function coerceMap(ctx: Ctx, self: MapType, v: JValue | undefined): Result {
  if (v === undefined) return perr(ctx.scope, `Expected ${typeName(self)}, got null`)
  if (!isStringKeyType(self.key)) {
    return perr(ctx.scope, `Maps may only have strings, enums or literal strings for keys, but got ${typeName(self.key)}`)
  }
  if (v.t !== 'obj') return perr(ctx.scope, `Expected ${typeName(self)}, got ${v.t}.`)
  const flags: Flag[] = [{ f: F.ObjectToMap, v }]
  const keys: string[] = []
  const vals: CV[] = []
  const index = new Map<string, number>()
  for (let i = 0; i < v.keys.length && i < v.vals.length; i++) {
    const key = v.keys[i]!
    const r = coerce(enterScope(ctx, key), self.value, self.value, v.vals[i]!)
    if (isErr(r)) {
      flags.push({ f: F.MapValueParseError, err: r })
      continue
    }
    const k = coerce(ctx, self.key, self.key, jstr(key, true))
    if (isErr(k)) {
      flags.push({ f: F.MapKeyParseError, n: i, err: k })
      continue
    }
    put(keys, vals, index, key, r)
  }
  if (!v.done) flags.push({ f: F.Incomplete })
  return { k: 'map', keys, vals, flags, target: self }
}
