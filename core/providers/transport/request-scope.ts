// One request's abort/timeout bookkeeping. Every wait in the transport races `scope.aborted`, so a timeout
// or the caller's AbortSignal ends it promptly even if the runtime's fetch ignores the signal mid-body.
//
// How the http timeouts map onto fetch (which cannot see the TCP/TLS connect phase):
// - connect_timeout_ms: time from sending until the response headers arrive. Non-streaming providers only
//   send headers once the whole answer is generated, so for non-streaming requests it is enforced only when
//   the client sets it explicitly; the 10 s default applies to streaming requests (where headers come first).
//   Time spent getting auth tokens counts towards it.
// - request_timeout_ms (default 300 s): the whole request, body or stream included (as reqwest does).
// - time_to_first_token_timeout_ms: streaming only, from sending until the first stream event.
// - idle_timeout_ms: streaming only, longest gap between two events once the first has arrived.
import { BamlAbortError, BamlError, BamlTimeoutError } from '../../errors.ts'
import type { HttpTimeouts } from '../types.ts'
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from '../types.ts'
import { setLongTimeout, type LongTimer } from '../timer.ts'
import { NO_STATUS, clientHttpError, describeError } from './http-errors.ts'

export interface RequestScope {
  /** Pass to fetch (and auth calls). Aborts on any timeout or when the caller aborts. */
  readonly signal: AbortSignal
  /** Rejects with the error to throw once the scope aborts; never resolves. Use with `race`. */
  readonly aborted: Promise<never>
  headersReceived(): void
  eventReceived(): void
  /** The error to surface for something thrown inside the scope. */
  fail(err: unknown): BamlError
  /** Clear every timer and listener. Idempotent. */
  dispose(): void
}

const noop = (): void => {}

/** Turn whatever an AbortSignal carries into the BamlError to throw. */
export function abortReasonToError(reason: unknown): BamlError {
  if (reason instanceof BamlError) return reason
  return new BamlAbortError('Operation cancelled', reason)
}

export function openRequestScope(opts: {
  readonly clientName: string
  readonly stream: boolean
  readonly signal?: AbortSignal | undefined
  readonly timeouts?: HttpTimeouts | undefined
}): RequestScope {
  const { clientName, stream, signal: outer } = opts
  const t = opts.timeouts ?? {}
  const controller = new AbortController()
  const timers = new Set<LongTimer>()
  let rejectAborted: (e: BamlError) => void = noop
  const aborted = new Promise<never>((_, reject) => {
    rejectAborted = reject
  })
  aborted.catch(noop) // nobody may be racing it when it fires

  const abortWith = (err: BamlError): void => {
    if (controller.signal.aborted) return
    controller.abort(err)
    rejectAborted(err)
  }
  // Timeouts above setTimeout's 32-bit limit are chained (setLongTimeout), not fired at once.
  const timer = (ms: number | undefined, message: string): LongTimer | undefined => {
    if (ms === undefined || !(ms > 0) || !Number.isFinite(ms)) return undefined
    const t = setLongTimeout(() => {
      timers.delete(t)
      abortWith(new BamlTimeoutError(clientName, message))
    }, ms)
    timers.add(t)
    return t
  }
  const clear = (t: LongTimer | undefined): void => {
    if (t === undefined) return
    t.cancel()
    timers.delete(t)
  }

  const onOuterAbort = (): void => abortWith(abortReasonToError(outer?.reason))
  if (outer?.aborted) onOuterAbort()
  else outer?.addEventListener('abort', onOuterAbort, { once: true })

  const requestMs = t.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const connectMs = t.connectTimeoutMs ?? (stream ? DEFAULT_CONNECT_TIMEOUT_MS : 0)
  timer(requestMs, `Request timed out after ${requestMs}ms (request_timeout_ms)`)
  let connectTimer = timer(connectMs, `No response headers within ${connectMs}ms (connect_timeout_ms)`)
  const ttftMs = stream ? t.timeToFirstTokenTimeoutMs : undefined
  let ttftTimer = timer(ttftMs, `Timeout: No data received within ${ttftMs}ms (time_to_first_token_timeout)`)
  const idleMs = stream ? t.idleTimeoutMs : undefined
  let idleTimer: LongTimer | undefined
  let disposed = false

  return {
    signal: controller.signal,
    aborted,
    headersReceived() {
      clear(connectTimer)
      connectTimer = undefined
    },
    eventReceived() {
      if (disposed) return
      clear(ttftTimer)
      ttftTimer = undefined
      clear(idleTimer)
      idleTimer = timer(idleMs, `Timeout: No data received within ${idleMs}ms (idle_timeout)`)
    },
    fail(err) {
      if (err instanceof BamlError) return err
      if (controller.signal.aborted) return abortReasonToError(controller.signal.reason)
      return clientHttpError(clientName, NO_STATUS, `Request failed: ${describeError(err)}`)
    },
    dispose() {
      disposed = true
      for (const t of timers) t.cancel()
      timers.clear()
      outer?.removeEventListener('abort', onOuterAbort)
    },
  }
}

/** Wait for `p` unless the scope aborts first. A late rejection of `p` is swallowed. */
export function race<T>(p: Promise<T>, scope: RequestScope): Promise<T> {
  p.catch(noop)
  return Promise.race([p, scope.aborted])
}
