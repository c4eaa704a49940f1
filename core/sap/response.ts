// From a coerced value to the JSON the API returns, following the reference's runtime steps:
// 1. semantic streaming (`validate_streaming_state`): every node gets a completion state; values
//    whose type must be complete before it appears are removed while streaming (list items and
//    map entries dropped, class fields nulled);
// 2. the validated tree is zipped with the coerced one to pick up check results (by position,
//    as the reference does, so a dropped list item shifts the metadata of the ones after it);
// 3. serialisation: checks as `{value, checks}`, and in partial results `@stream.with_state`
//    values as `{state, value}`.
import { mk, unionVariants, type CType, type Schema } from './schema.ts'
import { checksOf, F, hasFlag, type CV } from './coerce/result.ts'
import { samePrefix, seen, type Seen } from './same-prefix.ts'
import { copyList, fit, work } from './work.ts'
import { isPushLived } from './jsonish/value.ts'
import { smallGet, smallSet } from './small-map.ts'

type State = 'Pending' | 'Incomplete' | 'Complete'

interface Comp {
  readonly state: State
  readonly display: boolean
  readonly requiredDone: boolean
}

/** Serialised output of a node, cached on it (per mode, for the coerced node it was zipped with). */
interface Emitted {
  emP?: { orig: CV; json: unknown }
  emF?: { orig: CV; json: unknown }
}

/** A node after semantic streaming. `cv` is the coerced node it came from (null fillers have none). */
type PV = Emitted &
  (
    | { readonly k: 'leaf'; readonly cv: CV; readonly c: Comp }
    | { readonly k: 'null'; readonly c: Comp }
    | { readonly k: 'list'; readonly cv: CV; readonly items: readonly PV[]; readonly c: Comp }
    | { readonly k: 'map'; readonly cv: CV; readonly keys: readonly string[]; readonly vals: readonly PV[]; readonly c: Comp }
    | { readonly k: 'class'; readonly cv: CV; readonly keys: readonly string[]; readonly vals: readonly PV[]; readonly c: Comp }
  )

const REMOVED = null

export class ShapeMismatch extends Error {}

export interface RenderOptions {
  readonly schema: Schema
  /** partial (streaming) parse */
  readonly partial: boolean
  readonly memo?: RenderMemo
}

export interface RenderMemo {
  /** per-item work for lists and maps that grow between pushes, by origin token */
  readonly lists: WeakMap<object, Map<number, ListWork>>
  readonly maps: WeakMap<object, Map<number, MapWork>>
}

/** Per-entry results of a map's previous version (see mapEach). */
interface MapWork {
  a: readonly unknown[]
  b: readonly unknown[] | undefined
  out: unknown[]
}

/** Items processed / emitted for the previous version of a growing list. */
interface ListWork {
  a: Seen
  b: Seen
  out: unknown[]
  /** with a filter: the results kept, and their indices in `out` */
  kept: unknown[]
  keptAt: number[]
}

export function newRenderMemo(): RenderMemo {
  return { lists: new WeakMap(), maps: new WeakMap() }
}

/**
 * Maps `f` over paired items (keeping only the results `keep` accepts, when given), reusing the
 * previous results for the leading items that are the same objects as last time (a growing list
 * in a stream only changes at its end). The result is a fresh array.
 */
function mapGrowing<A, B, R>(
  memo: RenderMemo | undefined,
  origin: object | undefined,
  key: number,
  a: readonly A[],
  b: readonly B[],
  f: (x: A, y: B) => R,
  keep: ((r: R) => boolean) | undefined,
  fresh: boolean,
): R[] {
  const n = Math.min(a.length, b.length)
  if (memo === undefined || origin === undefined) {
    const out: R[] = []
    work.steps += n
    for (let i = 0; i < n; i++) {
      const r = f(a[i]!, b[i]!)
      if (keep === undefined || keep(r)) out.push(r)
    }
    return out
  }
  let m = memo.lists.get(origin)
  if (m === undefined) {
    m = new Map()
    memo.lists.set(origin, m)
  }
  const prev = m.get(key)
  let w: ListWork
  if (prev !== undefined) {
    const p = Math.min(n, prev.out.length, samePrefix(prev.a, a), samePrefix(prev.b, b))
    w = prev
    w.out.length = p
    while (w.keptAt.length > 0 && w.keptAt[w.keptAt.length - 1]! >= p) {
      w.keptAt.pop()
      w.kept.pop()
    }
    w.a = seen(a)
    w.b = seen(b)
  } else w = { a: seen(a), b: seen(b), out: [], kept: [], keptAt: [] }
  work.steps += n - w.out.length
  for (let i = w.out.length; i < n; i++) {
    const r = f(a[i]!, b[i]!)
    w.out.push(r)
    if (keep !== undefined && keep(r)) {
      w.kept.push(r)
      w.keptAt.push(i)
    }
  }
  m.set(key, w)
  const res = keep === undefined ? w.out : w.kept
  // (the result is a fresh array unless it is internal and its list lives for one push)
  return (fresh || !isPushLived(origin) ? copyList(res) : res) as R[]
}

