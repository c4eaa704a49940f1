// Running a selection of tests: at most `parallel` at a time, each result reported once through
// `onEvent` as it finishes, record/replay wired into each test's fetch, rate limits (429) waited out
// and the test run again, and a caller's AbortSignal stopping everything cleanly (unfinished tests
// are reported `cancelled`).
import type { BamlIR, ConfigValue } from '../ir/types.ts'
import { parseRetryAfter } from '../providers/transport/http-errors.ts'
import type { BamlRuntime, Env } from '../runtime/runtime.ts'
import { recordingFetch, replayFetch, type RecordingSession } from './record-fetch.ts'
import type { RecordingStore } from './recording.ts'
import { addUsage, runTest, type RunTestOptions, type TestResult, type TokenUsage } from './run-test.ts'
import type { SelectedTest } from './select.ts'

export interface RateLimitOptions {
  /** How many times a test that ended on a 429 is run again (default 6). */
  readonly maxRetries?: number
  /** Wait before the first rerun when the server gave no `retry-after` (default 1000 ms, doubling). */
  readonly baseDelayMs?: number
  /** Longest single wait, `retry-after` included (default 60 000 ms). */
  readonly maxDelayMs?: number
}

export interface RunTestsOptions extends Omit<RunTestOptions, 'fetch' | 'signal'> {
  /**
   * The environment the runtime was loaded with (or what to add to it). Besides `env.NAME` test
   * arguments, it tells which secret values to keep out of recordings and which client variables
   * need placeholders when replaying.
   */
  readonly env?: Env
  /** Tests running at once (default 10). */
  readonly parallel?: number
  /** Abort to cancel: running tests are stopped, waiting ones never start. */
  readonly signal?: AbortSignal
  /** The network (default: the global fetch). Never called when replaying. */
  readonly fetch?: typeof fetch
  /** Save each test's HTTP exchanges here. */
  readonly record?: RecordingStore
  /** Answer each test's requests from here, with no network. */
  readonly replay?: RecordingStore
  readonly rateLimit?: RateLimitOptions
  readonly onEvent?: (event: TestRunEvent) => void
  /** Injected for tests; must reject when the signal aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

export type TestRunEvent =
  | { readonly type: 'run-start'; readonly tests: readonly SelectedTest[] }
  | { readonly type: 'test-start'; readonly test: SelectedTest; readonly attempt: number }
  | { readonly type: 'test-retry'; readonly test: SelectedTest; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'test-end'; readonly result: TestResult }
  | { readonly type: 'run-end'; readonly report: TestRunReport }

export interface FunctionSummary {
  readonly function: string
  readonly total: number
  readonly passed: number
  /** failed + checks_failed */
  readonly failed: number
  readonly needsHumanEval: number
  readonly cancelled: number
  /** Sum of the tests' durations. */
  readonly durationMs: number
  readonly usage: TokenUsage
}

export interface TestSummary {
  readonly total: number
  readonly passed: number
  readonly failed: number
  readonly checksFailed: number
  readonly needsHumanEval: number
  readonly cancelled: number
  readonly usage: TokenUsage
  /** Per function, in name order. */
  readonly functions: readonly FunctionSummary[]
}

export interface TestRunReport {
  /** One per selected test, in selection order. */
  readonly results: readonly TestResult[]
  /** The run was stopped by the signal. */
  readonly cancelled: boolean
  /** Wall time of the whole run. */
  readonly durationMs: number
  readonly summary: TestSummary
}

/** The exit codes of `baml test`, as the reference's. */
export const EXIT = { passed: 0, humanEval: 1, failed: 2, cancelled: 3, error: 4, noTests: 5 } as const

/** The exit code a run ends with: cancelled, then failures, then human evaluation. */
export function exitCodeOf(report: TestRunReport, opts: { passIfNoTests?: boolean } = {}): number {
  if (report.cancelled) return EXIT.cancelled
  if (report.results.length === 0) return opts.passIfNoTests ? EXIT.passed : EXIT.noTests
  const s = report.summary
  if (s.failed + s.checksFailed > 0) return EXIT.failed
  if (s.needsHumanEval > 0) return EXIT.humanEval
  return EXIT.passed
}

