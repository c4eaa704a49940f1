// Evaluating `@check` / `@assert` expressions. The Jinja expression engine lives in
// core/template/expression.ts; this adapter is the only place SAP touches it.
import type { Constraint } from '../ir/types.ts'
import { evaluateExpression } from '../template/expression.ts'

/**
 * Evaluates one constraint with `this` bound to `value`. Like the reference, the expression must
 * come out as a boolean (or the text "true"/"false"); anything else, or an evaluation error, is
 * reported as `undefined` (the reference then treats the value as unparseable).
 */
export function evaluateConstraint(c: Constraint, value: unknown): boolean | undefined {
  let out: unknown
  try {
    out = evaluateExpression(c.expression, { this: value })
  } catch {
    return undefined
  }
  if (out === true || out === 'true') return true
  if (out === false || out === 'false') return false
  return undefined
}
