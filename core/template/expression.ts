// Standalone Jinja expressions, as BAML evaluates `@check` / `@assert` constraints: `this|length > 1`,
// `this >= 1 and this <= 5`, `this|regex_match("^a")`. Values are plain JS (JSON from the parser);
// integral numbers are ints, other numbers floats.
import { parseExpression } from './parser.ts'
import { compileExpressionBody } from './compile.ts'
import { evalExpr } from './interpret.ts'
import { makeFunction } from './make-function.ts'
import * as runtime from './runtime.ts'
import { truthy } from './value.ts'
import { BamlTemplateError } from '../errors.ts'

export type CompiledExpression = (vars: Record<string, unknown>) => unknown

const cache = new Map<string, CompiledExpression>()

/** Compile (cached) an expression. Throws `TemplateSyntaxError` for bad syntax. */
export function compileExpression(src: string): CompiledExpression {
  let fn = cache.get(src)
  if (fn) return fn
  const ast = parseExpression(src)
  const body = compileExpressionBody(ast, src)
  // Where generating code is not allowed (a strict CSP, a generated client), the tree is interpreted.
  const raw = makeFunction(['R', 'V', 'G'], body) as ((R: unknown, V: Record<string, unknown>, G: Record<string, unknown>) => unknown) | undefined
  fn = raw ? (vars) => raw!(runtime, vars, runtime.NO_GLOBALS) : (vars) => evalExpr(ast, vars)
  if (cache.size > 2000) cache.delete(cache.keys().next().value!)
  cache.set(src, fn)
  return fn
}

/** Evaluate an expression against variables. Render errors throw `BamlTemplateError`. */
export function evaluateExpression(src: string, vars: Record<string, unknown>): unknown {
  return compileExpression(src)(vars)
}

/** Jinja truthiness: empty strings, lists and maps, 0, none and undefined are false. */
export function isTruthy(v: unknown): boolean {
  return truthy(v)
}

/**
 * BAML's predicate evaluation: the expression must produce a boolean (the reference renders
 * `{{ expr }}` and accepts only "true" / "false"); anything else is an error.
 */
export function evaluatePredicate(src: string, vars: Record<string, unknown>): boolean {
  const v = evaluateExpression(src, vars)
  if (typeof v === 'boolean') return v
  if (v === 'true') return true
  if (v === 'false') return false
  throw new BamlTemplateError('Predicate did not evaluate to a boolean')
}