/**
 * `a.map(f)` for a map's values, reusing the previous version's result wherever the value (and its
 * partner in `b`, when given) is the same object at the same position. A repeated key replaces a
 * value in the middle of a map, so unlike lists a map is not only extended at its end; copying the
 * results is cheap next to building the output object, which a push cannot avoid.
 */
function mapEach<A, R>(
  memo: RenderMemo | undefined,
  origin: object | undefined,
  key: number,
  a: readonly A[],
  f: (x: A, i: number) => R,
  b?: readonly unknown[],
): R[] {
  const prev = memo === undefined || origin === undefined ? undefined : memo.maps.get(origin)?.get(key)
  work.copied += a.length
  const out: R[] = new Array(a.length)
  for (let i = 0; i < a.length; i++) {
    if (prev !== undefined && i < prev.out.length && prev.a[i] === a[i] && (b === undefined || prev.b![i] === b[i])) out[i] = prev.out[i] as R
    else {
      work.steps++
      out[i] = f(a[i]!, i)
    }
  }
  if (memo !== undefined && origin !== undefined) {
    let m = memo.maps.get(origin)
    if (m === undefined) {
      m = new Map()
      memo.maps.set(origin, m)
    }
    m.set(key, { a, b, out })
  }
  return out
}

/** Converts a coerced top-level value to response JSON; undefined if streaming rules reject it. */
export function renderResponse(v: CV, opts: RenderOptions): { value: unknown } | undefined {
  const pv = process(v, v.target, opts)
  if (pv === REMOVED) return undefined
  return { value: emit(pv, v, opts.partial, opts) }
}

function completionState(v: CV): State {
  if (hasFlag(v, F.Pending)) return 'Pending'
  if (hasFlag(v, F.Incomplete)) return 'Incomplete'
  return 'Complete'
}

function process(v: CV, t: CType, o: RenderOptions): PV | null {
  work.steps++
  if (o.memo === undefined) return processUncached(v, t, o)
  // cached on the node, per type and mode (the memo object stands for the mode: partial or final)
  const key = o.partial ? t.id * 2 + 1 : t.id * 2
  if (v.pk === key) return v.pr as PV | null
  // (a result is never undefined, so one lookup tells a hit)
  const hit = smallGet(v.pv, key)
  if (hit !== undefined) return hit as PV | null
  const r = processUncached(v, t, o)
  if (v.pk === undefined) {
    v.pk = key
    v.pr = r
  } else v.pv = smallSet(v.pv, key, r)
  return r
}

function processUncached(v: CV, t: CType, o: RenderOptions): PV | null {
  const schema = o.schema
  const state = completionState(v)
  const mustBeDone = requiredDone(schema, t, v)
  if (o.partial && mustBeDone && state !== 'Complete') return REMOVED
  const c: Comp = { state, display: t.m.state, requiredDone: mustBeDone }
  switch (v.k) {
    case 'list': {
      const it = childType(schema, t, false)
      const items = mapGrowing(
        o.memo,
        v.origin,
        t.id * 2,
        v.items,
        v.items,
        (item): PV | null => (it === undefined ? REMOVED : process(item, it, o)),
        (p) => p !== REMOVED,
        false,
      ) as PV[]
      return { k: 'list', cv: v, items, c }
    }
    case 'map': {
      const vt = childType(schema, t, true)
      const keys: string[] = []
      const vals: PV[] = []
      const each = mapEach(o.memo, v.origin, t.id * 2, v.vals, (x) => (vt === undefined ? REMOVED : process(x, vt, o)))
      for (let i = 0; i < each.length; i++) {
        const p = each[i]!
        if (p !== REMOVED) {
          keys.push(v.keys[i]!)
          vals.push(p)
        }
      }
      return { k: 'map', cv: v, keys: fit(keys), vals: fit(vals), c }
    }
    case 'class':
      return processClass(v, c, o)
    case 'null':
      return { k: 'null', c }
    default:
      return { k: 'leaf', cv: v, c }
  }
}