const NO_USAGE: TokenUsage = { inputTokens: null, outputTokens: null }

export function summarize(results: readonly TestResult[]): TestSummary {
  const byFn = new Map<string, TestResult[]>()
  for (const r of results) {
    let list = byFn.get(r.function)
    if (!list) byFn.set(r.function, (list = []))
    list.push(r)
  }
  const count = (rs: readonly TestResult[], o: TestResult['outcome']) => rs.filter((r) => r.outcome === o).length
  const functions = [...byFn.keys()].sort().map((fn): FunctionSummary => {
    const rs = byFn.get(fn)!
    return {
      function: fn,
      total: rs.length,
      passed: count(rs, 'passed'),
      failed: count(rs, 'failed') + count(rs, 'checks_failed'),
      needsHumanEval: count(rs, 'needs_human_eval'),
      cancelled: count(rs, 'cancelled'),
      durationMs: rs.reduce((n, r) => n + r.durationMs, 0),
      usage: rs.reduce((u, r) => addUsage(u, r.usage), NO_USAGE),
    }
  })
  return {
    total: results.length,
    passed: count(results, 'passed'),
    failed: count(results, 'failed'),
    checksFailed: count(results, 'checks_failed'),
    needsHumanEval: count(results, 'needs_human_eval'),
    cancelled: count(results, 'cancelled'),
    usage: results.reduce((u, r) => addUsage(u, r.usage), NO_USAGE),
    functions,
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function envNames(v: ConfigValue, out: Map<string, string>, key: string): void {
  if (v.kind === 'env') out.set(v.name, key)
  else if (v.kind === 'array') for (const x of v.items) envNames(x, out, key)
  else if (v.kind === 'map') for (const e of v.entries) envNames(e.value, out, e.key)
}

/** The environment variables the project's clients read, with the option each sits under. */
export function clientEnvNames(ir: BamlIR): Map<string, string> {
  const out = new Map<string, string>()
  for (const c of ir.clients.values()) envNames(c.options, out, '')
  return out
}

const SECRET_NAME = /key|token|secret|password|passwd|credential|auth|session/i

/** Values to keep out of recordings: those of the clients' variables whose names say they are secret. */
export function secretValues(ir: BamlIR, env: Env): string[] {
  const out: string[] = []
  for (const name of clientEnvNames(ir).keys()) {
    const v = env[name]
    if (v && v.length >= 4 && SECRET_NAME.test(name)) out.push(v)
  }
  return out
}

/**
 * Replaying needs no keys: the clients' variables that are unset get placeholders (a URL for
 * URL-like options), so that requests can be built and matched against the recording.
 */
export function replayEnv(ir: BamlIR, env: Env): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, option] of clientEnvNames(ir)) {
    if (env[name] === undefined) out[name] = /url|endpoint|host/i.test(option) ? 'http://replay.invalid' : 'replay-placeholder'
  }
  return out
}

/** Observes `retry-after` on 429 answers (the runtime's errors do not carry the header). */
function watchRateLimit(base: typeof fetch, now: () => number, seen: { retryAfterMs?: number }): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const res = await base(input, init)
    if (res.status === 429) {
      const ms = parseRetryAfter(res.headers, now())
      if (ms !== undefined) seen.retryAfterMs = ms
    }
    return res
  }) as typeof fetch
}

