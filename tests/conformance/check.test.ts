// Does each golden project load (no error diagnostics) exactly when the reference loads it? Where
// the reference's warnings were recorded (`warnings`, see tests/golden/check-extra/make.mjs), each
// must be among ours. check-extra projects that also have request cases must build the
// reference's requests (the conformance corpus's requests run in runtime.test.ts).
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BamlRuntime } from '../../core/index.ts'
import { loadProject } from '../../core/project.ts'
import { formatDiagnostic } from '../../core/syntax/diagnostics.ts'
import { BASE_ENV, GOLDEN, caseArgs, listDirs, loadSuite, lowerHeaders, readProject } from '../helpers/golden.ts'

function summary(files: Record<string, string>, diags: ReturnType<typeof loadProject>['diagnostics']): string {
  const map = new Map(Object.entries(files).map(([path, text]) => [path, { path, text }]))
  return diags.map((d) => formatDiagnostic(d, map)).join('\n')
}

interface CheckExpected {
  readonly kind: string
  readonly ok?: boolean
  readonly warnings?: readonly string[]
}

for (const suite of ['conformance/check', 'check-extra']) {
  const root = join(GOLDEN, suite)
  if (listDirs(root).length === 0) continue
  describe(`check: ${suite}`, () => {
    for (const name of listDirs(root)) {
      const dir = join(root, name)
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as CheckExpected[]
      const check = expected.find((e) => e.kind === 'check')
      if (!check) continue
      it(`${name} → ok=${check.ok}`, () => {
        const files = readProject(dir)
        // Client options and Jinja are checked by the providers and template engines through the loader's hooks.
        const r = loadProject(files)
        const ok = !r.diagnostics.some((d) => d.severity === 'error')
        expect(ok, summary(files, r.diagnostics)).toBe(check.ok)
        expect(!!r.ir).toBe(ok)
        if (check.warnings) {
          const ours = r.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message)
          for (const w of check.warnings) expect(ours, `the reference warns: ${w}`).toContain(w)
        }
      })
    }
  })
}

describe('check-extra: requests', () => {
  for (const name of listDirs(join(GOLDEN, 'check-extra'))) {
    const suite = loadSuite(join(GOLDEN, 'check-extra', name))
    const requests = suite.cases.filter((c) => c.kind === 'request')
    if (!requests.length) continue
    for (const c of requests) {
      it(`${name}: ${c.id}`, async () => {
        const exp = suite.expected.get(c.id)!
        const rt = BamlRuntime.fromFiles('baml_src', suite.files, BASE_ENV)
        const build = rt.buildRequest(c.function, caseArgs(c), { exposeSecrets: true })
        if (exp.error !== undefined) {
          await expect(build, `expected an error like: ${exp.error.split('\n')[0]}`).rejects.toThrow()
          return
        }
        const req = await build
        const r = exp.result as { url: string; method: string; headers: Record<string, string>; body: unknown }
        expect({ url: req.url, method: req.method, headers: lowerHeaders(req.headers), body: req.body }).toEqual({
          url: r.url,
          method: r.method,
          headers: lowerHeaders(r.headers),
          body: r.body,
        })
      })
    }
  }
})
