// A test block's `@@check` / `@@assert`, evaluated as the reference evaluates them: in declaration
// order, each a Jinja expression seeing `this` and `_.result` (the parsed value, checked fields as
// `{value, checks}`), `_.latency_ms`, `_.checks.NAME` (the results of earlier checks) and the test's
// arguments by name. The expression must print `true` or `false` (nothing counts as false); a
// failing assert or an expression that cannot be evaluated stops the evaluation.
import type { Constraint } from '../ir/types.ts'
import { evaluateExpression } from '../template/expression.ts'
import { display } from '../template/value.ts'

export interface CheckResult {
  readonly name: string
  readonly expression: string
  readonly passed: boolean
}

export interface ConstraintsOutcome {
  /** `@@check` results in order (those evaluated before any stop). */
  readonly checks: readonly CheckResult[]
  /** Set when an `@@assert` came out false: its label, or its expression when it has none. */
  readonly failedAssert?: { readonly label: string | undefined; readonly expression: string }
  /** Set when an expression could not be evaluated or did not print `true`/`false`. */
  readonly error?: string
}

export interface ConstraintInputs {
  readonly value: unknown
  readonly latencyMs: number
  readonly args: Readonly<Record<string, unknown>>
}

function evaluate(expression: string, vars: Record<string, unknown>): boolean | string {
  let out: unknown
  try {
    out = evaluateExpression(expression, vars)
  } catch (e) {
    return `cannot evaluate \`${expression}\`: ${e instanceof Error ? e.message : String(e)}`
  }
  const text = out === null ? 'none' : display(out)
  if (text === 'true') return true
  if (text === 'false' || text === '') return false
  return `\`${expression}\` must be true or false, got ${text}`
}

export function evaluateTestConstraints(constraints: readonly Constraint[], inputs: ConstraintInputs): ConstraintsOutcome {
  const checks: CheckResult[] = []
  const earlier: Record<string, boolean> = {}
  for (const c of constraints) {
    // As in the reference, arguments come last and so shadow `this` and `_` when named so.
    const vars: Record<string, unknown> = {
      _: { result: inputs.value, latency_ms: inputs.latencyMs, checks: { ...earlier } },
      this: inputs.value,
      ...inputs.args,
    }
    const r = evaluate(c.expression, vars)
    if (typeof r === 'string') return { checks, error: r }
    if (c.level === 'check') {
      const name = c.label ?? c.expression
      checks.push({ name, expression: c.expression, passed: r })
      earlier[name] = r
    } else if (!r) {
      return { checks, failedAssert: { label: c.label, expression: c.expression } }
    }
  }
  return { checks }
}
