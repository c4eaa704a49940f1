// Run planned attempts in order until one succeeds.
//
// HTTP, transport and timeout failures (BamlClientHttpError, including BamlTimeoutError) move on to the
// next attempt, and so do setup failures (markSetupFailure: a client that could not be built — an unset
// api key, options that do not resolve, a request that cannot be made), without waiting a retry delay; the
// client's later attempts in the same call (its retries) are skipped, since they would fail the same way.
// Anything else `runOne` throws — a BamlValidationError from parsing, a finish-reason error, an abort —
// ends the call at once: that is how the runtime's parse step says "stop". When every attempt fails, the
// error names each one's reason (detailed_message, or the message itself for a setup failure).
//
// Between attempts it sleeps the failed attempt's retry delay; on 429/503 with `retry-after` it waits at
// least that long (bounded by the policy's max delay) — unlike the reference, which ignores the header.
// `total_timeout_ms` windows and the caller's AbortSignal cut attempts and sleeps short.
import { BamlClientHttpError, BamlError, BamlInvalidArgumentError, BamlTimeoutError } from '../../errors.ts'
import type { LeafProviderName, LlmUsage, RawHttpResponse, SentRequest } from '../types.ts'
import { retryAfterMsOf } from '../transport/http-errors.ts'
import { setLongTimeout } from '../timer.ts'
import { abortReasonToError } from '../transport/request-scope.ts'
import { detailedMessage, withDetailedMessage } from './final-error.ts'
import type { Attempt, TotalTimeoutWindow } from './plan.ts'
import type { RoundRobinState } from './round-robin.ts'

/** What is known about one attempt; `runOne` fills in the request/response details it has. */
export interface AttemptRecord {
  readonly index: number
  readonly clientName: string
  readonly provider: LeafProviderName
  readonly label: string
  stream: boolean
  startMs: number
  endMs: number
  /** Streaming: when the first event arrived. */
  firstTokenMs?: number
  request?: SentRequest
  response?: RawHttpResponse
  usage?: LlmUsage
  model?: string
  finishReason?: string
  error?: Error
  /** How long the runner waited after this attempt before the next one. */
  sleptMs?: number
  /** True for the attempt whose result the call returned. */
  selected: boolean
}

export type AttemptLog = Readonly<AttemptRecord>

export interface AttemptContext {
  readonly attempt: Attempt
  /** Aborts when the caller aborts or a total_timeout_ms window closes; pass it to the transport. */
  readonly signal: AbortSignal
  readonly record: AttemptRecord
}

export type AttemptsOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly log: readonly AttemptLog[] }
  | { readonly ok: false; readonly error: Error; readonly log: readonly AttemptLog[] }

export interface RunAttemptsOptions {
  readonly signal?: AbortSignal
  /** Limit for the whole run (on top of the strategies' own total_timeout_ms). */
  readonly totalTimeoutMs?: number
  /** Injected for tests; must reject with `signal.reason` when the signal aborts. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  readonly now?: () => number
  /** Round-robin positions to advance as attempts run (the state the plan was made with). */
  readonly roundRobin?: RoundRobinState
}

const setupFailures = new WeakSet<Error>()

/**
 * Mark `err` as "this attempt's client could not be built": the runner then moves on to the next attempt
 * (a fallback's next client) instead of ending the call. Returns `err`.
 */
export function markSetupFailure<E extends Error>(err: E): E {
  setupFailures.add(err)
  return err
}

export function isSetupFailure(err: unknown): boolean {
  return err instanceof Error && setupFailures.has(err)
}

/** Retryable = the attempt failed at the HTTP/transport/timeout level, or its client could not be built. */
export function isRetryableFailure(err: unknown): boolean {
  return err instanceof BamlClientHttpError || isSetupFailure(err)
}

/**
 * The error a failed run ends with. A setup failure has no detailed_message, so when earlier attempts
 * failed too, its message lists them all.
 */
