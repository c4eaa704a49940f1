// Machine-read reports of a run: JUnit XML (one testsuite per function), one JSON document, and
// GitHub Actions workflow commands that annotate the failing tests' lines.
import type { FailureKind, TestResult, TestRunReport } from '../../core/index.ts'
import type { PathOf } from './human.ts'

// ---- JUnit XML ------------------------------------------------------------------------------------

// Characters XML 1.0 does not allow at all (they are dropped).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g

function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}

/** Failures that mean the test could not be judged (reported as `<error>`, the rest as `<failure>`). */
const ERROR_KINDS: ReadonlySet<FailureKind> = new Set(['http', 'error', 'invalid_args', 'no_recording'])

function isError(r: TestResult): boolean {
  return r.outcome === 'failed' && r.reason !== undefined && ERROR_KINDS.has(r.reason.kind)
}

function isFailure(r: TestResult): boolean {
  return (r.outcome === 'failed' && !isError(r)) || r.outcome === 'checks_failed' || r.outcome === 'needs_human_eval'
}

function details(r: TestResult): string {
  const out: string[] = []
  if (r.reason) out.push(r.reason.message)
  if (r.checks.length) out.push('checks: ' + r.checks.map((c) => `${c.name} ${c.passed ? 'passed' : 'failed'}`).join(', '))
  if (r.value !== undefined) out.push('value: ' + JSON.stringify(r.value, null, 2))
  else if (r.rawOutput !== undefined) out.push('raw output:\n' + r.rawOutput)
  return out.join('\n')
}

export function junitXml(report: TestRunReport, pathOf: PathOf, startedAt: Date): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>']
  const sum = report.summary
  const all = report.results
  const count = (rs: readonly TestResult[], f: (r: TestResult) => boolean) => rs.filter(f).length
  const skipped = (r: TestResult) => r.outcome === 'cancelled'
  lines.push(
    `<testsuites name="baml test" tests="${all.length}" failures="${count(all, isFailure)}" errors="${count(all, isError)}" skipped="${count(all, skipped)}" time="${seconds(report.durationMs)}">`,
  )
  for (const fn of sum.functions) {
    const rs = all.filter((r) => r.function === fn.function)
    lines.push(
      `  <testsuite name="${xmlAttr(fn.function)}" tests="${rs.length}" failures="${count(rs, isFailure)}" errors="${count(rs, isError)}" skipped="${count(rs, skipped)}" time="${seconds(fn.durationMs)}" timestamp="${startedAt.toISOString()}">`,
    )
    for (const r of rs) {
      const attrs = `name="${xmlAttr(r.test)}" classname="${xmlAttr(r.function)}" file="${xmlAttr(pathOf(r.file))}" line="${r.line}" time="${seconds(r.durationMs)}"`
      if (r.outcome === 'passed') {
        lines.push(`    <testcase ${attrs}/>`)
        continue
      }
      lines.push(`    <testcase ${attrs}>`)
      if (r.outcome === 'cancelled') lines.push('      <skipped message="cancelled"/>')
      else {
        const tag = isError(r) ? 'error' : 'failure'
        const type = r.outcome === 'failed' ? (r.reason?.kind ?? 'error') : r.outcome
        const message = r.reason?.message ?? 'the test has no @@assert or @@check: review the output'
        lines.push(`      <${tag} type="${xmlAttr(type)}" message="${xmlAttr(message)}">${xmlText(details(r))}</${tag}>`)
      }
      lines.push('    </testcase>')
    }
    lines.push('  </testsuite>')
  }
  lines.push('</testsuites>')
  return lines.join('\n') + '\n'
}

// ---- JSON -----------------------------------------------------------------------------------------

export const JSON_REPORT_VERSION = 1

function tokens(u: { inputTokens: number | null; outputTokens: number | null }) {
  return { input_tokens: u.inputTokens, output_tokens: u.outputTokens }
}

/** One document: the summary and every test (function, name, outcome, reason, duration, usage, …). */
export function jsonReport(report: TestRunReport, pathOf: PathOf, exitCode: number): unknown {
  const s = report.summary
  return {
    version: JSON_REPORT_VERSION,
    exit_code: exitCode,
    cancelled: report.cancelled,
    duration_ms: report.durationMs,
    summary: {
      total: s.total,
      passed: s.passed,
      failed: s.failed,
      checks_failed: s.checksFailed,
      needs_human_eval: s.needsHumanEval,
      cancelled: s.cancelled,
      ...tokens(s.usage),
    },
    tests: report.results.map((r) => ({
      function: r.function,
      test: r.test,
      file: pathOf(r.file),
      line: r.line,
      outcome: r.outcome,
      reason: r.reason ? { kind: r.reason.kind, message: r.reason.message, ...(r.reason.status !== undefined ? { status: r.reason.status } : {}) } : null,
      duration_ms: r.durationMs,
      latency_ms: r.latencyMs ?? null,
      usage: tokens(r.usage),
      attempts: r.attempts,
      checks: r.checks,
      field_checks: r.fieldChecks,
      ...(r.value !== undefined ? { value: r.value } : {}),
      ...(r.rawOutput !== undefined ? { raw_output: r.rawOutput } : {}),
    })),
  }
}

// ---- GitHub Actions annotations -------------------------------------------------------------------

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** `::error file=…,line=…,title=Fn::Test::reason` for each failing test (`::warning` for human evaluation). */
export function githubAnnotations(report: TestRunReport, pathOf: PathOf): string {
  const out: string[] = []
  for (const r of report.results) {
    if (r.outcome !== 'failed' && r.outcome !== 'checks_failed' && r.outcome !== 'needs_human_eval') continue
    const level = r.outcome === 'needs_human_eval' ? 'warning' : 'error'
    const message = r.reason?.message ?? 'needs human evaluation: the test has no @@assert or @@check'
    out.push(`::${level} file=${escapeProperty(pathOf(r.file))},line=${r.line},title=${escapeProperty(`${r.key} ${r.outcome.replace(/_/g, ' ')}`)}::${escapeData(message)}`)
  }
  return out.length ? out.join('\n') + '\n' : ''
}
