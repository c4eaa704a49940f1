// Schema-aligned parsing benchmark: parsing 1 KB / 10 KB / 100 KB model outputs (clean JSON and
// messy "LLM-style" text) against JSON.parse, and re-parsing every prefix of a 40 KB stream pushed
// in 50-character chunks (timings at 10/20/40 KB show the growth). The reference runtime is timed
// on the same inputs when the oracle is set up (its streaming run is capped, it is slow).
// Run through the runner (`npm run bench -- sap`) or directly: `npx bun scripts/bench/sap-bench.ts`.
import { buildIR } from '../../core/ir/load.ts'
import type { BamlIR } from '../../core/ir/types.ts'
import { createStreamParser, parseLlmOutput } from '../../core/sap/index.ts'
import { fmtMs, loadReference, row, timeMedian } from './harness.ts'

const SCHEMA = `
enum Status {
  OPEN
  IN_PROGRESS @alias("in progress")
  DONE
}

class Assignee {
  name string
  email string?
}

class Ticket {
  id int
  title string
  status Status
  priority float
  assignees Assignee[]
  labels string[]
  blocked bool
  notes string?
}

class Board {
  name string
  tickets Ticket[]
  counts map<string, int>
}

function ParseBoard(text: string) -> Board {
  client "openai/gpt-4o-mini"
  prompt #"{{ text }} {{ ctx.output_format }}"#
}
`

const files = { 'baml_src/main.baml': SCHEMA }
const loaded = buildIR(files)
if (!loaded.ir) throw new Error('bench schema did not load: ' + loaded.diagnostics.map((d) => d.message).join('; '))
const ir: BamlIR = loaded.ir
const target = ir.functions.get('ParseBoard')!.returnType

function ticket(i: number): Record<string, unknown> {
  return {
    id: i,
    title: `Fix the flaky test number ${i} in the payments module`,
    status: ['OPEN', 'in progress', 'DONE'][i % 3],
    priority: (i % 7) + 0.5,
    assignees: [{ name: `Dev ${i}`, email: i % 2 ? `dev${i}@example.com` : null }],
    labels: ['backend', i % 2 ? 'urgent' : 'later'],
    blocked: i % 5 === 0,
    notes: i % 3 ? 'Seen on CI twice this week.' : null,
  }
}

/** A clean JSON board of about `kb` kilobytes. */
function cleanBoard(kb: number): string {
  const tickets: Record<string, unknown>[] = []
  let s = ''
  for (let i = 0; ; i++) {
    tickets.push(ticket(i))
    s = JSON.stringify({ name: 'Sprint 12', tickets, counts: { open: i, done: i * 2 } }, null, 2)
    if (s.length >= kb * 1024) return s
  }
}

/** The same content written the way models misbehave: preamble, fence, comments, unquoted keys, trailing commas. */
function messyBoard(kb: number): string {
  const body = cleanBoard(kb)
    .replace(/"(\w+)":/g, '$1:') // unquoted keys
    .replace(/("Seen on CI twice this week.")/g, "'Seen on CI twice this week.'")
    .replace(/\n(\s*)\}/g, ',\n$1}') // trailing commas
    .replace(/blocked: (true|false),/g, 'blocked: $1, // checked by triage')
  return `Sure! Here is the board you asked for:\n\n\`\`\`json\n${body}\n\`\`\`\n\nLet me know if anything is missing.`
}

function mustParse(text: string): void {
  parseLlmOutput(ir, target, text)
}

const ref = loadReference()
let refRt: { parseLlmResponse: (...a: unknown[]) => unknown } | undefined
let refCtx: { cloneContext: () => unknown } | undefined
const env = { OPENAI_API_KEY: 'sk-test' }
if (ref) {
  refRt = ref.BamlRuntime.fromFiles('baml_src', files, env)
  refCtx = new ref.BamlCtxManager(refRt)
}
function refParse(text: string, partial: boolean): void {
  refRt!.parseLlmResponse('ParseBoard', text, partial, refCtx!.cloneContext(), undefined, undefined, env)
}

console.log('one-shot parses (median of warm runs)')
for (const kb of [1, 10, 100]) {
  const clean = cleanBoard(kb)
  const messy = messyBoard(kb)
  mustParse(clean)
  mustParse(messy)
  const jsonParse = timeMedian(() => JSON.parse(clean), { minMs: 200 })
  const oursClean = timeMedian(() => mustParse(clean), { minMs: 300 })
  const oursMessy = timeMedian(() => mustParse(messy), { minMs: 300 })
  const refClean = ref ? timeMedian(() => refParse(clean, false), { minRuns: 3, minMs: kb >= 100 ? 0 : 300, warmup: 1 }) : undefined
  const refMessy = ref ? timeMedian(() => refParse(messy, false), { minRuns: 3, minMs: kb >= 100 ? 0 : 300, warmup: 1 }) : undefined
  console.log(`  ${kb} KB: JSON.parse ${fmtMs(jsonParse)}; ours clean is ${(oursClean / jsonParse).toFixed(1)}x JSON.parse`)
  row(`  parse ${kb} KB clean JSON`, oursClean, refClean, kb === 1 ? '≤ 10x JSON.parse' : undefined)
  row(`  parse ${kb} KB messy output`, oursMessy, refMessy, kb === 100 ? '< 10 ms' : undefined)
}

console.log('streaming: every prefix of a 40 KB output pushed in 50-char chunks')
const streamText = messyBoard(40)
function streamOurs(text: string, marks: number[]): number[] {
  const p = createStreamParser(ir, target)
  const at: number[] = []
  const t0 = performance.now()
  let m = 0
  for (let i = 0; i < text.length; i += 50) {
    p.push(text.slice(i, i + 50))
    while (m < marks.length && i + 50 >= marks[m]!) {
      at.push(performance.now() - t0)
      m++
    }
  }
  p.end()
  while (at.length < marks.length) at.push(performance.now() - t0)
  return at
}
const marks = [10 * 1024, 20 * 1024, streamText.length]
streamOurs(streamText, marks) // warm-up
const runs = [0, 1, 2, 3, 4].map(() => streamOurs(streamText, marks)).sort((a, b) => a[2]! - b[2]!)
const med = runs[2]!
console.log(`  ours: 10 KB ${fmtMs(med[0]!)}, 20 KB ${fmtMs(med[1]!)}, 40 KB ${fmtMs(med[2]!)} total (goal < 200 ms, linear)`)
if (ref) {
  const capped = streamText.slice(0, 5 * 1024)
  const t0 = performance.now()
  for (let i = 50; i <= capped.length; i += 50) refParse(capped.slice(0, i), true)
  const refMs = performance.now() - t0
  const oursCapped = streamOurs(capped, [capped.length])[0]!
  row('  every prefix of the first 5 KB (reference capped there)', oursCapped, refMs)
}
