// `baml fmt` never changes meaning: every project of the test corpora that loads is loaded, each
// of its files formatted, and the project loaded again; the two models are the same (positions
// aside). Projects that do not load keep their errors.
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatBaml } from '../../core/index.ts'
import { buildIR } from '../../core/ir/load.ts'
import { readProject } from '../helpers/golden.ts'
import { model, projectRoots, ROOT } from './helpers.ts'

const errorsOf = (files: Record<string, string>) =>
  buildIR(files)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.message)

describe('fmt keeps the model', () => {
  it('load → format every file → load gives the same model, for every project in the corpora', () => {
    let loaded = 0
    let broken = 0
    let changedFiles = 0
    for (const root of projectRoots()) {
      const where = relative(ROOT, root)
      const files = readProject(root)
      if (!Object.keys(files).length) continue
      const formatted: Record<string, string> = {}
      for (const [path, text] of Object.entries(files)) {
        const r = formatBaml(path, text)
        formatted[path] = r.text
        if (r.changed) changedFiles++
      }
      const before = buildIR(files)
      if (!before.ir) {
        // A project with errors keeps exactly those errors.
        expect(errorsOf(formatted), where).toEqual(errorsOf(files))
        broken++
        continue
      }
      const after = buildIR(formatted)
      expect(after.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), where).toEqual([])
      expect(model(after.ir), where).toEqual(model(before.ir))
      expect(after.diagnostics.map((d) => d.message).sort(), `${where}: warnings`).toEqual(before.diagnostics.map((d) => d.message).sort())
      loaded++
    }
    expect(loaded).toBeGreaterThan(400)
    expect(broken).toBeGreaterThan(150)
    // The corpora are not all in the canonical layout, so the comparison is not vacuous.
    expect(changedFiles).toBeGreaterThan(300)
  })
})
