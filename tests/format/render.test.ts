// renderOutputFormat on hand-built IR: shapes a loader may hand over (unsimplified unions),
// errors, hoisting order, caching. Expected texts are the reference's (see the golden suites
// under tests/golden/format for the same shapes written in BAML).
import { describe, expect, it } from 'vitest'
import { BamlTemplateError } from '../../core/errors.ts'
import { renderOutputFormat } from '../../core/format/index.ts'
import type { TypeIR } from '../../core/ir/types.ts'
import {
  alias,
  aliasDef,
  bool,
  classDef,
  cls,
  enm,
  enumDef,
  field,
  float,
  image,
  int,
  list,
  lit,
  makeIR,
  map,
  nul,
  opt,
  string,
  union,
} from './helpers/ir.ts'

const empty = makeIR({})

function errorOf(run: () => unknown): Error {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(BamlTemplateError)
    return e as Error
  }
  throw new Error('expected an error')
}

describe('primitive, literal and union targets', () => {
  const cases: [string, TypeIR, string][] = [
    ['string', string, ''],
    ['int', int, 'Answer as an int'],
    ['float', float, 'Answer as a float'],
    ['bool', bool, 'Answer as a bool'],
    ['null', nul, 'Answer ONLY with null:\nnull'],
    ['literal string', lit('done'), 'Answer using this specific value:\n"done"'],
    ['literal int', lit(-3), 'Answer using this specific value:\n-3'],
    ['literal bool', lit(false), 'Answer using this specific value:\nfalse'],
    ['string?', opt(string), 'Answer in JSON using this schema:\nstring or null'],
    ['int | string', union(int, string), 'Answer in JSON using any of these schemas:\nint or string'],
    // Unions as written, before any simplification: nested, null first, duplicates.
    ['(int | string)?', union(union(int, string), nul), 'Answer in JSON using any of these schemas:\nint or string or null'],
    ['null | int', union(nul, int), 'Answer in JSON using this schema:\nint or null'],
    ['string | null | int', union(string, nul, int), 'Answer in JSON using any of these schemas:\nstring or int or null'],
    ['int | int', union(int, int), 'Answer as an int'],
    ['(int | (string | bool)) | float', union(union(int, union(string, bool)), float), 'Answer in JSON using any of these schemas:\nint or string or bool or float'],
    ['int[]', list(int), 'Answer with a JSON Array using this schema:\nint[]'],
    ['string[][]', list(list(string)), 'Answer with a JSON Array using this schema:\n[\n  string[]\n]'],
    ['(int | null)[]', list(union(int, nul)), 'Answer with a JSON Array using this schema:\n(int or null)[]'],
    ['("x" | "y")[]', list(union(lit('x'), lit('y'))), 'Answer with a JSON Array using this schema:\n[\n  "x" or "y"\n]'],
    ['(int[] | string)[]', list(union(list(int), string)), 'Answer with a JSON Array using this schema:\n(int[] or string)[]'],
    ['map<string, int>?', opt(map(string, int)), 'Answer in JSON using this schema:\nmap<string, int> or null'],
  ]
  for (const [name, t, expected] of cases) {
    it(name, () => expect(renderOutputFormat(empty, t)).toBe(expected))
  }

  it('applies prefix, or_splitter, map_style and render_null_as', () => {
    expect(renderOutputFormat(empty, string, { prefix: 'Text: ' })).toBe('Text: string')
    expect(renderOutputFormat(empty, string, { prefix: '' })).toBe('string')
    expect(renderOutputFormat(empty, string, { prefix: null })).toBe('')
    expect(renderOutputFormat(empty, int, { prefix: null })).toBe('int')
    expect(renderOutputFormat(empty, union(int, float, bool), { orSplitter: ' | ' })).toBe(
      'Answer in JSON using any of these schemas:\nint | float | bool',
    )
    expect(renderOutputFormat(empty, map(string, map(string, int)), { mapStyle: 'object' })).toBe(
      'Answer in JSON using this schema:\n{string: {string: int}}',
    )
    expect(renderOutputFormat(empty, nul, { renderNullAs: 'None' })).toBe('Answer ONLY with None:\nNone')
    expect(renderOutputFormat(empty, opt(int), { renderNullAs: '' })).toBe('Answer in JSON using this schema:\nint or ')
    expect(renderOutputFormat(empty, opt(int), { renderNullAs: null })).toBe('Answer in JSON using this schema:\nint or null')
  })
})

