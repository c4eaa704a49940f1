// `baml test` under load: 1,000 tests with --parallel 50 against the local model server (each answer
// delayed 5 ms), whole process, beside the reference's `baml-cli test` on the same project and server
// in the same run. Checks that every test was reported before timing counts.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startModelServer } from '../../tests/testing/helpers/model-server.ts'
import { median, referenceCli, repoRoot } from './harness.ts'

const N = 1000
const PARALLEL = 50

const dir = join(mkdtempSync(join(tmpdir(), 'baml-testrun-bench-')), 'baml_src')
mkdirSync(dir, { recursive: true })
const src = [
  'client<llm> Local {\n  provider openai-generic\n  options {\n    base_url env.TEST_MODEL_URL\n    model "local-model"\n    api_key "k"\n  }\n}\n',
  'function Echo(note: string) -> string {\n  client Local\n  prompt #"DELAY 5 REPLY<<<{{ note }}>>>"#\n}\n',
]
for (let i = 0; i < N; i++) src.push(`test T${i} {\n  functions [Echo]\n  args {\n    note "answer ${i}"\n  }\n  @@assert(answered, {{ this|length > 0 }})\n}\n`)
writeFileSync(join(dir, 'main.baml'), src.join('\n'))

const server = await startModelServer()
const env = { ...process.env, TEST_MODEL_URL: server.url, NO_COLOR: '1' }
const bin = join(repoRoot, 'dist', 'baml')
const ours = existsSync(bin) ? { cmd: bin, pre: [] as string[] } : { cmd: join(repoRoot, 'node_modules', '.bin', 'bun'), pre: [join(repoRoot, 'cli', 'main.ts')] }

// spawnSync would block the server living in this process: run the children asynchronously.
async function wall(cmd: string, args: string[], check: () => void): Promise<number> {
  const { spawn } = await import('node:child_process')
  const t0 = performance.now()
  const code = await new Promise<number | null>((resolve) => {
    const p = spawn(cmd, args, { env, stdio: 'ignore' })
    p.on('close', resolve)
  })
  const dt = performance.now() - t0
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${code}`)
  check()
  return dt
}

const report = join(dir, '..', 'report.json')
const oursMs: number[] = []
for (let i = 0; i < 3; i++) {
  oursMs.push(
    await wall(ours.cmd, [...ours.pre, 'test', '--from', dir, '--parallel', String(PARALLEL), '--reporter', 'json', '--output', report], () => {
      const doc = JSON.parse(readFileSync(report, 'utf8')) as { summary: { total: number; passed: number } }
      if (doc.summary.total !== N || doc.summary.passed !== N) throw new Error(`expected ${N} passing tests, got ${JSON.stringify(doc.summary)}`)
    }),
  )
}
const refMs: number[] = []
if (existsSync(referenceCli) && spawnSync(referenceCli, ['--version']).status === 0) {
  const junit = join(dir, '..', 'junit.xml')
  for (let i = 0; i < 2; i++) {
    refMs.push(
      await wall(referenceCli, ['test', '--from', dir, '--parallel', String(PARALLEL), '--junit', '--junit-path', junit], () => {
        const cases = (readFileSync(junit, 'utf8').match(/<testcase /g) ?? []).length
        if (cases !== N) throw new Error(`the reference reported ${cases} tests`)
      }),
    )
  }
}
await server.close()

const o = median(oursMs)
const line = `${N} tests, --parallel ${PARALLEL}, 5 ms per answer (wall)`.padEnd(52)
const ref = refMs.length ? ` | reference ${(median(refMs) / 1000).toFixed(2)} s | ${(median(refMs) / o).toFixed(1)}x faster than the reference` : ' | (reference not set up)'
console.log(`${line} ours ${(o / 1000).toFixed(2)} s (${Math.round(N / (o / 1000))} tests/s)${ref} | goal < 10 s`)
