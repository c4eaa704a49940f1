// `fetch` wrappers for record and replay. The runtime takes a `fetch` in its call options, so a test
// records by calling through `recordingFetch` and replays through `replayFetch`, which never touches
// the network.
import { decodeBase64Prefix, encodeBase64 } from '../providers/request/base64-mime.ts'
import type { JsonValue } from '../values.ts'
import {
  parseJson,
  redact,
  redactUrl,
  requestHeadersToRecord,
  requestKey,
  responseHeadersToRecord,
  type RecordedExchange,
  type RecordedRequest,
  type RecordedResponse,
  type Recording,
} from './recording.ts'

type Fetch = typeof fetch

interface SeenRequest {
  readonly key: string
  readonly request: RecordedRequest
}

async function describeRequest(input: Parameters<Fetch>[0], init: Parameters<Fetch>[1], secrets: readonly string[]): Promise<SeenRequest> {
  const req = new Request(input, init)
  const method = req.method.toUpperCase()
  const url = redactUrl(req.url, secrets)
  const bodyText = redact(req.body ? await req.text() : '', secrets)
  const headers = requestHeadersToRecord(req.headers, secrets)
  const parsed = bodyText === '' ? undefined : parseJson(bodyText)
  const request: RecordedRequest = parsed?.ok
    ? { method, url, headers, json: parsed.value }
    : bodyText === ''
      ? { method, url, headers }
      : { method, url, headers, body: bodyText }
  return { key: await requestKey(method, url, bodyText), request }
}

// Statuses whose responses have no body (the Response constructor refuses one).
const NULL_BODY = new Set([101, 103, 204, 205, 304])

function isEventStream(contentType: string): boolean {
  return /event-stream|ndjson|jsonl|eventstream/i.test(contentType)
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/** The body as the recording keeps it: text chunks for streams, JSON or text for whole bodies, else base64. */
function bodyToRecord(chunks: readonly Uint8Array[], contentType: string): Pick<RecordedResponse, 'json' | 'body' | 'chunks' | 'base64Chunks'> {
  const whole = concat(chunks)
  const text = decodeUtf8(whole)
  if (text === undefined) return { base64Chunks: chunks.map(encodeBase64) }
  if (isEventStream(contentType)) {
    // Chunk boundaries may split a character: keep each chunk's text only when they all decode alone.
    const parts = chunks.map(decodeUtf8)
    return parts.every((p) => p !== undefined) ? { chunks: parts as string[] } : { chunks: [text] }
  }
  if (text === '') return {}
  const parsed = /json/i.test(contentType) ? parseJson(text) : { ok: false as const }
  return parsed.ok ? { json: parsed.value } : { body: text }
}

export interface RecordingSession {
  /** The exchanges so far, in the order the requests were sent. */
  readonly exchanges: readonly RecordedExchange[]
  /** The recording of `fn::test` (exchanges whose body is still arriving are left out). */
  recording(fn: string, test: string): Recording
}

/**
 * A fetch that sends through `base` and keeps every exchange (the response body is passed on as it
 * arrives and copied on the way). `secrets`: values to redact wherever they appear.
 */
export function recordingFetch(base: Fetch, secrets: readonly string[] = []): { fetch: Fetch; session: RecordingSession } {
  const slots: (RecordedExchange | undefined)[] = []
  const wrapped = async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]): Promise<Response> => {
    const slot = slots.length
    slots.push(undefined)
    const seen = await describeRequest(input, init, secrets)
    const res = await base(input, init)
    const head = { status: res.status, ...(res.statusText ? { statusText: res.statusText } : {}), headers: responseHeadersToRecord(res.headers) }
    const contentType = res.headers.get('content-type') ?? ''
    const finish = (chunks: readonly Uint8Array[], incomplete: boolean) => {
      slots[slot] = { key: seen.key, request: seen.request, response: { ...head, ...bodyToRecord(chunks, contentType), ...(incomplete ? { incomplete: true } : {}) } }
    }
    if (!res.body || NULL_BODY.has(res.status)) {
      finish([], false)
      return res
    }
    const reader = res.body.getReader()
    const chunks: Uint8Array[] = []
    const copy = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let r: ReadableStreamReadResult<Uint8Array>
        try {
          r = await reader.read()
        } catch (e) {
          finish(chunks, true)
          controller.error(e)
          return
        }
        if (r.done) {
          finish(chunks, false)
          controller.close()
          return
        }
        chunks.push(r.value)
        controller.enqueue(r.value)
      },
      cancel(reason) {
        finish(chunks, true)
        return reader.cancel(reason)
      },
    })
    return new Response(copy, { status: res.status, statusText: res.statusText, headers: res.headers })
  }
  const session: RecordingSession = {
    get exchanges() {
      return slots.filter((s): s is RecordedExchange => s !== undefined)
    },
    recording(fn, test) {
      return { format: 'baml-test-recording/1', function: fn, test, exchanges: session.exchanges }
    },
  }
  return { fetch: wrapped as Fetch, session }
}

