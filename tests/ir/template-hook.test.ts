// The checkTemplate hook: the loader hands every prompt, template_string body and constraint
// expression to the template engine and reports what it returns at the right .baml position.
import { describe, expect, it } from 'vitest'
import { buildIR, type TemplateCheckInput } from '../../core/ir/load.ts'
import { error, type Diagnostic } from '../../core/syntax/diagnostics.ts'
import { lineColAt } from '../../core/syntax/span.ts'

const SRC = `client<llm> Desk {
  provider openai
  options {
    model "gpt-4o-mini"
  }
}

function ListTitles(titles: string[]) -> string {
  client Desk
  prompt #"
    {% for t in titles %}
    - {{ t }}
  "#
}

template_string Line(t: string) #"- {{ t }}"#

class Rating {
  stars int @check(in_range, {{  this >= 1 }})
}
`

/** A stand-in engine: flags `{% for` without `{% endfor %}` and `this` in expressions. */
function fakeCheck(seen: TemplateCheckInput[]) {
  return (input: TemplateCheckInput): Diagnostic[] => {
    seen.push(input)
    if (input.kind === 'constraint') {
      const at = input.text.indexOf('this')
      return [error('saw this', { file: input.file, start: input.toFileOffset(at), end: input.toFileOffset(at + 4) })]
    }
    const at = input.text.indexOf('{% for')
    if (at >= 0 && !input.text.includes('endfor')) {
      return [error('unclosed for', { file: input.file, start: input.toFileOffset(at), end: input.toFileOffset(at + 6) })]
    }
    return []
  }
}

describe('checkTemplate hook', () => {
  it('receives dedented prompt text, template strings and constraint expressions', () => {
    const seen: TemplateCheckInput[] = []
    const r = buildIR({ 'baml_src/main.baml': SRC }, { checkTemplate: fakeCheck(seen) })
    expect(seen.map((s) => [s.kind, s.text])).toEqual([
      ['function', '{% for t in titles %}\n- {{ t }}'],
      ['template_string', '- {{ t }}'],
      ['constraint', 'this >= 1'],
    ])
    const first = seen[0]!
    expect(first.kind === 'function' && first.params.map((p) => p.name)).toEqual(['titles'])
    expect(r.ir).toBeUndefined()
  })

  it('maps offsets back to .baml line and column', () => {
    const r = buildIR({ 'baml_src/main.baml': SRC }, { checkTemplate: fakeCheck([]) })
    const file = { path: 'baml_src/main.baml', text: SRC }
    const pos = (d: Diagnostic) => lineColAt(file, d.span.start)
    const [forErr, thisErr] = r.diagnostics
    expect(forErr!.message).toBe('unclosed for')
    expect(pos(forErr!)).toEqual({ line: 11, column: 5 })
    expect(SRC.slice(forErr!.span.start, forErr!.span.end)).toBe('{% for')
    expect(thisErr!.message).toBe('saw this')
    expect(SRC.slice(thisErr!.span.start, thisErr!.span.end)).toBe('this')
  })

  it('is optional: without it the project loads', () => {
    expect(buildIR({ 'baml_src/main.baml': SRC }).ir).toBeDefined()
  })
})
