// The acceptance suites: tests/golden/conformance/{parse,parse-stream}, results from the reference
// runtime. Values are compared exactly as JSON; an expected `error` means we must throw.
import { describe, it, expect } from 'vitest'
import { loadSuite, runCase, matches } from './support/golden.ts'

export function defineGoldenSuite(dir: string): void {
  const suite = loadSuite(dir)
  describe(dir, () => {
    for (const c of suite.cases) {
      const exp = suite.expected.get(c.id)
      it(c.id, () => {
        expect(exp, `expected.json has ${c.id}`).toBeDefined()
        const out = runCase(suite.ir, c)
        if (!matches(out, exp!)) expect(out).toEqual(exp!.error !== undefined ? { error: exp!.error } : { result: exp!.result })
      })
    }
  })
}

defineGoldenSuite('tests/golden/conformance/parse')
defineGoldenSuite('tests/golden/conformance/parse-stream')
