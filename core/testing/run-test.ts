// Running one test: build its arguments, apply its type_builder, call the function (streaming, as
// the reference runs tests), then judge the outcome as the reference does.
//
//   passed            the call succeeded, every @@assert and @@check held
//   failed            an HTTP/transport error, output that does not parse (a field @assert failing
//                     included), a rejected finish reason, a failing @@assert, a constraint that cannot
//                     be evaluated, bad arguments, or no recording to replay
//   checks_failed     every @@assert held but some @@check did not (the reference fails these too)
//   needs_human_eval  only with `requireHumanEval`: the call succeeded but the test has neither
//                     @@assert nor @@check, so nothing judged its output
//   cancelled         stopped by the caller's signal before it finished
//
// Field-level @check results found in the parsed value are reported, but as in the reference they
// do not change the outcome.
import {
  BamlAbortError,
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlInvalidArgumentError,
  BamlValidationError,
} from '../errors.ts'
import { Collector } from '../runtime/collector.ts'
import type { BamlRuntime, Env } from '../runtime/runtime.ts'
import { buildTestArgs } from './args.ts'
import { evaluateTestConstraints, type CheckResult } from './constraints.ts'
import type { SelectedTest } from './select.ts'
import { testTypeBuilder } from './type-builder.ts'

export type TestOutcome = 'passed' | 'failed' | 'checks_failed' | 'needs_human_eval' | 'cancelled'

export type FailureKind =
  | 'http'
  | 'parse'
  | 'finish_reason'
  | 'assert'
  | 'checks'
  | 'constraint_error'
  | 'invalid_args'
  | 'no_recording'
  | 'error'

export interface FailureReason {
  readonly kind: FailureKind
  readonly message: string
  /** HTTP status for `http` failures (-100 when there was none, 408 for timeouts). */
  readonly status?: number
}

/** A `@check` on a field (or type) of the return value, as found in the parsed value. */
export interface FieldCheckResult extends CheckResult {
  /** Where in the value: `.name`, `.items[2].price`; empty for the value itself. */
  readonly path: string
}

export interface TokenUsage {
  readonly inputTokens: number | null
  readonly outputTokens: number | null
}

export interface TestResult {
  readonly function: string
  readonly test: string
  readonly key: string
  readonly file: string
  readonly line: number
  readonly outcome: TestOutcome
  readonly reason?: FailureReason
  /** The test block's @@check results, in order. */
  readonly checks: readonly CheckResult[]
  readonly fieldChecks: readonly FieldCheckResult[]
  /** The parsed value (when the call succeeded). */
  readonly value?: unknown
  /** The model's text, when its output did not parse or was rejected. */
  readonly rawOutput?: string
  /** Wall time of the test (all attempts), in ms. */
  readonly durationMs: number
  /** `_.latency_ms`: time of the model call whose answer was used. */
  readonly latencyMs?: number
  readonly usage: TokenUsage
  /** 1, plus one for each time the test was run again after a rate limit (429). */
  readonly attempts: number
}

export interface RunTestOptions {
  readonly signal?: AbortSignal
  /** The fetch the calls go through (record/replay wrappers go here). */
  readonly fetch?: typeof fetch
  /** Merged over the runtime's environment (also used for `env.NAME` test arguments). */
  readonly env?: Env
  readonly requireHumanEval?: boolean
  /** Path to read a media `file` argument from, given the project file holding the test and the path as written. */
  readonly resolveFile?: (bamlFile: string, path: string) => string
  /** Partial values as they stream in. */
  readonly onPartial?: (partial: unknown) => void
  readonly now?: () => number
}

/**
 * Default media path: relative to the `.baml` file. Project files are keyed `<root dir name>/<path
 * inside it>`; the runtime's `root` is that directory as the host reaches it.
 */
export function defaultResolveFile(root: string): (bamlFile: string, path: string) => string {
  return (bamlFile, path) => {
    if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path
    const inside = bamlFile.split('/').slice(1, -1)
    const base = root.replace(/[\\/]+$/, '')
    return [base === '' ? '.' : base, ...inside, path].join('/')
  }
}

