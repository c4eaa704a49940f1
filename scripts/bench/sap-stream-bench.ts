// Streaming worst cases: shapes of model output that once made every stream push redo work over
// the whole text (an unclosed `[` run, one long number, many small objects, a deep recursive
// chain, a long unquoted line, a fenced block). Each shape is streamed in 20- and 50-character chunks
// (createStreamParser: push per chunk, then end) beside the same text parsed in one go
// (parseLlmOutput), at a size and at twice that size.
//
// Goals: streamed ≤ 5x one-go, and linear growth (doubling the text about doubles the time).
// Run through the runner (`npm run bench -- sap-stream`) or directly:
// `npx bun scripts/bench/sap-stream-bench.ts [--quick]` (--quick: smaller sizes, fewer runs).
import type { TypeIR } from '../../core/ir/types.ts'
import { createStreamParser, parseLlmOutput } from '../../core/sap/index.ts'
import { loadTargets, repeatTo } from '../../tests/sap/support/stream-shapes.ts'

const { ir, types } = loadTargets({ OnePerson: 'Person', People: 'Person[]', Chain: 'Node', AnyJson: 'JsonValue' })
const fnType = (name: string): TypeIR => types[name]!

interface Shape {
  readonly name: string
  /** text size (characters) of the smaller run; the larger run doubles it */
  readonly size: number
  readonly text: (n: number) => string
  readonly targets: readonly string[]
}

const SHAPES: readonly Shape[] = [
  { name: '`[` run', size: 8 * 1024, text: (n) => '['.repeat(n), targets: ['AnyJson', 'OnePerson'] },
  { name: '`[` run', size: 32 * 1024, text: (n) => '['.repeat(n), targets: ['AnyJson'] },
  { name: 'digits', size: 32 * 1024, text: (n) => repeatTo(n, '1234567890'), targets: ['OnePerson', 'AnyJson'] },
  { name: '{"name": "a"} ×n', size: 28 * 1024, text: (n) => repeatTo(n, '{"name": "a"} '), targets: ['OnePerson', 'People'] },
  { name: 'recursive chain', size: 17 * 1024, text: (n) => repeatTo(n, '{"name": "a", "next": '), targets: ['Chain', 'AnyJson'] },
  { name: 'long prose line', size: 32 * 1024, text: (n) => repeatTo(n, 'the quick brown fox '), targets: ['OnePerson'] },
  {
    name: 'fenced list',
    size: 32 * 1024,
    text: (n) => repeatTo(n, '{"name": "a", "age": 1},\n', 'Here you go:\n```json\n['),
    targets: ['People'],
  },
]

const quick = process.argv.includes('--quick')
const CHUNKS = [20, 50]

function streamOnce(t: TypeIR, text: string, chunk: number): number {
  const t0 = performance.now()
  const p = createStreamParser(ir, t)
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk))
  try {
    p.end()
  } catch {
    // some shapes do not parse as the target (that is part of the work measured)
  }
  return performance.now() - t0
}

function oneGo(t: TypeIR, text: string): number {
  // (a one-go parse can take a few microseconds: time a batch)
  const reps = 10
  const t0 = performance.now()
  for (let i = 0; i < reps; i++) {
    try {
      parseLlmOutput(ir, t, text)
    } catch {
      // as above
    }
  }
  return (performance.now() - t0) / reps
}

/** A full collection between runs (the runner starts node with --expose-gc), so that one run does not pay for another's garbage. */
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => {})

/**
 * Fastest ms of `fn` over a few runs after one warm-up (fewer runs for slow cases): the machines
 * are shared, and the fastest run is the one least disturbed by other work.
 */
function measure(fn: () => number): number {
  gc()
  const first = fn()
  const runs = quick ? 1 : first > 2000 ? 1 : first > 1000 ? 3 : 5
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    gc()
    samples.push(fn())
  }
  return Math.min(...samples)
}

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0))
const pad = (s: string, n: number): string => s.padEnd(n)
const lpad = (s: string, n: number): string => s.padStart(n)

// warm the JIT on every shape and target first, so that the first rows are not measured cold
for (const shape of SHAPES) {
  const text = shape.text(4096)
  for (const target of shape.targets) {
    for (let i = 0; i < 3; i++) {
      streamOnce(fnType(target), text, 20)
      oneGo(fnType(target), text)
    }
  }
}

console.log('streaming worst cases: push per chunk + end() vs one parseLlmOutput of the same text (ms, best of 5)')
console.log(
  `${pad('shape', 18)} ${pad('target', 10)} ${lpad('size', 7)} ${lpad('chunk', 5)} ${lpad('streamed ms', 12)} ${lpad('one-go ms', 10)} ${lpad('ratio', 7)} ${lpad('doubling', 9)}`,
)
let worstRatio = 0
let worstDoubling = 0
for (const shape of SHAPES) {
  const base = quick ? shape.size / 4 : shape.size
  for (const target of shape.targets) {
    const t = fnType(target)
    for (const chunk of CHUNKS) {
      let prev: number | undefined
      for (const n of [base, base * 2]) {
        const text = shape.text(n)
        const streamed = measure(() => streamOnce(t, text, chunk))
        const one = measure(() => oneGo(t, text))
        const ratio = streamed / Math.max(one, 0.01)
        const doubling = prev === undefined ? undefined : streamed / prev
        worstRatio = Math.max(worstRatio, ratio)
        if (doubling !== undefined) worstDoubling = Math.max(worstDoubling, doubling)
        console.log(
          `${pad(shape.name, 18)} ${pad(target, 10)} ${lpad(`${(text.length / 1024).toFixed(0)}K`, 7)} ${lpad(String(chunk), 5)} ${lpad(fmt(streamed), 12)} ${lpad(fmt(one), 10)} ${lpad(ratio.toFixed(1) + 'x', 7)} ${lpad(doubling === undefined ? '' : doubling.toFixed(2) + 'x', 9)}`,
        )
        prev = streamed
      }
    }
  }
}
console.log(`worst streamed/one-go ratio ${worstRatio.toFixed(1)}x (goal ≤ 5x); worst doubling ratio ${worstDoubling.toFixed(2)}x (goal ≈ 2x, linear)`)
