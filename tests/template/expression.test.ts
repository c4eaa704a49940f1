import { describe, expect, it } from 'vitest'
import { compileExpression, evaluateExpression, evaluatePredicate, isTruthy } from '../../core/template/expression.ts'
import { TemplateSyntaxError } from '../../core/template/errors.ts'
import { BamlTemplateError } from '../../core/errors.ts'

describe('constraint expressions on plain JSON values', () => {
  const cases: [string, unknown, unknown][] = [
    ['this >= 1 and this <= 5', 3, true],
    ['this >= 1 and this <= 5', 6, false],
    ['this|length > 1', [1, 2], true],
    ['this|length > 1', 'a', false],
    ['this == 7', 7, true],
    ['this == 7', 7.5, false],
    ['this|regex_match("^a")', 'abc', true],
    ['this|regex_match("123")', '(123)456-7890', true],
    ['this|regex_match("^\\\\(?\\\\d{3}\\\\)?[-.\\\\s]?\\\\d{3}[-.\\\\s]?\\\\d{4}$")', '(123)456-7890', true],
    ['this|regex_match("[")', 'x', false],
    ['this.x + 1', { x: 2 }, 3],
    ['this.missing is defined', { x: 2 }, false],
    ['this.name|lower == "ada"', { name: 'Ada' }, true],
    ['"ad" in this.name|lower', { name: 'Ada' }, true],
    ['this|length', [1, 2, 3], 3],
    ['this / 2', 3, 1.5],
    ['this // 2', 7, 3],
    ['this is none', null, true],
    ['this|sum', [1, 2.5], 3.5],
    ['this|select("odd")|list|length', [1, 2, 3], 2],
  ]
  for (const [src, value, expected] of cases)
    it(`${src} with this=${JSON.stringify(value)}`, () => {
      expect(evaluateExpression(src, { this: value })).toEqual(expected)
    })

  it('compiles once per source', () => {
    expect(compileExpression('this + 1')).toBe(compileExpression('this + 1'))
  })

  it('predicates must be booleans', () => {
    expect(evaluatePredicate('this > 2', { this: 3 })).toBe(true)
    expect(() => evaluatePredicate('this', { this: 3 })).toThrow(BamlTemplateError)
  })

  it('syntax errors carry the offset', () => {
    try {
      evaluateExpression('this +', {})
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateSyntaxError)
      expect((e as TemplateSyntaxError).detail).toBe('unexpected end of input, expected expression')
      expect((e as TemplateSyntaxError).offset).toBe(5) // the last token read, `+`
    }
  })

  it('attribute of undefined is an error', () => {
    expect(() => evaluateExpression('this.x.y', {})).toThrow(BamlTemplateError)
  })

  it('truthiness', () => {
    expect([0, '', [], {}, null, undefined, false].map(isTruthy)).toEqual([false, false, false, false, false, false, false])
    expect([1, 'a', [0], { a: 1 }, true].map(isTruthy)).toEqual([true, true, true, true, true])
  })
})

describe('the expression interpreter (used without code generation) agrees with the compiler', () => {
  const cases: [string, unknown][] = [
    ['this >= 1 and this <= 5', 3],
    ['this|length > 1 or this is none', [1]],
    ['this.items()|map(attribute=1)|sum', { a: 1, b: 2.5 }],
    ['"{:,}".format(this) ~ "!"', 1234567],
    ['this[1:]|join("-") if this else "empty"', ['a', 'b', 'c']],
    ['{"k": this}.k * 2', 4],
    ['this is divisibleby 3 and not (this in [9, 12])', 6],
    ['range(this)|select("even")|list', 5],
    ['this.x.y is defined', { x: {} }],
  ]
  for (const [src, value] of cases)
    it(src, async () => {
      const { evalExpr } = await import('../../core/template/interpret.ts')
      const { parseExpression } = await import('../../core/template/parser.ts')
      expect(evalExpr(parseExpression(src), { this: value })).toEqual(evaluateExpression(src, { this: value }))
    })
})