function processClass(v: CV & { k: 'class' }, c: Comp, o: RenderOptions): PV | null {
  // (The reference's "@stream.not_null withholds the object" rule never fires in the published
  // runtime: its field attributes do not carry the flag. A missing not_null field still withholds
  // the object, but through coercion, where the field's partial type is not nullable.)
  const schema = o.schema
  const declared = schema.declaredFields(v.name)
  const ir = schema.classIR(v.name)
  const keys: string[] = []
  const vals: PV[] = []
  const deleted: [string, PV][] = []
  const present = new Set<string>()
  work.steps += v.keys.length
  for (let i = 0; i < v.keys.length; i++) {
    const name = v.keys[i]!
    present.add(name)
    const fv = v.vals[i]!
    const ft = declared.get(name) ?? fv.target
    const p = process(fv, ft, o)
    if (p !== REMOVED) {
      keys.push(name)
      vals.push(p)
    } else {
      deleted.push([name, { k: 'null', c: { state: completionState(fv), display: ft.m.state, requiredDone: false } }])
    }
  }
  if (ir) {
    for (const f of ir.fields) {
      if (present.has(f.name)) continue
      keys.push(f.name)
      vals.push({ k: 'null', c: { state: 'Pending', display: f.type.attrs?.streamWithState === true, requiredDone: false } })
    }
  }
  for (const [name, p] of deleted) {
    keys.push(name)
    vals.push(p)
  }
  return { k: 'class', cv: v, keys: fit(keys), vals: fit(vals), c }
}

/** Whether values of this type may only appear once complete (the reference's `required_done`). */
function requiredDone(schema: Schema, t: CType, v: CV): boolean {
  let implied: boolean
  if (t.k === 'union') {
    const opts = t.options
    let all = true
    let none = true
    for (const op of opts) {
      if (requiredDone(schema, op, v)) none = false
      else all = false
    }
    if (all) implied = true
    else if (none) implied = false
    else implied = opts.some((op) => requiredDone(schema, op, v) && valueFits(schema, v, op))
  } else implied = doneKind(t)
  return implied || t.m.done
}

/** Whether a type of this kind (other than union) may only appear complete. */
function doneKind(t: CType): boolean {
  switch (t.k) {
    case 'int':
    case 'float':
    case 'media':
    case 'bool':
    case 'null':
    case 'literal':
    case 'enum':
      return true
    default:
      return false
  }
}

/** Whether values of this type may only appear complete, whatever the value (see requiredDone). */
export function alwaysRequiredDone(t: CType): boolean {
  if (t.m.done) return true
  return t.k === 'union' ? t.options.every(alwaysRequiredDone) : doneKind(t)
}

/** Roughly the reference's `is_subtype(infer_type(value), t)`. */
function valueFits(schema: Schema, v: CV, t: CType): boolean {
  switch (t.k) {
    case 'union':
      return unionVariants(t).some((o) => valueFits(schema, v, o))
    case 'alias': {
      const a = schema.alias(t.name)
      return a !== undefined && valueFits(schema, v, a)
    }
    case 'string':
      return v.k === 'string'
    case 'int':
    case 'float':
    case 'bool':
    case 'null':
      return v.k === t.k
    case 'literal':
      return false
    case 'enum':
      return v.k === 'enum' && v.name === t.name
    case 'class':
      return v.k === 'class' && v.name === t.name
    case 'list':
      return v.k === 'list'
    case 'map':
      return v.k === 'map'
    case 'media':
      return false
  }
}

const itemTypes = new WeakMap<CType, CType | null>()
const mapValueTypes = new WeakMap<CType, CType | null>()

/** A union of child types, flattened and without repeats (the reference's `TypeIR::union`). */
function unionOf(kids: CType[], m: CType['m']): CType | undefined {
  const flat: CType[] = []
  const seen = new Set<string>()
  const add = (k: CType): void => {
    if (k.k === 'union' && k.m.constraints.length === 0) {
      k.options.forEach(add)
      return
    }
    const key = k.k === 'alias' || k.k === 'class' || k.k === 'enum' ? `${k.k}:${k.name}` : k.k === 'list' || k.k === 'map' || k.k === 'literal' || k.k === 'media' ? `#${k.id}` : k.k
    if (seen.has(key)) return
    seen.add(key)
    flat.push(k)
  }
  kids.forEach(add)
  if (flat.length === 0) return undefined
  if (flat.length === 1) return flat[0]
  return mk({ k: 'union', options: flat, optional: false, m })
}

