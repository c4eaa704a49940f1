// The engine's public surface: compile/render, precompiled source, the value model and host
// objects, errors. Expected texts are minijinja's (checked against the reference where the golden
// suites under tests/golden/template cover the same behaviour).
import { describe, expect, it } from 'vitest'
import {
  compileTemplate,
  compileTemplateToSource,
  renderTemplate,
  templateFromFunction,
  templateFromSource,
  type TemplateFn,
} from '../../core/template/compile.ts'
import { TemplateRenderError, TemplateSyntaxError } from '../../core/template/errors.ts'
import { display, float, Float, HOST, Kwargs, NO_METHOD, nullList, repr, type HostObject } from '../../core/template/value.ts'
import { BamlTemplateError } from '../../core/errors.ts'

describe('compile and render', () => {
  it('caches compiled templates by source', () => {
    expect(compileTemplate('a {{ x }}')).toBe(compileTemplate('a {{ x }}'))
  })

  it('precompiled source renders like the compiled template', () => {
    const src = '{% macro m(a) %}<{{ a }}>{% endmacro %}{% for x in xs if x %}{{ m(loop.index) }}{{ x|upper }}{% else %}-{% endfor %}{{ "%>" }}'
    const vars = { xs: ['a', '', 'b'] }
    const expected = renderTemplate(src, vars)
    expect(expected).toBe('<1>A<2>B%>')
    const source = compileTemplateToSource(src)
    expect(templateFromSource(source)(vars)).toBe(expected)
    const fn = new Function('it', 'options', source) as TemplateFn
    expect(templateFromFunction(fn)(vars)).toBe(expected)
  })

  it('globals are looked up after the arguments', () => {
    expect(renderTemplate('{{ a }} {{ b }} {{ range(2)|list }}', { a: 'arg' }, { a: 'global', b: 'g' })).toBe('arg g [0, 1]')
  })

  it('top-level none prints null, nested none prints none', () => {
    expect(renderTemplate('{{ n }} {{ [n] }} {{ {"k": n} }}', { n: null })).toBe('null [none] {"k": none}')
  })

  it('undefined prints nothing, iterates as empty, and fails on attribute access', () => {
    expect(renderTemplate('[{{ u }}]{% for x in u %}x{% endfor %}{{ u is undefined }}', {})).toBe('[]true')
    expect(() => renderTemplate('{{ u.x }}', {})).toThrow('undefined value (in prompt:1)')
  })
})

describe('value model', () => {
  it('floats keep their kind', () => {
    expect(float(2)).toBeInstanceOf(Float)
    expect(float(2.5)).toBe(2.5)
    expect(renderTemplate('{{ a }} {{ b }} {{ a + 1 }} {{ a is float }} {{ c is integer }}', { a: float(2), b: float(2.5), c: 3 })).toBe('2.0 2.5 3.0 true true')
  })

  it('prints like minijinja', () => {
    expect(display([1, 'a', float(1), null, true, [], new Map([['k', 'v']])])).toBe('[1, "a", 1.0, none, true, [], {"k": "v"}]')
    expect(display(nullList([1, null]))).toBe('[1, null]')
    expect(repr({ a: [1, 'x'] }, true)).toBe('{\n    "a": [\n        1,\n        "x",\n    ],\n}')
    expect(display(1e21)).toBe('1000000000000000000000')
    expect(display(1.5e-7)).toBe('0.00000015')
    expect(repr(1.5e-7, false)).toBe('1.5e-7')
    expect(repr('tab\there "q" é\u0301', false)).toBe('"tab\\there \\"q\\" é\\u{301}"')
  })

  it('host objects follow the protocol', () => {
    class Money implements HostObject {
      readonly [HOST] = 'map' as const
      constructor(readonly cents: number) {}
      get(k: unknown) {
        return k === 'cents' ? this.cents : k === 'euros' ? float(this.cents / 100) : undefined
      }
      iter() {
        return ['cents', 'euros']
      }
      display() {
        return `€${(this.cents / 100).toFixed(2)}`
      }
      compare(o: unknown) {
        return o instanceof Money ? this.cents - o.cents : typeof o === 'number' ? this.cents - o : undefined
      }
      truthy() {
        return this.cents !== 0
      }
      callMethod(name: string, args: unknown[], kwargs: Kwargs | undefined) {
        if (name === 'times') return new Money(this.cents * (args[0] as number) * ((kwargs?.get('extra') as number | undefined) ?? 1))
        return NO_METHOD
      }
      call() {
        return 'called'
      }
    }
    const m = new Money(250)
    const out = renderTemplate(
      '{{ m }} {{ m.cents }} {{ m.euros }} {{ [m] }} {{ m.times(2) }} {{ m.times(2, extra=3) }} {{ m() }} {{ m == 250 }} {{ m > z }} {% if z %}x{% else %}falsy{% endif %} {{ m.keys()|list }} {% for k in m %}{{ k }},{% endfor %}',
      { m, z: new Money(0) },
    )
    expect(out).toBe('€2.50 250 2.5 [€2.50] €5.00 €15.00 called true true falsy ["cents", "euros"] cents,euros,')
  })
})

describe('errors', () => {
  it('syntax errors carry position and minijinja text', () => {
    try {
      compileTemplate('line 1\n{% for x in xs %}\n{{ x }')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateSyntaxError)
      expect(e).toBeInstanceOf(BamlTemplateError)
      const s = e as TemplateSyntaxError
      expect(s.detail).toBe('unexpected `}`, expected end of variable block')
      expect([s.line, s.column, s.offset]).toEqual([3, 6, 30])
    }
  })

  it('unknown filters fail when used, not when compiled', () => {
    expect(renderTemplate('{% if false %}{{ x|nope }}{% endif %}ok', {})).toBe('ok')
    expect(() => renderTemplate('a\n{{ x|nope }}', {})).toThrow('unknown filter: filter nope is unknown (in prompt:2)')
  })

  it('render errors are BamlTemplateErrors with minijinja kinds', () => {
    const cases: [string, string][] = [
      ['{{ 1 + "a" }}', 'invalid operation: tried to use + operator on unsupported types number and string'],
      ['{{ nofn() }}', 'unknown function: nofn is unknown'],
      ['{{ x() }}', 'invalid operation: value of type number is not callable'],
      ['{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}', 'too many arguments'],
      ['{% for a, b in [[1]] %}{% endfor %}', 'cannot unpack: sequence of wrong length (expected 2, got 1)'],
      ['{{ [1].nope() }}', 'unknown method: sequence has no method named nope'],
    ]
    for (const [src, msg] of cases) {
      try {
        renderTemplate(src, { x: 1 })
        expect.unreachable()
      } catch (e) {
        expect(e).toBeInstanceOf(TemplateRenderError)
        expect((e as Error).message).toBe(`${msg} (in prompt:1)`)
      }
    }
  })
})

describe('precompiled templates', () => {
  it('a registered function is used for its source', async () => {
    const { registerCompiledTemplate } = await import('../../core/template/compile.ts')
    const src = 'precompiled {{ x }} {# unique-1 #}'
    const code = compileTemplateToSource(src)
    registerCompiledTemplate(src, new Function('it', 'options', code.replace('precompiled', 'PRE')) as TemplateFn)
    expect(renderTemplate(src, { x: 1 })).toBe('PRE 1 ')
  })
})
