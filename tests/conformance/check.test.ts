// Does each golden project load (no error diagnostics) exactly when the reference loads it?
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadProject } from '../../core/project.ts'
import { formatDiagnostic } from '../../core/syntax/diagnostics.ts'
import { GOLDEN, listDirs, readProject } from '../helpers/golden.ts'

function summary(files: Record<string, string>, diags: ReturnType<typeof loadProject>['diagnostics']): string {
  const map = new Map(Object.entries(files).map(([path, text]) => [path, { path, text }]))
  return diags.map((d) => formatDiagnostic(d, map)).join('\n')
}

for (const suite of ['conformance/check', 'check-extra']) {
  const root = join(GOLDEN, suite)
  if (listDirs(root).length === 0) continue
  describe(`check: ${suite}`, () => {
    for (const name of listDirs(root)) {
      const dir = join(root, name)
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { kind: string; ok?: boolean }[]
      const check = expected.find((e) => e.kind === 'check')
      if (!check) continue
      it(`${name} → ok=${check.ok}`, () => {
        const files = readProject(dir)
        // Client options and Jinja are checked by the providers and template engines through the loader's hooks.
        const r = loadProject(files)
        const ok = !r.diagnostics.some((d) => d.severity === 'error')
        expect(ok, summary(files, r.diagnostics)).toBe(check.ok)
        expect(!!r.ir).toBe(ok)
      })
    }
  })
}
