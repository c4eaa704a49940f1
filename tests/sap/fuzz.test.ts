// Robustness: random, truncated, mutated and pathological model outputs never make the parser
// throw anything but BamlValidationError, and never take more than roughly linear time (generous
// per-input bounds; a quadratic or exponential path would blow far past them at these sizes).
import { describe, it, expect } from 'vitest'
import { BamlValidationError } from '../../core/errors.ts'
import type { BamlIR, TypeIR } from '../../core/ir/types.ts'
import { createStreamParser, parseLlmOutput } from '../../core/sap/index.ts'
import { loadSuite } from './support/golden.ts'

function rng(seed: number): () => number {
  let x = seed >>> 0
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 4294967296
  }
}

const ALPHABET = [...'{}[]{}[]"""\'\'`:,,, \n\t\\/*#-+.0123456789eEtrufalsnxyzé日😀', 'true', 'false', 'null', '```json\n', '```\n', '//', '/*', '*/', '"""']

function randomText(r: () => number, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)]
  return s
}

function mutate(r: () => number, text: string): string {
  let s = text
  const edits = 1 + Math.floor(r() * 4)
  for (let k = 0; k < edits && s.length > 0; k++) {
    const at = Math.floor(r() * s.length)
    const op = r()
    if (op < 0.33) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 5))
    else if (op < 0.66) s = s.slice(0, at) + ALPHABET[Math.floor(r() * ALPHABET.length)] + s.slice(at)
    else s = s.slice(0, at)
  }
  return s
}

/** Parses without letting anything but BamlValidationError escape; returns the elapsed ms. */
function parseTimed(ir: BamlIR, t: TypeIR, text: string, partial: boolean): number {
  const t0 = performance.now()
  try {
    parseLlmOutput(ir, t, text, { partial })
  } catch (e) {
    if (!(e instanceof BamlValidationError)) throw new Error(`non-validation error for ${JSON.stringify(text.slice(0, 80))}: ${String(e)}`)
  }
  return performance.now() - t0
}

const recipes = loadSuite('tests/golden/sap/own-recipes', 'own-recipes')
const unions = loadSuite('tests/golden/sap/own-unions-maps', 'own-unions-maps')
const recursive = loadSuite('tests/golden/sap/own-recursive', 'own-recursive')
const enums = loadSuite('tests/golden/sap/own-enums', 'own-enums')
const checks = loadSuite('tests/golden/sap/own-checks', 'own-checks')

const TARGETS: [string, BamlIR, TypeIR][] = [
  ['Recipe', recipes.ir, recipes.ir.functions.get('GetRecipe')!.returnType],
  ['Recipe[]', recipes.ir, recipes.ir.functions.get('GetRecipes')!.returnType],
  ['Pet union', unions.ir, unions.ir.functions.get('PetOrError')!.returnType],
  ['map<Color,int>', unions.ir, unions.ir.functions.get('ByColor')!.returnType],
  ['JsonValue alias', recursive.ir, recursive.ir.functions.get('ParseJson')!.returnType],
  ['TreeNode', recursive.ir, recursive.ir.functions.get('Tree')!.returnType],
  ['enum', enums.ir, enums.ir.functions.get('Route')!.returnType],
  ['int', unions.ir, unions.ir.functions.get('Scalar')!.returnType],
  ['checked class', checks.ir, checks.ir.functions.get('ReviewIt')!.returnType],
]

describe('random and damaged outputs only ever raise BamlValidationError', () => {
  for (const [name, ir, t] of TARGETS) {
    it(`random text -> ${name}`, () => {
      const r = rng(name.length * 7919 + 1)
      for (let i = 0; i < 40; i++) {
        const text = randomText(r, 1 + Math.floor(r() * 120))
        parseTimed(ir, t, text, false)
        parseTimed(ir, t, text, true)
      }
    })
  }

  it('truncated and mutated golden outputs', () => {
    const r = rng(42)
    for (const suite of [recipes, unions, recursive, enums]) {
      for (const c of suite.cases) {
        const t = suite.ir.functions.get(c.function)!.returnType
        const cut = c.text.slice(0, Math.floor(r() * (c.text.length + 1)))
        parseTimed(suite.ir, t, cut, true)
        parseTimed(suite.ir, t, cut, false)
        parseTimed(suite.ir, t, mutate(r, c.text), false)
      }
    }
  })

  it('stream parser survives random chunks of random text', () => {
    const r = rng(7)
    for (const [, ir, t] of TARGETS.slice(0, 5)) {
      for (let k = 0; k < 5; k++) {
        const text = randomText(r, 200)
        const p = createStreamParser(ir, t)
        for (let i = 0; i < text.length; i += 1 + Math.floor(r() * 9)) p.push(text.slice(i, i + 1 + Math.floor(r() * 9)))
        try {
          p.end()
        } catch (e) {
          expect(e).toBeInstanceOf(BamlValidationError)
        }
      }
    }
  })
})

