// buildIR on the conformance projects: they load, and the IR holds what the sources say.
import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { buildIR } from '../../core/ir/load.ts'
import type { BamlIR, TypeIR } from '../../core/ir/types.ts'
import { GOLDEN, readProject } from '../helpers/golden.ts'

function load(suite: string): BamlIR {
  const r = buildIR(readProject(join(GOLDEN, 'conformance', suite)))
  const errors = r.diagnostics.filter((d) => d.severity === 'error')
  expect(errors.map((e) => e.message)).toEqual([])
  expect(r.ir).toBeDefined()
  return r.ir!
}

/** Types without spans/attrs noise for comparisons. */
function strip(t: TypeIR): unknown {
  const base = (x: Record<string, unknown>) => (t.attrs ? { ...x, attrs: t.attrs } : x)
  switch (t.kind) {
    case 'list':
      return base({ kind: 'list', item: strip(t.item) })
    case 'map':
      return base({ kind: 'map', key: strip(t.key), value: strip(t.value) })
    case 'union':
      return base({ kind: 'union', options: t.options.map(strip) })
    default:
      return t.attrs ? t : { ...t }
  }
}
const str: TypeIR = { kind: 'primitive', name: 'string' }
const int: TypeIR = { kind: 'primitive', name: 'int' }
const nul: TypeIR = { kind: 'primitive', name: 'null' }

describe('render-types project', () => {
  let ir: BamlIR
  beforeAll(() => {
    ir = load('render-types')
  })

  it('collects every declaration in order', () => {
    expect([...ir.enums.keys()]).toEqual(['Genre', 'Shelf', 'Binding', 'Decade'])
    expect([...ir.classes.keys()]).toEqual(['Author', 'Book', 'Review', 'Catalog', 'Chapter', 'Comment', 'Loan', 'Magazine'])
    expect([...ir.typeAliases.keys()]).toEqual(['Identifier', 'Shelving'])
    expect(ir.clients.get('Writer')?.provider).toBe('openai')
    expect(ir.functions.size).toBe(29)
  })

  it('reads enum value and block attributes', () => {
    const shelf = ir.enums.get('Shelf')!
    expect(shelf.alias).toBe('ShelfSpot')
    expect(shelf.description).toBe('Where a book is stored')
    expect(shelf.values.map((v) => v.name)).toEqual(['TOP', 'MIDDLE', 'BOTTOM', 'ARCHIVE'])
    expect(shelf.values[0]).toMatchObject({ alias: 'upper', description: 'the highest shelf' })
    expect(shelf.values[3]!.skip).toBe(true)
    expect(shelf.values[1]!.alias).toBeUndefined()
  })

  it('resolves field types: optional, list, literal unions, maps', () => {
    const book = ir.classes.get('Book')!
    expect(book.fields.map((f) => f.name)).toEqual(['title', 'isbn', 'authors', 'genre', 'pages', 'price', 'in_print'])
    expect(book.fields[0]!.description).toBe('Title as printed on the cover')
    expect(book.fields[1]!.alias).toBe('ISBN-13')
    expect(strip(book.fields[2]!.type)).toEqual({ kind: 'list', item: { kind: 'class', name: 'Author' } })
    expect(strip(book.fields[3]!.type)).toEqual({ kind: 'enum', name: 'Genre' })
    expect(strip(book.fields[4]!.type)).toEqual({ kind: 'union', options: [int, nul] })
    const review = ir.classes.get('Review')!
    expect(strip(review.fields[0]!.type)).toEqual({ kind: 'union', options: [1, 2, 3, 4, 5].map((value) => ({ kind: 'literal', value })) })
    expect(review.description).toBe('A reader review')
    const catalog = ir.classes.get('Catalog')!
    expect(strip(catalog.fields[1]!.type)).toEqual({ kind: 'map', key: { kind: 'enum', name: 'Genre' }, value: int })
    expect(strip(catalog.fields[2]!.type)).toEqual({
      kind: 'map',
      key: { kind: 'union', options: [{ kind: 'literal', value: 'new' }, { kind: 'literal', value: 'used' }] },
      value: { kind: 'primitive', name: 'bool' },
    })
  })

  it('expands non-recursive aliases in place', () => {
    const loan = ir.classes.get('Loan')!
    expect(strip(loan.fields[0]!.type)).toEqual({ kind: 'union', options: [str, int] })
    expect(strip(loan.fields[1]!.type)).toEqual({ kind: 'union', options: [str, nul] })
    expect(strip(loan.fields[2]!.type)).toEqual({ kind: 'union', options: [{ kind: 'class', name: 'Book' }, { kind: 'class', name: 'Magazine' }] })
    expect(strip(loan.fields[3]!.type)).toEqual({ kind: 'union', options: [str, int, nul] })
    expect(strip(loan.fields[4]!.type)).toEqual({ kind: 'map', key: str, value: { kind: 'enum', name: 'Shelf' } })
    expect(ir.typeAliases.get('Identifier')!.recursive).toBe(false)
  })

  it('marks classes that reach themselves as recursive', () => {
    expect([...ir.recursiveClasses].sort()).toEqual(['Chapter', 'Comment'])
  })

  it('keeps function signatures, client and raw prompt with its span', () => {
    const f = ir.functions.get('DescribeBook')!
    expect(f.params).toHaveLength(1)
    expect(f.params[0]!.name).toBe('q')
    expect(strip(f.params[0]!.type)).toEqual(str)
    expect(strip(f.returnType)).toEqual({ kind: 'class', name: 'Book' })
    expect(f.client).toBe('Writer')
    expect(f.prompt.raw).toBe('\n    {{ q }}\n    {{ ctx.output_format }}\n  ')
    const text = ir.files.get(f.prompt.span.file)!.text
    expect(text.slice(f.prompt.span.start, f.prompt.span.end)).toBe(f.prompt.raw)
  })

  it('keeps client options as raw config values', () => {
    const w = ir.clients.get('Writer')!
    expect(w.options.entries.map((e) => e.key)).toEqual(['model', 'api_key'])
    expect(w.options.entries[0]!.value).toMatchObject({ kind: 'string', value: 'gpt-4o-mini', quoted: 'double' })
    expect(w.options.entries[1]!.value).toMatchObject({ kind: 'env', name: 'OPENAI_API_KEY' })
  })
})

