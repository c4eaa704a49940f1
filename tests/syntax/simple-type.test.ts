// The parser builds simple types (names, literals, `[]`, `?`, `|`, no attributes) directly instead
// of running the type combinators (parse-type.ts `simpleType`). It must give exactly what the
// combinators give, and leave everything else to them.
import { describe, expect, it } from 'vitest'
import { initialState, okState, run, type Ctx } from '../../core/syntax/combinators.ts'
import { tokenize } from '../../core/syntax/lexer.ts'
import { simpleType, typeChain } from '../../core/syntax/parse-type.ts'

function ctxFor(text: string): Ctx {
  return { file: 'x.baml', src: text, tokens: tokenize(text), diags: [], farIndex: -1, farExpected: [], unquotedRanges: [], depth: 0 }
}

/** What the combinators read at the start of `text`: the type and the index after it. */
function viaCombinators(text: string) {
  const ctx = ctxFor(text)
  const r = run(typeChain, okState(initialState(ctx), null, 0))
  return r.isError ? undefined : { type: r.result.type, end: r.index, trailing: r.result.trailing.length }
}

const SIMPLE = [
  'string',
  'Foo',
  'int?',
  'int[]',
  'int[][]?',
  '"a" | "b" | "c"',
  'string | string',
  '1 | -2 | 3.5',
  'A | B?',
  'A[] | B[]? | null',
  'A?|B',
  'map',
  'map<string, int>',
  'map<Kind, float>[]?',
  'map<string,int> | int',
  'string\n  other int',
  'string /// doc',
  'A | B\n\n  @description("blank line before: not this field\'s")',
]

const NOT_SIMPLE = [
  'map<string, int[]>',
  'map<string, map<string, int>>',
  'map<a.b, int>',
  'map<string>',
  'map<string, int',
  'a.b',
  '(A | B)[]',
  'int @alias("x")',
  'int\n  @description("on the next line")',
  'A | B @check(x, {{ this }})',
  'A |',
  'A[',
  'int??',
  'int?[]',
  '"open',
  '',
]

describe('simpleType', () => {
  it.each(SIMPLE)('builds what the combinators build: %j', (text) => {
    const expected = viaCombinators(text)
    expect(expected).toBeDefined()
    expect(expected!.trailing).toBe(0)
    const got = simpleType(ctxFor(text), 0)
    expect(got).toBeDefined()
    expect(JSON.stringify(got!.type)).toBe(JSON.stringify(expected!.type))
    expect(got!.end).toBe(expected!.end)
  })

  it.each(NOT_SIMPLE)('leaves %j to the combinators', (text) => {
    expect(simpleType(ctxFor(text), 0)).toBeUndefined()
  })
})

// With `trailing`, plain attributes after the whole type are left to the caller: the type and the
// index where they start are what the combinators give, as `trailing` attributes.
const WITH_PLAIN_ATTRIBUTES = [
  'int @alias("x")',
  'int\n  @description("on the next line")',
  'A | B @check(x, {{ this }})',
  '"a" | "b" @description("d") @alias(a1)',
  'int[]? @assert({{ this > 0 }}) /// doc',
  'int @skip()',
  // the `|` on the next line is not part of the type (for the combinators neither)
  'A @alias("x")\n  | B',
]

const NOT_PLAIN = [
  'A @alias("x") | B',
  'int @stream.done',
  'int @check(c, 1)',
  'int @alias(a b)',
  'int @alias("open)',
  'int @alias(\n"x")',
  'int @alias("x"',
]

describe('simpleType with trailing attributes', () => {
  it.each(WITH_PLAIN_ATTRIBUTES)('gives the type the combinators give, attributes left: %j', (text) => {
    const expected = viaCombinators(text)
    expect(expected).toBeDefined()
    expect(expected!.trailing).toBeGreaterThan(0)
    const got = simpleType(ctxFor(text), 0, true)
    expect(got?.attrsFollow).toBe(true)
    expect(JSON.stringify(got!.type)).toBe(JSON.stringify(expected!.type))
    expect(simpleType(ctxFor(text), 0)).toBeUndefined()
  })

  it.each(NOT_PLAIN)('leaves %j to the combinators', (text) => {
    expect(simpleType(ctxFor(text), 0, true)).toBeUndefined()
  })
})