/**
 * The type of a container's items (the reference's `item_type`: list items and map values) or,
 * with `mapsOnly`, of a map's values (`map_types`); cached per type.
 */
function childType(schema: Schema, t: CType, mapsOnly: boolean): CType | undefined {
  const cache = mapsOnly ? mapValueTypes : itemTypes
  const hit = cache.get(t)
  if (hit !== undefined) return hit ?? undefined
  let r: CType | undefined
  switch (t.k) {
    case 'list':
      r = mapsOnly ? undefined : t.item
      break
    case 'map':
      r = t.value
      break
    case 'alias': {
      const a = schema.alias(t.name)
      r = a === undefined ? undefined : childType(schema, a, mapsOnly)
      break
    }
    case 'union': {
      const kids = t.options.map((o) => childType(schema, o, mapsOnly)).filter((x): x is CType => x !== undefined)
      r = unionOf(kids, t.m)
      break
    }
    default:
      r = undefined
  }
  cache.set(t, r ?? null)
  return r
}

function emit(pv: PV, orig: CV, partial: boolean, o: RenderOptions): unknown {
  work.steps++
  if (o.memo === undefined) return emitUncached(pv, orig, partial, o)
  const hit = partial ? pv.emP : pv.emF
  if (hit !== undefined && hit.orig === orig) return hit.json
  const json = emitUncached(pv, orig, partial, o)
  if (partial) pv.emP = { orig, json }
  else pv.emF = { orig, json }
  return json
}

function emitUncached(pv: PV, orig: CV, partial: boolean, o: RenderOptions): unknown {
  let payload: unknown
  switch (pv.k) {
    case 'null':
      payload = null
      break
    case 'leaf': {
      const v = pv.cv
      if (v.k !== orig.k) throw new ShapeMismatch('Unification error')
      payload = v.k === 'float' ? (Number.isFinite(v.v) ? v.v : null) : (v as { v: unknown }).v
      break
    }
    case 'list': {
      if (orig.k !== 'list') throw new ShapeMismatch('Unification error')
      const origin = pv.cv === orig && orig.k === 'list' ? orig.origin : undefined
      // (the value returned: always a fresh array)
      // (keys apart from process's, which are type ids times two)
      payload = mapGrowing(o.memo, origin, partial ? -1 : -2, pv.items, orig.items, (x, y) => emit(x, y, partial, o), undefined, true)
      break
    }
    case 'map': {
      if (orig.k !== 'map') throw new ShapeMismatch('Unification error')
      const obj: Record<string, unknown> = {}
      const n = Math.min(pv.keys.length, orig.keys.length)
      const origin = pv.cv === orig && orig.k === 'map' ? orig.origin : undefined
      const each = mapEach(o.memo, origin, partial ? -1 : -2, pv.vals.slice(0, n), (x, i) => emit(x, orig.vals[i]!, partial, o), orig.vals)
      for (let i = 0; i < n; i++) defineKey(obj, pv.keys[i]!, each[i])
      payload = obj
      break
    }
    case 'class': {
      if (orig.k !== 'class') throw new ShapeMismatch('Unification error')
      const obj: Record<string, unknown> = {}
      work.steps += pv.keys.length
      for (let i = 0; i < pv.keys.length; i++) {
        const name = pv.keys[i]!
        const j = orig.keys.indexOf(name)
        if (j < 0) continue
        const fv = pv.vals[i]!
        const ov = orig.vals[j]!
        let sub = partial
        if (partial) sub = ov.target.m.state ? true : !fv.c.requiredDone
        defineKey(obj, name, emit(fv, ov, sub, o))
      }
      payload = obj
      break
    }
  }
  return wrapMeta(payload, pv.c, checksOf(orig), partial)
}

function wrapMeta(payload: unknown, c: Comp, checks: ReturnType<typeof checksOf>, partial: boolean): unknown {
  const display = c.display && partial
  let v = payload
  if (checks.length > 0) {
    const map: Record<string, unknown> = {}
    for (const ch of checks) {
      defineKey(map, ch.name, { name: ch.name, expression: ch.expression, status: ch.ok ? 'succeeded' : 'failed' })
    }
    v = { value: payload, checks: map }
  }
  if (display) return { state: c.state, value: v }
  return v
}

function defineKey(obj: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true })
  else obj[k] = v
}

