// Fuzzing the front-end: random text and mutated valid files must only ever produce
// diagnostics (no exception), finish quickly, and print/reparse without throwing. A seeded PRNG
// makes every failure reproducible: the failing input is in the assertion message.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildIR } from '../../core/ir/load.ts'
import { tokenize } from '../../core/syntax/lexer.ts'
import { parseFile } from '../../core/syntax/parser.ts'
import { printFile } from '../../core/syntax/printer.ts'
import { mulberry32 } from '../../scripts/bench/gen-project.ts'
import { GOLDEN } from '../helpers/golden.ts'
import { bamlFiles } from './baml-files.ts'
import { shape } from './shape.ts'

/** Per-input time bound: 200 ms, plus 10 ms per KB for the large pathological inputs (linear, not exponential). */
const MAX_MS = 200
const boundFor = (input: string) => MAX_MS + input.length / 100

function runOnce(input: string): void {
  const r = buildIR({ 'baml_src/fuzz.baml': input })
  expect(Array.isArray(r.diagnostics)).toBe(true)
  if (r.ir) expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true)
  const p = parseFile({ path: 'baml_src/fuzz.baml', text: input })
  const printed = printFile(p.ast, { source: input })
  const q = parseFile({ path: 'baml_src/fuzz.baml', text: printed })
  // Whatever parses cleanly must print to text that parses to the same tree.
  if (!p.diagnostics.some((d) => d.severity === 'error')) expect(shape(q.ast)).toEqual(shape(p.ast))
}

/**
 * Load one input; fail with the input itself when anything throws or takes too long. A slow run
 * is retried twice (the machine is shared) and the fastest counts: real blow-ups stay slow.
 */
function check(input: string, label: string): void {
  let best = Number.POSITIVE_INFINITY
  const bound = boundFor(input)
  for (let attempt = 0; attempt < 3 && best >= bound; attempt++) {
    const t0 = performance.now()
    try {
      runOnce(input)
    } catch (e) {
      throw new Error(`${label}: threw ${String(e)} on input ${JSON.stringify(input.slice(0, 2000))}`)
    }
    best = Math.min(best, performance.now() - t0)
  }
  expect(best, `${label}: took ${best.toFixed(0)} ms on input ${JSON.stringify(input.slice(0, 300))}`).toBeLessThan(bound)
}

const ALPHABET = [
  ...'abcXYZ_019 \t\n\n\n{}()[]<>,:|?=.;@#"\'-/\\*+!$%&~`',
  'class ', 'enum ', 'function ', 'client<llm> ', 'test ', 'type ', 'template_string ', 'retry_policy ', 'generator ',
  'type_builder ', 'dynamic ', '@@', '@alias(', '@check(', '{{', '}}', '#"', '"#', '##"', '"##', '//', '///', '{//', '//}',
  '->', 'map<', 'string', 'int', '?', '[]', 'env.', 'é', '😀', '\r\n',
]

function randomText(r: () => number, len: number): string {
  let s = ''
  for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)]
  return s
}

function corpus(): string[] {
  return bamlFiles(join(GOLDEN, 'conformance')).map((p) => readFileSync(p, 'utf8'))
}

