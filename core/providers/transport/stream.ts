// Streaming LLM requests: SSE (or Bedrock event-stream) events accumulated into the answer so far.
//
// Like the reference, an event that cannot be read (bad JSON, a provider `error` event) does not end the
// stream: it is recorded in `warnings` and later events continue. If such a failure is the *last* thing
// the stream produced, or the stream produced no event at all, the stream fails with a retryable
// BamlClientHttpError. A connection dropped mid-stream is a retryable transport error (status -100).
import type { HttpRequest } from '../../values.ts'
import type { LlmResponse, LlmSnapshot, LlmStreamDelta, LlmStreamEvent } from '../types.ts'
import { EventStreamFramingError } from './event-stream.ts'
import { FORMATS, ProviderStreamError } from './formats/index.ts'
import { NO_STATUS, clientHttpError, describeError } from './http-errors.ts'
import { headersToRecord } from './prepare.ts'
import { openRequestScope } from './request-scope.ts'
import { bodyChunks, failForStatus, openResponse, sendLlmRequest, type TransportOptions } from './send.ts'
import { bedrockWireDecoder, sseWireDecoder } from './wire-events.ts'

/**
 * Stream one request. Yields a `delta` per provider event and finally one `done` carrying the full response.
 * Always finish the iteration or call `return()` on the iterator (for-await does so on `break`/throw):
 * that is what releases the connection and clears the timers.
 */
export async function* streamLlmRequest(req: HttpRequest, opts: TransportOptions): AsyncGenerator<LlmStreamEvent, void, undefined> {
  const clientName = opts.clientName ?? opts.provider
  const now = opts.now ?? Date.now
  const scope = openRequestScope({ clientName, stream: true, signal: opts.signal, timeouts: opts.timeouts })
  // Reported through onResponse if the stream fails part-way.
  let partial: { status: number; headers: Record<string, string> } | undefined
  let raw = ''
  try {
    const opened = await openResponse(req, opts, scope)
    const { res, sent, format, ctx, startMs } = opened
    if (!res.ok) await failForStatus(opened, opts, clientName, scope, now)
    if (!res.body) throw clientHttpError(clientName, NO_STATUS, 'Streaming response has no body')
    partial = { status: res.status, headers: headersToRecord(res.headers) }

    const acc = FORMATS[format].accumulator(ctx)
    // The raw body: SSE text as received, or one JSON line per Bedrock event (added in `handle`).
    const wire = format === 'bedrock' ? bedrockWireDecoder() : sseWireDecoder((text) => (raw += text))
    const warnings: string[] = []
    let lastFailure: { message: string; status: number; raw: string } | undefined
    let received = 0
    let firstTokenMs: number | undefined
    let prevLength = 0 // of the text so far, before the current event
    let sawDone = false

    const handle = function* (events: ReturnType<typeof wire.push>): Generator<LlmStreamDelta, void, undefined> {
      for (const ev of events) {
        if (ev.kind === 'done') {
          sawDone = true
          return
        }
        scope.eventReceived()
        firstTokenMs ??= now()
        if (ev.kind === 'error') {
          if (format === 'bedrock') raw += `${JSON.stringify({ error: ev.message })}\n`
          // Bedrock ends the stream after an exception frame: fail right away.
          throw clientHttpError(clientName, ev.status ?? NO_STATUS, ev.message, ev.raw)
        }
        if (format === 'bedrock') raw += `${JSON.stringify({ event: ev.event, data: ev.data })}\n`
        let replaced: boolean
        try {
          replaced = acc.apply({ event: ev.event, data: JSON.parse(ev.data) })
        } catch (e) {
          const message = e instanceof SyntaxError ? `Failed to parse SSE data as JSON: ${e.message}` : e instanceof Error ? e.message : String(e)
          const status = e instanceof ProviderStreamError && e.status !== undefined ? e.status : NO_STATUS
          warnings.push(message)
          lastFailure = { message, status, raw: ev.data }
          continue
        }
        lastFailure = undefined
        received++
        const snap = acc.snapshot()
        yield deltaEvent(snap, replaced ? undefined : prevLength, ev.data)
        prevLength = snap.content.length
      }
    }

    for await (const chunk of bodyChunks(res.body, scope)) {
      yield* handle(wire.push(chunk))
      if (sawDone) break
    }
    if (!sawDone) yield* handle(wire.end())
    if (lastFailure) throw clientHttpError(clientName, lastFailure.status, lastFailure.message, lastFailure.raw)
    if (received === 0) throw clientHttpError(clientName, NO_STATUS, 'Stream ended without receiving any events', raw)

    partial = undefined
    const rawResponse = { status: res.status, headers: headersToRecord(res.headers), body: raw }
    opts.onResponse?.(rawResponse)
    const response: LlmResponse = {
      ...acc.snapshot(),
      format,
      request: sent,
      raw: rawResponse,
      timing: firstTokenMs === undefined ? { startMs, endMs: now() } : { startMs, firstTokenMs, endMs: now() },
      ...(warnings.length > 0 ? { warnings } : {}),
    }
    yield { type: 'done', response }
  } catch (e) {
    if (partial) opts.onResponse?.({ ...partial, body: raw })
    throw scope.fail(e instanceof EventStreamFramingError ? clientHttpError(clientName, NO_STATUS, describeError(e)) : e)
  } finally {
    scope.dispose()
  }
}

/** `appendedAt`: where the event's text starts in the text so far; undefined when it replaced the text. */
function deltaEvent(snap: LlmSnapshot, appendedAt: number | undefined, rawEvent: string): LlmStreamDelta {
  return {
    type: 'delta',
    delta: appendedAt === undefined ? snap.content : snap.content.slice(appendedAt),
    replaced: appendedAt === undefined,
    rawEvent,
    content: snap.content,
    model: snap.model,
    finishReason: snap.finishReason,
    isComplete: snap.isComplete,
    usage: snap.usage,
  }
}

/**
 * For clients with `supports_streaming false`: one non-streaming request (build it with stream=false)
 * presented as a stream of one delta and the final `done`.
 */
export async function* singleEventStream(req: HttpRequest, opts: TransportOptions): AsyncGenerator<LlmStreamEvent, void, undefined> {
  const response = await sendLlmRequest(req, opts)
  yield {
    type: 'delta',
    delta: response.content,
    replaced: false,
    rawEvent: response.raw.body,
    content: response.content,
    model: response.model,
    finishReason: response.finishReason,
    isComplete: response.isComplete,
    usage: response.usage,
  }
  yield { type: 'done', response }
}