describe('parse project: constraints', () => {
  it('puts field @check/@assert on the field type and return-type checks on the return type', () => {
    const ir = load('parse')
    const rating = ir.classes.get('Rating')!
    expect(rating.fields[0]!.type.attrs?.constraints).toEqual([
      expect.objectContaining({ level: 'check', label: 'in_range', expression: 'this >= 1 and this <= 5' }),
    ])
    expect(rating.fields[1]!.type.attrs?.constraints).toEqual([
      expect.objectContaining({ level: 'assert', label: 'has_name', expression: 'this|length > 1' }),
    ])
    const lucky = ir.functions.get('LuckyNumber')!
    expect(lucky.returnType).toMatchObject({ kind: 'primitive', name: 'int', attrs: { constraints: [{ level: 'check', label: 'is_seven', expression: 'this == 7' }] } })
    const fmt = ir.enums.get('Format')!
    expect(fmt.values.find((v) => v.name === 'EBOOK')!.description).toBe('digital edition for e-readers')
    expect(ir.recursiveClasses.has('Section')).toBe(true)
  })
})

describe('parse-stream project: streaming attributes', () => {
  it('reads @stream.* on fields and @@stream.done on classes', () => {
    const ir = load('parse-stream')
    const item = ir.classes.get('ReadingItem')!
    expect(item.fields[0]!.type.attrs).toEqual({ streamNotNull: true })
    expect(item.fields[1]!.type.attrs).toEqual({ streamDone: true })
    expect(item.fields[2]!.type.attrs).toEqual({ streamWithState: true })
    expect(item.fields[3]!.type.attrs).toBeUndefined()
    expect(ir.classes.get('Citation')!.attrs).toEqual({ streamDone: true })
    expect(ir.classes.get('ReadingList')!.fields.find((f) => f.name === 'is_public')!.alias).toBe('public')
  })
})

