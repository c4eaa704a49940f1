// Prompts the reference refuses to load (Jinja syntax errors): our loader, with the template
// checker, must refuse them too, with the reference's message at the same .baml line.
import { describe, expect, test } from 'vitest'
import { join } from 'node:path'
import { buildIR } from '../../core/ir/load.ts'
import { lineColAt } from '../../core/syntax/span.ts'
import { checkTemplateInput } from '../../core/runtime/prompt/check.ts'
import { findSuites, loadSuite } from './golden.ts'

const ROOT = join(import.meta.dirname, '..', 'golden', 'template')

describe('template syntax errors at load time', () => {
  for (const dir of findSuites(ROOT)) {
    const suite = loadSuite(dir)
    const exp = [...suite.expected.values()][0]!
    const m = /^LOAD: BamlError: error: Error validating: Error parsing jinja template: (.*) \(in \w+:\d+\)\n\s+-->\s+(\S+):(\d+)/.exec(exp.error ?? '')
    if (!m) continue
    test(dir.slice(ROOT.length + 1), () => {
      const r = buildIR(suite.files, { checkTemplate: checkTemplateInput })
      expect(r.ir).toBeUndefined()
      const errors = r.diagnostics.filter((d) => d.severity === 'error')
      expect(errors.map((d) => d.message)).toEqual([`Error parsing jinja template: ${m[1]}`])
      const d = errors[0]!
      const file = { path: d.span.file, text: suite.files[d.span.file]! }
      expect(d.span.file).toBe(m[2])
      expect(lineColAt(file, d.span.start).line).toBe(Number(m[3]))
    })
  }
})

describe('constraint expressions at load time', () => {
  test('the same broken expression in two places is reported at each', () => {
    const src = 'class A {\n  a int @check(x, {{ this + }})\n  b int @check(y, {{ this + }})\n}\n'
    const r = buildIR({ 'baml_src/a.baml': src }, { checkTemplate: checkTemplateInput })
    const jinja = r.diagnostics.filter((d) => d.message.startsWith('Error parsing jinja template'))
    expect(jinja.map((d) => lineColAt({ path: 'baml_src/a.baml', text: src }, d.span.start).line)).toEqual([2, 3])
    expect(jinja[0]!.message).toBe(jinja[1]!.message)
  })
})
