import { describe, expect, it } from 'vitest'
import type { TypeBlockAst, ValueBlockAst } from '../../core/syntax/ast.ts'
import { tokenize } from '../../core/syntax/lexer.ts'
import { parseFile } from '../../core/syntax/parser.ts'

const parse = (text: string) => parseFile({ path: 'baml_src/t.baml', text })

describe('lexer', () => {
  it('keeps newlines and doc comments, drops comments', () => {
    const toks = tokenize('class A { // hi\n  /// doc\n  x int? {// block //}\n}')
    expect(toks.map((t) => t.kind)).toEqual(['word', 'word', 'punct', 'newline', 'doc', 'newline', 'word', 'word', 'punct', 'newline', 'punct', 'eof', 'eof', 'eof', 'eof'])
    expect(toks[4]!.text).toBe('doc')
  })
  it('lexes block strings with any number of hashes, jinja, arrows and numbers', () => {
    const toks = tokenize('##"a "# b"## {{ x }} -> -1.5 gpt-4o').filter((t, i, all) => t.kind !== 'eof' || all[i - 1]!.kind !== 'eof')
    expect(toks.map((t) => [t.kind, t.text])).toEqual([
      ['blockString', '##"a "# b"##'],
      ['jinja', '{{ x }}'],
      ['punct', '->'],
      ['number', '-1.5'],
      ['word', 'gpt-4o'],
      ['eof', ''],
    ])
  })
  it('marks unterminated strings instead of failing', () => {
    const t = tokenize('"abc\n')[0]!
    expect(t.kind).toBe('string')
    expect(t.problem).toMatch(/never closed/)
  })
})

