// Request cases of the conformance corpus and of tests/golden/providers, compared with the
// reference's requests: url, method and body exactly, headers case-insensitively.
import { describe, expect, test } from 'vitest'
import { join } from 'node:path'
import { findSuites, loadSuite, lowerHeaders, runRequestCase } from './golden.ts'

const ROOT = join(import.meta.dirname, '..', 'golden')
const SUITES = [join(ROOT, 'conformance', 'render-providers'), ...findSuites(join(ROOT, 'providers'))]

for (const dir of SUITES) {
  const suite = loadSuite(dir)
  describe(dir.slice(ROOT.length + 1), () => {
    for (const c of suite.cases) {
      if (c.kind !== 'request' && c.kind !== 'stream_request') continue
      const exp = suite.expected.get(c.id)!
      test(c.id, async () => {
        if (exp.error !== undefined) {
          await expect(runRequestCase(suite, c)).rejects.toThrow()
          return
        }
        const got = await runRequestCase(suite, c)
        const want = exp.result!
        expect(got.url).toBe(want.url)
        expect(got.method).toBe(want.method)
        expect(lowerHeaders(got.headers)).toEqual(lowerHeaders(want.headers))
        expect(got.body).toEqual(want.body)
      })
    }
  })
}