function findFieldChecks(v: unknown, path: string, out: FieldCheckResult[], depth = 0): void {
  if (depth > 64 || v === null || typeof v !== 'object') return
  if (Array.isArray(v)) {
    v.forEach((x, i) => findFieldChecks(x, `${path}[${i}]`, out, depth + 1))
    return
  }
  const o = v as Record<string, unknown>
  const keys = Object.keys(o)
  const checks = o.checks
  if (keys.length === 2 && 'value' in o && checks && typeof checks === 'object' && !Array.isArray(checks)) {
    for (const c of Object.values(checks as Record<string, { name?: unknown; expression?: unknown; status?: unknown }>)) {
      if (c && typeof c.name === 'string' && typeof c.status === 'string') {
        out.push({ path, name: c.name, expression: String(c.expression ?? ''), passed: c.status === 'succeeded' })
      }
    }
    findFieldChecks(o.value, path, out, depth + 1)
    return
  }
  for (const k of keys) findFieldChecks(o[k], `${path}.${k}`, out, depth + 1)
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** The reason a call failed, and the model's text when there was one. */
export function failureOf(e: unknown): { reason: FailureReason; rawOutput?: string } {
  if (e instanceof BamlClientHttpError) {
    const status = e.status_code
    const what = status === 408 ? 'timed out' : status < 0 ? 'failed' : `failed with HTTP ${status}`
    return { reason: { kind: 'http', status, message: `client ${e.client_name} ${what}: ${e.message}` } }
  }
  if (e instanceof BamlValidationError) return { reason: { kind: 'parse', message: e.message }, rawOutput: e.raw_output }
  if (e instanceof BamlClientFinishReasonError) {
    return { reason: { kind: 'finish_reason', message: `${e.message} (finish reason: ${e.finish_reason ?? '<none>'})` }, rawOutput: e.raw_output }
  }
  if (e instanceof BamlInvalidArgumentError) return { reason: { kind: 'invalid_args', message: e.message } }
  const name = e instanceof Error && e.name !== 'Error' ? `${e.name}: ` : ''
  return { reason: { kind: 'error', message: name + errorMessage(e) } }
}

function sum(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b
}

/** The state of one test's run that the caller (the pool) may fill in: a replay miss, say. */
export interface TestRunContext {
  /** When set, the failure is reported as `no_recording` with this message. */
  replayMiss?: () => string | undefined
}

/** Run one test once (no rate-limit retries; see runTests). Never throws. */
export async function runTest(rt: BamlRuntime, t: SelectedTest, opts: RunTestOptions = {}, ctx: TestRunContext = {}): Promise<TestResult> {
  const now = opts.now ?? Date.now
  const start = now()
  const collector = new Collector(t.key)
  const base = { function: t.function, test: t.test, key: t.key, file: t.file, line: t.line, checks: [], fieldChecks: [], attempts: 1 }
  const finish = (rest: Partial<TestResult> & Pick<TestResult, 'outcome'>): TestResult => {
    const usage = collector.usage
    return { ...base, durationMs: now() - start, usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens }, ...rest }
  }
  const cancelled = () => opts.signal?.aborted === true

  let args: Record<string, unknown>
  let value: unknown
  const tb = t.ir.typeBuilder ? testTypeBuilder(t.ir.typeBuilder) : undefined
  try {
    const fn = rt.ir.functions.get(t.function)
    if (!fn) throw new BamlInvalidArgumentError(`function ${t.function} does not exist`)
    const ir = tb ? tb.apply(rt.ir) : rt.ir
    const resolveFile = opts.resolveFile ?? defaultResolveFile(rt.root)
    args = buildTestArgs(ir, fn, t.ir, { env: opts.env ?? {}, resolveFile: (p) => resolveFile(t.file, p) })
    const stream = rt.stream(t.function, args, {
      collector,
      ...(tb ? { typeBuilder: tb } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.env ? { env: opts.env } : {}),
    })
    if (opts.onPartial) for await (const p of stream) opts.onPartial(p)
    value = await stream.getFinalResponse()
  } catch (e) {
    if (cancelled() || e instanceof BamlAbortError) return finish({ outcome: 'cancelled' })
    const miss = ctx.replayMiss?.()
    if (miss) return finish({ outcome: 'failed', reason: { kind: 'no_recording', message: miss } })
    return finish({ outcome: 'failed', ...failureOf(e) })
  }

  const log = collector.last
  const selected = log?.calls.find((c) => c.selected)
  const latencyMs = selected ? selected.endMs - selected.startMs : (log?.timing.durationMs ?? 0)
  const fieldChecks: FieldCheckResult[] = []
  findFieldChecks(value, '', fieldChecks)
  const common = { value, latencyMs, fieldChecks }
  const constraints = t.ir.constraints
  const r = evaluateTestConstraints(constraints, { value, latencyMs, args })
  if (r.error) return finish({ ...common, checks: r.checks, outcome: 'failed', reason: { kind: 'constraint_error', message: r.error } })
  if (r.failedAssert) {
    const a = r.failedAssert
    return finish({ ...common, checks: r.checks, outcome: 'failed', reason: { kind: 'assert', message: `assert ${a.label ? `${a.label} ` : ''}failed: ${a.expression}` } })
  }
  const failedChecks = r.checks.filter((c) => !c.passed)
  if (failedChecks.length) {
    const names = failedChecks.map((c) => `${c.name} (${c.expression})`).join(', ')
    return finish({ ...common, checks: r.checks, outcome: 'checks_failed', reason: { kind: 'checks', message: `check${failedChecks.length > 1 ? 's' : ''} failed: ${names}` } })
  }
  if (opts.requireHumanEval && constraints.length === 0) return finish({ ...common, checks: r.checks, outcome: 'needs_human_eval' })
  return finish({ ...common, checks: r.checks, outcome: 'passed' })
}

/** Token totals of several results (null when none reported any). */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { inputTokens: sum(a.inputTokens, b.inputTokens), outputTokens: sum(a.outputTokens, b.outputTokens) }
}
