// Selection (-i/-x with the reference's syntax) and sharding, on the core API.
import { describe, expect, it } from 'vitest'
import {
  BamlInvalidArgumentError,
  filterIncludes,
  loadProject,
  parseShard,
  parseTestFilter,
  selectTests,
  shardOf,
  shardTests,
  type BamlIR,
} from '../../core/index.ts'

const includes = (inc: string[], exc: string[], fn: string, test: string) => filterIncludes(parseTestFilter(inc, exc), fn, test)

describe('test patterns (the reference\'s syntax)', () => {
  it('Fn::Test, Fn::, ::Test and wildcards in either part select MyFunc::MyTest', () => {
    for (const p of ['MyFunc::MyTest', 'MyFunc::*', 'MyFunc::', '*::MyTest', '::MyTest', 'My*::', '*Func::', 'My*::MyTest', '*Func::MyTest', '::My*', '::*Test', 'MyFunc::My*', 'MyFunc::*Test']) {
      expect(includes([p], [], 'MyFunc', 'MyTest'), p).toBe(true)
    }
  })
  it('parts are anchored: a prefix or suffix alone does not match', () => {
    for (const p of ['My::', 'Func::', '::My', '::Test']) expect(includes([p], [], 'MyFunc', 'MyTest'), p).toBe(false)
  })
  it('an include for one test leaves the others out', () => {
    for (const p of ['MyFunc::MyTest', 'MyFunc::*', 'MyFunc::', '*::MyTest', '::MyTest']) expect(includes([p], [], 'MyOtherFunc', 'MyOtherTest'), p).toBe(false)
  })
  it('a bare name matches a function or a test', () => {
    expect(includes(['MyFunc'], [], 'MyFunc', 'Anything')).toBe(true)
    expect(includes(['MyTest'], [], 'Anything', 'MyTest')).toBe(true)
    expect(includes(['wild*'], [], 'Other', 'wild_card_test')).toBe(true)
    expect(includes(['MyFunc'], [], 'Other', 'Other')).toBe(false)
  })
  it('exclude wins over include, however specific the include', () => {
    expect(includes([], ['MyFunc::MyTest'], 'MyFunc', 'MyTest')).toBe(false)
    expect(includes(['MyFunc'], ['MyTest'], 'MyFunc', 'MyTest')).toBe(false)
    expect(includes(['MyFunc'], ['MyOtherTest'], 'MyFunc', 'MyTest')).toBe(true)
    expect(includes(['MyFunc::MyTest'], ['MyFunc::*'], 'MyFunc', 'MyTest')).toBe(false)
    expect(includes(['*Func::MyTest'], ['OtherFunc::MyTest'], 'MyFunc', 'MyTest')).toBe(true)
    for (const p of ['My::', 'Func::', '::My', '::Test']) expect(includes([], [p], 'MyFunc', 'MyTest'), p).toBe(true)
  })
  it('no include selects everything not excluded; several includes add up', () => {
    expect(includes([], [], 'A', 'B')).toBe(true)
    expect(includes(['Foo::', 'Bar::'], [], 'Bar', 'T')).toBe(true)
    expect(includes(['Foo::', 'Bar::'], [], 'Baz', 'T')).toBe(false)
  })
  it('a pattern that is not a valid regex is an argument error', () => {
    expect(() => parseTestFilter(['Fn(::'])).toThrow(BamlInvalidArgumentError)
  })
})

const SRC = `
client<llm> C {
  provider openai
  options { model "m" }
}
function Zeta(x: string) -> string {
  client C
  prompt #"{{ x }}"#
}
function Alpha(x: string) -> string {
  client C
  prompt #"{{ x }}"#
}
test Second {
  functions [Zeta, Alpha, Missing]
  args { x "a" }
}

/// a doc comment
test First {
  functions [Zeta]
  args { x "b" }
}
`

function ir(src = SRC): BamlIR {
  const r = loadProject({ 'baml_src/main.baml': src })
  if (!r.ir) throw new Error(r.diagnostics.map((d) => d.message).join('\n'))
  return r.ir
}

describe('selectTests', () => {
  it('pairs each test with each existing function it lists, sorted by function then test', () => {
    const tests = selectTests(ir())
    expect(tests.map((t) => t.key)).toEqual(['Alpha::Second', 'Zeta::First', 'Zeta::Second'])
    expect(tests.every((t) => t.file === 'baml_src/main.baml')).toBe(true)
  })
  it('gives the line of the test keyword (after a doc comment)', () => {
    const byKey = new Map(selectTests(ir()).map((t) => [t.key, t.line]))
    expect(byKey.get('Zeta::Second')).toBe(14)
    expect(byKey.get('Zeta::First')).toBe(20)
  })
  it('filters', () => {
    expect(selectTests(ir(), parseTestFilter(['Zeta::'])).map((t) => t.key)).toEqual(['Zeta::First', 'Zeta::Second'])
    expect(selectTests(ir(), parseTestFilter(['Second'], ['Alpha::'])).map((t) => t.key)).toEqual(['Zeta::Second'])
    expect(selectTests(ir(), parseTestFilter(['Nothing']))).toEqual([])
  })
})

describe('sharding', () => {
  const keys = Array.from({ length: 500 }, (_, i) => ({ key: `Fn${i % 7}::Test${i}` }))

  it('parses i/n and rejects anything else', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 })
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 })
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '1/2/3', '-1/2', '']) expect(() => parseShard(bad), bad).toThrow(BamlInvalidArgumentError)
  })
  it('the shards are disjoint and their union is the whole selection', () => {
    for (const n of [1, 2, 3, 7, 16]) {
      const parts = Array.from({ length: n }, (_, i) => shardTests(keys, { index: i + 1, count: n }))
      const union = parts.flat().map((t) => t.key)
      expect(union.length).toBe(keys.length)
      expect(new Set(union).size).toBe(keys.length)
      // and every shard gets a fair share
      for (const p of parts) expect(p.length).toBeGreaterThan(keys.length / n / 2)
    }
  })
  it('keeps the selection order within a shard', () => {
    const s = shardTests(keys, { index: 2, count: 3 })
    const order = s.map((t) => keys.indexOf(t))
    expect([...order].sort((a, b) => a - b)).toEqual(order)
  })
  it('adding tests never moves another test; one more shard moves about 1/(n+1) of them', () => {
    const before = new Map(keys.map((t) => [t.key, shardOf(t.key, 4)]))
    const more = [...keys, ...Array.from({ length: 50 }, (_, i) => ({ key: `New::T${i}` }))]
    for (const t of more.slice(0, keys.length)) expect(shardOf(t.key, 4)).toBe(before.get(t.key))
    const moved = keys.filter((t) => shardOf(t.key, 5) !== before.get(t.key)).length
    expect(moved).toBeGreaterThan(keys.length * 0.1)
    expect(moved).toBeLessThan(keys.length * 0.3)
  })
  it('is stable: the same name always lands in the same shard', () => {
    expect(shardOf('ExtractResume::vaibhav_resume', 4)).toBe(shardOf('ExtractResume::vaibhav_resume', 4))
    expect(new Set(Array.from({ length: 10 }, () => shardOf('A::B', 3))).size).toBe(1)
  })
})
