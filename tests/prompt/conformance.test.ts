// The conformance suites render-jinja/-types/-providers and the template and ctx.output_format
// golden suites: prompts rendered by renderPrompt and sent through the request builder must give
// the reference's request bodies.
import { describe, expect, test } from 'vitest'
import { join } from 'node:path'
import { findSuites, loadSuite, requestCase } from './golden.ts'

const ROOT = join(import.meta.dirname, '..', 'golden')
const SUITES = [
  join(ROOT, 'conformance', 'render-jinja'),
  join(ROOT, 'conformance', 'render-types'),
  join(ROOT, 'conformance', 'render-providers'),
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
