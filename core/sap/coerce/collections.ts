// Lists and maps (the reference's coerce_array.rs and coerce_map.rs).
import { isPushLived, jstr, type JObject, type JValue } from '../jsonish/value.ts'
import type { CType } from '../schema.ts'
import { enterScope, growingSlot, SLOT, slotKey, type Ctx } from './context.ts'
import { coerce, tryCast } from './coerce.ts'
import { F, isErr, perr, score, withFlag, type CV, type Flag, type Result } from './result.ts'
import { typeName } from './type-name.ts'
import { samePrefix, seen, type Seen } from '../same-prefix.ts'
import { foldEntries, type EntryFold } from './entries.ts'
import { copyList, fit, work } from '../work.ts'

type ListType = Extract<CType, { k: 'list' }>
type MapType = Extract<CType, { k: 'map' }>

/** The outermost union variant index recorded on a value (hint for the next list item). */
function unionWinner(v: CV): number | undefined {
  for (let i = v.flags.length - 1; i >= 0; i--) if (v.flags[i]!.f === F.UnionMatch) return v.flags[i]!.n
  return undefined
}

/**
 * Per-item results of a list that may grow between stream pushes: the items they were computed
 * for, and the union hint after each item (the next item's coercion depends on it).
 */
interface ItemResults<R> {
  items: Seen
  results: R[]
  hints: (number | undefined)[]
  /** how many leading results the last call reused */
  reused: number
  /** coerceArray's list built from the results (see ListBuild) */
  built?: ListBuild
  /** tryCastArray: sums[i] is the score of results[0..i] */
  sums?: number[]
}

/**
 * coerceArray's output for the first `len` results, kept so that a push only adds the new items:
 * the successes (with their indices), the error flags (with theirs), and running score sums.
 */
interface ListBuild {
  len: number
  items: CV[]
  itemAt: number[]
  errors: Flag[]
  errorAt: number[]
  /** sums[i]: score of the successes among results[0..i] */
  sums: number[]
}


/** Item results for `items`, reusing the cached ones for an unchanged prefix. */
function itemResults<R>(
  slot: { get(): ItemResults<R> | undefined; set(v: ItemResults<R>): void } | undefined,
  items: readonly JValue[],
  one: (item: JValue, i: number, hint: number | undefined) => R,
  hintAfter: (r: R, hint: number | undefined) => number | undefined,
  stop: (r: R) => boolean,
): ItemResults<R> {
  const prev = slot?.get()
  let results: R[]
  let hints: (number | undefined)[]
  let p = 0
  if (prev !== undefined) {
    p = samePrefix(prev.items, items)
    results = prev.results
    hints = prev.hints
    if (results.length > p) results.length = p
    if (hints.length > p) hints.length = p
    p = results.length
  } else {
    results = []
    hints = []
  }
  let hint = p > 0 ? hints[p - 1] : undefined
  if (!(p > 0 && stop(results[p - 1]!))) {
    for (let i = p; i < items.length; i++) {
      const r = one(items[i]!, i, hint)
      hint = hintAfter(r, hint)
      results.push(r)
      hints.push(hint)
      if (stop(r)) break
    }
  }
  const out: ItemResults<R> = { items: seen(items), results, hints, reused: p, built: prev?.built, sums: prev?.sums }
  slot?.set(out)
  return out
}

export function tryCastArray(ctx: Ctx, self: ListType, v: JValue | undefined): CV | undefined {
  if (v === undefined || v.t !== 'arr') return undefined
  const ir = itemResults<CV | undefined>(
    growingSlot(ctx.env, v.origin, slotKey(SLOT.listCast, self.id)),
    v.items,
    (item, i, hint) => tryCast(enterScope(ctx, String(i), hint), self.item, self.item, item),
    (r) => (r === undefined ? undefined : unionWinner(r)),
    (r) => r === undefined,
  )
  const results = ir.results
  if (results.length < v.items.length || (results.length > 0 && results[results.length - 1] === undefined)) return undefined
  // (copy: the cached array is extended in place on the next push)
  // (a copy: the cached array is extended in place on the next push, unless no result of this
  // push outlives it)
  const out: CV = { k: 'list', items: (isPushLived(v.origin) ? results : copyList(results)) as CV[], flags: [], target: self, origin: v.origin }
  // the items' score sum, kept as running sums (score would add up the whole list every push)
  const sums = (ir.sums ??= [])
  if (sums.length > ir.reused) sums.length = ir.reused
  for (let i = sums.length; i < results.length; i++) sums.push((i === 0 ? 0 : sums[i - 1]!) + score(results[i]!))
  out.cs = results.length === 0 ? 0 : sums[results.length - 1]!
  return v.done ? out : withFlag(out, { f: F.Incomplete })
}

export function coerceArray(ctx: Ctx, self: ListType, v: JValue | undefined): Result {
  const items: CV[] = []
  const flags: Flag[] = []
  if (v !== undefined && v.t === 'arr') {
    if (!v.done) flags.push({ f: F.Incomplete })
    const ir = itemResults<Result>(
      growingSlot(ctx.env, v.origin, slotKey(SLOT.listCoerce, self.id)),
      v.items,
      (item, i, hint) => coerce(enterScope(ctx, String(i), hint), self.item, self.item, item),
      (r, hint) => (isErr(r) ? hint : unionWinner(r)),
      () => false,
    )
    const b = listBuild(ir)
    for (const fl of b.errors) flags.push(fl)
    const out: CV = { k: 'list', items: isPushLived(v.origin) ? b.items : copyList(b.items), flags: fit(flags), target: self, origin: v.origin }
    out.cs = b.len === 0 ? 0 : b.sums[b.len - 1]!
    return out
  } else if (v !== undefined) {
    flags.push({ f: F.SingleToArray })
    const r = coerce(enterScope(ctx, '<implied>'), self.item, self.item, v)
    if (isErr(r)) flags.push({ f: F.ArrayItemParseError, n: 0, err: r })
    else items.push(r)
  }
  return { k: 'list', items: fit(items), flags: fit(flags), target: self }
}