describe('classes and enums', () => {
  const ir = makeIR({
    enums: [
      enumDef('Color', ['RED', 'GREEN', 'BLUE']),
      enumDef('Mood', [{ name: 'HAPPY', alias: 'glad' }, { name: 'SAD', alias: 'blue' }, { name: 'ANGRY', skip: true }], { alias: 'Feeling' }),
      enumDef('Priority', [{ name: 'LOW', description: 'can wait' }, 'MEDIUM', { name: 'HIGH', description: 'needs attention\nbefore the end of the day' }]),
    ],
    classes: [
      classDef('Address', [
        field('street', string, { description: 'Street and number' }),
        field('city', string, { alias: 'town' }),
        field('secret', opt(string), { skip: true }),
      ], { alias: 'Location', description: '  A place.\n\nReal ones.  ' }),
      classDef('Palette', [
        field('primary', enm('Color')),
        field('moods', list(enm('Mood'))),
        field('level', enm('Priority')),
        field('where', opt(cls('Address'))),
      ]),
    ],
  })

  it('writes nested classes, inline and hoisted enums', () => {
    expect(renderOutputFormat(ir, cls('Palette'))).toBe(
      [
        'Priority',
        '----',
        '- LOW: can wait',
        '- MEDIUM',
        '- HIGH: needs attention',
        '  before the end of the day',
        '',
        'Answer in JSON using this schema:',
        '{',
        "  primary: 'RED' or 'GREEN' or 'BLUE',",
        '  moods: [',
        "    'glad' or 'blue'",
        '  ],',
        '  level: Priority,',
        '  where: {',
        '    // A place.',
        '    // ',
        '    // Real ones.',
        '  ',
        '    // Street and number',
        '    street: string,',
        '    town: string,',
        '  } or null,',
        '}',
      ].join('\n'),
    )
  })

  it('glues the prefix to a hoisted target enum', () => {
    expect(renderOutputFormat(ir, enm('Color'), { prefix: 'Choose: ', alwaysHoistEnums: true })).toBe(
      'Choose: Color\n----\n- RED\n- GREEN\n- BLUE',
    )
    expect(renderOutputFormat(ir, enm('Mood'), { enumValuePrefix: null })).toBe(
      'Answer with any of the categories:\nFeeling\n----\nglad\nblue',
    )
  })

  it('hoists classes on request, with a prefix, and rejects names the target does not use', () => {
    expect(renderOutputFormat(ir, cls('Palette'), { hoistClasses: ['Address'], hoistedClassPrefix: 'interface', quoteClassFields: true })).toBe(
      [
        'Priority',
        '----',
        '- LOW: can wait',
        '- MEDIUM',
        '- HIGH: needs attention',
        '  before the end of the day',
        '',
        'interface Address {',
        '  // A place.',
        '  // ',
        '  // Real ones.',
        '',
        '  // Street and number',
        '  "street": string,',
        '  "town": string,',
        '}',
        '',
        'Answer in JSON using this interface:',
        '{',
        `  "primary": 'RED' or 'GREEN' or 'BLUE',`,
        '  "moods": [',
        "    'glad' or 'blue'",
        '  ],',
        '  "level": Priority,',
        '  "where": Address or null,',
        '}',
      ].join('\n'),
    )
    expect(errorOf(() => renderOutputFormat(ir, cls('Address'), { hoistClasses: ['Palette'] })).message).toBe(
      'could not serialize to value: Cannot hoist class "Palette" because it does not exist',
    )
    expect(errorOf(() => renderOutputFormat(ir, cls('Address'), { hoistClasses: ['X', 'Address', 'Y', 'X'] })).message).toBe(
      'could not serialize to value: Cannot hoist classes "X", "Y" because they do not exist',
    )
  })

  it('refuses media types', () => {
    const withMedia = makeIR({ classes: [classDef('Pic', [field('caption', string), field('photo', image)])] })
    expect(errorOf(() => renderOutputFormat(withMedia, cls('Pic'))).message).toBe(
      "could not serialize to value: type 'image' is not supported in outputs",
    )
    expect(errorOf(() => renderOutputFormat(empty, list(image))).message).toBe(
      "could not serialize to value: type 'image' is not supported in outputs",
    )
  })
})

