// What a stream push copies: list items copied into fresh lists (core/sap/work.ts `copied`), which
// the step counts of stream-cost.test.ts do not see. A push that copies a list growing with the
// text makes a stream quadratic however few steps it takes (a stream of thousands of small objects
// against one Person once copied two candidate lists of all of them on every push).
//
// When the result is not a list, the copies must grow with the text, not with its square. When
// it is a list, a push returns a fresh copy of it (callers may keep or change earlier partials),
// so that copy is the floor; the copies must stay a small multiple of it.
//
// Known to copy a growing list per push while returning a single value (not held here): the
// fixing parser's snapshot of an open list (fenced list -> Person).
import { describe, expect, it } from 'vitest'
import type { TypeIR } from '../../core/ir/types.ts'
import { createStreamParser } from '../../core/sap/index.ts'
import { countCopied } from '../../core/sap/work.ts'
import { expectEndMatches, expectPushMatches, settle } from './support/golden.ts'
import { loadTargets, repeatTo } from './support/stream-shapes.ts'

const TARGETS: Record<string, string> = {
  Person: 'Person',
  People: 'Person[]',
  Chain: 'Node',
  Json: 'JsonValue',
  Strings: 'string[]',
}

const { ir, types } = loadTargets(TARGETS)

const SHAPES: Record<string, (n: number) => string> = {
  '`[` run': (n) => '['.repeat(n),
  'one long number': (n) => repeatTo(n, '1234567890'),
  'many small objects': (n) => repeatTo(n, '{"name": "a"} '),
  'recursive chain': (n) => repeatTo(n, '{"name": "a", "next": '),
  'long prose line': (n) => repeatTo(n, 'the quick brown fox '),
  'fenced list': (n) => repeatTo(n, '{"name": "a", "age": 1},\n', 'Here you go:\n```json\n['),
  'long string list': (n) => repeatTo(n, '"abc", ', '['),
}

/** Items copied by streaming `text` in 20-character chunks, and the summed length of the list results. */
function stream(t: TypeIR, text: string): { copied: number; listItems: number; last: unknown } {
  let listItems = 0
  let last: unknown
  const copied = countCopied(() => {
    const p = createStreamParser(ir, t)
    for (let i = 0; i < text.length; i += 20) {
      last = p.push(text.slice(i, i + 20))
      if (Array.isArray(last)) listItems += last.length
    }
    settle(() => p.end())
  })
  return { copied, listItems, last }
}

const SIZE = 8 * 1024

describe('a stream push copies no list that grows with the text, when the result is not a list', () => {
  // deep: pushes below MAX_NESTING (128 levels) snapshot each open level's few entries, a fixed
  // cost once the parse fails past the limit
  const cases: [string, string, boolean?][] = [
    ['`[` run', 'Person'],
    ['`[` run', 'Json'],
    ['one long number', 'Person'],
    ['one long number', 'Json'],
    ['many small objects', 'Person'],
    // (the list of all the objects, a losing candidate, used to be copied on every push)
    ['many small objects', 'Json'],
    ['recursive chain', 'Chain', true],
    ['recursive chain', 'Json', true],
    ['long prose line', 'Person'],
    ['long prose line', 'Json'],
  ]
  for (const [shape, target, deep] of cases) {
    it(`${shape} -> ${TARGETS[target]}`, () => {
      const t = types[target]!
      const small = stream(t, SHAPES[shape]!(SIZE))
      const big = stream(t, SHAPES[shape]!(2 * SIZE))
      expect(Array.isArray(big.last), 'the result is not a list').toBe(false)
      if (deep) {
        expect(big.copied, `copied ${small.copied} items, twice the text ${big.copied}`).toBeLessThanOrEqual(1.1 * small.copied)
      } else {
        // (a few copies per item read are fine; a copy of the items so far on every push is not)
        expect(small.copied, `copied ${small.copied} items for ${SIZE} characters`).toBeLessThan(SIZE / 4)
        expect(big.copied, `copied ${small.copied} items, twice the text ${big.copied}`).toBeLessThanOrEqual(2.4 * Math.max(small.copied, 100))
      }
    })
  }
})

