// The recording format of `baml test --record DIR` / `--replay DIR`: one plain JSON document per test
// (`DIR/<Function>/<Test>.json`), holding every HTTP exchange the test made, in the order made.
//
//   {
//     "format": "baml-test-recording/1",
//     "function": "ExtractResume", "test": "vaibhav_resume",
//     "exchanges": [{
//       "key": "sha256:…",                       // hash of the request minus secrets (see requestKey)
//       "request":  { "method": "POST", "url": "https://api.openai.com/v1/chat/completions",
//                     "headers": { "content-type": "application/json" }, "json": { …body… } },
//       "response": { "status": 200, "headers": { "content-type": "text/event-stream" },
//                     "chunks": ["data: {…}\n\n", …] }      // a stream: the chunks as they arrived
//     }]
//   }
//
// A request body is kept as `json` when it is JSON, else as `body` (text). A response body is
// `chunks` (text, in order) for event streams, `json` or `body` for whole responses, and
// `base64Chunks` for bytes that are not UTF-8 text (Bedrock's binary event stream, images).
// `"incomplete": true` marks a body that broke off (it breaks off again on replay).
// Secrets never reach the file: credential headers are dropped, credential query parameters and the
// values of the environment variables the project's clients read are replaced by `<redacted>`.
import type { JsonValue } from '../values.ts'

export const RECORDING_FORMAT = 'baml-test-recording/1'

export interface RecordedRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly json?: JsonValue
  readonly body?: string
}

export interface RecordedResponse {
  readonly status: number
  readonly statusText?: string
  readonly headers: Readonly<Record<string, string>>
  readonly json?: JsonValue
  readonly body?: string
  readonly chunks?: readonly string[]
  readonly base64Chunks?: readonly string[]
  readonly incomplete?: boolean
}

export interface RecordedExchange {
  readonly key: string
  readonly request: RecordedRequest
  readonly response: RecordedResponse
}

export interface Recording {
  readonly format: typeof RECORDING_FORMAT
  readonly function: string
  readonly test: string
  readonly exchanges: readonly RecordedExchange[]
}

/** Where recordings live; the CLI keeps them as files, a browser or a REPL can keep them anywhere. */
export interface RecordingStore {
  /** The test's recording, or undefined when there is none. */
  read(fn: string, test: string): Promise<Recording | undefined>
  write(recording: Recording): Promise<void>
}

/** Request headers that carry credentials (or change on every request, as AWS signatures do). */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'cookie',
  'x-amz-security-token',
  'x-amz-date',
  'x-amz-content-sha256',
])
const SECRET_PARAM = /^(key|api[-_]?key|access[-_]?token|token|sig|signature|x-amz-.*|x-goog-.*)$/i
/** Response headers a replayed body no longer matches (bodies are stored decoded and re-serialised). */
const DROPPED_RESPONSE_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'set-cookie', 'connection', 'keep-alive', 'date'])

export const REDACTED = '<redacted>'

/** Replaces every occurrence of the given secret values (empty ones ignored). */
export function redact(text: string, secrets: readonly string[]): string {
  for (const s of secrets) if (s) text = text.split(s).join(REDACTED)
  return text
}

/** The URL with credential query parameters and secret values redacted. */
export function redactUrl(url: string, secrets: readonly string[]): string {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return redact(url, secrets)
  }
  for (const k of [...u.searchParams.keys()]) if (SECRET_PARAM.test(k)) u.searchParams.set(k, REDACTED)
  return redact(u.toString(), secrets)
}

export function requestHeadersToRecord(headers: Headers, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((v, k) => {
    if (!SECRET_HEADERS.has(k)) out[k] = redact(v, secrets)
  })
  return out
}

export function responseHeadersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((v, k) => {
    if (!DROPPED_RESPONSE_HEADERS.has(k)) out[k] = v
  })
  return out
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortKeys(o[k])]),
    )
  }
  return v
}

export function parseJson(text: string): { ok: true; value: JsonValue } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue }
  } catch {
    return { ok: false }
  }
}

/**
 * The key of a request: SHA-256 over its method, its path and query (the origin left out, so a
 * recording made against one host or port replays against another) and its body (JSON with sorted
 * keys), all after redaction. Headers are left out: they hold credentials, signatures and dates.
 */
export async function requestKey(method: string, redactedUrl: string, redactedBody: string): Promise<string> {
  let target = redactedUrl
  try {
    const u = new URL(redactedUrl)
    target = u.pathname + u.search
  } catch {
    // not an absolute URL: key it as written
  }
  const parsed = parseJson(redactedBody)
  const body = parsed.ok ? JSON.stringify(sortKeys(parsed.value)) : redactedBody
  const data = new TextEncoder().encode(`${method.toUpperCase()}\n${target}\n${body}`)
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data))
  return 'sha256:' + [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** A recording as read back (from JSON text): undefined when it is not one. */
export function asRecording(v: unknown): Recording | undefined {
  if (!v || typeof v !== 'object') return undefined
  const r = v as Partial<Recording>
  if (r.format !== RECORDING_FORMAT || typeof r.function !== 'string' || typeof r.test !== 'string' || !Array.isArray(r.exchanges)) return undefined
  for (const e of r.exchanges) {
    if (!e || typeof e.key !== 'string' || !e.request || !e.response || typeof e.response.status !== 'number') return undefined
  }
  return r as Recording
}