describe('recursion', () => {
  // Declared B, C, A: the cycle is listed from the first declared class, in visiting order.
  const ir = makeIR({
    classes: [
      classDef('CycleB', [field('c', opt(cls('CycleC'))), field('b_val', string)]),
      classDef('CycleC', [field('a', list(cls('CycleA')))]),
      classDef('CycleA', [field('b', cls('CycleB'))]),
      classDef('Node', [field('value', int), field('next', opt(cls('Node')))]),
      classDef('Holder', [field('first', cls('CycleC')), field('second', cls('Node'))]),
      classDef('DocNode', [field('text', string), field('children', alias('Doc'))]),
    ],
    aliases: [
      aliasDef('JsonValue', union(string, int, float, bool, nul, list(alias('JsonValue')), map(string, alias('JsonValue')))),
      aliasDef('AliasA', union(list(alias('AliasB')), string)),
      aliasDef('AliasB', union(map(string, alias('AliasA')), int)),
      aliasDef('Doc', union(cls('DocNode'), list(alias('Doc')))),
    ],
    recursiveClasses: ['CycleA', 'CycleB', 'CycleC', 'Node', 'DocNode'],
  })

  it('hoists every class of a cycle in the reference order', () => {
    expect(renderOutputFormat(ir, cls('Holder'))).toBe(
      [
        'Node {',
        '  value: int,',
        '  next: Node or null,',
        '}',
        '',
        'CycleB {',
        '  c: CycleC or null,',
        '  b_val: string,',
        '}',
        '',
        'CycleC {',
        '  a: CycleA[],',
        '}',
        '',
        'CycleA {',
        '  b: CycleB,',
        '}',
        '',
        'Answer in JSON using this schema:',
        '{',
        '  first: CycleC,',
        '  second: Node,',
        '}',
      ].join('\n'),
    )
    expect(renderOutputFormat(ir, cls('Node'), { prefix: 'Use: ' })).toBe(
      'Node {\n  value: int,\n  next: Node or null,\n}\n\nUse: Node',
    )
  })

  it('defines recursive aliases once, with their whole cycle', () => {
    expect(renderOutputFormat(ir, alias('JsonValue'))).toBe(
      'JsonValue = string or int or float or bool or JsonValue[] or map<string, JsonValue> or null\n\n' +
        'Answer in JSON using this schema: JsonValue',
    )
    expect(renderOutputFormat(ir, alias('AliasB'))).toBe(
      'AliasA = AliasB[] or string\nAliasB = map<string, AliasA> or int\n\nAnswer in JSON using this schema: AliasB',
    )
    expect(renderOutputFormat(ir, list(alias('JsonValue')), { hoistedClassPrefix: 'type' })).toBe(
      'type JsonValue = string or int or float or bool or JsonValue[] or map<string, JsonValue> or null\n\n' +
        'Answer with a JSON Array using this schema:\nJsonValue[]',
    )
  })

  it('treats a class reached through its own recursive alias as recursive', () => {
    expect(renderOutputFormat(ir, alias('Doc'))).toBe(
      'DocNode {\n  text: string,\n  children: Doc,\n}\n\nDoc = DocNode or Doc[]\n\nAnswer in JSON using this schema: Doc',
    )
  })
})

describe('caching', () => {
  const ir = makeIR({ classes: [classDef('Point', [field('x', float), field('y', float)])] })
  const target = cls('Point')

  it('gives the same text for equal options and different texts for different options', () => {
    const a = renderOutputFormat(ir, target)
    expect(renderOutputFormat(ir, target, {})).toBe(a)
    expect(renderOutputFormat(ir, target, { prefix: undefined })).toBe(a)
    expect(renderOutputFormat(ir, target, { quoteClassFields: true })).toBe(
      'Answer in JSON using this schema:\n{\n  "x": float,\n  "y": float,\n}',
    )
    expect(renderOutputFormat(ir, target, { prefix: null })).toBe('{\n  x: float,\n  y: float,\n}')
    expect(renderOutputFormat(ir, target)).toBe(a)
  })
})
