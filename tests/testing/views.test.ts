// The live view through its output stream (a fake terminal), the plain view, and the report writers'
// escaping, on hand-made results.
import { describe, expect, it } from 'vitest'
import { summarize, type SelectedTest, type TestResult, type TestRunReport } from '../../core/index.ts'
import { githubAnnotations, jsonReport, junitXml } from '../../cli/test/reports.ts'
import { makeStyle, stripAnsi } from '../../cli/test/style.ts'
import { liveView, plainView, type OutStream } from '../../cli/test/views.ts'
import { findAll, parseXml } from './helpers/xml.ts'

function terminal(columns = 60, rows = 20): OutStream & { out: string } {
  const t = {
    out: '',
    isTTY: true,
    columns,
    rows,
    write(chunk: string) {
      t.out += chunk
      return true
    },
  }
  return t
}

const sel = (fn: string, test: string, line = 3): SelectedTest =>
  ({ function: fn, test, key: `${fn}::${test}`, file: 'baml_src/a.baml', line, ir: {} as SelectedTest['ir'] }) as SelectedTest

function result(t: SelectedTest, outcome: TestResult['outcome'], extra: Partial<TestResult> = {}): TestResult {
  return { function: t.function, test: t.test, key: t.key, file: t.file, line: t.line, outcome, checks: [], fieldChecks: [], durationMs: 1234, usage: { inputTokens: 10, outputTokens: 4 }, attempts: 1, ...extra }
}

function report(results: TestResult[], cancelled = false): TestRunReport {
  return { results, cancelled, durationMs: 2500, summary: summarize(results) }
}

const pathOf = (f: string) => `project/${f}`