/** One random edit at token or line level. */
function mutate(r: () => number, text: string): string {
  const pick = (n: number) => Math.floor(r() * n)
  const toks = tokenize(text).filter((t) => t.kind !== 'eof')
  const lines = text.split('\n')
  switch (pick(7)) {
    case 0: {
      // delete a run of tokens
      if (!toks.length) return text
      const a = pick(toks.length)
      const b = Math.min(toks.length - 1, a + pick(4))
      return text.slice(0, toks[a]!.start) + text.slice(toks[b]!.end)
    }
    case 1: {
      // duplicate a token
      if (!toks.length) return text
      const t = toks[pick(toks.length)]!
      return text.slice(0, t.end) + ' ' + text.slice(t.start, t.end) + text.slice(t.end)
    }
    case 2: {
      // swap two tokens
      if (toks.length < 2) return text
      let a = toks[pick(toks.length)]!
      let b = toks[pick(toks.length)]!
      if (a.start > b.start) [a, b] = [b, a]
      if (a === b || a.end > b.start) return text
      return text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end)
    }
    case 3: {
      // delete, duplicate or swap lines
      const i = pick(lines.length)
      const j = pick(lines.length)
      const copy = [...lines]
      const k = pick(3)
      if (k === 0) copy.splice(i, 1)
      else if (k === 1) copy.splice(i, 0, lines[j]!)
      else [copy[i], copy[j]] = [copy[j]!, copy[i]!]
      return copy.join('\n')
    }
    case 4:
      // truncate
      return text.slice(0, pick(text.length + 1))
    case 5: {
      // insert random characters
      const at = pick(text.length + 1)
      return text.slice(0, at) + randomText(r, 1 + pick(6)) + text.slice(at)
    }
    default: {
      // replace a token with a random one
      if (!toks.length) return text
      const t = toks[pick(toks.length)]!
      return text.slice(0, t.start) + randomText(r, 1 + pick(3)) + text.slice(t.end)
    }
  }
}

describe('fuzz: buildIR never throws and stays fast', () => {
  it('random text (seed 1, 300 inputs)', () => {
    const r = mulberry32(1)
    for (let n = 0; n < 300; n++) check(randomText(r, 1 + Math.floor(r() * 400)), `random #${n}`)
  })

  it('mutated golden files (seed 2, 600 inputs, 1-4 edits each)', () => {
    const r = mulberry32(2)
    const files = corpus()
    for (let n = 0; n < 600; n++) {
      let text = files[Math.floor(r() * files.length)]!
      const edits = 1 + Math.floor(r() * 4)
      for (let e = 0; e < edits; e++) text = mutate(r, text)
      check(text, `mutation #${n}`)
    }
  })

  it('pathological shapes: deep nesting, long lines, unterminated constructs', () => {
    const deep = 2000
    const cases = [
      `class A {\n  x ${'('.repeat(deep)}int${')'.repeat(deep)}\n}\n`,
      `class A {\n  x ${'('.repeat(deep)}\n}\n`,
      `class A {\n  x ${'map<string, '.repeat(deep)}int${'>'.repeat(deep)}\n}\n`,
      `class A {\n  x int${'[]'.repeat(deep)}\n}\n`,
      `client<llm> C {\n  provider openai\n  options ${'{ a '.repeat(deep)}1${' }'.repeat(deep)}\n}\n`,
      `test T {\n  functions [F]\n  args { x ${'['.repeat(deep)}${']'.repeat(deep)} }\n}\n`,
      `test T {\n  functions [F]\n  args { x ${'['.repeat(deep)} }\n}\n`,
      `class A {\n  x ${'int | '.repeat(deep)}int\n}\n`,
      `class A {\n${'  x int @alias("a")\n'.repeat(deep)}}\n`,
      'class A {\n'.repeat(deep),
      '}'.repeat(deep),
      '#"'.repeat(deep),
      '"'.repeat(deep),
      '{{'.repeat(deep),
      '{//'.repeat(deep),
      `function F(${'a: int, '.repeat(deep)}) -> string {\n  client "openai/gpt-4o"\n  prompt #"x"#\n}\n`,
      'x'.repeat(40000),
      `type A = ${'B | '.repeat(deep)}A\n`,
      Array.from({ length: 2000 }, (_, i) => `type T${i} = T${i + 1}`).join('\n') + '\ntype T2000 = T0\n',
      Array.from({ length: 2000 }, (_, i) => `class C${i} {\n  next C${i + 1}\n}`).join('\n') + '\nclass C2000 {\n  next C0\n}\n',
    ]
    cases.forEach((c, i) => check(c, `pathological #${i}`))
  })
})
