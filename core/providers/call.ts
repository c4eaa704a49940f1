// One LLM call through a client's whole strategy: plan the attempts, build each request with the request
// builder (core/providers/request, passed in), send or stream it, check the finish reason, hand the answer
// to the runtime's parse step, and return the value with a log of every attempt.
import { BamlInvalidArgumentError } from '../errors.ts'
import type { ClientIR } from '../ir/types.ts'
import type { HttpRequest } from '../values.ts'
import { defaultAuthorizer } from './auth/authorize.ts'
import type { EnvMap } from './request/config-values.ts'
import { checkFinishReason } from './strategy/finish-reason.ts'
import { planAttempts, type Attempt, type ClientLookup } from './strategy/plan.ts'
import type { RoundRobinState } from './strategy/round-robin.ts'
import { markSetupFailure, runAttempts, type AttemptRecord, type AttemptsOutcome } from './strategy/run.ts'
import type { Authorizer } from './transport/prepare.ts'
import { sendLlmRequest, type TransportOptions } from './transport/send.ts'
import { singleEventStream, streamLlmRequest } from './transport/stream.ts'
import type { LlmResponse, LlmStreamDelta } from './types.ts'

export interface LlmCallOptions<T> {
  readonly lookup: ClientLookup
  /** A client name or a "provider/model" shorthand. */
  readonly clientName: string
  /** Shared per runtime (see createRoundRobinState). */
  readonly roundRobin: RoundRobinState
  readonly env?: EnvMap
  /**
   * Build the provider request for one leaf client (the request builder's job). `stream` says which shape;
   * `signal` aborts with the attempt (pass it to media downloads). A BamlInvalidArgumentError thrown here
   * (unset api key, unsupported media...) fails only this attempt: a fallback moves on to its next client.
   */
  readonly buildRequest: (
    client: ClientIR,
    ctx: { readonly stream: boolean; readonly attempt: Attempt; readonly signal: AbortSignal },
  ) => HttpRequest | Promise<HttpRequest>
  /**
   * The runtime's parse step. Whatever it throws ends the call without trying other attempts
   * (e.g. BamlValidationError); only BamlClientHttpError/BamlTimeoutError would be retried.
   */
  readonly parse: (response: LlmResponse, attempt: Attempt) => T | Promise<T>
  /** The rendered prompt, for BamlClientFinishReasonError.prompt. */
  readonly prompt?: string
  readonly signal?: AbortSignal
  readonly totalTimeoutMs?: number
  readonly fetch?: typeof fetch
  readonly now?: () => number
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  /** Auth per attempt; defaults to defaultAuthorizer (SigV4 for Bedrock, OAuth for Vertex). */
  readonly authorize?: (attempt: Attempt) => Authorizer | undefined
  /** For credentials files (Vertex); usually Host.readTextFile. */
  readonly readTextFile?: (path: string) => Promise<string>
}

export interface LlmStreamCallOptions<T> extends LlmCallOptions<T> {
  /** Every stream event of every attempt (a failed attempt's partial events included, as in the reference). */
  readonly onEvent?: (event: LlmStreamDelta, attempt: Attempt) => void
}

function transportFor<T>(opts: LlmCallOptions<T>, attempt: Attempt, signal: AbortSignal, record: AttemptRecord): TransportOptions {
  const env = opts.env ?? {}
  const authorize = opts.authorize
    ? opts.authorize(attempt)
    : defaultAuthorizer(attempt.client, {
        env,
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
        ...(opts.readTextFile ? { readTextFile: opts.readTextFile } : {}),
        ...(opts.now ? { now: opts.now } : {}),
      })
  return {
    provider: attempt.provider,
    clientName: attempt.clientName,
    signal,
    timeouts: attempt.timeouts,
    onRequest: (req) => {
      record.request = req
    },
    onResponse: (res) => {
      record.response = res
    },
    ...(attempt.clientResponseType ? { clientResponseType: attempt.clientResponseType } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(authorize ? { authorize } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  }
}

function recordResponse(record: AttemptRecord, response: LlmResponse): void {
  record.response = response.raw
  record.usage = response.usage
  if (response.model !== undefined) record.model = response.model
  if (response.finishReason !== undefined) record.finishReason = response.finishReason
  if (response.timing.firstTokenMs !== undefined) record.firstTokenMs = response.timing.firstTokenMs
}

/**
 * The attempt's request, or a setup failure (see markSetupFailure) when its client cannot be built: options
 * that did not resolve, or a BamlInvalidArgumentError from `buildRequest`. Aborts and other errors pass as they are.
 */
async function buildAttemptRequest<T>(opts: LlmCallOptions<T>, attempt: Attempt, stream: boolean, signal: AbortSignal): Promise<HttpRequest> {
  if (attempt.resolveError) throw markSetupFailure(attempt.resolveError)
  try {
    return await opts.buildRequest(attempt.client, { stream, attempt, signal })
  } catch (e) {
    if (e instanceof BamlInvalidArgumentError && !signal.aborted) throw markSetupFailure(e)
    throw e
  }
}

/**
 * Plan the attempts and run them: `answer` gets one leaf's LlmResponse (building and sending its request);
 * every attempt's response is then logged, checked against the finish-reason filter and parsed.
 */
async function runCall<T>(
  opts: LlmCallOptions<T>,
  answer: (attempt: Attempt, signal: AbortSignal, record: AttemptRecord) => Promise<LlmResponse>,
): Promise<AttemptsOutcome<T>> {
  const attempts = planAttempts(opts.lookup, opts.clientName, opts.roundRobin, { env: opts.env ?? {} })
  return runAttempts(
    attempts,
    async ({ attempt, signal, record }) => {
      const response = await answer(attempt, signal, record)
      recordResponse(record, response)
      checkFinishReason(attempt.finishReasonFilter, response, opts.prompt)
      return opts.parse(response, attempt)
    },
    {
      roundRobin: opts.roundRobin,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.totalTimeoutMs !== undefined ? { totalTimeoutMs: opts.totalTimeoutMs } : {}),
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
    },
  )
}

/** Non-streaming call. Planning errors (unknown client, cycles) throw; everything else is in the outcome. */
export async function callLlm<T>(opts: LlmCallOptions<T>): Promise<AttemptsOutcome<T>> {
  return runCall(opts, async (attempt, signal, record) => {
    const req = await buildAttemptRequest(opts, attempt, false, signal)
    return sendLlmRequest(req, transportFor(opts, attempt, signal, record))
  })
}

/**
 * Streaming call. Clients with `supports_streaming false` get one non-streaming request presented as a
 * single event. `parse` runs on the final response of the attempt that finished.
 */
export async function streamLlm<T>(opts: LlmStreamCallOptions<T>): Promise<AttemptsOutcome<T>> {
  return runCall(opts, async (attempt, signal, record) => {
    const streaming = attempt.supportsStreaming
    record.stream = streaming
    const req = await buildAttemptRequest(opts, attempt, streaming, signal)
    const t = transportFor(opts, attempt, signal, record)
    let final: LlmResponse | undefined
    for await (const ev of streaming ? streamLlmRequest(req, t) : singleEventStream(req, t)) {
      if (ev.type === 'done') final = ev.response
      else opts.onEvent?.(ev, attempt)
    }
    if (!final) throw new Error('stream finished without a final response')
    return final
  })
}
