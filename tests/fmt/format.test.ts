// formatBaml on small inputs: the canonical layout, what it keeps as written (prompts, comments,
// docstrings, line ends, a byte-order mark) and what it refuses (syntax errors, stray block strings).
import { describe, expect, it } from 'vitest'
import { formatBaml, lineColAt } from '../../core/index.ts'
import { parseFile } from '../../core/syntax/parser.ts'

const lines = (...l: string[]) => l.join('\n') + '\n'

/** The docstrings of a file's classes and their fields, in order. */
function docs(text: string): (string | undefined)[] {
  const out: (string | undefined)[] = []
  for (const item of parseFile({ path: 'x.baml', text }).ast.items) {
    if (item.kind !== 'typeBlock') continue
    out.push(item.docstring)
    for (const m of item.members) out.push(m.docstring)
  }
  return out
}

describe('formatBaml', () => {
  it('writes the canonical layout', () => {
    const src = lines(
      '// models',
      'class   Book{',
      '  title    string  @alias("t")   // trailing',
      '  tags (string|int)[]?',
      '',
      '',
      '  @@dynamic',
      '}',
      'enum Genre { FICTION',
      '  POETRY }',
      'client<llm> C {',
      '  provider openai',
      '  options { model gpt-4o, temperature 0.5 }',
      '}',
      'function F(a: string,b: int?) -> Book {',
      '  client C',
      '  prompt #"',
      '    {{ a }}',
      '  "#',
      '}',
    )
    const r = formatBaml('x.baml', src)
    expect(r.diagnostics).toEqual([])
    expect(r.changed).toBe(true)
    expect(r.text).toBe(
      lines(
        '// models',
        'class Book {',
        '  title string @alias("t") // trailing',
        '  tags (string | int)[]?',
        '',
        '  @@dynamic',
        '}',
        '',
        'enum Genre {',
        '  FICTION',
        '  POETRY',
        '}',
        '',
        'client<llm> C {',
        '  provider openai',
        '  options {',
        '    model gpt-4o',
        '    temperature 0.5',
        '  }',
        '}',
        '',
        'function F(a: string, b: int?) -> Book {',
        '  client C',
        '  prompt #"',
        '    {{ a }}',
        '  "#',
        '}',
      ),
    )
    expect(formatBaml('x.baml', r.text)).toEqual({ text: r.text, changed: false, diagnostics: [] })
  })

  it('keeps prompts byte for byte (trailing blanks, tabs, blank lines, hashes)', () => {
    const prompt = '##"\n    Hi {{ x }}   \n\t tabs  \n\n  "quoted"# \n  "##'
    const src = `function F(x: string) -> string {\n    client "openai/gpt-4o"\n  prompt ${prompt}\n}\n`
    const r = formatBaml('x.baml', src)
    expect(r.diagnostics).toEqual([])
    expect(r.text).toBe(`function F(x: string) -> string {\n  client "openai/gpt-4o"\n  prompt ${prompt}\n}\n`)
  })

  it('keeps every kind of comment, and a {// //} comment over several lines stays put when formatted again', () => {
    const src = lines('class B {', '      {// block', '     comment //}', '  b   string   // t', '  /// doc of c', '  c int', '}', '// end')
    const once = formatBaml('x.baml', src).text
    expect(once).toBe(lines('class B {', '  {// block', '     comment //}', '  b string // t', '  /// doc of c', '  c int', '}', '', '// end'))
    expect(formatBaml('x.baml', once).text).toBe(once)
    expect(docs(once)).toEqual(docs(src))
  })

  it('keeps docstrings as written, trailing blanks included (they are part of the model)', () => {
    const src = lines('/// A book.  ', 'class Book {', '  /// The title. ', '  title string', '}')
    const r = formatBaml('x.baml', src)
    expect(r.changed).toBe(false)
    expect(docs(r.text)).toEqual(['A book.  ', 'The title. '])
  })

  it('does not turn a /// comment into the docstring of what follows it in the output', () => {
    // After `{` and a blank line, `/// note` documents nothing; after formatting it still does not.
    const src = lines('class A { /// note', '', '  a int', '}', 'class B /// header', '{', '  b int', '}')
    const r = formatBaml('x.baml', src)
    expect(r.diagnostics).toEqual([])
    expect(docs(src)).toEqual([undefined, undefined, undefined, undefined])
    expect(docs(r.text)).toEqual(docs(src))
    expect(formatBaml('x.baml', r.text).text).toBe(r.text)
  })

  it('keeps a field\'s trailing docstring on its line when comments sit inside the line', () => {
    const src = lines('class A {', '  a {// inner //} int /// the doc', '}')
    const r = formatBaml('x.baml', src)
    expect(r.text).toBe(lines('class A {', '  {// inner //}', '  a int /// the doc', '}'))
    expect(docs(r.text)).toEqual([undefined, 'the doc'])
  })

  it('keeps comments inside arrays and keeps type_builder blocks where they were', () => {
    const src = lines(
      'test T {',
      '  functions [F, // first',
      '    G]',
      '  // the types',
      '  type_builder {',
      '    class X {',
      '      a int',
      '    }',
      '  }',
      '  args { a 1 }',
      '}',
    )
    const r = formatBaml('x.baml', src)
    expect(r.text).toBe(
      lines(
        'test T {',
        '  functions [',
        '    F, // first',
        '    G,',
        '  ]',
        '  // the types',
        '  type_builder {',
        '    class X {',
        '      a int',
        '    }',
        '  }',
        '  args {',
        '    a 1',
        '  }',
        '}',
      ),
    )
  })

  it('follows the file\'s line ends and keeps a byte-order mark', () => {
    const crlf = 'class  A {\r\n  a int\r\n}\r\nfunction F() -> A {\r\n  client C\r\n  prompt #"\r\n    x\r\n  "#\r\n}\r\n'
    const r = formatBaml('x.baml', '\uFEFF' + crlf)
    expect(r.diagnostics).toEqual([])
    expect(r.text).toBe('\uFEFFclass A {\r\n  a int\r\n}\r\n\r\nfunction F() -> A {\r\n  client C\r\n  prompt #"\r\n    x\r\n  "#\r\n}\r\n')
  })

  it('leaves a file with syntax errors untouched and returns its diagnostics', () => {
    const src = lines('class A {', '  a int', '', 'class B {', '  b strin g', '}')
    const r = formatBaml('baml_src/x.baml', src)
    expect(r.changed).toBe(false)
    expect(r.text).toBe(src)
    expect(r.diagnostics.length).toBeGreaterThan(0)
    expect(r.diagnostics.every((d) => d.severity === 'error' && d.span.file === 'baml_src/x.baml')).toBe(true)
    expect(r.diagnostics.map((d) => d.message)).toEqual(parseFile({ path: 'baml_src/x.baml', text: src }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message))
  })

  it('refuses a file whose block string is outside every block (formatting would drop it) and says where', () => {
    const src = lines('class A {', '  a int', '}', '#"stray"#')
    const r = formatBaml('x.baml', src)
    expect(r.text).toBe(src)
    expect(r.changed).toBe(false)
    expect(r.diagnostics).toHaveLength(1)
    const d = r.diagnostics[0]!
    expect(d.message).toMatch(/^This block string is outside every block/)
    expect(lineColAt({ path: 'x.baml', text: src }, d.span.start)).toEqual({ line: 4, column: 1 })
    expect(src.slice(d.span.start, d.span.end)).toBe('#"stray"#')
  })

  it('formats an empty file and a file of comments only', () => {
    expect(formatBaml('x.baml', '')).toEqual({ text: '', changed: false, diagnostics: [] })
    expect(formatBaml('x.baml', '\n\n')).toEqual({ text: '', changed: true, diagnostics: [] })
    expect(formatBaml('x.baml', '  // a   \n\n\n// b\n').text).toBe('// a\n\n// b\n')
  })
})
