// Load: 1,000 tests with --parallel 50 against the local server, through the CLI. Every result is
// reported exactly once (one line each, one JSON entry each), the counts add up, and the server never
// sees more than 50 requests at once. The time is measured by scripts/bench/testrun-bench.ts (about
// 3–6 s on the 2-core development VM); the bound here is only a generous timeout.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baml } from './helpers/cli.ts'
import { startModelServer, type ModelServer } from './helpers/model-server.ts'
import { LOCAL_CLIENT, modelEnv, tempDir, tempProject } from './helpers/project.ts'

const N = 1000
const TIMEOUT = 180_000

/** Tests spread over 4 functions; every 10th answers something its assert rejects. */
function project(): string {
  const out = [LOCAL_CLIENT]
  for (let f = 0; f < 4; f++) out.push(`function Echo${f}(note: string) -> string {\n  client Local\n  prompt #"DELAY 5 REPLY<<<{{ note }}>>>"#\n}\n`)
  for (let i = 0; i < N; i++) {
    const note = i % 10 === 0 ? `bad ${i}` : `good ${i}`
    out.push(`test T${i} {\n  functions [Echo${i % 4}]\n  args {\n    note "${note}"\n  }\n  @@assert(good, {{ this.startswith("good") }})\n}\n`)
  }
  return out.join('\n')
}

let server: ModelServer
beforeAll(async () => {
  server = await startModelServer()
})
afterAll(() => server.close())

describe('1,000 tests, --parallel 50', () => {
  it(
    'reports every test exactly once with the right counts',
    async () => {
      const dir = tempProject({ 'main.baml': project() })
      const out = join(tempDir(), 'report.json')
      const r = await baml(['test', '--from', dir, '--parallel', '50', '--reporter', 'json', '--output', out], { env: modelEnv(server.url) })
      expect(r.code).toBe(2)

      const lines = r.stdout.split('\n').filter((l) => /^[✔✘] Echo\d::T\d+ /.test(l))
      const running = lines.slice(0, N)
      const keys = running.map((l) => l.split(' ')[1]!)
      expect(new Set(keys).size).toBe(N)
      expect(running.filter((l) => l.startsWith('✘')).length).toBe(N / 10)
      // then the 100 failures again, in the details
      expect(lines.length).toBe(N + N / 10)

      const doc = JSON.parse(readFileSync(out, 'utf8')) as { summary: Record<string, number>; tests: { function: string; test: string; outcome: string }[] }
      expect(doc.tests.length).toBe(N)
      expect(new Set(doc.tests.map((t) => `${t.function}::${t.test}`)).size).toBe(N)
      expect(doc.summary).toMatchObject({ total: N, passed: N - N / 10, failed: N / 10, checks_failed: 0, cancelled: 0 })
      for (const t of doc.tests) expect(t.outcome).toBe(Number(t.test.slice(1)) % 10 === 0 ? 'failed' : 'passed')
      expect(r.stdout).toMatch(/\ntotal\s+900\s+100\s/)
      expect(r.stdout).toContain(`${N} tests: 900 passed, 100 failed in `)

      expect(server.requests.length).toBe(N)
      expect(server.maxConcurrent).toBeLessThanOrEqual(50)
      expect(server.maxConcurrent).toBeGreaterThan(10)
    },
    TIMEOUT,
  )
})