/** Run `tests` against `rt`. Never throws; every selected test gets exactly one result. */
export async function runTests(rt: BamlRuntime, tests: readonly SelectedTest[], opts: RunTestsOptions = {}): Promise<TestRunReport> {
  const now = opts.now ?? Date.now
  const sleep = opts.sleep ?? defaultSleep
  const emit = opts.onEvent ?? (() => {})
  const signal = opts.signal
  const parallel = Math.max(1, Math.floor(opts.parallel ?? 10))
  const maxRetries = opts.rateLimit?.maxRetries ?? 6
  const baseDelay = opts.rateLimit?.baseDelayMs ?? 1000
  const maxDelay = opts.rateLimit?.maxDelayMs ?? 60_000
  const network = opts.fetch ?? globalThis.fetch.bind(globalThis)
  const baseEnv: Env = opts.env ?? {}
  const env: Env = opts.replay ? { ...replayEnv(rt.ir, baseEnv), ...baseEnv } : baseEnv
  const secrets = secretValues(rt.ir, env)
  const started = now()
  const results: (TestResult | undefined)[] = new Array(tests.length)
  // Shared by all tests: after a 429, no test starts a call before this time.
  let pausedUntil = 0

  emit({ type: 'run-start', tests })

  const runOnce = async (t: SelectedTest, seen: { retryAfterMs?: number }): Promise<TestResult> => {
    const common: RunTestOptions = { ...opts, env, ...(signal ? { signal } : {}), now }
    if (opts.replay) {
      let rec
      try {
        rec = await opts.replay.read(t.function, t.test)
      } catch (e) {
        return { ...blankResult(t), outcome: 'failed', reason: { kind: 'error', message: `could not read the recording: ${e instanceof Error ? e.message : String(e)}` } }
      }
      const replay = replayFetch(t.key, rec, secrets)
      return runTest(rt, t, { ...common, fetch: watchRateLimit(replay.fetch, now, seen) }, { replayMiss: () => replay.session.miss })
    }
    let session: RecordingSession | undefined
    let f = network
    if (opts.record) {
      const r = recordingFetch(network, secrets)
      session = r.session
      f = r.fetch
    }
    const result = await runTest(rt, t, { ...common, fetch: watchRateLimit(f, now, seen) })
    if (session && opts.record && result.outcome !== 'cancelled' && !isRateLimited(result)) {
      try {
        await opts.record.write(session.recording(t.function, t.test))
      } catch (e) {
        return { ...result, outcome: 'failed', reason: { kind: 'error', message: `could not save the recording: ${e instanceof Error ? e.message : String(e)}` } }
      }
    }
    return result
  }

  const blankResult = (t: SelectedTest): TestResult => ({
    function: t.function,
    test: t.test,
    key: t.key,
    file: t.file,
    line: t.line,
    outcome: 'cancelled',
    checks: [],
    fieldChecks: [],
    durationMs: 0,
    usage: NO_USAGE,
    attempts: 0,
  })

  const runWithRetries = async (t: SelectedTest): Promise<TestResult> => {
    const first = now()
    for (let attempt = 1; ; attempt++) {
      const wait = pausedUntil - now()
      if (wait > 0) await sleep(wait, signal)
      emit({ type: 'test-start', test: t, attempt })
      const seen: { retryAfterMs?: number } = {}
      const result = await runOnce(t, seen)
      if (!isRateLimited(result) || attempt > maxRetries || signal?.aborted) return { ...result, attempts: attempt, durationMs: now() - first }
      const delayMs = Math.min(maxDelay, seen.retryAfterMs ?? baseDelay * 2 ** (attempt - 1))
      pausedUntil = Math.max(pausedUntil, now() + delayMs)
      emit({ type: 'test-retry', test: t, attempt, delayMs, reason: result.reason?.message ?? 'rate limited' })
    }
  }

  let next = 0
  const worker = async (): Promise<void> => {
    while (next < tests.length && !signal?.aborted) {
      const i = next++
      const t = tests[i]!
      let result: TestResult
      try {
        result = await runWithRetries(t)
      } catch {
        // only an aborted sleep gets here
        result = blankResult(t)
      }
      results[i] = result
      emit({ type: 'test-end', result })
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, tests.length) }, worker))

  // Tests that never started (cancelled) are reported too, so every test gets exactly one test-end.
  const final = tests.map((t, i) => {
    let r = results[i]
    if (!r) {
      r = blankResult(t)
      emit({ type: 'test-end', result: r })
    }
    return r
  })
  const report: TestRunReport = { results: final, cancelled: signal?.aborted === true, durationMs: now() - started, summary: summarize(final) }
  emit({ type: 'run-end', report })
  return report
}

function isRateLimited(r: TestResult): boolean {
  return r.outcome === 'failed' && r.reason?.kind === 'http' && r.reason.status === 429
}
