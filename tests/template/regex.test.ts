// `regex_match` uses a linear-time engine (RE2JS), like the reference's Rust `regex` crate: a
// pattern with nested quantifiers cannot make a template or a `@check` backtrack for minutes.
import { describe, expect, it } from 'vitest'
import { renderTemplate } from '../../core/template/compile.ts'
import { evaluatePredicate } from '../../core/template/expression.ts'
import { BamlRuntime } from '../../core/index.ts'

describe('regex_match', () => {
  it('nested quantifiers on a near-miss input answer at once', () => {
    // with a backtracking engine each extra `a` doubles the time: 34 took minutes, 5,000 never ends
    const input = 'a'.repeat(5000) + '!'
    const t0 = performance.now()
    expect(evaluatePredicate('this|regex_match("^(a+)+$")', { this: input })).toBe(false)
    expect(evaluatePredicate('this|regex_match("^(a|aa)+$")', { this: input })).toBe(false)
    expect(evaluatePredicate('this|regex_match("(x+x+)+y")', { this: 'x'.repeat(5000) })).toBe(false)
    expect(renderTemplate('{{ s|regex_match("^(a+)+$") }}', { s: input })).toBe('false')
    // generous: a fuzz-style bound, not a benchmark (backtracking would take far longer than the universe)
    expect(performance.now() - t0).toBeLessThan(20_000)
  })

  it('a @check with such a pattern runs when parsing a model answer', () => {
    const rt = BamlRuntime.fromFiles('baml_src', {
      'baml_src/main.baml': `
client<llm> L {
  provider openai
  options {
    model "m"
  }
}
class Out {
  c string @check(aaa, {{ this|regex_match("^(a+)+$") }})
}
function F() -> Out {
  client L
  prompt #"x"#
}
`,
    })
    const parsed = rt.parse('F', JSON.stringify({ c: 'a'.repeat(3000) + '!' })) as { c: { value: string; checks: Record<string, { status: string }> } }
    expect(parsed.c.checks.aaa!.status).toBe('failed')
  })

  it('Rust regex syntax: unanchored, inline flags, \\A \\z, classes, named groups; invalid is false', () => {
    const cases: [string, string, boolean][] = [
      ['b', 'abc', true],
      ['(?i)ABC', 'xabcx', true],
      ['(?s)a.b', 'a\nb', true],
      ['a.b', 'a\nb', false],
      ['(?m)^b$', 'a\nb\nc', true],
      ['\\Aab\\z', 'ab', true],
      ['\\Aab\\z', 'abc', false],
      ['[[:digit:]]{3}', 'ab123', true],
      ['\\p{Greek}+', 'λόγος', true],
      ['(?P<y>\\d{4})-(?<m>\\d{2})', '2024-05', true],
      ['(?x) a  b # comment\n c', 'abc', true],
      ['^.$', '😀', true],
      ['(a', 'a', false],
      ['a{1001}', 'a', false],
      ['(a)\\1', 'aa', false], // no backreferences in Rust regex either
    ]
    for (const [p, s, want] of cases) expect([p, s, evaluatePredicate(`this|regex_match(${JSON.stringify(p)})`, { this: s })]).toEqual([p, s, want])
  })
})
