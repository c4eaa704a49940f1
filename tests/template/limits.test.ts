// Resource limits (core/template/limits.ts): each ends in a BamlTemplateError naming it, never in a
// JS RangeError, a hang or gigabytes of memory.
//
// The recursion limit is the reference's: tests/golden/template/recursion holds its results
// (regenerate: node /work/shared/tools/oracle/oracle.mjs tests/golden/template/recursion/baml_src
// tests/golden/template/recursion/cases.json > tests/golden/template/recursion/expected.json).
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { renderTemplate, compileTemplate } from '../../core/template/compile.ts'
import { checkTemplate } from '../../core/template/check.ts'
import { evaluateExpression } from '../../core/template/expression.ts'
import { TemplateRenderError, TemplateSyntaxError } from '../../core/template/errors.ts'
import { MAX_EXPRESSION_DEPTH, MAX_LIST_LENGTH, MAX_STRING_LENGTH } from '../../core/template/limits.ts'
import { BamlTemplateError } from '../../core/errors.ts'
import { GOLDEN } from '../helpers/golden.ts'
import { loadSuite, renderCase } from '../prompt/golden.ts'

function errorOf(f: () => unknown): Error {
  try {
    f()
  } catch (e) {
    return e as Error
  }
  throw new Error('expected an error')
}

describe('recursion limit (as the reference counts it)', () => {
  const suite = loadSuite(join(GOLDEN, 'template', 'recursion'))
  for (const c of suite.cases) {
    const exp = suite.expected.get(c.id)!
    it(c.id, () => {
      if (exp.error === undefined) {
        const p = renderCase(suite, c)
        const text = p.kind === 'chat' ? (p.messages[0]!.parts[0] as { text: string }).text : p.text
        expect(text).toBe((exp.result as unknown as { body: { messages: { content: { text: string }[] }[] } }).body.messages[0]!.content[0]!.text)
      } else {
        const e = errorOf(() => renderCase(suite, c))
        expect(e).toBeInstanceOf(BamlTemplateError)
        // the reference's first line, after its class name: "Error occurred while rendering prompt: invalid operation: recursion limit exceeded (in prompt:2)"
        expect(e.message).toBe(exp.error.split('\n')[0]!.replace(/^BamlError: /, ''))
      }
    })
  }

  it('a macro calling itself ends in the named error, not a stack overflow', () => {
    const e = errorOf(() => renderTemplate('{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}', {}))
    expect(e).toBeInstanceOf(TemplateRenderError)
    expect(e.message).toBe('invalid operation: recursion limit exceeded (in prompt:1)')
  })

  it('the budget is per render, and restored after an error', () => {
    const deep = compileTemplate('{% macro f(k) %}{% if k > 0 %}{{ f(k - 1) }}{% else %}ok{% endif %}{% endmacro %}{{ f(n) }}')
    expect(() => deep({ n: 83 })).toThrow('recursion limit exceeded')
    expect(deep({ n: 82 })).toBe('ok')
    expect(deep({ n: 82 })).toBe('ok')
  })
})

describe('template nesting limit', () => {
  const shapes: Record<string, (n: number) => string> = {
    '1+1+…': (n) => '{{ ' + Array(n).fill('1').join('+') + ' }}',
    'not not …': (n) => '{{ ' + 'not '.repeat(n) + 'true }}',
    '- - …': (n) => '{{ ' + '-'.repeat(n) + '1 }}',
    'filter chain': (n) => '{{ "a"' + '|upper'.repeat(n) + ' }}',
    'attribute chain': (n) => '{{ x' + '.a'.repeat(n) + ' }}',
    '~ chain': (n) => '{{ ' + Array(n).fill('"a"').join(' ~ ') + ' }}',
    'a if c else …': (n) => '{{ ' + '1 if false else '.repeat(n) + '2 }}',
    'elif chain': (n) => '{% if false %}' + '{% elif false %}'.repeat(n) + '{% endif %}x',
  }
  for (const [name, make] of Object.entries(shapes)) {
    it(`${name}: 400 levels render; 600 and 50,000 are a syntax error naming the limit`, () => {
      expect(() => renderTemplate(make(400), { x: { a: null } })).not.toThrow(RangeError)
      for (const n of [600, 50_000]) {
        const e = errorOf(() => compileTemplate(make(n)))
        expect(e).toBeInstanceOf(TemplateSyntaxError)
        expect((e as TemplateSyntaxError).detail).toBe(`template nesting exceeds the limit of ${MAX_EXPRESSION_DEPTH} levels`)
        // the static checker reports it the same way
        expect(checkTemplate(make(n), { variables: ['x'] }).map((i) => i.message)[0]).toContain('template nesting exceeds the limit')
      }
    })
  }

  it('the same for standalone (@check / @assert) expressions', () => {
    expect(evaluateExpression(Array(400).fill('1').join('+'), {})).toBe(400)
    const e = errorOf(() => evaluateExpression('not '.repeat(20_000) + 'true', {}))
    expect(e).toBeInstanceOf(TemplateSyntaxError)
  })

  it('brackets and assignment targets keep the parser recursion limit', () => {
    for (const src of ['{{ ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ' }}', '{% for ' + '('.repeat(5000) + 'x' + ')'.repeat(5000) + ' in [1] %}{% endfor %}']) {
      const e = errorOf(() => compileTemplate(src))
      expect((e as TemplateSyntaxError).detail).toBe('template exceeds maximum recursion limits')
    }
  })
})