export interface ReplaySession {
  /** Set when a request had no recorded answer: why. */
  readonly miss: string | undefined
}

function replayBody(r: RecordedResponse): Uint8Array[] {
  const enc = new TextEncoder()
  if (r.chunks) return r.chunks.map((c) => enc.encode(c))
  if (r.base64Chunks) return r.base64Chunks.map((c) => decodeBase64Prefix(c, Number.MAX_SAFE_INTEGER))
  if (r.json !== undefined) return [enc.encode(JSON.stringify(r.json as JsonValue))]
  if (r.body !== undefined) return [enc.encode(r.body)]
  return []
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError')
}

/**
 * A fetch that answers from a recording and never touches the network. The n-th request with a
 * given key gets the n-th exchange recorded with that key (the last one again when there are no
 * more). A request with no recorded answer rejects, and the session says why (`miss`).
 * `name` (`Fn::Test`) and `recording` (undefined: none was made) are for the messages.
 */
export function replayFetch(name: string, recording: Recording | undefined, secrets: readonly string[] = []): { fetch: Fetch; session: ReplaySession } {
  const used = new Map<string, number>()
  let miss: string | undefined
  const wrapped = async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]): Promise<Response> => {
    const signal = init?.signal ?? undefined
    if (signal?.aborted) throw abortError(signal)
    const seen = await describeRequest(input, init, secrets)
    const candidates = recording?.exchanges.filter((e) => e.key === seen.key) ?? []
    if (candidates.length === 0) {
      if (!recording) miss = `no recording for ${name}, run with --record`
      else {
        const urls = [...new Set(recording.exchanges.map((e) => `${e.request.method} ${e.request.url}`))]
        miss =
          `no recording for ${name} matches this request (${seen.request.method} ${seen.request.url}); ` +
          `the prompt, arguments or client changed since it was recorded${urls.length ? ` (recorded: ${urls.join(', ')})` : ''}. Run with --record`
      }
      throw new Error(miss)
    }
    const n = used.get(seen.key) ?? 0
    used.set(seen.key, n + 1)
    const ex = candidates[Math.min(n, candidates.length - 1)]!
    const r = ex.response
    const headers = new Headers(r.headers)
    if (NULL_BODY.has(r.status)) return new Response(null, { status: r.status, statusText: r.statusText ?? '', headers })
    const chunks = replayBody(r)
    let i = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (signal?.aborted) return controller.error(abortError(signal))
        if (i < chunks.length) return controller.enqueue(chunks[i++]!)
        if (r.incomplete) controller.error(new TypeError('the recorded response broke off here'))
        else controller.close()
      },
    })
    return new Response(body, { status: r.status, statusText: r.statusText ?? '', headers })
  }
  return {
    fetch: wrapped as Fetch,
    session: {
      get miss() {
        return miss
      },
    },
  }
}
