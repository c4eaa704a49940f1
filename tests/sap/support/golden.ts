// SAP golden suites on top of the shared reader (tests/helpers/golden.ts): load the project with
// the real loader, run parse / parse_stream cases, compare results as JSON.
import { describe, expect, it } from 'vitest'
import type { BamlIR, TypeIR } from '../../../core/ir/types.ts'
import { BamlValidationError } from '../../../core/errors.ts'
import { parseLlmOutput } from '../../../core/sap/index.ts'
import { loadSuite as readSuite, suiteIR, type GoldenExpected } from '../../helpers/golden.ts'

export interface GoldenCase {
  readonly id: string
  readonly kind: 'parse' | 'parse_stream'
  readonly function: string
  readonly text: string
}

export interface Suite {
  readonly name: string
  readonly ir: BamlIR
  readonly cases: readonly GoldenCase[]
  readonly expected: ReadonlyMap<string, GoldenExpected>
}

export function loadSuite(dir: string, name = dir): Suite {
  const s = readSuite(dir)
  return { name, ir: suiteIR(s), cases: s.cases as unknown as GoldenCase[], expected: s.expected }
}

/** One vitest test per case: the outcome must match the reference's (an expected error: any error). */
export function describeSuite(suite: Suite): void {
  describe(suite.name, () => {
    for (const c of suite.cases) {
      const exp = suite.expected.get(c.id)
      it(`${c.id} [${c.kind}]`, () => {
        expect(exp, `expected.json has ${c.id}`).toBeDefined()
        const out = runCase(suite.ir, c)
        if (!matches(out, exp!)) expect(out).toEqual(exp!.error !== undefined ? { error: exp!.error } : { result: exp!.result })
      })
    }
  })
}

export type Outcome = { readonly result: unknown } | { readonly error: string }

/** What `f` returns, or the message of the BamlValidationError it throws (anything else escapes). */
export function settle(f: () => unknown): Outcome {
  try {
    return { result: f() }
  } catch (e) {
    if (e instanceof BamlValidationError) return { error: e.message }
    throw e
  }
}

/**
 * Asserts that a stream push's value `got` equals the one-shot partial parse of `prefix` (the text
 * pushed so far), or is undefined where that parse fails.
 */
export function expectPushMatches(ir: BamlIR, t: TypeIR, prefix: string, got: unknown, label: string): void {
  const exp = settle(() => parseLlmOutput(ir, t, prefix, { partial: true }))
  if ('result' in exp) {
    const same = jsonEqual(got, exp.result)
    expect(same, same ? label : `${label}: ${JSON.stringify(got)} vs ${JSON.stringify(exp.result)}`).toBe(true)
  } else expect(got, label).toBeUndefined()
}

/** Asserts that a stream's end() outcome `fin` equals the one-shot parse of `text` (an error where that fails). */
export function expectEndMatches(ir: BamlIR, t: TypeIR, text: string, fin: Outcome, label: string): void {
  const exp = settle(() => parseLlmOutput(ir, t, text))
  if ('result' in exp) expect('result' in fin && jsonEqual(fin.result, exp.result), label).toBe(true)
  else expect('error' in fin, label).toBe(true)
}

export function runCase(ir: BamlIR, c: GoldenCase): Outcome {
  const fn = ir.functions.get(c.function)
  if (!fn) throw new Error(`unknown function ${c.function}`)
  return settle(() => parseLlmOutput(ir, fn.returnType, c.text, { partial: c.kind === 'parse_stream' }))
}

/** JSON equality where key order does not matter (numbers compared as numbers). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]))
  }
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  const ak = Object.keys(ao)
  if (ak.length !== Object.keys(bo).length) return false
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEqual(ao[k], bo[k]))
}

export function matches(out: Outcome, exp: GoldenExpected): boolean {
  if (exp.error !== undefined) return 'error' in out
  if ('error' in out) return false
  return jsonEqual(out.result, exp.result)
}
