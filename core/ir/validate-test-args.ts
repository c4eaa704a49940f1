// Test args against the target function's parameters. Like the reference, mismatches are
// warnings: a missing required argument, or an argument the function does not take.
import { warning, type Diagnostic } from '../syntax/diagnostics.ts'
import { isOptional } from './resolve-type.ts'
import type { FunctionIR, TestIR } from './types.ts'

export function validateTestArgs(tests: readonly TestIR[], functions: ReadonlyMap<string, FunctionIR>, diags: Diagnostic[]): void {
  for (const t of tests) {
    const given = new Set(t.args.map((a) => a.key))
    for (const ref of t.functions) {
      const f = functions.get(ref.name)
      if (!f) continue
      const missing = f.params.filter((p) => !given.has(p.name) && !isOptional(p.type)).map((p) => p.name)
      if (missing.length) {
        diags.push(warning(`Test \`${t.name}\` is missing required argument(s) for function \`${f.name}\`: ${missing.join(', ')}`, t.span))
      }
      const names = new Set(f.params.map((p) => p.name))
      const unknown = t.args.filter((a) => !names.has(a.key)).map((a) => a.key)
      if (unknown.length) {
        const expected = f.params.length ? f.params.map((p) => p.name).join(', ') : '(none)'
        diags.push(warning(`Test \`${t.name}\` has unknown argument(s) for function \`${f.name}\`: ${unknown.join(', ')}. Expected: ${expected}`, t.span))
      }
    }
  }
}