describe('a stream push returning a list copies it a few times at most', () => {
  const cases: [string, string, number][] = [
    // the reader's lists of objects are kept between pushes, and so are the coerced and rendered
    // lists built from them: only the result is copied
    ['many small objects', 'People', 1.2],
    // and the fixing parser's snapshot of the open list, with its items' container; lists read
    // by the top-level session's fixing parser are coerced and rendered in place (the reader reads
    // that session only at the current end, see markPushLived): a list read there is copied by
    // the parser's snapshot and as the result (4 copies per item before), a fenced list is read
    // there and in the block
    ['fenced list', 'People', 5.5],
    ['fenced list', 'Json', 6.5],
    ['long string list', 'Strings', 2.5],
    ['long string list', 'Json', 2.5],
  ]
  for (const [shape, target, max] of cases) {
    it(`${shape} -> ${TARGETS[target]}`, () => {
      const t = types[target]!
      const text = SHAPES[shape]!(SIZE)
      const r = stream(t, text)
      expect(r.listItems, 'the results are long lists').toBeGreaterThan(SIZE)
      expect(r.copied / r.listItems, `copied ${r.copied} items for results of ${r.listItems} items in all`).toBeLessThan(max)
    })
  }
})

describe('the kept lists of objects stay correct from push to push', () => {
  it('a partial returned earlier does not change when later text arrives', () => {
    const text = repeatTo(3000, '{"name": "a"} ')
    for (const target of ['People', 'Json', 'Person']) {
      const t = types[target]!
      const p = createStreamParser(ir, t)
      const got: { v: unknown; json: string }[] = []
      for (let i = 0; i < text.length; i += 15) {
        const v = p.push(text.slice(i, i + 15))
        got.push({ v, json: JSON.stringify(v) })
      }
      settle(() => p.end())
      for (const [k, g] of got.entries()) expect(JSON.stringify(g.v), `${target}: push ${k}`).toBe(g.json)
    }
  })

  it('lists read by the top-level fixing parser, every push and every earlier partial', () => {
    const texts = [
      repeatTo(700, '"abc", ', '['),
      repeatTo(700, '[1, "x", {"k": [2, 3]}], ', '['),
      repeatTo(700, '{"name": "a", "age": 1},\n', 'Here you go:\n```json\n['),
      'text [1, 2] more {"name": "b"} and ' + repeatTo(400, '[3, [4, "y"], ', '['),
      repeatTo(400, '{"name": "a", "age": 1}, ', '[') + ']] ' + repeatTo(300, '"z", ', '['),
    ]
    for (const text of texts) {
      for (const target of ['Strings', 'Json', 'People', 'Person']) {
        const t = types[target]!
        for (const chunk of [3, 20]) {
          const p = createStreamParser(ir, t)
          const got: { v: unknown; json: string }[] = []
          for (let i = 0; i < text.length; i += chunk) {
            const v = p.push(text.slice(i, i + chunk))
            got.push({ v, json: JSON.stringify(v) })
            expectPushMatches(ir, t, text.slice(0, i + chunk), v, `${target}/${chunk} at ${i + chunk}`)
          }
          expectEndMatches(ir, t, text, settle(() => p.end()), `${target}/${chunk} end`)
          for (const [k, g] of got.entries()) expect(JSON.stringify(g.v), `${target}/${chunk}: push ${k}`).toBe(g.json)
        }
      }
    }
  })

  // the top-level candidate lists are updated in place: every push (and the end) must still equal
  // the one-shot parse of its prefix, including pushes that close one object and open the next
  it('many small objects, odd chunk sizes', () => {
    const text = repeatTo(700, '{"name": "a"} ') + ' [1, 2] {"name": "b", "age": 3}'
    for (const target of ['Person', 'People', 'Json', 'Strings']) {
      const t = types[target]!
      for (const chunk of [1, 7, 13, 14, 15]) {
        const p = createStreamParser(ir, t)
        for (let i = 0; i < text.length; i += chunk) {
          const got = p.push(text.slice(i, i + chunk))
          expectPushMatches(ir, t, text.slice(0, i + chunk), got, `${target}/${chunk} at ${i + chunk}`)
        }
        expectEndMatches(ir, t, text, settle(() => p.end()), `${target}/${chunk} end`)
      }
    }
  })
})