/** The list coerceArray builds from item results, extended from the previous push's. */
function listBuild(ir: ItemResults<Result>): ListBuild {
  let b = ir.built
  if (b === undefined) b = ir.built = { len: 0, items: [], itemAt: [], errors: [], errorAt: [], sums: [] }
  if (b.len > ir.reused) {
    b.len = ir.reused
    b.sums.length = b.len
    while (b.itemAt.length > 0 && b.itemAt[b.itemAt.length - 1]! >= b.len) {
      b.itemAt.pop()
      b.items.pop()
    }
    while (b.errorAt.length > 0 && b.errorAt[b.errorAt.length - 1]! >= b.len) {
      b.errorAt.pop()
      b.errors.pop()
    }
  }
  const results = ir.results
  for (let i = b.len; i < results.length; i++) {
    work.steps++
    const r = results[i]!
    let sum = i === 0 ? 0 : b.sums[i - 1]!
    if (isErr(r)) {
      b.errors.push({ f: F.ArrayItemParseError, n: i, err: r })
      b.errorAt.push(i)
    } else {
      b.items.push(r)
      b.itemAt.push(i)
      sum += score(r)
    }
    b.sums.push(sum)
  }
  b.len = results.length
  return b
}

/**
 * A map being built from an object's entries (see foldEntries): keys in first-seen order with
 * their latest values (IndexMap semantics), the score sum of the values, the error flags (with
 * their bits and score), whether a strict cast failed.
 */
interface MapScan {
  keys: string[]
  vals: CV[]
  index: Map<string, number>
  sum: number
  errors: Flag[]
  errorBits: number
  failed: boolean
  /** the arrays and index are the kept state's: copy the arrays before changing them, and leave
   * the index alone (a copy takes one more entry, the last, and is then done) */
  shared: boolean
}

const mapFold = (step: (s: MapScan, i: number) => void): EntryFold<MapScan> => ({
  init: () => ({ keys: [], vals: [], index: new Map(), sum: 0, errors: [], errorBits: 0, failed: false, shared: false }),
  copy: (s) => ({ ...s, shared: true }),
  step,
})

function unshare(s: MapScan): void {
  if (!s.shared) return
  s.keys = copyList(s.keys)
  s.vals = copyList(s.vals)
  s.errors = copyList(s.errors)
  s.shared = false
}

/** Insert keeping the first position of a repeated key (IndexMap semantics). */
function put(s: MapScan, k: string, v: CV, shared: boolean): void {
  const at = s.index.get(k)
  if (at !== undefined) {
    s.sum += score(v) - score(s.vals[at]!)
    s.vals[at] = v
  } else {
    if (!shared) s.index.set(k, s.keys.length)
    s.keys.push(k)
    s.vals.push(v)
    s.sum += score(v)
  }
}

function addError(s: MapScan, fl: Flag): void {
  s.errors.push(fl)
  s.errorBits |= 1 << fl.f
}

/** The map value of a scan (fresh arrays), with its flags' bits and score and the values' score. */
function mapValue(s: MapScan, v: JObject, self: MapType, withErrors: boolean): CV {
  const flags: Flag[] = [{ f: F.ObjectToMap, v }]
  if (withErrors) for (const fl of s.errors) flags.push(fl)
  if (!v.done) flags.push({ f: F.Incomplete })
  // (a scan that took no entry of its own still holds the kept state's arrays)
  const out: CV = { k: 'map', keys: s.shared ? copyList(s.keys) : s.keys, vals: s.shared ? copyList(s.vals) : s.vals, flags, target: self, origin: v.origin }
  out.cs = s.sum
  out.fm = (1 << F.ObjectToMap) | (withErrors ? s.errorBits : 0) | (v.done ? 0 : 1 << F.Incomplete)
  // (map key and value errors score 1 each, as does ObjectToMap)
  out.fs = 1 + (withErrors ? s.errors.length : 0)
  return out
}

export function tryCastMap(ctx: Ctx, self: MapType, v: JValue | undefined): CV | undefined {
  if (v === undefined || v.t !== 'obj') return undefined
  const scan = foldEntries(
    v,
    mapFold((s, i) => {
      if (s.failed) return
      const r = tryCast(ctx, self.value, self.value, v.vals[i]!)
      if (r === undefined) s.failed = true
      else {
        const shared = s.shared
        unshare(s)
        put(s, v.keys[i]!, r, shared)
      }
    }),
    growingSlot(ctx.env, v.origin, slotKey(SLOT.mapCast, self.id)),
  )
  return scan.failed ? undefined : mapValue(scan, v, self, false)
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
  const scan = foldEntries(
    v,
    mapFold((s, i) => {
      const key = v.keys[i]!
      const shared = s.shared
      unshare(s)
      const r = coerce(enterScope(ctx, key), self.value, self.value, v.vals[i]!)
      if (isErr(r)) {
        addError(s, { f: F.MapValueParseError, err: r })
        return
      }
      const k = coerce(ctx, self.key, self.key, jstr(key, true))
      if (isErr(k)) {
        addError(s, { f: F.MapKeyParseError, n: i, err: k })
        return
      }
      put(s, key, r, shared)
    }),
    growingSlot(ctx.env, v.origin, slotKey(SLOT.mapCoerce, self.id)),
  )
  return mapValue(scan, v, self, true)
}
