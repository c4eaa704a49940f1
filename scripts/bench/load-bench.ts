// Parse+validate benchmark: loadProject on the generated project (scripts/bench/gen-project.ts),
// with the same checks the runtime runs (Jinja in prompts, client options), warm median, beside
// the reference's BamlRuntime.fromFiles when the oracle is set up; then a scale sweep to show that
// time grows linearly with size.
// Run through the runner (`npm run bench -- load`) or directly: `npx bun scripts/bench/load-bench.ts`.
import { loadProject } from '../../core/project.ts'
import { generateProject, projectSize } from './gen-project.ts'
import { loadReference, row, timeMedian } from './harness.ts'

function mustLoad(files: Record<string, string>): void {
  const r = loadProject(files)
  if (!r.ir) throw new Error(`generated project did not load: ${r.diagnostics.find((d) => d.severity === 'error')?.message}`)
}

const files = generateProject()
const size = projectSize(files)
mustLoad(files)
console.log(`generated project: ${size.files} files, ${size.lines} lines, ${(size.bytes / 1024).toFixed(0)} KB`)

const ours = timeMedian(() => loadProject(files), { warmup: 30, minRuns: 20, minMs: 1500 })
let theirs: number | undefined
const ref = loadReference()
if (ref) {
  const env = { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'ak-test' }
  theirs = timeMedian(() => ref.BamlRuntime.fromFiles('baml_src', files, env), { warmup: 2, minRuns: 5, minMs: 1000 })
}
row('parse+validate ~20k-line project (warm)', ours, theirs, '≤ 50 ms')

// Linearity: time per KB should stay flat as the project grows.
for (const scale of [0.25, 0.5, 1, 2, 4]) {
  const f = generateProject({ scale })
  const s = projectSize(f)
  const ms = timeMedian(() => loadProject(f), { warmup: 3, minRuns: 5, minMs: 300 })
  console.log(`  scale ${String(scale).padEnd(4)} ${String(s.lines).padStart(6)} lines ${String((s.bytes / 1024).toFixed(0)).padStart(5)} KB  ${ms.toFixed(1).padStart(7)} ms  ${((ms / s.bytes) * 1024 * 1000).toFixed(0)} µs/KB`)
}
