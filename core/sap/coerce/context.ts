// Per-parse coercion context (the reference's ParsingContext): schema, mode, scope for messages,
// the class/value pairs being coerced (to stop infinite recursion) and the union hint for lists.
import type { Schema } from '../schema.ts'
import type { JValue } from '../jsonish/value.ts'
import type { ConstraintEvaluator } from '../constraints.ts'
import type { Result } from './result.ts'

/** A (class or alias name, value node) pair on the current coercion path. */
export interface Visited {
  readonly name: string
  readonly node: JValue
  readonly next: Visited | undefined
}

export interface Ctx {
  readonly schema: Schema
  /** partial parse: the reference's StreamingMode::Streaming */
  readonly streaming: boolean
  readonly scope: readonly string[]
  readonly visitedCoerce: Visited | undefined
  readonly visitedCast: Visited | undefined
  /** union variant that matched the previous list item */
  readonly hint: number | undefined
  readonly evaluate: ConstraintEvaluator
  /** memo of coercions by value node (see coerce.ts) */
  readonly memo: WeakMap<JValue, Map<string, Result | undefined>> | undefined
}

export function enterScope(ctx: Ctx, name: string, hint?: number): Ctx {
  return { ...ctx, scope: [...ctx.scope, name], hint }
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
    ? { ...ctx, hint: undefined, visitedCoerce: { name, node, next: ctx.visitedCoerce } }
    : { ...ctx, hint: undefined, visitedCast: { name, node, next: ctx.visitedCast } }
}