describe('pathological outputs parse in bounded time', () => {
  const N = 20000
  const inputs: Record<string, string> = {
    'unclosed brackets': '['.repeat(N),
    'deeply nested closed': '['.repeat(N / 2) + ']'.repeat(N / 2),
    'nested unclosed objects': '{"a":'.repeat(N / 5),
    'stray closers': '}'.repeat(N),
    'quotes': '"'.repeat(N),
    'quote and space': '" '.repeat(N / 2),
    'unquoted value with commas': '{"a": ' + 'x, '.repeat(N / 3),
    'comma then spaces': '{"a": b,' + ' '.repeat(N),
    'opening fences': '```json\n'.repeat(N / 8),
    'fenced blocks': '```json\n{}\n```\n'.repeat(N / 16),
    'backslashes': '"' + '\\'.repeat(N),
    'comment openers': '/*'.repeat(N / 2),
    'many objects': '{"a":1}'.repeat(N / 7),
    'long prose': 'word '.repeat(N / 5),
    'mixed openers': '{[{[('.repeat(N / 5),
    'triple quotes': '"""'.repeat(N / 3),
    'backticks': '`'.repeat(N),
    'non-ascii': 'é日😀,'.repeat(N / 4),
    'numbers': '1,'.repeat(N / 2),
    'colons': '{' + 'a:'.repeat(N / 2),
  }
  // Linear work at 20 KB takes well under 100 ms here; quadratic work would take tens of seconds.
  const BOUND_MS = 3000
  for (const [name, text] of Object.entries(inputs)) {
    it(name, () => {
      for (const [, ir, t] of [TARGETS[0]!, TARGETS[1]!, TARGETS[4]!, TARGETS[5]!]) {
        expect(parseTimed(ir, t, text, false)).toBeLessThan(BOUND_MS)
        expect(parseTimed(ir, t, text, true)).toBeLessThan(BOUND_MS)
      }
    })
  }

  // Streamed in 20-character chunks (a push per chunk, as the runtime does): every push used to
  // redo the text so far, so the worst of these took minutes (20 KB of `[`: about a minute). Step
  // counts pin the cost down more tightly (stream-cost.test.ts); this bound is for shared machines.
  const STREAM_BOUND_MS = 10000
  for (const [name, text] of Object.entries(inputs)) {
    it(`${name}, streamed`, () => {
      for (const [, ir, t] of [TARGETS[1]!, TARGETS[4]!]) expect(streamTimed(ir, t, text, 20)).toBeLessThan(STREAM_BOUND_MS)
    })
  }
})

/** Streams `text` in `chunk`-character pushes, then end(); returns the elapsed ms. */
function streamTimed(ir: BamlIR, t: TypeIR, text: string, chunk: number): number {
  const t0 = performance.now()
  const p = createStreamParser(ir, t)
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk))
  try {
    p.end()
  } catch (e) {
    if (!(e instanceof BamlValidationError)) throw e
  }
  return performance.now() - t0
}

describe('very deep or very large outputs fail cleanly', () => {
  // Past MAX_NESTING (128) open objects and arrays the parse fails with a BamlValidationError
  // naming the limit, rather than overflowing the stack or taking minutes.
  const MB = 1024 * 1024
  const deep: Record<string, string> = {
    '1 MB of `[`': '['.repeat(MB),
    '1 MB of `{"a":`': '{"a":'.repeat(MB / 5),
    'deep nesting, closed': '['.repeat(MB / 2) + ']'.repeat(MB / 2),
    'deep nesting in a fenced block': '```json\n' + '[{"a": '.repeat(MB / 8) + '\n```',
  }
  for (const [name, text] of Object.entries(deep)) {
    it(name, () => {
      for (const [, ir, t] of [TARGETS[0]!, TARGETS[4]!]) {
        for (const partial of [false, true]) {
          let err: unknown
          const t0 = performance.now()
          try {
            parseLlmOutput(ir, t, text, { partial })
          } catch (e) {
            err = e
          }
          expect(performance.now() - t0).toBeLessThan(5000)
          expect(err).toBeInstanceOf(BamlValidationError)
          expect((err as Error).message).toContain('more than 128 levels deep')
        }
      }
    })
  }

  it('nesting up to the limit still parses', () => {
    const [, ir, t] = TARGETS[4]!
    const ok = '['.repeat(128) + ']'.repeat(128)
    let v: unknown = parseLlmOutput(ir, t, ok)
    for (let d = 0; d < 127; d++) v = (v as unknown[])[0]
    expect(v).toEqual([])
    expect(() => parseLlmOutput(ir, t, '[' + ok + ']')).toThrow(/more than 128 levels deep/)
  })

  it('a stream past the limit fails each push cheaply and at the end', () => {
    const [, ir, t] = TARGETS[4]!
    const p = createStreamParser(ir, t)
    const t0 = performance.now()
    let last: unknown = 0
    for (let i = 0; i < 64 * 1024; i += 20) last = p.push('['.repeat(20))
    expect(last).toBeUndefined()
    expect(() => p.end()).toThrow(/more than 128 levels deep/)
    expect(performance.now() - t0).toBeLessThan(5000)
  })
})
