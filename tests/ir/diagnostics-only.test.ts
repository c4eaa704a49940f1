// checkProject (what `baml check` asks for): the same diagnostics as a full
// load, without the IR.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { checkProject, loadProject } from '../../core/project.ts'
import { GOLDEN, listDirs, readProject } from '../helpers/golden.ts'

describe('diagnosticsOnly', () => {
  it('reports exactly what a full load reports', () => {
    const dirs = listDirs(join(GOLDEN, 'conformance/check'))
    expect(dirs.length).toBeGreaterThan(0)
    for (const dir of [...dirs.map((d) => join(GOLDEN, 'conformance/check', d)), join(GOLDEN, 'conformance/render-types')]) {
      const files = readProject(dir)
      const full = loadProject(files)
      const only = checkProject(files)
      expect(only).toEqual(full.diagnostics)
    }
  })
})

describe('loadProject (the public entry) wires in every stage\'s checks', () => {
  const src = (prompt: string, client = 'openai/gpt-4o') => ({
    'baml_src/main.baml': `function F(x: string) -> string {\n  client "${client}"\n  prompt #"${prompt}"#\n}\n`,
  })
  it('a prompt with an unclosed {% if %} is an error at its .baml position', () => {
    const r = loadProject(src('{% if x %} hi'))
    expect(r.ir).toBeUndefined()
    const errors = r.diagnostics.filter((d) => d.severity === 'error')
    expect(errors.length).toBe(1)
    expect(errors[0]!.message).toMatch(/jinja/i)
    expect(errors[0]!.span.file).toBe('baml_src/main.baml')
    expect(checkProject(src('{% if x %} hi'))).toEqual(r.diagnostics)
  })
  it('an unknown template variable is a warning, and the project still loads', () => {
    const r = loadProject(src('{{ y }}'))
    expect(r.ir).toBeDefined()
    expect(r.diagnostics.map((d) => d.severity)).toEqual(['warning'])
  })
  it('provider option checks run: an unknown provider is an error', () => {
    const r = loadProject({
      'baml_src/main.baml': 'client<llm> C {\n  provider nope\n  options { model "m" }\n}\nfunction F(x: string) -> string {\n  client C\n  prompt #"{{ x }}"#\n}\n',
    })
    expect(r.ir).toBeUndefined()
    expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true)
  })
})
