import { describe, expect, it } from 'vitest'
import { checkTemplate } from '../../core/template/check.ts'

describe('checkTemplate', () => {
  it('reports syntax errors with their offset', () => {
    const src = 'Hi {% if x %}\nno end'
    const issues = checkTemplate(src, { variables: ['x'] })
    // at the end of input the error points at the last token read (the text `no end`), as minijinja does
    expect(issues).toEqual([{ offset: 14, end: 20, message: 'syntax error: unexpected end of input, expected end of block', severity: 'error' }])
  })

  it('warns about unknown variables with suggestions', () => {
    const issues = checkTemplate('{{ nme }} {{ name }}', { variables: ['name', 'ctx', '_'] })
    expect(issues).toEqual([
      { offset: 3, end: 6, message: 'Variable `nme` does not exist. Did you mean one of these: `_`, `ctx`, `name`?', severity: 'warning' },
    ])
  })

  it('knows names set, looped over and macro parameters', () => {
    const src = '{% set a = 1 %}{% for x, y in m|items %}{{ x }}{{ y }}{{ loop.index }}{% endfor %}{% macro f(p) %}{{ p }}{{ a }}{% endmacro %}{{ f(a) }}{{ range(2) }}'
    expect(checkTemplate(src, { variables: ['m'] })).toEqual([])
  })

  it('loop variables do not leak', () => {
    const issues = checkTemplate('{% for x in xs %}{% endfor %}{{ x }}', { variables: ['xs'] })
    expect(issues.map((i) => i.message)).toEqual(['Variable `x` does not exist. Did you mean `xs`?'])
  })

  it('warns about unknown filters (the reference checker list; 5 closest by OSA distance, sorted)', () => {
    const issues = checkTemplate('{{ x|uper }}{{ x|upper }}{{ x|d("a") }}', { variables: ['x'] })
    expect(issues.map((i) => i.message.split('\n')[0])).toEqual([
      "Filter 'uper' does not exist. Did you mean one of these: 'abs', 'attrs', 'bool', 'lower', 'upper'?",
      "Filter 'd' does not exist. Did you mean one of these: 'abs', 'int', 'map', 'max', 'min'?",
    ])
  })

  it('checks expressions', () => {
    expect(checkTemplate('this|length > 0', { variables: ['this'], expression: true })).toEqual([])
    expect(checkTemplate('this >', { variables: ['this'], expression: true })[0]!.severity).toBe('error')
  })
})
