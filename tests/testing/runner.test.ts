// The runner's core API on fixture projects against a local model server: outcomes, arguments,
// media files, type_builder, constraints, events, parallelism, rate limits and cancellation.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestArgs,
  exitCodeOf,
  parseTestFilter,
  runTests,
  selectTests,
  type TestResult,
  type TestRunEvent,
  type TestRunReport,
} from '../../core/index.ts'
import { startModelServer, type ModelServer } from './helpers/model-server.ts'
import { echoTests, FIXTURES, loadRuntime, LOCAL_CLIENT, modelEnv, tempProject } from './helpers/project.ts'

// Each test spawns processes or runs whole suites; the machine may be busy (bun's default is 5 s).
const SLOW = 120_000

const RUNNER = join(FIXTURES, 'runner', 'baml_src')
let server: ModelServer
let report: TestRunReport
const events: TestRunEvent[] = []
const byKey = (key: string): TestResult => {
  const r = report.results.find((x) => x.key === key)
  if (!r) throw new Error(`no result for ${key}`)
  return r
}

beforeAll(async () => {
  server = await startModelServer()
  const env = modelEnv(server.url)
  const rt = await loadRuntime(RUNNER, env)
  report = await runTests(rt, selectTests(rt.ir), { env, parallel: 4, onEvent: (e) => events.push(e) })
}, SLOW)
afterAll(() => server.close())

describe('outcomes on the fixture project', () => {
  it('passes what holds', () => {
    for (const k of ['ExtractPerson::Passes', 'ExtractPerson::UsesArgsAndLatency', 'Echo::IntStaysInt', 'DescribeShape::WithTypeBuilder', 'Describe::ImageFromFile']) {
      expect(byKey(k).outcome, k).toBe('passed')
    }
  }, SLOW)
  it('a failing field @check is reported but does not fail the test (as in the reference)', () => {
    const r = byKey('ExtractPerson::ShortNameStillPasses')
    expect(r.outcome).toBe('passed')
    expect(r.fieldChecks).toEqual([{ path: '.name', name: 'long_name', expression: 'this|length > 3', passed: false }])
  }, SLOW)
  it('a failing @@assert fails with its name, after the checks before it, and stops there', () => {
    const r = byKey('ExtractPerson::AssertFails')
    expect(r.outcome).toBe('failed')
    expect(r.reason).toEqual({ kind: 'assert', message: 'assert adult failed: this.age >= 18' })
    expect(r.checks).toEqual([{ name: 'has_age', expression: 'this.age > 0', passed: true }])
    expect((r.value as { age: number }).age).toBe(3)
  }, SLOW)
  it('failing @@checks give checks_failed; later checks see _.checks of earlier ones', () => {
    const r = byKey('ExtractPerson::CheckFails')
    expect(r.outcome).toBe('checks_failed')
    expect(r.checks.map((c) => [c.name, c.passed])).toEqual([
      ['ancient', false],
      ['follows', true],
    ])
    expect(r.reason?.message).toContain('ancient')
  }, SLOW)
  it('a field @assert that fails is a parse failure, with the raw output', () => {
    const r = byKey('ExtractPerson::FieldAssertFails')
    expect(r.outcome).toBe('failed')
    expect(r.reason?.kind).toBe('parse')
    expect(r.reason?.message).toContain('positive')
    expect(r.rawOutput).toBe('{"name": "Alice", "age": -3}')
  }, SLOW)
  it('output that does not parse fails with the raw output', () => {
    const r = byKey('ExtractPerson::NotJson')
    expect(r.reason?.kind).toBe('parse')
    expect(r.rawOutput).toBe('I would rather not say')
  }, SLOW)
  it('an HTTP error fails with its status and the server\'s message', () => {
    const r = byKey('ExtractPerson::ServerError')
    expect(r.outcome).toBe('failed')
    expect(r.reason?.kind).toBe('http')
    expect(r.reason?.status).toBe(500)
    expect(r.reason?.message).toContain('failure 500 on purpose')
  }, SLOW)
  it('an expression that is not true/false is a constraint error', () => {
    const r = byKey('ExtractPerson::BadExpression')
    expect(r.reason).toEqual({ kind: 'constraint_error', message: '`"yes"` must be true or false, got yes' })
  }, SLOW)
  it('a test without constraints passes unless human evaluation is required', () => {
    expect(byKey('ExtractPerson::NoAsserts').outcome).toBe('passed')
  }, SLOW)
  it('a test listing two functions runs once for each', () => {
    expect(byKey('Echo::BothFunctions').value).toBe('1|hey')
    expect(byKey('Shout::BothFunctions').value).toBe('HEY')
  }, SLOW)
  it('summarises per function and picks exit code 2', () => {
    const s = report.summary
    expect(s.total).toBe(18)
    expect([s.passed, s.failed, s.checksFailed, s.needsHumanEval, s.cancelled]).toEqual([12, 5, 1, 0, 0])
    const ex = s.functions.find((f) => f.function === 'ExtractPerson')!
    expect([ex.total, ex.passed, ex.failed]).toEqual([10, 4, 6])
    expect(exitCodeOf(report)).toBe(2)
  }, SLOW)
  it('adds up the tokens the server reported', () => {
    const r = byKey('Echo::IntStaysInt')
    // the server counts ceil(chars / 4): prompt "REPLY<<<5|plain>>>" (18), answer "5|plain" (7)
    expect(r.usage).toEqual({ inputTokens: 5, outputTokens: 2 })
    const fn = report.summary.functions.find((f) => f.function === 'Echo')!
    expect(fn.usage.inputTokens).toBeGreaterThan(r.usage.inputTokens!)
    expect(report.summary.usage.inputTokens).toBe(report.results.reduce((n, x) => n + (x.usage.inputTokens ?? 0), 0))
  }, SLOW)
  it('reports every test exactly once, between run-start and run-end', () => {
    const ends = events.filter((e) => e.type === 'test-end')
    expect(ends.length).toBe(18)
    expect(new Set(ends.map((e) => (e.type === 'test-end' ? e.result.key : ''))).size).toBe(18)
    expect(events[0]!.type).toBe('run-start')
    expect(events[events.length - 1]!.type).toBe('run-end')
    const starts = events.filter((e) => e.type === 'test-start').length
    expect(starts).toBe(18)
  }, SLOW)
})

