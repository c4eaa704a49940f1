// The shared conformance corpus (tests/golden/conformance, produced by the reference runtime) run
// through the public runtime API: every request, stream_request, parse and parse_stream case.
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BamlRuntime } from '../../core/index.ts'
import { BASE_ENV, GOLDEN, caseArgs, findSuites, loadSuite, lowerHeaders } from '../helpers/golden.ts'

const corpus = join(GOLDEN, 'conformance')

for (const dir of findSuites(corpus)) {
  const suite = loadSuite(dir)
  const cases = suite.cases.filter((c) => c.kind !== 'check')
  if (!cases.length) continue
  describe(relative(corpus, dir), () => {
    const rt = BamlRuntime.fromFiles('baml_src', suite.files, BASE_ENV)
    for (const c of cases) {
      const exp = suite.expected.get(c.id)!
      it(`${c.kind} ${c.id}`, async () => {
        let actual: unknown
        let failure: unknown
        try {
          if (c.kind === 'request' || c.kind === 'stream_request') {
            const req = await rt.buildRequest(c.function, caseArgs(c), {
              stream: c.kind === 'stream_request',
              exposeSecrets: true,
              ...(c.env ? { env: c.env } : {}),
            })
            actual = { url: req.url, method: req.method, headers: lowerHeaders(req.headers), body: req.body }
          } else {
            actual = rt.parse(c.function, c.text ?? '', { partial: c.kind === 'parse_stream' })
          }
        } catch (e) {
          failure = e
        }
        if (exp.error !== undefined) {
          expect(failure, `expected an error like: ${exp.error.split('\n')[0]}`).toBeDefined()
          return
        }
        if (failure) throw failure
        if (c.kind === 'request' || c.kind === 'stream_request') {
          const r = exp.result as { url: string; method: string; headers: Record<string, string>; body: unknown }
          expect(actual).toEqual({ url: r.url, method: r.method, headers: lowerHeaders(r.headers), body: r.body })
        } else {
          expect(actual).toEqual(exp.result)
        }
      })
    }
  })
}
