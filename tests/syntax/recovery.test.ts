// Error recovery: one run reports every independent error (recovering at member lines and block
// boundaries) and keeps parsing the blocks after them.
import { describe, expect, it } from 'vitest'
import type { TypeBlockAst, ValueBlockAst } from '../../core/syntax/ast.ts'
import { formatDiagnostic } from '../../core/syntax/diagnostics.ts'
import { parseFile } from '../../core/syntax/parser.ts'
import { lineColAt } from '../../core/syntax/span.ts'
import { buildIR } from '../../core/ir/load.ts'

const SRC = [
  'class Good1 {', //                      1
  '  a string', //                         2
  '  b int[', //                           3  broken member
  '  c bool', //                           4
  '}', //                                  5
  '', //                                   6
  'function Broken( -> string {', //       7  broken header
  '  client C', //                         8
  '}', //                                  9
  '', //                                   10
  'enum Good2 {', //                       11
  '  A', //                                12
  '  B @alias(', //                        13 broken attribute
  '  C', //                                14
  '}', //                                  15
  '', //                                   16
  'client<llm> C {', //                    17
  '  provider openai', //                  18
  '  options {', //                        19
  '    model "gpt-4o"', //                 20
  '    temperature ]', //                  21 broken value
  '  }', //                                22
  '}', //                                  23
  '', //                                   24
  'what is this', //                       25 junk line
  '', //                                   26
  'class Good3 {', //                      27
  '  x int', //                            28
  '}', //                                  29
  '',
].join('\n')

describe('error recovery', () => {
  const file = { path: 'baml_src/main.baml', text: SRC }
  const r = parseFile(file)
  const lines = r.diagnostics.map((d) => lineColAt(file, d.span.start).line)

  it('reports each independent error once, at its line', () => {
    expect(r.diagnostics.every((d) => d.severity === 'error')).toBe(true)
    expect(lines).toEqual([3, 7, 13, 21, 25])
  })

  it('keeps the blocks around the errors, and the good members inside them', () => {
    const names = r.ast.items.map((i) => (i.kind === 'exprFn' ? '' : i.name.name))
    expect(names).toEqual(['Good1', 'Good2', 'C', 'Good3'])
    const good1 = r.ast.items[0] as TypeBlockAst
    expect(good1.members.map((m) => m.name.name)).toEqual(['a', 'c'])
    const good2 = r.ast.items[1] as TypeBlockAst
    expect(good2.members.map((m) => m.name.name)).toEqual(['A', 'C'])
    const client = r.ast.items[2] as ValueBlockAst
    expect(client.fields.map((f) => f.name.name)).toEqual(['provider'])
  })

  it('gives plain, actionable messages', () => {
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'Expected `]` (a list type is written `T[]`), found the end of the line',
      'Expected a parameter name or `)`, found `->`',
      'This `(` of `@alias` is never closed: add `)` after the arguments',
      'Expected a value for `temperature`, found `]`',
      'This line is invalid: it does not start with a BAML block keyword (`class`, `enum`, `function`, `client<llm>`, `test`, `generator`, `retry_policy`, `template_string`, `type`)',
    ])
  })

  it('formats a diagnostic with file:line:col, the source line and a caret', () => {
    const files = new Map([[file.path, file]])
    expect(formatDiagnostic(r.diagnostics[3]!, files)).toBe(
      [
        'error: Expected a value for `temperature`, found `]`',
        '  --> baml_src/main.baml:21:17',
        '   |',
        '21 |     temperature ]',
        '   |                 ^',
      ].join('\n'),
    )
  })

  it('an unclosed block is reported and the next block still parses', () => {
    const p = parseFile({ path: 'x.baml', text: 'class A {\n  x int\n\nclass B {\n  y int\n}\n' })
    expect(p.diagnostics.map((d) => d.message)).toEqual(['`class A` is missing its closing `}`'])
    expect(p.ast.items.map((i) => (i.kind === 'exprFn' ? '' : i.name.name))).toEqual(['A', 'B'])
  })

  it('validation errors from every block are reported together, in source order', () => {
    const res = buildIR({
      'baml_src/a.baml': 'class A {\n  x Missing\n  y int @skip\n}\nenum e {\n  V\n}\n',
      'baml_src/b.baml': 'function F(x: string) -> A {\n  client Nope\n  prompt #"{{ x }}"#\n}\nretry_policy R {\n  strategy {\n    type linear\n  }\n}\n',
    })
    expect(res.ir).toBeUndefined()
    expect(res.diagnostics.map((d) => d.message)).toEqual([
      'Type `Missing` does not exist.',
      'Class field `y` has @skip, so it must be optional: write `y <type>?`',
      'Invalid name for enum `e`: it must start with an uppercase letter',
      'Client `Nope` does not exist.',
      'Missing `max_retries` in retry_policy `R`',
      'Unknown retry strategy type `linear`; use `constant_delay` or `exponential_backoff`',
    ])
  })
})
