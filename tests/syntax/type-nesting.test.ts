// List types count as bracket nesting: `int[][]…` past 64 levels is the parser's nesting error,
// not an internal error from a recursive pass (a 50,000-level list type overflowed the stack).
import { describe, expect, it } from 'vitest'
import { loadProject } from '../../core/project.ts'

const load = (src: string) => loadProject({ 'baml_src/main.baml': src })

describe('list type nesting', () => {
  for (const depth of [65, 1000, 50_000]) {
    it(`${depth} levels of [] in a field and a parameter are a nesting error`, () => {
      for (const src of [
        `class A {\n  f int${'[]'.repeat(depth)}\n}\n`,
        `function F(x: string${'[]'.repeat(depth)}) -> string {\n  client "openai/gpt-4o"\n  prompt #"hi"#\n}\n`,
        `class A {\n  f (${'('.repeat(10)}int${')'.repeat(10)})${'[]'.repeat(depth)}\n}\n`,
      ]) {
        const r = load(src)
        expect(r.ir).toBeUndefined()
        expect(r.diagnostics[0]!.message).toBe('Nesting deeper than 64 levels of brackets is not supported')
      }
    })
  }

  it('64 levels load, brackets and [] counted together', () => {
    expect(load(`class A {\n  f int${'[]'.repeat(64)}\n}\n`).ir).toBeDefined()
    expect(load(`class A {\n  f ${'('.repeat(10)}int${'[]'.repeat(54)}${')'.repeat(10)}\n}\n`).ir).toBeDefined()
    expect(load(`class A {\n  f ${'('.repeat(10)}int${'[]'.repeat(60)}${')'.repeat(10)}\n}\n`).ir).toBeUndefined()
  })
})