describe('parser', () => {
  it('parses classes with attributes, docstrings and spans', () => {
    const src = '/// A book\nclass Book {\n  /// the title\n  title string @alias("t") @description(#"\n    x\n  "#)\n  tags (string | int)[]?\n  @@dynamic\n}\n'
    const r = parse(src)
    expect(r.diagnostics).toEqual([])
    const c = r.ast.items[0] as TypeBlockAst
    expect(c.docstring).toBe('A book')
    expect(c.name.name).toBe('Book')
    expect(c.members[0]!.docstring).toBe('the title')
    expect(c.members[0]!.attrs.map((a) => a.name.name)).toEqual(['alias', 'description'])
    expect(c.members[1]!.type).toMatchObject({ kind: 'optional', inner: { kind: 'list', item: { kind: 'union' } } })
    expect(c.blockAttrs[0]!.name.name).toBe('dynamic')
    expect(src.slice(c.span.start, c.span.end)).toBe(src.slice(src.indexOf('class'), src.lastIndexOf('}') + 1))
    expect(src.slice(c.members[0]!.name.span.start, c.members[0]!.name.span.end)).toBe('title')
  })

  it('binds attributes after a union to the union and parenthesised ones to the member', () => {
    const r = parse('class A {\n  x int @check(a, {{ this > 0 }}) | (string @stream.done) @description("d")\n}')
    expect(r.diagnostics).toEqual([])
    const m = (r.ast.items[0] as TypeBlockAst).members[0]!
    expect(m.attrs.map((a) => a.name.name)).toEqual(['description'])
    expect(m.type).toMatchObject({
      kind: 'union',
      options: [
        { kind: 'named', name: 'int', attrs: [{ name: { name: 'check' } }] },
        { kind: 'named', name: 'string', attrs: [{ name: { name: 'stream.done' }, parenthesized: true }] },
      ],
    })
  })

  it('parses value blocks: client shorthand, unquoted values, nested options', () => {
    const r = parse(
      'client<llm> C {\n  provider openai\n  retry_policy R\n  options {\n    model gpt-4o\n    base_url http://localhost:8000/v1 // c\n    headers { "X-A" "b", y: 2 }\n    stop ["a", b]\n    api_key env.KEY\n  }\n}\n',
    )
    expect(r.diagnostics).toEqual([])
    const b = r.ast.items[0] as ValueBlockAst
    expect(b.keyword).toBe('client')
    expect(b.clientType?.name).toBe('llm')
    expect(b.fields.map((f) => f.name.name)).toEqual(['provider', 'retry_policy', 'options'])
    expect(b.fields[0]!.value).toMatchObject({ kind: 'ident', name: 'openai' })
    const opts = b.fields[2]!.value as Extract<NonNullable<typeof b.fields[0]['value']>, { kind: 'map' }>
    expect(opts.entries.map((e) => [e.key, e.value.kind])).toEqual([
      ['model', 'string'],
      ['base_url', 'ident'],
      ['headers', 'map'],
      ['stop', 'array'],
      ['api_key', 'env'],
    ])
    expect(opts.entries[1]!.value).toMatchObject({ name: 'http://localhost:8000/v1' })
  })

  it('parses functions and tests', () => {
    const r = parse(
      'function F(a: string, b: int[]?) -> map<string, int> @check(c, {{ this }}) {\n  client "openai/gpt-4o"\n  prompt #"{{ a }}"#\n}\ntest T {\n  functions [F]\n  args { a "x", b [1, 2] }\n  @@assert({{ _.result }})\n}\n',
    )
    expect(r.diagnostics).toEqual([])
    const f = r.ast.items[0] as ValueBlockAst
    expect(f.params!.map((p) => p.name.name)).toEqual(['a', 'b'])
    expect(f.returnType).toMatchObject({ kind: 'map' })
    expect(f.returnAttrs[0]!.name.name).toBe('check')
    const t = r.ast.items[1] as ValueBlockAst
    expect(t.blockAttrs[0]!.name.name).toBe('assert')
  })

  it('reports a bad return type with what was expected', () => {
    const r = parse('function F(a: string) -> {\n  client C\n  prompt #""#\n}\n')
    expect(r.diagnostics[0]!.message).toBe('Expected a type after `->`, found `{`')
  })

  it('names each expected thing once (an unclosed array: "a value or `]`")', () => {
    const r = parse('client<llm> C {\n  provider openai\n  options {\n    model [\n  }\n}\n')
    expect(r.diagnostics[0]!.message).toBe('Expected a value or `]`, found `}`')
  })

  it('takes a return type without `->`, and a leading comma in parameter lists, as the reference does', () => {
    const r = parse('function F(, a: string) string[] {\n  client C\n  prompt #""#\n}\ntest T(x: int) {\n  functions [F]\n}\n')
    expect(r.diagnostics).toEqual([])
    const f = r.ast.items[0] as ValueBlockAst
    expect(f.params!.map((p) => p.name.name)).toEqual(['a'])
    expect(f.arrow).toBeUndefined()
    expect(f.returnType).toMatchObject({ kind: 'list' })
    expect((r.ast.items[1] as ValueBlockAst).params!.map((p) => p.name.name)).toEqual(['x'])
    // Written on the next line, the type is not part of the header (the reference rejects it too).
    expect(parse('function F(a: string)\n  string {\n}\n').diagnostics[0]!.message).toMatch(/^Expected `->` and a return type, or `{`/)
  })

  it('reads several entries on one line', () => {
    const r = parse('class A {\n  a string @description("x") b int\n  @@alias("y") @@dynamic\n  c string @@description("z")\n}\ntest T { functions [F] args { x "a" } }\n')
    expect(r.diagnostics).toEqual([])
    const c = r.ast.items[0] as TypeBlockAst
    expect(c.members.map((m) => m.name.name)).toEqual(['a', 'b', 'c'])
    expect(c.blockAttrs.map((a) => a.name.name)).toEqual(['alias', 'dynamic', 'description'])
    expect((r.ast.items[1] as ValueBlockAst).fields.map((f) => f.name.name)).toEqual(['functions', 'args'])
  })

  it('reads an unclosed quote, or text running on after a quote, as unquoted text', () => {
    // The reference's unquoted strings may start with `"` and end with `"...` up to a space or a
    // banned character; the rest of the line is then read afresh.
    const src = 'test T {\n  args {\n    x [\n      "a b", "c d\nd e", "f" // note\n      g"h"i, j\n    ]\n    m "open, y 1\n  }\n}\n'
    const r = parse(src)
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const args = (r.ast.items[0] as ValueBlockAst).fields[0]!.value as Extract<NonNullable<ValueBlockAst['fields'][0]['value']>, { kind: 'map' }>
    const x = args.entries[0]!.value as Extract<NonNullable<ValueBlockAst['fields'][0]['value']>, { kind: 'array' }>
    expect(x.items.map((v) => (v.kind === 'string' ? v.value : v.kind === 'ident' ? v.name : v.kind))).toEqual(['a b', '"c d', 'd e"', 'f', 'g"h"i', 'j'])
    expect(args.entries.map((e) => e.key)).toEqual(['x', 'm', 'y'])
    expect(args.entries[1]!.value).toMatchObject({ kind: 'ident', name: '"open' })
    expect(r.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message)).toEqual([
      expect.stringContaining('`"c d`'),
      expect.stringContaining('`"open`'),
    ])
    // Text after the quote may not hold a space: `g"h i"` ends at `g"h` and leaves `i"` behind, an error in both.
    expect(parse('test T {\n  args { x [g"h i"] }\n}\n').diagnostics.some((d) => d.severity === 'error')).toBe(true)
    // The comment after the re-read text is still found.
    expect(r.ast.comments.map((c) => c.text)).toEqual(['// note'])
  })
})
