// What people read about a test run: a line per finished test, the details of a failure, and the
// closing summary table. Shared by the live terminal view and the plain (CI log) view.
import type { TestResult, TestRunReport } from '../../core/index.ts'
import { clip, formatDuration, formatTokens, indent, type Style } from './style.ts'

/** Maps a project file as the IR keys it (`baml_src/a.baml`) to the path people can open. */
export type PathOf = (irFile: string) => string

export function mark(r: TestResult, s: Style): string {
  switch (r.outcome) {
    case 'passed':
      return s.green('✔')
    case 'failed':
    case 'checks_failed':
      return s.red('✘')
    case 'needs_human_eval':
      return s.yellow('?')
    case 'cancelled':
      return s.dim('○')
  }
}

const LABEL: Record<TestResult['outcome'], string> = {
  passed: 'passed',
  failed: 'failed',
  checks_failed: 'checks failed',
  needs_human_eval: 'needs human evaluation',
  cancelled: 'cancelled',
}

function firstLine(text: string, max = 120): string {
  const line = text.split('\n', 1)[0]!.trim()
  return line.length > max ? line.slice(0, max - 1) + '…' : line
}

/** `✔ Fn::Test 0.52s`, or for a failure `✘ Fn::Test 0.52s  <first line of the reason>`. */
export function resultLine(r: TestResult, s: Style, withReason: boolean): string {
  const time = r.outcome === 'cancelled' ? '' : ' ' + s.dim(formatDuration(r.durationMs))
  let line = `${mark(r, s)} ${r.key}${time}`
  if (r.outcome === 'needs_human_eval' || r.outcome === 'cancelled') line += ' ' + s.dim(LABEL[r.outcome])
  else if (withReason && r.reason) line += '  ' + s.red(firstLine(r.reason.message))
  if (r.attempts > 1) line += ' ' + s.dim(`(${r.attempts} attempts after rate limits)`)
  return line
}

function json(v: unknown): string {
  try {
    return JSON.stringify(v, null, 2) ?? String(v)
  } catch {
    return String(v)
  }
}

/** The reason, the checks, the parsed value or raw output, and where the test is. */
export function failureDetails(r: TestResult, s: Style, pathOf: PathOf): string {
  const out: string[] = []
  out.push(s.dim(`at ${pathOf(r.file)}:${r.line}`))
  if (r.reason) out.push(s.red(clip(r.reason.message, 20)))
  else if (r.outcome === 'needs_human_eval') out.push(s.yellow('the test has no @@assert or @@check: review the output'))
  if (r.checks.length) out.push('checks: ' + r.checks.map((c) => `${c.name} ${c.passed ? s.green('✔') : s.red('✘')}`).join(', '))
  const fieldFails = r.fieldChecks.filter((c) => !c.passed)
  if (fieldFails.length) out.push(s.dim('field checks failed (not counted): ' + fieldFails.map((c) => `${c.path || '<value>'} ${c.name}`).join(', ')))
  if (r.value !== undefined) out.push(s.dim('value:') + '\n' + indent(clip(json(r.value)), '  '))
  else if (r.rawOutput !== undefined) out.push(s.dim('raw output:') + '\n' + indent(clip(r.rawOutput), '  '))
  return indent(out.join('\n'), '    ')
}

export function isProblem(r: TestResult): boolean {
  return r.outcome === 'failed' || r.outcome === 'checks_failed' || r.outcome === 'needs_human_eval'
}

function table(rows: string[][], s: Style, rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  return rows.map((r, i) => {
    const cells = r.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
    const line = cells.join('  ').trimEnd()
    return i === 0 || i === rows.length - 1 ? s.bold(line) : line
  })
}

/** Per function: passed, failed, (human eval, cancelled when any), total time, tokens in/out. */
export function summaryTable(report: TestRunReport, s: Style): string {
  const sum = report.summary
  const withEval = sum.needsHumanEval > 0
  const withCancelled = sum.cancelled > 0
  const head = ['function', 'passed', 'failed', ...(withEval ? ['eval'] : []), ...(withCancelled ? ['cancelled'] : []), 'time', 'tokens in/out']
  const row = (name: string, passed: number, failed: number, evalN: number, cancelled: number, ms: number, u: { inputTokens: number | null; outputTokens: number | null }) => [
    name,
    String(passed),
    String(failed),
    ...(withEval ? [String(evalN)] : []),
    ...(withCancelled ? [String(cancelled)] : []),
    formatDuration(ms),
    `${formatTokens(u.inputTokens)}/${formatTokens(u.outputTokens)}`,
  ]
  const rows = [head, ...sum.functions.map((f) => row(f.function, f.passed, f.failed, f.needsHumanEval, f.cancelled, f.durationMs, f.usage))]
  const total = sum.functions.reduce((n, f) => n + f.durationMs, 0)
  rows.push(row('total', sum.passed, sum.failed + sum.checksFailed, sum.needsHumanEval, sum.cancelled, total, sum.usage))
  const numeric = new Set(head.map((_, i) => i).filter((i) => i > 0))
  return table(rows, s, numeric).join('\n')
}

/** `40 tests: 37 passed, 3 failed in 4.20s` (and cancellation, human evaluation when any). */
export function summaryLine(report: TestRunReport, s: Style): string {
  const sum = report.summary
  const parts = [s.green(`${sum.passed} passed`)]
  const failed = sum.failed + sum.checksFailed
  if (failed) parts.push(s.red(`${failed} failed`))
  if (sum.needsHumanEval) parts.push(s.yellow(`${sum.needsHumanEval} need human evaluation`))
  if (sum.cancelled) parts.push(s.dim(`${sum.cancelled} cancelled`))
  const head = `${sum.total} test${sum.total === 1 ? '' : 's'}`
  return `${s.bold(head)}: ${parts.join(', ')} in ${formatDuration(report.durationMs)}${report.cancelled ? s.yellow(' (run cancelled)') : ''}`
}
