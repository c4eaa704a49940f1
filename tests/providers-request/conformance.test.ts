// Request cases of tests/golden/providers, compared with the reference's requests: url, method and
// body exactly, headers case-insensitively. (The shared conformance corpus runs through the public
// runtime in tests/conformance/runtime.test.ts.)
import { describe, expect, test } from 'vitest'
import { join } from 'node:path'
import { findSuites, loadSuite, lowerHeaders, runRequestCase } from './golden.ts'

const ROOT = join(import.meta.dirname, '..', 'golden')
const SUITES = findSuites(join(ROOT, 'providers'))

for (const dir of SUITES) {
  const suite = loadSuite(dir)
  const cases = suite.cases.filter((c) => c.kind === 'request' || c.kind === 'stream_request')
  if (cases.length === 0) continue
  describe(dir.slice(ROOT.length + 1), () => {
    for (const c of cases) {
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
