// Golden suites under tests/golden/sap: BAML projects + model outputs whose expected results come
// from the reference runtime (tests/sap/tools/make_golden.sh). Many are the reference's own
// jsonish test inputs (ported by tests/sap/tools/port_jsonish_tests.py).
import { describe, it, expect } from 'vitest'
import { readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { loadSuite, runCase, matches, type Suite } from './support/golden.ts'

const ROOT = 'tests/golden/sap'

for (const name of readdirSync(ROOT).sort()) {
  const dir = join(ROOT, name)
  if (!existsSync(join(dir, 'cases.json'))) continue
  const suite: Suite = loadSuite(dir, name)
  describe(name, () => {
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
