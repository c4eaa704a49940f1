// Turns a response body's bytes into provider events: SSE for most providers, AWS event-stream for Bedrock.
import { createEventStreamDecoder, headerString } from './event-stream.ts'
import { createSseParser } from './sse.ts'

export type WireEvent =
  | { readonly kind: 'data'; readonly event: string; readonly data: string }
  /** OpenAI's `data: [DONE]`: the stream is over. */
  | { readonly kind: 'done' }
  /** Bedrock `:message-type` exception/error frames. */
  | { readonly kind: 'error'; readonly message: string; readonly status?: number; readonly raw: string }

export interface WireDecoder {
  push(chunk: Uint8Array): WireEvent[]
  end(): WireEvent[]
}

/** SSE. The bytes are decoded once: `onText` gets the text (the raw response body) before it is parsed. */
export function sseWireDecoder(onText: (text: string) => void): WireDecoder {
  const sse = createSseParser()
  const utf8 = new TextDecoder('utf-8')
  const map = (evs: ReturnType<typeof sse.push>): WireEvent[] =>
    evs.map((e): WireEvent => (e.data.trim() === '[DONE]' ? { kind: 'done' } : { kind: 'data', event: e.event, data: e.data }))
  const feed = (text: string): ReturnType<typeof sse.push> => {
    onText(text)
    return sse.push(text)
  }
  return {
    push: (c) => map(feed(utf8.decode(c, { stream: true }))),
    end: () => map([...feed(utf8.decode()), ...sse.end()]),
  }
}

/** HTTP-like statuses for Bedrock stream exceptions, so retries and messages treat them like HTTP errors. */
const BEDROCK_EXCEPTION_STATUS: Readonly<Record<string, number>> = {
  throttlingException: 429,
  serviceUnavailableException: 503,
  internalServerException: 500,
  modelStreamErrorException: 424,
  validationException: 400,
  modelTimeoutException: 408,
  accessDeniedException: 403,
  resourceNotFoundException: 404,
}

export function bedrockWireDecoder(): WireDecoder {
  const frames = createEventStreamDecoder()
  const text = new TextDecoder('utf-8')
  return {
    push(chunk) {
      return frames.push(chunk).map((msg): WireEvent => {
        const payload = text.decode(msg.payload)
        const type = headerString(msg, ':message-type') ?? 'event'
        if (type === 'event') return { kind: 'data', event: headerString(msg, ':event-type') ?? '', data: payload }
        if (type === 'exception') {
          const name = headerString(msg, ':exception-type') ?? 'exception'
          let message = payload
          try {
            const parsed: unknown = JSON.parse(payload)
            if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') {
              message = (parsed as { message: string }).message
            }
          } catch {
            // keep the raw payload as the message
          }
          const status = BEDROCK_EXCEPTION_STATUS[name]
          return status === undefined
            ? { kind: 'error', message: `${name}: ${message}`, raw: payload }
            : { kind: 'error', message: `${name}: ${message}`, status, raw: payload }
        }
        const code = headerString(msg, ':error-code') ?? 'error'
        return { kind: 'error', message: `${code}: ${headerString(msg, ':error-message') ?? payload}`, raw: payload }
      })
    },
    end() {
      frames.end()
      return []
    },
  }
}