/** Replays the ANSI stream on a screen of lines: what a person would see at the end. */
function screen(out: string): string[] {
  const lines: string[] = ['']
  let row = 0
  const re = /\x1b\[(\d*)([A-Za-z])|\x1b\[\?25[hl]|\n|[^\x1b\n]+/g
  for (const m of out.matchAll(re)) {
    const tok = m[0]
    if (tok === '\n') {
      row++
      if (lines.length <= row) lines.push('')
    } else if (tok.startsWith('\x1b[?')) continue
    else if (m[2] === 'F') row = Math.max(0, row - Number(m[1] || 1))
    else if (m[2] === 'J') {
      // F left the cursor at the start of the row: clear from there down
      lines.length = row + 1
      lines[row] = ''
    }
    else if (m[2] === 'm') continue
    else if (!tok.startsWith('\x1b')) lines[row] = (lines[row] ?? '') + tok
  }
  return lines
}

describe('live view', () => {
  it('shows a spinner line per running test with its time, and a counter', () => {
    let now = 1000
    const term = terminal()
    const view = liveView(term, makeStyle(false), pathOf, { now: () => now, intervalMs: 0 })
    const a = sel('Fn', 'A')
    const b = sel('Fn', 'B')
    const c = sel('Other', 'C')
    view.onEvent({ type: 'run-start', tests: [a, b, c] })
    expect(screen(term.out)).toEqual(['0/3 ✔ 0', ''])
    view.onEvent({ type: 'test-start', test: a, attempt: 1 })
    now += 500
    view.onEvent({ type: 'test-start', test: b, attempt: 1 })
    now += 700
    view.onEvent({ type: 'test-end', result: result(a, 'passed', { durationMs: 1200 }) })
    expect(screen(term.out)).toEqual(['✔ Fn::A 1.20s', '⠋ Fn::B 0.70s', '1/3 ✔ 1', ''])
    view.onEvent({ type: 'test-start', test: c, attempt: 1 })
    view.onEvent({ type: 'test-retry', test: c, attempt: 1, delayMs: 2000, reason: 'rate limited' })
    expect(screen(term.out).slice(-3)).toEqual(['⠋ Other::C 0.00s rate limited, again in 2.00s', '1/3 ✔ 1', ''])
    view.onEvent({ type: 'test-end', result: result(b, 'failed', { reason: { kind: 'assert', message: 'assert big failed: this > 1' }, value: 0 }) })
    const s = screen(term.out)
    expect(s.slice(0, 4)).toEqual(['✔ Fn::A 1.20s', '✘ Fn::B 1.23s', '    at project/baml_src/a.baml:3', '    assert big failed: this > 1'])
    expect(s.slice(-3)).toEqual(['⠋ Other::C 0.00s rate limited, again in 2.00s', '2/3 ✔ 1 ✘ 1', ''])
  })

  it('clears its region and shows the cursor again when the run ends, then prints the summary', () => {
    const term = terminal()
    const view = liveView(term, makeStyle(false), pathOf, { intervalMs: 0 })
    const a = sel('Fn', 'A')
    view.onEvent({ type: 'run-start', tests: [a] })
    view.onEvent({ type: 'test-start', test: a, attempt: 1 })
    const r = report([result(a, 'passed')])
    view.onEvent({ type: 'test-end', result: r.results[0]! })
    view.onEvent({ type: 'run-end', report: r })
    view.finish(r)
    expect(term.out.startsWith('\x1b[?25l')).toBe(true)
    expect(term.out).toContain('\x1b[?25h')
    const s = screen(term.out).filter(Boolean)
    expect(s[0]).toBe('✔ Fn::A 1.23s')
    expect(s).not.toContain('1/1 ✔ 1')
    expect(s.slice(-4)).toEqual(['function  passed  failed   time  tokens in/out', 'Fn             1       0  1.23s           10/4', 'total          1       0  1.23s           10/4', '1 test: 1 passed in 2.50s'])
  })

  it('keeps lines within the terminal width and says how many more run than it shows', () => {
    const term = terminal(30, 8)
    const view = liveView(term, makeStyle(false), pathOf, { intervalMs: 0 })
    const tests = Array.from({ length: 9 }, (_, i) => sel('AVeryLongFunctionName', `AVeryLongTestName${i}`))
    view.onEvent({ type: 'run-start', tests })
    for (const t of tests) view.onEvent({ type: 'test-start', test: t, attempt: 1 })
    const s = screen(term.out).filter(Boolean)
    expect(s.every((l) => l.length <= 29)).toBe(true)
    expect(s).toContain('  … and 6 more running')
    expect(s[s.length - 1]).toBe('0/9 ✔ 0')
  })

  it('colours when asked', () => {
    const term = terminal()
    const view = liveView(term, makeStyle(true), pathOf, { intervalMs: 0 })
    const a = sel('Fn', 'A')
    view.onEvent({ type: 'run-start', tests: [a] })
    view.onEvent({ type: 'test-end', result: result(a, 'passed') })
    expect(term.out).toContain('\x1b[32m✔\x1b[39m')
  })
})

describe('plain view', () => {
  it('one line per finished test, failures in detail at the end', () => {
    const out = terminal()
    const view = plainView(out, makeStyle(false), pathOf)
    const a = sel('Fn', 'A')
    const b = sel('Fn', 'B', 9)
    const rs = [result(a, 'passed'), result(b, 'failed', { reason: { kind: 'parse', message: 'Failed to coerce value\n  - deeper' }, rawOutput: 'not json' })]
    for (const r of rs) view.onEvent({ type: 'test-end', result: r })
    view.finish(report(rs))
    const text = stripAnsi(out.out)
    expect(text.split('\n').slice(0, 2)).toEqual(['✔ Fn::A 1.23s', '✘ Fn::B 1.23s  Failed to coerce value'])
    expect(text).toContain('Failures:\n\n✘ Fn::B 1.23s\n    at project/baml_src/a.baml:9\n    Failed to coerce value\n      - deeper\n    raw output:\n      not json\n')
    expect(text).not.toContain('\x1b')
  })
})

describe('report writers', () => {
  const a = sel('Fn<&>', 'A"quote"')
  const b = sel('Fn<&>', 'B')
  const c = sel('Other', 'C')
  const rs = [
    result(a, 'failed', { reason: { kind: 'assert', message: 'assert x failed: this < 3 && "a" > \'b\'\nsecond line' }, value: { s: '<tag> & \u0001' } }),
    result(b, 'cancelled'),
    result(c, 'failed', { reason: { kind: 'http', message: 'client L failed with HTTP 500: boom', status: 500 } }),
  ]
  it('JUnit XML is well formed and escapes what it must', () => {
    const xml = junitXml(report(rs), pathOf, new Date('2024-01-02T03:04:05Z'))
    const doc = parseXml(xml)
    expect([doc.attrs.tests, doc.attrs.failures, doc.attrs.errors, doc.attrs.skipped]).toEqual(['3', '1', '1', '1'])
    const suites = findAll(doc, 'testsuite')
    expect(suites.map((s) => s.attrs.name)).toEqual(['Fn<&>', 'Other'])
    expect(suites[0]!.attrs.timestamp).toBe('2024-01-02T03:04:05.000Z')
    const [first, second] = findAll(suites[0]!, 'testcase')
    expect(first!.attrs.name).toBe('A"quote"')
    expect(first!.attrs.time).toBe('1.234')
    expect(first!.children[0]!.attrs.message).toBe('assert x failed: this < 3 && "a" > \'b\'\nsecond line')
    expect(first!.children[0]!.text).toContain('"s": "<tag> & \\u0001"')
    expect(second!.children[0]!.name).toBe('skipped')
    expect(findAll(suites[1]!, 'error')[0]!.attrs.type).toBe('http')
  })
  it('GitHub annotations escape newlines, % and the property separators', () => {
    const text = githubAnnotations(report(rs), pathOf)
    expect(text.split('\n').filter(Boolean)).toEqual([
      `::error file=project/baml_src/a.baml,line=3,title=Fn<&>%3A%3AA"quote" failed::assert x failed: this < 3 && "a" > 'b'%0Asecond line`,
      '::error file=project/baml_src/a.baml,line=3,title=Other%3A%3AC failed::client L failed with HTTP 500: boom',
    ])
    const pct = githubAnnotations(report([result(c, 'needs_human_eval')]), () => 'a,b:c%.baml')
    expect(pct).toBe('::warning file=a%2Cb%3Ac%25.baml,line=3,title=Other%3A%3AC needs human eval::needs human evaluation: the test has no @@assert or @@check\n')
  })
  it('the JSON report has every test with its outcome, reason, duration and usage', () => {
    const doc = jsonReport(report(rs, true), pathOf, 3) as { exit_code: number; cancelled: boolean; tests: Record<string, unknown>[] }
    expect(doc.exit_code).toBe(3)
    expect(doc.cancelled).toBe(true)
    expect(doc.tests[2]).toEqual({
      function: 'Other',
      test: 'C',
      file: 'project/baml_src/a.baml',
      line: 3,
      outcome: 'failed',
      reason: { kind: 'http', message: 'client L failed with HTTP 500: boom', status: 500 },
      duration_ms: 1234,
      latency_ms: null,
      usage: { input_tokens: 10, output_tokens: 4 },
      attempts: 1,
      checks: [],
      field_checks: [],
    })
  })
})
