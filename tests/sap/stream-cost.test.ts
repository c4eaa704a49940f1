// What a stream push costs, whatever the shape of the text: about its chunk plus what changed, not
// the whole text so far. Measured in steps (core/sap/work.ts: characters scanned, nodes coerced and
// rendered, candidates compared), which do not depend on the machine: streaming a text must cost a
// small multiple of parsing it once, and twice the text about twice the steps (a push that redoes
// the text so far makes streaming quadratic: 4x per doubling, and a ratio growing with the size).
//
// The shapes are the worst cases once found (an unclosed `[` run, one long number, thousands of
// small objects, a deep recursive chain) and relatives (long prose, a fenced list, a big map, a long
// list, a deep tree), each against several return types.
import { describe, expect, it } from 'vitest'
import type { TypeIR } from '../../core/ir/types.ts'
import { createStreamParser, parseLlmOutput } from '../../core/sap/index.ts'
import { countSteps } from '../../core/sap/work.ts'
import { expectEndMatches, expectPushMatches, settle } from './support/golden.ts'
import { loadTargets, repeatTo } from './support/stream-shapes.ts'

const TARGETS: Record<string, string> = {
  Person: 'Person',
  People: 'Person[]',
  Chain: 'Node',
  Tree: 'Tree',
  Json: 'JsonValue',
  Int: 'int',
  Strings: 'string[]',
  Counts: 'map<string, int>',
}

const { ir, types } = loadTargets(TARGETS)

interface Shape {
  readonly text: (n: number) => string
  readonly targets: readonly string[]
  /** deep shapes: every push below MAX_NESTING rebuilds the path from the root (see SIZE) */
  readonly deep?: boolean
}

const SHAPES: Record<string, Shape> = {
  '`[` run': { text: (n) => '['.repeat(n), targets: ['Person', 'People', 'Json', 'Counts'] },
  'one long number': { text: (n) => repeatTo(n, '1234567890'), targets: ['Person', 'Json', 'Int', 'Strings'] },
  'long fraction': { text: (n) => repeatTo(n, '1234567890', '0.'), targets: ['Person', 'Json', 'Int'] },
  'many small objects': { text: (n) => repeatTo(n, '{"name": "a"} '), targets: ['Person', 'People', 'Json', 'Int', 'Counts'] },
  'recursive chain': { text: (n) => repeatTo(n, '{"name": "a", "next": '), targets: ['Chain', 'Json', 'Person', 'Strings'], deep: true },
  'deep tree': { text: (n) => repeatTo(n, '{"value": 1, "children": ['), targets: ['Tree', 'Json', 'Person'], deep: true },
  'long prose line': { text: (n) => repeatTo(n, 'the quick brown fox '), targets: ['Person', 'People', 'Json', 'Strings'] },
  'fenced list': { text: (n) => repeatTo(n, '{"name": "a", "age": 1},\n', 'Here you go:\n```json\n['), targets: ['People', 'Person', 'Json', 'Strings', 'Counts'] },
  'big map': {
    text: (n) => {
      let s = '{'
      for (let i = 0; s.length < n; i++) s += `"k${i}": ${i}, `
      return s
    },
    targets: ['Counts', 'Json', 'Person'],
  },
  'repeated key': { text: (n) => repeatTo(n, '"name": "a", ', '{'), targets: ['Person', 'Counts', 'Json'] },
  'long string list': { text: (n) => repeatTo(n, '"abc", ', '['), targets: ['Strings', 'Person', 'Int', 'Json'] },
  'unquoted list': { text: (n) => repeatTo(n, 'x, ', '{"name": '), targets: ['Person', 'Json'] },
}

function streamSteps(t: TypeIR, text: string, chunk: number): number {
  return countSteps(() => {
    const p = createStreamParser(ir, t)
    for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk))
    settle(() => p.end())
  })
}

function oneGoSteps(t: TypeIR, text: string): number {
  return countSteps(() => void settle(() => parseLlmOutput(ir, t, text)))
}

// 8 KB / 16 KB: before pushes were incremental, these shapes took 25-100x the one-go steps at
// 8 KB and about 4x more per doubling. The bounds leave room for the fixed work of each push; a
// deep shape rebuilds its path from the root on each push until it passes MAX_NESTING (128
// levels, after which the parse fails), a fixed cost next to a one-go parse that fails at once.
const SIZE = 8 * 1024
const MAX_RATIO = 8
const MAX_RATIO_DEEP = 16
const MAX_DOUBLING = 2.4

describe('a stream push costs about its chunk, whatever the shape', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    for (const target of shape.targets) {
      it(`${name} -> ${TARGETS[target]}`, () => {
        const t = types[target]!
        const text = shape.text(SIZE)
        const one = oneGoSteps(t, text)
        const small = streamSteps(t, text, 20)
        const big = streamSteps(t, shape.text(2 * SIZE), 20)
        expect(small / one, `streamed ${small} steps, one go ${one}`).toBeLessThan(shape.deep ? MAX_RATIO_DEEP : MAX_RATIO)
        expect(big / small, `streamed ${small} steps, twice the text ${big}`).toBeLessThan(MAX_DOUBLING)
      })
    }
  }
})

describe('the worst-case shapes stream to the one-shot results', () => {
  // every push equals the one-shot partial parse of its prefix, end() the final parse (small sizes:
  // the check itself is quadratic); sizes cross the reader's head/tail seam (jsonish/source.ts)
  for (const [name, shape] of Object.entries(SHAPES)) {
    it(name, () => {
      const text = shape.text(1500)
      for (const target of shape.targets) {
        const t = types[target]!
        const p = createStreamParser(ir, t)
        for (let i = 0; i < text.length; i += 37) {
          const got = p.push(text.slice(i, i + 37))
          expectPushMatches(ir, t, text.slice(0, i + 37), got, `${target} at ${i + 37}`)
        }
        expectEndMatches(ir, t, text, settle(() => p.end()), `${target} end`)
      }
    })
  }
})

describe('free text or a number streamed to a class of several fields is not coerced again each push', () => {
  // the candidates are scalars whose content such a class does not read: while they keep their
  // shape, a push reuses the last push's value (parse.ts, scalarSignature); coercing and rendering
  // again took about a quarter more steps than the whole one-go parse
  for (const [name, unit] of [
    ['long prose line', 'the quick brown fox '],
    ['one long number', '1234567890'],
  ] as const) {
    it(name, () => {
      const t = types.Person!
      const text = repeatTo(SIZE, unit)
      const one = oneGoSteps(t, text)
      const streamed = streamSteps(t, text, 20)
      expect(streamed / one, `streamed ${streamed} steps, one go ${one}`).toBeLessThan(1.15)
    })
  }

  it('and a push that changes the candidates gets their new value', () => {
    // prose, then a number, then an object: every push equals the one-shot partial parse
    const text = 'the quick brown fox '.repeat(20) + '12345 67' + ' {"name": "ann", "age": 3} and "quoted" [1, 2] true'
    for (const target of ['Person', 'Chain', 'Tree']) {
      const t = types[target]!
      for (const chunk of [1, 7, 20]) {
        const p = createStreamParser(ir, t)
        for (let i = 0; i < text.length; i += chunk) {
          const got = p.push(text.slice(i, i + chunk))
          expectPushMatches(ir, t, text.slice(0, i + chunk), got, `${target} at ${i + chunk}`)
        }
      }
    }
  })
})
