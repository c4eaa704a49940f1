// The per-provider response readers share this shape: one function for a whole JSON response,
// one accumulator for a stream of events.
import type { LlmSnapshot } from '../../types.ts'

export interface FormatContext {
  /** Model name to report when the response does not carry one (from the request body or URL). */
  readonly modelHint?: string
}

/** One decoded stream event: the SSE `event` name (or Bedrock `:event-type`) and its parsed JSON payload. */
export interface StreamInput {
  readonly event: string
  readonly data: unknown
}

export interface StreamAccumulator {
  /**
   * Apply one event. Returns true when the event replaced the text so far instead of appending to it (so the
   * stream need not compare the whole text on every event). Throws ProviderStreamError for error events and
   * ShapeError for unreadable ones.
   */
  apply(input: StreamInput): boolean
  snapshot(): LlmSnapshot
}

export interface FormatHandler {
  /** Read a complete (non-streaming) JSON response. Throws ShapeError when it is not usable. */
  parse(body: unknown, ctx: FormatContext): LlmSnapshot
  accumulator(ctx: FormatContext): StreamAccumulator
}

/** The provider reported an error inside an otherwise healthy stream. */
export class ProviderStreamError extends Error {
  override name = 'ProviderStreamError'
  constructor(
    message: string,
    /** HTTP-like status for the error when the provider implies one (e.g. Bedrock throttling = 429). */
    readonly status?: number,
  ) {
    super(message)
  }
}
