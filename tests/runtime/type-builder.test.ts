// TypeBuilder on its own: what it adds to the IR, and what it refuses.
import { describe, expect, it } from 'vitest'
import { BamlRuntime, TypeBuilder } from '../../core/index.ts'

const rt = BamlRuntime.fromFiles('baml_src', {
  'baml_src/main.baml': `
class Fixed {
  a string
}
class Open {
  a string
  @@dynamic
}
enum Mood {
  HAPPY
  @@dynamic
}
function F(x: string) -> Open {
  client "openai/gpt-4o"
  prompt #"{{ x }} {{ ctx.output_format }}"#
}`,
})

describe('TypeBuilder', () => {
  it('adds annotated fields, new types and enum values (alias, description, skip)', () => {
    const tb = new TypeBuilder()
    const tag = tb.addEnum('Tag')
    tag.addValue('RED').alias('crimson')
    tag.addValue('GREY').skip()
    tb.enum('Mood').addValue('SAD').description('not happy')
    tb.class('Open').addProperty('tag', tag.type()).alias('label').description('a colour')
    tb.class('Open').addProperty('mood', tb.enumRef('Mood'))
    const ir = tb.apply(rt.ir)
    expect(ir.classes.get('Open')!.fields.map((f) => [f.name, f.alias, f.description])).toEqual([
      ['a', undefined, undefined],
      ['tag', 'label', 'a colour'],
      ['mood', undefined, undefined],
    ])
    expect(ir.enums.get('Tag')!.values.map((v) => [v.name, v.alias, v.skip])).toEqual([
      ['RED', 'crimson', undefined],
      ['GREY', undefined, true],
    ])
    expect(ir.enums.get('Mood')!.values.map((v) => [v.name, v.description])).toEqual([
      ['HAPPY', undefined],
      ['SAD', 'not happy'],
    ])
    expect(tb.apply(rt.ir)).toBe(ir) // cached until the builder changes
    expect(rt.parse('F', '{"a": "x", "label": "crimson", "mood": "sad"}', { typeBuilder: tb })).toEqual({ a: 'x', tag: 'RED', mood: 'SAD' })
    expect(rt.ir.classes.get('Open')!.fields).toHaveLength(1)
  })

  it('refuses what cannot be extended or added', () => {
    const fixed = new TypeBuilder()
    fixed.class('Fixed').addProperty('b', fixed.int())
    expect(() => fixed.apply(rt.ir)).toThrow('class Fixed is not @@dynamic; only dynamic classes can be extended')
    const missing = new TypeBuilder()
    missing.enum('Nope').addValue('X')
    expect(() => missing.apply(rt.ir)).toThrow('enum Nope does not exist')
    const clash = new TypeBuilder()
    clash.addClass('Mood')
    expect(() => clash.apply(rt.ir)).toThrow('type Mood already exists in the project')
    const twice = new TypeBuilder()
    twice.addEnum('New')
    expect(() => twice.addClass('New')).toThrow('type New was already added')
  })
})
