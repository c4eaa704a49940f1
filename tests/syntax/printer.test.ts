// printFile: parse → print → parse gives the same tree (spans aside) for every .baml file in the
// golden corpora, printing is idempotent, and comments survive.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { FileAst, TypeBlockAst } from '../../core/syntax/ast.ts'
import { parseFile } from '../../core/syntax/parser.ts'
import { printFile, printType } from '../../core/syntax/printer.ts'
import { GOLDEN } from '../helpers/golden.ts'
import { bamlFiles } from './baml-files.ts'
import { shape } from './shape.ts'

function roundTrip(path: string, text: string): { first: FileAst; printed: string; second: FileAst; errors: number } {
  const first = parseFile({ path, text })
  const printed = printFile(first.ast, { source: text })
  const second = parseFile({ path, text: printed })
  return { first: first.ast, printed, second: second.ast, errors: first.diagnostics.filter((d) => d.severity === 'error').length }
}

describe('printer round trip', () => {
  for (const suite of ['conformance', 'check-extra']) {
    const files = bamlFiles(join(GOLDEN, suite))
    it(`${suite}: parse → print → parse keeps the tree (${files.length} files)`, () => {
      let checked = 0
      for (const file of files) {
        const text = readFileSync(file, 'utf8')
        const rel = relative(GOLDEN, file)
        const r = roundTrip(rel, text)
        if (r.errors) continue // only well-formed files have a tree to keep
        expect(shape(r.second), rel).toEqual(shape(r.first))
        // Printing is stable: a second print changes nothing.
        expect(printFile(r.second, { source: r.printed }), rel).toBe(r.printed)
        checked++
      }
      expect(checked).toBeGreaterThan(suite === 'conformance' ? 30 : 150)
    })
  }
})

describe('printer output', () => {
  it('writes a canonical layout and keeps comments and docstrings', () => {
    const src = [
      '// header comment',
      '/// A book',
      'class Book{',
      '  /// the title',
      '  title    string  @alias("t")   // trailing',
      '',
      '  tags (string|int)[]?',
      '  @@dynamic',
      '}',
      'client<llm> C {',
      '  provider openai',
      '  options { model gpt-4o, headers { "X-A" "b" } }',
      '}',
      'function F(a: string, b: int?) -> Book @check(ok, {{ this }}) {',
      '  client C',
      '  prompt #"',
      '    {{ a }}',
      '  "#',
      '}',
      '',
    ].join('\n')
    const ast = parseFile({ path: 'x.baml', text: src }).ast
    expect(printFile(ast, { source: src })).toBe(
      [
        '// header comment',
        '/// A book',
        'class Book {',
        '  /// the title',
        '  title string @alias("t") // trailing',
        '',
        '  tags (string | int)[]?',
        '  @@dynamic',
        '}',
        '',
        'client<llm> C {',
        '  provider openai',
        '  options {',
        '    model gpt-4o',
        '    headers {',
        '      "X-A" "b"',
        '    }',
        '  }',
        '}',
        '',
        'function F(a: string, b: int?) -> Book @check(ok, {{ this }}) {',
        '  client C',
        '  prompt #"',
        '    {{ a }}',
        '  "#',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('writes docstrings for a tree without comments', () => {
    const ast = parseFile({ path: 'x.baml', text: '/// doc\nenum E {\n  /// v\n  V\n}\n' }).ast
    expect(printFile({ ...ast, comments: [] })).toBe('/// doc\nenum E {\n  /// v\n  V\n}\n')
  })

  it('parenthesises types where binding requires it', () => {
    const t = (src: string) => {
      const ast = parseFile({ path: 'x.baml', text: `class A {\n  x ${src}\n}\n` }).ast
      const block = ast.items[0] as TypeBlockAst
      return printType(block.members[0]!.type!)
    }
    expect(t('(int @check(a, {{ this }})) | string')).toBe('(int @check(a, {{ this }})) | string')
    expect(t('int @check(a, {{ this }}) | string')).toBe('int @check(a, {{ this }}) | string')
    expect(t('map<string, (int | string)[]>')).toBe('map<string, (int | string)[]>')
    expect(t('"a" | 1 | true')).toBe('"a" | 1 | true')
  })
})
