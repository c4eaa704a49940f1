// The golden suites again, with the IR from the project loader (core/ir/load.ts) instead of the
// test reader: checks that the loader's IR and the renderer together match the reference.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { BamlTemplateError } from '../../core/errors.ts'
import { parseOutputFormatKwargs, renderOutputFormat } from '../../core/format/index.ts'
import { buildIR } from '../../core/ir/load.ts'
import { findSuites, GOLDEN } from '../helpers/golden.ts'
import { readSuite, type GoldenSuite } from './helpers/golden.ts'
import { outputFormatCall } from './helpers/prompt-kwargs.ts'

const suites: GoldenSuite[] = [
  readSuite(join(GOLDEN, 'conformance/render-types'), 'conformance/render-types'),
  ...findSuites(join(GOLDEN, 'format')).map((d) => readSuite(d, 'format/' + d.split(/[\\/]/).pop())),
]

for (const suite of suites) {
  describe(`${suite.name} (loader)`, () => {
    const { ir, diagnostics } = buildIR(suite.files)
    it('loads', () => {
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    })
    if (!ir) return
    for (const c of suite.cases) {
      it(c.id, () => {
        const fn = ir.functions.get(c.function)
        expect(fn, `function ${c.function}`).toBeDefined()
        const call = outputFormatCall(fn!.prompt.raw)
        const run = () => renderOutputFormat(ir, fn!.returnType, parseOutputFormatKwargs(call.kwargs, call.positional))
        if ('text' in c.expected) {
          expect(run()).toBe(c.expected.text)
        } else {
          let err: unknown
          try {
            run()
          } catch (e) {
            err = e
          }
          expect(err).toBeInstanceOf(BamlTemplateError)
          if (!c.expected.panic) expect((err as Error).message).toBe(c.expected.error)
        }
      })
    }
  })
}
