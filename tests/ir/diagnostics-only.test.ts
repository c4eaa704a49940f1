// loadProject with `diagnosticsOnly` (what `baml check` asks for): the same diagnostics as a full
// load, without the IR.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { loadProject } from '../../core/ir/load.ts'
import { loaderHooks } from '../../core/runtime/hooks.ts'
import { GOLDEN, listDirs, readProject } from '../helpers/golden.ts'

describe('diagnosticsOnly', () => {
  it('reports exactly what a full load reports, and returns no IR', () => {
    const dirs = listDirs(join(GOLDEN, 'conformance/check'))
    expect(dirs.length).toBeGreaterThan(0)
    for (const dir of [...dirs.map((d) => join(GOLDEN, 'conformance/check', d)), join(GOLDEN, 'conformance/render-types')]) {
      const files = readProject(dir)
      const full = loadProject(files, loaderHooks)
      const only = loadProject(files, { ...loaderHooks, diagnosticsOnly: true })
      expect(only.diagnostics).toEqual(full.diagnostics)
      expect(only.ir).toBeUndefined()
    }
  })
})
