// Every golden suite (the conformance render-types suite and tests/golden/format/*) through the
// renderer: the text must be byte-identical to the reference's, errors must carry its message.
import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { BamlTemplateError } from '../../core/errors.ts'
import { parseOutputFormatKwargs, renderOutputFormat } from '../../core/format/index.ts'
import { listSuites, readSuite, type GoldenSuite } from './helpers/golden.ts'
import { loadMiniProject } from './helpers/mini-baml.ts'
import { outputFormatCall } from './helpers/prompt-kwargs.ts'

const root = fileURLToPath(new URL('../golden/', import.meta.url))

const suites: GoldenSuite[] = [
  readSuite(join(root, 'conformance/render-types'), 'conformance/render-types'),
  ...listSuites(join(root, 'format')).map((d) => readSuite(d, 'format/' + d.split(/[\\/]/).pop())),
]

function errorOf(run: () => unknown): unknown {
  try {
    run()
  } catch (e) {
    return e
  }
  return undefined
}

for (const suite of suites) {
  describe(suite.name, () => {
    const ir = loadMiniProject(suite.files)
    for (const c of suite.cases) {
      it(c.id, () => {
        const fn = ir.functions.get(c.function)
        expect(fn, `function ${c.function}`).toBeDefined()
        const call = outputFormatCall(fn!.prompt.raw)
        const run = () => renderOutputFormat(ir, fn!.returnType, parseOutputFormatKwargs(call.kwargs, call.positional))
        if ('text' in c.expected) {
          expect(run()).toBe(c.expected.text)
          // Served from the cache the second time, still the same text.
          expect(run()).toBe(c.expected.text)
        } else {
          const e = errorOf(run)
          expect(e).toBeInstanceOf(BamlTemplateError)
          if (!c.expected.panic) expect((e as Error).message).toBe(c.expected.error)
        }
      })
    }
  })
}