describe('arguments', () => {
  const sent = (marker: string) => server.requests.find((r) => r.prompt.includes(marker))
  it('keeps 5.0 a float and dedents block strings', () => {
    expect(byKey('Echo::FloatStaysFloat').value).toBe('5.0|first\n  second')
    expect(byKey('Echo::IntStaysInt').value).toBe('5|plain')
  }, SLOW)
  it('reads a media file relative to the .baml file and sends it as base64', () => {
    const req = sent('REPLY<<<file>>>')!
    const bytes = readFileSync(join(RUNNER, 'assets', 'dot.png')).toString('base64')
    expect(JSON.stringify(req.body)).toContain(`data:image/png;base64,${bytes}`)
  }, SLOW)
  it('passes media urls and base64 through', () => {
    expect(JSON.stringify(sent('REPLY<<<url>>>')!.body)).toContain('"url":"https://example.com/cat.png"')
    expect(JSON.stringify(sent('REPLY<<<base64>>>')!.body)).toContain('data:image/png;base64,iVBORw0KGgo=')
  }, SLOW)
  it('applies the type_builder to the prompt and the parsed value', () => {
    expect(sent('"kind": "box"')!.prompt).toMatch(/size: \{\s*width: int/)
    expect(byKey('DescribeShape::WithTypeBuilder').value).toEqual({ kind: 'box', size: { width: 3 } })
  }, SLOW)
  it('buildTestArgs gives the function its arguments', async () => {
    const rt = await loadRuntime(RUNNER, modelEnv(server.url))
    const t = selectTests(rt.ir, parseTestFilter(['Describe::ImageFromFile']))[0]!
    const args = buildTestArgs(rt.ir, rt.ir.functions.get('Describe')!, t.ir, { resolveFile: (p) => `/root/${p}` })
    expect(args).toEqual({ img: { __baml_media: 'image', file: '/root/../assets/dot.png' }, label: 'file' })
  }, SLOW)
})

describe('require human evaluation', () => {
  it('turns tests without @@assert/@@check into needs_human_eval (exit 1) and keeps the rest', async () => {
    const env = modelEnv(server.url)
    const rt = await loadRuntime(RUNNER, env)
    const tests = selectTests(rt.ir, parseTestFilter(['ExtractPerson::NoAsserts', 'ExtractPerson::Passes']))
    const r = await runTests(rt, tests, { env, requireHumanEval: true })
    expect(r.results.map((x) => [x.key, x.outcome])).toEqual([
      ['ExtractPerson::NoAsserts', 'needs_human_eval'],
      ['ExtractPerson::Passes', 'passed'],
    ])
    expect(exitCodeOf(r)).toBe(1)
  }, SLOW)
})

describe('parallelism, rate limits and cancellation', () => {
  it('never runs more than `parallel` tests at once', async () => {
    const local = await startModelServer()
    try {
      const dir = tempProject({ 'main.baml': echoTests(24, (i) => `DELAY 40 answer ${i}`) })
      const env = modelEnv(local.url)
      const rt = await loadRuntime(dir, env)
      const r = await runTests(rt, selectTests(rt.ir), { env, parallel: 3 })
      expect(r.summary.passed).toBe(24)
      expect(local.maxConcurrent).toBeLessThanOrEqual(3)
      expect(local.maxConcurrent).toBeGreaterThanOrEqual(2)
    } finally {
      await local.close()
    }
  }, SLOW)

  it('waits out 429s (retry-after) and runs the test again instead of failing', async () => {
    const local = await startModelServer()
    try {
      const dir = tempProject({ 'main.baml': echoTests(3, (i) => `RATELIMIT 2 RETRYAFTER 0.05 answer ${i}`) })
      const env = modelEnv(local.url)
      const rt = await loadRuntime(dir, env)
      const retries: number[] = []
      const r = await runTests(rt, selectTests(rt.ir), {
        env,
        onEvent: (e) => {
          if (e.type === 'test-retry') retries.push(e.delayMs)
        },
      })
      expect(r.results.map((x) => x.outcome)).toEqual(['passed', 'passed', 'passed'])
      expect(r.results.map((x) => x.attempts)).toEqual([3, 3, 3])
      expect(retries).toEqual([50, 50, 50, 50, 50, 50])
      expect(local.requests.length).toBe(9)
    } finally {
      await local.close()
    }
  }, SLOW)

  it('gives up on a test after the configured number of reruns', async () => {
    const local = await startModelServer()
    try {
      const dir = tempProject({ 'main.baml': echoTests(1, () => 'RATELIMIT 99') })
      const env = modelEnv(local.url)
      const rt = await loadRuntime(dir, env)
      const r = await runTests(rt, selectTests(rt.ir), { env, rateLimit: { maxRetries: 2, baseDelayMs: 5 } })
      expect(r.results[0]!.outcome).toBe('failed')
      expect(r.results[0]!.reason?.status).toBe(429)
      expect(r.results[0]!.attempts).toBe(3)
    } finally {
      await local.close()
    }
  }, SLOW)

  it('an abort cancels running and waiting tests; finished ones keep their result', async () => {
    const local = await startModelServer()
    try {
      const src = [LOCAL_CLIENT, 'function Echo(note: string) -> string {\n  client Local\n  prompt #"REPLY<<<{{ note }}>>>"#\n}\n']
      for (const [name, note] of [['A', 'fast'], ['B', 'HANG'], ['C', 'HANG'], ['D', 'fast too']]) src.push(`test ${name} {\n  functions [Echo]\n  args {\n    note "${note}"\n  }\n}\n`)
      const env = modelEnv(local.url)
      const rt = await loadRuntime(tempProject({ 'main.baml': src.join('\n') }), env)
      const controller = new AbortController()
      const ended: string[] = []
      const r = await runTests(rt, selectTests(rt.ir), {
        env,
        parallel: 2,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'test-end') ended.push(e.result.key)
          // once A is done, B and C hang: cancel
          if (e.type === 'test-start' && e.test.test === 'C') setTimeout(() => controller.abort(new Error('stop')), 50)
        },
      })
      expect(r.cancelled).toBe(true)
      expect(r.results.map((x) => [x.test, x.outcome])).toEqual([
        ['A', 'passed'],
        ['B', 'cancelled'],
        ['C', 'cancelled'],
        ['D', 'cancelled'],
      ])
      expect(ended.sort()).toEqual(['Echo::A', 'Echo::B', 'Echo::C', 'Echo::D'])
      expect(exitCodeOf(r)).toBe(3)
      expect(local.requests.some((q) => q.prompt.includes('fast too'))).toBe(false)
    } finally {
      await local.close()
    }
  }, SLOW)
})
