// Round trip at the level of the model: load a project, print every file, load the printed files,
// and the validated IR is the same (positions aside) for every project in the golden corpora.
import { describe, expect, it } from 'vitest'
import { join, relative } from 'node:path'
import { buildIR } from '../../core/ir/load.ts'
import { parseFile } from '../../core/syntax/parser.ts'
import { printFile } from '../../core/syntax/printer.ts'
import { GOLDEN, listDirs, readProject } from '../helpers/golden.ts'

/** The IR as plain data without positions (spans, file texts) so two loads can be compared. */
function model(v: unknown): unknown {
  if (v instanceof Map) return [...v].map(([k, x]) => [k, model(x)])
  if (v instanceof Set) return [...v].sort()
  if (Array.isArray(v)) return v.map(model)
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) if (k !== 'span' && k !== 'keySpan' && k !== 'clientSpan' && k !== 'files') out[k] = model(x)
    return out
  }
  return v
}

function projects(): string[] {
  const out: string[] = []
  for (const suite of ['conformance', 'check-extra']) {
    const root = join(GOLDEN, suite)
    for (const d of listDirs(root)) {
      if (d === 'check') for (const c of listDirs(join(root, d))) out.push(join(root, d, c))
      else out.push(join(root, d))
    }
  }
  return out
}

describe('printer round trip keeps the model', () => {
  it('load → print every file → load gives the same IR', () => {
    let compared = 0
    for (const dir of projects()) {
      const files = readProject(dir)
      if (!Object.keys(files).length) continue
      const first = buildIR(files)
      if (!first.ir) continue // only projects that load have a model to keep
      const printed = Object.fromEntries(Object.entries(files).map(([path, text]) => [path, printFile(parseFile({ path, text }).ast, { source: text })]))
      const second = buildIR(printed)
      const where = relative(GOLDEN, dir)
      expect(second.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), where).toEqual([])
      expect(model(second.ir), where).toEqual(model(first.ir))
      compared++
    }
    expect(compared).toBeGreaterThan(150)
  })
})
