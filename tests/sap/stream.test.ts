// The stream parser against one-shot parses: for any chunking, every push equals
// parseLlmOutput(prefix, {partial: true}) (undefined where that throws) and end() equals the final
// parse. Also: unchanged parts of a partial value are shared with the previous one.
import { describe, it, expect } from 'vitest'
import { BamlValidationError } from '../../core/errors.ts'
import type { BamlIR, TypeIR } from '../../core/ir/types.ts'
import { createStreamParser, parseLlmOutput } from '../../core/sap/index.ts'
import { jsonEqual, loadSuite, settle, type Outcome } from './support/golden.ts'

function oneShot(ir: BamlIR, t: TypeIR, text: string, partial: boolean): Outcome {
  return settle(() => parseLlmOutput(ir, t, text, { partial }))
}

/** Deterministic pseudo-random chunk sizes. */
function chunkSizes(seed: number): () => number {
  let x = seed
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff
    return 1 + (x % 23)
  }
}

function checkStream(ir: BamlIR, t: TypeIR, text: string, next: () => number): string | undefined {
  const p = createStreamParser(ir, t)
  let prefix = ''
  for (let i = 0; i < text.length; ) {
    const n = next()
    const chunk = text.slice(i, i + n)
    i += n
    prefix += chunk
    const got = p.push(chunk)
    const exp = oneShot(ir, t, prefix, true)
    const same = 'result' in exp ? got !== undefined && jsonEqual(got, exp.result) : got === undefined
    if (!same) return `push at ${prefix.length}: got ${JSON.stringify(got)}, one-shot ${JSON.stringify(exp)}`
  }
  const fin = settle(() => p.end())
  const exp = oneShot(ir, t, text, false)
  const same = 'result' in exp ? 'result' in fin && jsonEqual(fin.result, exp.result) : 'error' in fin
  return same ? undefined : `end(): got ${JSON.stringify(fin)}, one-shot ${JSON.stringify(exp)}`
}

const SUITES = ['own-streaming', 'own-recipes', 'own-unions-maps', 'jsonish-streaming-1', 'jsonish-code']

describe('stream parser equals one-shot partial parses of every prefix', () => {
  for (const name of SUITES) {
    const suite = loadSuite(`tests/golden/sap/${name}`, name)
    // one case per distinct (function, text), skipping texts that are prefixes of a longer one
    const texts = suite.cases.filter((c) => c.text.length > 0)
    const cases = texts
      .filter((c, i) => !texts.some((d, j) => d.function === c.function && (j < i ? d.text === c.text : d.text !== c.text && d.text.startsWith(c.text))))
      .sort((a, b) => b.text.length - a.text.length)
      .slice(0, 12)
    for (const c of cases) {
      it(`${name}/${c.id}`, () => {
        const t = suite.ir.functions.get(c.function)!.returnType
        expect(checkStream(suite.ir, t, c.text, () => 1)).toBeUndefined()
        expect(checkStream(suite.ir, t, c.text, chunkSizes(c.text.length))).toBeUndefined()
        expect(checkStream(suite.ir, t, c.text, () => 50)).toBeUndefined()
      })
    }
  }
})

describe('stream parser shares unchanged parts', () => {
  it('completed list items keep their identity from push to push', () => {
    const suite = loadSuite('tests/golden/sap/own-streaming', 'own-streaming')
    const t = suite.ir.functions.get('ListTasks')!.returnType
    const p = createStreamParser(suite.ir, t)
    const a = p.push('[{"id": 1, "title": "One", "priority": "LOW", "done": true, "tags": []}, {"id": 2, "title": "Tw') as unknown[]
    const b = p.push('o", "priority": "HI') as unknown[]
    expect(a.length).toBe(2)
    expect(b.length).toBe(2)
    expect(b[0]).toBe(a[0])
    expect(b[1]).not.toBe(a[1])
    expect(b[1]).toEqual({ id: 2, title: 'Two', priority: null, done: null, tags: [], estimate: null })
  })

  it('push returns undefined until a value can be formed, then the final value at end()', () => {
    const suite = loadSuite('tests/golden/conformance/parse-stream', 'parse-stream')
    const t = suite.ir.functions.get('PageTotal')!.returnType
    const p = createStreamParser(suite.ir, t)
    // a number in free text stays "not done" while streaming, as in the reference
    expect(p.push('38')).toBeUndefined()
    expect(p.push('0 pages')).toBeUndefined()
    expect(p.end()).toBe(380)
  })

  it('end() throws BamlValidationError when the whole text does not parse', () => {
    const suite = loadSuite('tests/golden/conformance/parse-stream', 'parse-stream')
    const t = suite.ir.functions.get('PageTotal')!.returnType
    const p = createStreamParser(suite.ir, t)
    p.push('no number here')
    expect(() => p.end()).toThrow(BamlValidationError)
  })
})
