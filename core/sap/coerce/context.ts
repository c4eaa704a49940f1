// Per-parse coercion context (the reference's ParsingContext): schema, mode, scope for messages,
// the class/value pairs being coerced (to stop infinite recursion) and the union hint for lists.
import type { CClass, Schema } from '../schema.ts'
import type { JValue } from '../jsonish/value.ts'
import type { Result, Scope } from './result.ts'
import type { SmallMap } from '../small-map.ts'

/** A (class or alias name, value node) pair on the current coercion path. */
export interface Visited {
  readonly name: string
  readonly node: JValue
  readonly next: Visited | undefined
}

/**
 * Memoised coercions and casts of one value node for one parse environment, by (types, hint) key.
 * Most nodes are coerced to one type only: the first result is held inline, a Map made for more
 * (a stream keeps these for every node it has read), then a small array-backed map.
 */
export interface NodeMemo {
  readonly env: Env
  /** `k`/`r` for coerce, `ck`/`cr` for tryCast; the Maps for further keys */
  k: number | undefined
  r: Result | undefined
  ck: number | undefined
  cr: Result | undefined
  more: SmallMap<Result> | undefined
  moreCast: SmallMap<Result | undefined> | undefined
}

/** What stays the same for a whole parse. */
export interface Env {
  readonly schema: Schema
  /** partial parse: the reference's StreamingMode::Streaming */
  readonly streaming: boolean
  /** memoise coercions on the value nodes (the stream parser does; one-shot parses need not) */
  readonly memo: boolean
  /** per-item results of growing containers, by origin token (see JArray.origin) */
  readonly growing: WeakMap<object, Map<number, unknown>> | undefined
  /**
   * Partial parses only: the classes that can be looked up in their complete (non-streaming)
   * form; see Schema.completeClassesFor.
   */
  readonly completeClasses: ReadonlySet<string> | undefined
}

/** The class definition a class type refers to, or undefined when the reference would not find it. */
export function lookupClass(ctx: Ctx, name: string, streaming: boolean): CClass | undefined {
  const env = ctx.env
  if (!streaming && env.completeClasses !== undefined && !env.completeClasses.has(name)) return undefined
  return env.schema.cls(name, streaming)
}

/** What a growing container's cache slot is used for (see growingSlot). */
export const SLOT = {
  /** list items coerced / cast to the item type (key: the list type's id) */
  listCoerce: 0,
  listCast: 1,
  /** the choices of an AnyOf, an array's items for a class or a scalar: coerced, best picked (key: memoKey) */
  anyChoices: 2,
  classFromArray: 3,
  scalarFromArray: 4,
  /** an object's entries read as class fields / map entries (key: memoKey, or the map type's id) */
  classCoerce: 5,
  classCast: 6,
  mapCoerce: 7,
  mapCast: 8,
} as const

/** A slot key: what it is for and the number naming the types involved. */
export function slotKey(site: number, id: number): number {
  return id * 16 + site
}

export interface Slot<T> {
  get(): T | undefined
  set(v: T): void
}

/** The cache slot of a growing container for one use (see slotKey), created on demand. */
export function growingSlot<T>(env: Env, origin: object | undefined, key: number): Slot<T> | undefined {
  if (origin === undefined || env.growing === undefined) return undefined
  let m = env.growing.get(origin)
  if (m === undefined) {
    m = new Map()
    env.growing.set(origin, m)
  }
  const mm = m
  return { get: () => mm.get(key) as T | undefined, set: (v: T) => void mm.set(key, v) }
}

export interface Ctx {
  readonly env: Env
  readonly scope: Scope
  readonly visitedCoerce: Visited | undefined
  readonly visitedCast: Visited | undefined
  /** union variant that matched the previous list item */
  readonly hint: number | undefined
}

export function enterScope(ctx: Ctx, name: string, hint?: number): Ctx {
  return { env: ctx.env, scope: { name, parent: ctx.scope }, visitedCoerce: ctx.visitedCoerce, visitedCast: ctx.visitedCast, hint }
}

export function visiting(v: Visited | undefined, name: string, node: JValue): boolean {
  for (let p = v; p !== undefined; p = p.next) if (p.node === node && p.name === name) return true
  return false
}

export function visitNode(v: Visited | undefined, node: JValue): boolean {
  for (let p = v; p !== undefined; p = p.next) if (p.node === node) return true
  return false
}

export function withVisit(ctx: Ctx, name: string, node: JValue, coerce: boolean): Ctx {
  return coerce
    ? { env: ctx.env, scope: ctx.scope, hint: undefined, visitedCoerce: { name, node, next: ctx.visitedCoerce }, visitedCast: ctx.visitedCast }
    : { env: ctx.env, scope: ctx.scope, hint: undefined, visitedCoerce: ctx.visitedCoerce, visitedCast: { name, node, next: ctx.visitedCast } }
}