describe('render-providers project: clients', () => {
  it('canonicalises providers and keeps nested options', () => {
    const ir = load('render-providers')
    const providers = Object.fromEntries([...ir.clients.values()].map((c) => [c.name, c.provider]))
    expect(providers).toMatchObject({
      OpenAIPlain: 'openai',
      GenericLocal: 'openai-generic',
      AzureByResource: 'azure-openai',
      Claude: 'anthropic',
      Gemini: 'google-ai',
      Bedrock: 'aws-bedrock',
      Responses: 'openai-responses',
      LocalOllama: 'ollama',
    })
    const tuned = ir.clients.get('OpenAITuned')!.options
    const get = (k: string) => tuned.entries.find((e) => e.key === k)!.value
    expect(get('temperature')).toMatchObject({ kind: 'number', value: 0.25, isInt: false })
    expect(get('max_tokens')).toMatchObject({ kind: 'number', value: 300, isInt: true })
    expect(get('stop')).toMatchObject({ kind: 'array', items: [{ kind: 'string', value: '</answer>' }] })
    expect(get('headers')).toMatchObject({ kind: 'map', entries: [{ key: 'X-Team', value: { kind: 'string', value: 'catalog' } }] })
  })
})

describe('render-jinja project: template strings', () => {
  it('keeps template string params and bodies', () => {
    const ir = load('render-jinja')
    expect([...ir.templateStrings.keys()]).toEqual(['Salutation', 'Signature', 'VolumeLine'])
    const sig = ir.templateStrings.get('Signature')!
    expect(sig.params.map((p) => p.name)).toEqual(['name', 'library'])
    expect(sig.body.raw).toContain('{{ Salutation(name) }}')
    expect(ir.templateStrings.get('VolumeLine')!.params[0]!.type).toEqual({ kind: 'class', name: 'Volume' })
    expect(ir.enums.get('Condition')!.values[0]!.alias).toBe('like new')
  })
})

describe('check projects that load', () => {
  it('valid-minimal-project has a test with args', () => {
    const r = buildIR(readProject(join(GOLDEN, 'conformance/check/valid-minimal-project')))
    const t = r.ir!.tests[0]!
    expect(t.name).toBe('LookupPatronBasic')
    expect(t.functions.map((f) => f.name)).toEqual(['LookupPatron'])
    expect(t.args).toEqual([expect.objectContaining({ key: 'card', value: expect.objectContaining({ kind: 'string', value: 'C-1001' }) })])
  })

  it('valid-recursive-through-optional-and-list keeps the recursive alias as an alias node', () => {
    const r = buildIR(readProject(join(GOLDEN, 'conformance/check/valid-recursive-through-optional-and-list')))
    const alias = r.ir!.typeAliases.get('Shelfmark')!
    expect(alias.recursive).toBe(true)
    expect(strip(alias.type)).toEqual({ kind: 'union', options: [str, { kind: 'list', item: { kind: 'alias', name: 'Shelfmark' } }] })
    expect(r.ir!.recursiveClasses.has('Folder')).toBe(true)
  })

  it('valid-test-missing-arg-is-warning loads with a warning', () => {
    const r = buildIR(readProject(join(GOLDEN, 'conformance/check/valid-test-missing-arg-is-warning')))
    expect(r.ir).toBeDefined()
    expect(r.diagnostics.map((d) => [d.severity, d.message])).toEqual([['warning', expect.stringContaining('days')]])
  })
})
