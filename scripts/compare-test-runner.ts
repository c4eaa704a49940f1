// Runs the reference's `baml-cli test` (../shared/tools/oracle) and ours on the same project against
// the same local model server, and shows pass/fail per test side by side. Exits 1 when they differ.
//
//   bun scripts/compare-test-runner.ts [--from DIR] [--json] [-- more test flags, e.g. -i 'Fn::']
//
// The project's clients must read `base_url env.TEST_MODEL_URL` (and may read `api_key
// env.TEST_MODEL_KEY`); the prompts say what the model answers (see
// tests/testing/helpers/model-server.ts). Default project: tests/testing/fixtures/runner.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startModelServer } from '../tests/testing/helpers/model-server.ts'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const referenceCli = resolve(root, '..', 'shared', 'tools', 'oracle', 'node_modules', '@boundaryml', 'baml', 'cli.js')

const argv = process.argv.slice(2)
const dash = argv.indexOf('--')
const own = dash < 0 ? argv : argv.slice(0, dash)
const extra = dash < 0 ? [] : argv.slice(dash + 1)
const fromAt = own.indexOf('--from')
const from = resolve(fromAt >= 0 ? own[fromAt + 1]! : join(root, 'tests', 'testing', 'fixtures', 'runner', 'baml_src'))
const asJson = own.includes('--json')

if (!existsSync(referenceCli)) {
  console.error(`the reference CLI is not installed at ${referenceCli} (run ../shared/tools/oracle/setup.sh)`)
  process.exit(2)
}

type Verdict = 'pass' | 'fail'

function run(cmd: string, args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    // cwd: the project's parent, where both look for a .env
    const p = spawn(cmd, args, { cwd: dirname(from), env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    p.stderr.on('data', (d) => (stderr += d))
    p.on('close', (code) => done({ code, stderr }))
  })
}

/** Verdicts from a JUnit file as the reference writes it: a testcase with a failure or error child failed. */
function fromJunit(xml: string): Map<string, Verdict> {
  const out = new Map<string, Verdict>()
  for (const suite of xml.matchAll(/<testsuite\b[^>]*\bname="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testsuite>)/g)) {
    const fn = suite[1]!
    for (const tc of (suite[2] ?? '').matchAll(/<testcase\b[^>]*\bname="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
      const body = tc[3] ?? ''
      out.set(`${fn}::${tc[1]}`, /<(failure|error)\b/.test(body) ? 'fail' : /<skipped\b/.test(body) ? 'fail' : 'pass')
    }
  }
  return out
}

const server = await startModelServer()
const out = mkdtempSync(join(tmpdir(), 'baml-compare-'))
const env = { ...process.env, TEST_MODEL_URL: server.url, TEST_MODEL_KEY: 'sk-compare-local', NO_COLOR: '1' }
try {
  const junit = join(out, 'reference.xml')
  const report = join(out, 'ours.json')
  const [ref, ours] = await Promise.all([
    run('node', [referenceCli, 'test', '--from', from, '--junit', '--junit-path', junit, ...extra], env),
    run(join(root, 'node_modules', '.bin', 'bun'), [join(root, 'cli', 'main.ts'), 'test', '--from', from, '--reporter', 'json', '--output', report, ...extra], env),
  ])
  if (!existsSync(junit)) throw new Error(`the reference wrote no report (exit ${ref.code}):\n${ref.stderr.slice(-2000)}`)
  if (!existsSync(report)) throw new Error(`ours wrote no report (exit ${ours.code}):\n${ours.stderr.slice(-2000)}`)
  const theirs = fromJunit(readFileSync(junit, 'utf8'))
  const mine = new Map<string, Verdict>()
  const outcomes = new Map<string, string>()
  for (const t of (JSON.parse(readFileSync(report, 'utf8')) as { tests: { function: string; test: string; outcome: string }[] }).tests) {
    mine.set(`${t.function}::${t.test}`, t.outcome === 'passed' ? 'pass' : 'fail')
    outcomes.set(`${t.function}::${t.test}`, t.outcome)
  }
  const keys = [...new Set([...theirs.keys(), ...mine.keys()])].sort()
  const rows = keys.map((k) => ({ test: k, reference: theirs.get(k) ?? 'missing', ours: mine.get(k) ?? 'missing', outcome: outcomes.get(k) ?? '' }))
  const differ = rows.filter((r) => r.reference !== r.ours)
  const codes = { reference: ref.code, ours: ours.code }
  if (asJson) console.log(JSON.stringify({ tests: rows, exit_codes: codes, same: differ.length === 0 && ref.code === ours.code }, null, 2))
  else {
    const w = Math.max(4, ...keys.map((k) => k.length))
    console.log(`${'test'.padEnd(w)}  reference  ours`)
    for (const r of rows) console.log(`${r.test.padEnd(w)}  ${r.reference.padEnd(9)}  ${r.ours.padEnd(4)}${r.reference !== r.ours ? '  <-- differs' : ''}${r.outcome && r.outcome !== 'passed' && r.outcome !== 'failed' ? `  (${r.outcome})` : ''}`)
    console.log(`\nexit codes: reference ${ref.code}, ours ${ours.code}`)
    console.log(differ.length === 0 ? `same pass/fail for all ${rows.length} tests` : `${differ.length} of ${rows.length} tests differ`)
  }
  process.exitCode = differ.length === 0 && ref.code === ours.code ? 0 : 1
} finally {
  await server.close()
}