describe('string and list size limits', () => {
  const tooLong = `invalid operation: string too long (the template limit is ${MAX_STRING_LENGTH} characters) (in prompt:1)`
  const listTooLong = `invalid operation: list too long (the template limit is ${MAX_LIST_LENGTH} items) (in prompt:1)`
  const cases: [string, string][] = [
    ['{{ "x" * 10**9 }}', tooLong],
    ['{{ ("ab" * 10**8)|length }}', tooLong],
    ['{{ [1] * 10**9 }}', listTooLong],
    ['{% set ns = namespace(s="x") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}', tooLong],
    ['{% set ns = namespace(s="x") %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}', tooLong],
    ['{% set ns = namespace(s="xy") %}{% for i in range(60) %}{% set ns.s = ns.s|replace("x", ns.s) %}{% endfor %}', tooLong],
    ['{% set ns = namespace(s="xy") %}{% for i in range(60) %}{% set ns.s = ns.s.replace("y", ns.s) %}{% endfor %}', tooLong],
    // the output itself: a loop printing a 10 KB string 10^10 times
    ['{% for i in range(100000) %}{% for j in range(100000) %}{{ big }}{% endfor %}{% endfor %}', tooLong],
    // and through macros whose output doubles at each level
    ['{% macro f(k) %}{% if k > 0 %}{{ f(k-1) }}{{ f(k-1) }}{% else %}{{ big }}{% endif %}{% endmacro %}{{ f(40) }}', tooLong],
    ['{{ "{:>1000000000}".format(1) }}', tooLong],
    ['{{ "{:01000000000}".format(1) }}', tooLong],
    ['{{ "a\\nb"|indent(1000000000) }}', tooLong],
    ['{{ [1, 2]|tojson(indent=1000000000) }}', tooLong],
  ]
  for (const [src, msg] of cases) {
    it(src, () => {
      const e = errorOf(() => renderTemplate(src, { big: 'x'.repeat(10_000) }))
      expect(e).toBeInstanceOf(TemplateRenderError)
      expect(e.message).toBe(msg)
    })
  }

  it('values a template nests 100,000 deep: a named error when printed, and any JS stack overflow becomes a render error', () => {
    const build = '{% set ns = namespace(x=1) %}{% for i in range(100000) %}{% set ns.x = [ns.x] %}{% endfor %}'
    expect(errorOf(() => renderTemplate(build + '{{ ns.x }}', {})).message).toBe('invalid operation: value nested deeper than 1000 levels (in prompt:1)')
    for (const t of ['{{ ns.x|tojson }}', '{{ ns.x|format(type="yaml") }}', '{{ [ns.x, ns.x]|sort }}']) {
      const e = errorOf(() => renderTemplate(build + t, {}))
      expect(e).toBeInstanceOf(TemplateRenderError)
      expect(e.message).toMatch(/^invalid operation: (recursion limit exceeded|value nested deeper)/)
    }
  })

  it('big but allowed values still work, and are not folded into the generated code', () => {
    expect(renderTemplate('{{ ("x" * 10**6)|length }} {{ ([0] * 10**6)|length }}', {})).toBe('1000000 1000000')
  })
})
