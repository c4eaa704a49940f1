// Plain data shared by the transport, auth and strategy layers.
import type { ProviderName } from '../ir/types.ts'

/** Which wire format a response (and its stream) is read with. */
export type ResponseFormat = 'openai' | 'openai-responses' | 'anthropic' | 'google' | 'bedrock'

/** Leaf providers: the ones that send HTTP requests. */
export type LeafProviderName = Exclude<ProviderName, 'fallback' | 'round-robin'>

/** Token counts as reported by the provider; `null` when the provider did not say. */
export interface LlmUsage {
  readonly inputTokens: number | null
  readonly outputTokens: number | null
  readonly totalTokens: number | null
  readonly cachedInputTokens: number | null
}

export const EMPTY_USAGE: LlmUsage = { inputTokens: null, outputTokens: null, totalTokens: null, cachedInputTokens: null }

/** What was actually put on the wire (after serialisation and signing). */
export interface SentRequest {
  readonly url: string
  readonly method: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export interface RawHttpResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** The response body as text. For streams: the raw bytes decoded as UTF-8 (SSE text), or one JSON line per Bedrock event. */
  readonly body: string
}

/** Milliseconds from the injected clock (`Date.now()` by default). */
export interface LlmTiming {
  readonly startMs: number
  /** Streaming only: when the first event arrived. */
  readonly firstTokenMs?: number
  readonly endMs: number
}

/** The provider-independent view of one model answer. */
export interface LlmSnapshot {
  readonly content: string
  readonly model: string | undefined
  readonly finishReason: string | undefined
  /** The provider reported a normal stop (openai `stop`, anthropic `end_turn`/`stop_sequence`, google `STOP`, ...). */
  readonly isComplete: boolean
  readonly usage: LlmUsage
}

export interface LlmResponse extends LlmSnapshot {
  readonly format: ResponseFormat
  readonly request: SentRequest
  readonly raw: RawHttpResponse
  readonly timing: LlmTiming
  /** Streaming only: events that could not be read (bad JSON, provider error events) but did not end the stream. */
  readonly warnings?: readonly string[]
}

/** One step of a stream: what the event added and the answer so far. */
export interface LlmStreamDelta extends LlmSnapshot {
  readonly type: 'delta'
  /** Text appended by this event (empty for metadata-only events such as pings or usage). */
  readonly delta: string
  /** True when the provider replaced the accumulated text (openai-responses `response.completed`); `delta` is then the whole text. */
  readonly replaced: boolean
  /** The raw event payload (SSE `data`, or the Bedrock event JSON). */
  readonly rawEvent: string
}

/** Last event of every successful stream. */
export interface LlmStreamDone {
  readonly type: 'done'
  readonly response: LlmResponse
}

export type LlmStreamEvent = LlmStreamDelta | LlmStreamDone

/**
 * A client's `http { ... }` block, in ms; `0` means "no limit". Only what the client wrote is set (see
 * ResolvedLeafClient.timeouts); the transport fills in its defaults.
 * With `fetch` the TCP/TLS connect phase is not observable, so `connectTimeoutMs` bounds the time until the
 * response headers arrive (see transport/request-scope.ts for when it applies).
 */
export interface HttpTimeouts {
  /** Undefined = not configured: the default (10 000 ms) then applies to streaming requests only. */
  readonly connectTimeoutMs?: number
  /** Whole request including the body (or the whole stream). Default 300 000 ms. */
  readonly requestTimeoutMs?: number
  /** Streaming: from sending the request to the first event. */
  readonly timeToFirstTokenTimeoutMs?: number
  /** Streaming: longest gap between two events. */
  readonly idleTimeoutMs?: number
  /** Composite clients (fallback / round-robin): one deadline for all their attempts. Ignored by the transport. */
  readonly totalTimeoutMs?: number
  /** Leaf clients: `enable_connection_pooling` (fetch pools connections itself; ignored by the transport). */
  readonly enableConnectionPooling?: boolean
}

/**
 * `finish_reason_allow_list` / `finish_reason_deny_list`, lower-cased (finish reasons are compared
 * case-insensitively). Neither set: every finish reason is accepted; a missing finish reason always is.
 */
export interface FinishReasonFilter {
  /** When set, only these finish reasons are accepted. */
  readonly allow?: readonly string[]
  /** When set, these finish reasons are rejected. */
  readonly deny?: readonly string[]
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000