function finalError(error: Error, all: readonly Error[]): Error {
  const detailed = detailedMessage(all)
  if (all.length > 1 && isSetupFailure(error) && error instanceof BamlInvalidArgumentError) return markSetupFailure(new BamlInvalidArgumentError(detailed))
  return withDetailedMessage(error, detailed)
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const onAbort = (): void => {
      t.cancel()
      reject(signal.reason)
    }
    const t = setLongTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

const RUN_WINDOW = '*run*'
const noop = (): void => {}

export async function runAttempts<T>(
  attempts: readonly Attempt[],
  runOne: (ctx: AttemptContext) => Promise<T>,
  opts: RunAttemptsOptions = {},
): Promise<AttemptsOutcome<T>> {
  const now = opts.now ?? Date.now
  const sleep = opts.sleep ?? defaultSleep
  const log: AttemptRecord[] = []
  const failures: Error[] = []
  const windowStart = new Map<string, number>()
  const runStart = now()
  let lastError: Error | undefined

  const fail = (error: Error): AttemptsOutcome<T> => {
    const all = failures.length > 0 && failures[failures.length - 1] === error ? failures : [...failures, error]
    return { ok: false, error: finalError(error, all), log }
  }
  const callerAbort = (): Error => abortReasonToError(opts.signal?.reason)

  // Windows whose timer fired: timers can fire a millisecond before the clock says the deadline passed.
  const expired = new Set<string>()
  type Deadline = { at: number; client: string; ms: number; key: string; closed: boolean }
  /** The earliest closing window for an attempt (starting windows that have not started yet). */
  const deadlineFor = (attempt: Attempt, startIfNew: boolean): Deadline | undefined => {
    const windows: TotalTimeoutWindow[] = [...attempt.totalTimeouts]
    if (opts.totalTimeoutMs !== undefined && opts.totalTimeoutMs > 0) windows.unshift({ key: RUN_WINDOW, client: attempt.scopes[0]?.client ?? attempt.clientName, ms: opts.totalTimeoutMs })
    let best: Deadline | undefined
    for (const w of windows) {
      let start = w.key === RUN_WINDOW ? runStart : windowStart.get(w.key)
      if (start === undefined) {
        if (!startIfNew) continue
        start = now()
        windowStart.set(w.key, start)
      }
      const at = start + w.ms
      const closed = expired.has(w.key) || at <= now()
      if (closed) return { at, client: w.client, ms: w.ms, key: w.key, closed }
      if (!best || at < best.at) best = { at, client: w.client, ms: w.ms, key: w.key, closed }
    }
    return best
  }
  const totalTimeoutError = (d: { client: string; ms: number }): BamlTimeoutError =>
    new BamlTimeoutError(d.client, `Total timeout of ${d.ms}ms exceeded (total_timeout_ms)`)

  // Clients that could not be built in this call: their remaining attempts are skipped.
  const unbuildable = new Set<Attempt['client']>()

  for (let i = 0; i < attempts.length; i++) {
    const attempt = attempts[i]!
    if (opts.signal?.aborted) return fail(callerAbort())
    if (unbuildable.has(attempt.client)) continue
    const deadline = deadlineFor(attempt, true)
    if (deadline?.closed) {
      // Its window has already closed: do not start it.
      lastError = totalTimeoutError(deadline)
      continue
    }

    const controller = new AbortController()
    const onCallerAbort = (): void => controller.abort(callerAbort())
    if (opts.signal) opts.signal.addEventListener('abort', onCallerAbort, { once: true })
    const timer = deadline
      ? setLongTimeout(() => {
          expired.add(deadline.key)
          controller.abort(totalTimeoutError(deadline))
        }, Math.max(0, deadline.at - now()))
      : undefined
    let rejectAborted: (e: Error) => void = noop
    const aborted = new Promise<never>((_, reject) => {
      rejectAborted = reject
    })
    aborted.catch(noop)
    controller.signal.addEventListener('abort', () => rejectAborted(abortReasonToError(controller.signal.reason)), { once: true })

    for (const s of attempt.scopes) {
      if (s.kind === 'round-robin' && opts.roundRobin) opts.roundRobin.indices.set(s.client, (opts.roundRobin.indices.get(s.client) ?? 0) + 1)
    }
    const record: AttemptRecord = {
      index: attempt.index,
      clientName: attempt.clientName,
      provider: attempt.provider,
      label: attempt.label,
      stream: false,
      startMs: now(),
      endMs: 0,
      selected: false,
    }
    log.push(record)

    try {
      const run = runOne({ attempt, signal: controller.signal, record })
      run.catch(noop)
      const value = await Promise.race([run, aborted])
      record.endMs = now()
      record.selected = true
      return { ok: true, value, log }
    } catch (e) {
      record.endMs = now()
      let err: Error = e instanceof Error ? e : new BamlError(String(e))
      if (controller.signal.aborted && !(err instanceof BamlError)) err = abortReasonToError(controller.signal.reason)
      record.error = err
      failures.push(err)
      if (!isRetryableFailure(err)) return fail(err)
      if (isSetupFailure(err)) unbuildable.add(attempt.client)
      lastError = err
    } finally {
      timer?.cancel()
      opts.signal?.removeEventListener('abort', onCallerAbort)
    }

    // Wait before the next attempt (never after the last one, nor after one that could not be sent).
    if (i === attempts.length - 1) break
    if (isSetupFailure(lastError)) continue
    let wait = attempt.delayAfterFailureMs
    const retryAfter = retryAfterMsOf(lastError)
    if (wait > 0 && retryAfter !== undefined) wait = Math.max(wait, Math.min(retryAfter, attempt.maxRetryAfterMs))
    if (wait <= 0) continue
    const next = deadlineFor(attempts[i + 1]!, false)
    if (next) wait = next.closed ? 0 : Math.max(0, Math.min(wait, next.at - now()))
    if (wait <= 0) continue
    const sleepSignal = opts.signal ?? new AbortController().signal
    try {
      await sleep(wait, sleepSignal)
    } catch {
      return fail(callerAbort())
    }
    record.sleptMs = wait
  }
  return fail(lastError ?? new BamlInvalidArgumentError('No attempts to run'))
}
