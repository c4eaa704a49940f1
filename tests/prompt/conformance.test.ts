// The template and ctx.output_format golden suites: prompts rendered by renderPrompt and sent
// through the request builder must give the reference's request bodies. (The shared conformance
// corpus runs through the public runtime in tests/conformance/runtime.test.ts.)
import { describe, expect, test } from 'vitest'
import { join } from 'node:path'
import { findSuites, loadSuite, requestCase } from './golden.ts'

const ROOT = join(import.meta.dirname, '..', 'golden')
const SUITES = [
  ...findSuites(join(ROOT, 'template')),
  ...findSuites(join(ROOT, 'format')),
]

for (const dir of SUITES) {
  const suite = loadSuite(dir)
  describe(dir.slice(ROOT.length + 1), () => {
    for (const c of suite.cases) {
      const exp = suite.expected.get(c.id)!
      test(c.id, async () => {
        if (exp.error !== undefined) {
          await expect(requestCase(suite, c)).rejects.toThrow()
          return
        }
        const got = await requestCase(suite, c)
        expect(got.body).toEqual(exp.result!.body)
      })
    }
  })
}
