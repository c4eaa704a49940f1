// Non-streaming LLM requests: send, read the whole body, parse it with the provider's reader.
import type { HttpRequest } from '../../values.ts'
import type { HttpTimeouts, LeafProviderName, LlmResponse, RawHttpResponse, ResponseFormat, SentRequest } from '../types.ts'
import { FORMATS } from './formats/index.ts'
import type { FormatContext } from './formats/index.ts'
import { clientHttpError, connectionError, describeError, statusError } from './http-errors.ts'
import { headersToRecord, serializeRequest, type Authorizer } from './prepare.ts'
import { openRequestScope, race, type RequestScope } from './request-scope.ts'
import { modelHintFor, responseFormatFor } from './response-format.ts'

export interface TransportOptions {
  readonly provider: LeafProviderName
  /** Name used in errors and logs; defaults to the provider. */
  readonly clientName?: string
  /** The `client_response_type` option (openai family). */
  readonly clientResponseType?: string
  readonly signal?: AbortSignal
  readonly timeouts?: HttpTimeouts
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch
  /** Signs or adds credentials to the serialised request (see auth/). */
  readonly authorize?: Authorizer
  /** Clock for timings; defaults to Date.now. */
  readonly now?: () => number
  /** Called with the exact request once it is ready to send (for logs / collectors). */
  readonly onRequest?: (req: SentRequest) => void
  /** Called with the HTTP response once its body has been read, error responses included (for logs / collectors). */
  readonly onResponse?: (res: RawHttpResponse) => void
}

export interface OpenedResponse {
  readonly sent: SentRequest
  readonly res: Response
  readonly format: ResponseFormat
  readonly ctx: FormatContext
  readonly startMs: number
}

/** Serialise, authorise and send; resolves once the response headers are in. */
export async function openResponse(req: HttpRequest, opts: TransportOptions, scope: RequestScope): Promise<OpenedResponse> {
  const now = opts.now ?? Date.now
  const startMs = now()
  const format = responseFormatFor(opts.provider, { clientResponseType: opts.clientResponseType, url: req.url })
  const hint = modelHintFor(req.url, req.body)
  const ctx: FormatContext = hint === undefined ? {} : { modelHint: hint }
  let sent = serializeRequest(req)
  if (opts.authorize) sent = await race(opts.authorize(sent, scope.signal), scope)
  opts.onRequest?.(sent)
  const doFetch = opts.fetch ?? globalThis.fetch
  const init: RequestInit = { method: sent.method, headers: sent.headers, signal: scope.signal }
  if (sent.method !== 'GET' && sent.body !== '') init.body = sent.body
  const res = await race(
    doFetch(sent.url, init).catch((e: unknown) => {
      // A timeout or the caller's abort is reported by the scope; anything else is a failed connection.
      throw scope.signal.aborted ? e : connectionError(opts.clientName ?? opts.provider, sent.url, e)
    }),
    scope,
  )
  scope.headersReceived()
  return { sent, res, format, ctx, startMs }
}

/** Yield the body's chunks; cancels the body if the consumer stops early or the scope aborts. */
export async function* bodyChunks(body: ReadableStream<Uint8Array>, scope: RequestScope): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = body.getReader()
  let finished = false
  try {
    for (;;) {
      const r = await race(reader.read(), scope)
      if (r.done) {
        finished = true
        return
      }
      yield r.value
    }
  } finally {
    if (!finished) reader.cancel().catch(() => {})
    try {
      reader.releaseLock()
    } catch {
      // a read may still be pending on some runtimes; the cancel above settles it
    }
  }
}

async function readBodyText(res: Response, scope: RequestScope): Promise<string> {
  if (!res.body) return ''
  const dec = new TextDecoder('utf-8')
  let text = ''
  for await (const chunk of bodyChunks(res.body, scope)) text += dec.decode(chunk, { stream: true })
  return text + dec.decode()
}

/** Throw the right error for a non-2xx response (after reading its body). */
export async function failForStatus(opened: OpenedResponse, opts: TransportOptions, clientName: string, scope: RequestScope, now: () => number): Promise<never> {
  const { res } = opened
  const body = await readBodyText(res, scope)
  opts.onResponse?.({ status: res.status, headers: headersToRecord(res.headers), body })
  throw statusError(clientName, res.status, res.statusText, body, res.headers, now())
}

/**
 * Send one request and read the whole answer. Throws BamlClientHttpError (non-2xx, transport failure, or a 2xx
 * body the provider reader cannot use; `status_code` -100 when there was no status), BamlTimeoutError, or
 * BamlAbortError when `signal` aborts (or the error the signal's reason carries, if it is a BamlError).
 */
export async function sendLlmRequest(req: HttpRequest, opts: TransportOptions): Promise<LlmResponse> {
  const clientName = opts.clientName ?? opts.provider
  const now = opts.now ?? Date.now
  const scope = openRequestScope({ clientName, stream: false, signal: opts.signal, timeouts: opts.timeouts })
  try {
    const opened = await openResponse(req, opts, scope)
    const { res, sent, format, ctx, startMs } = opened
    if (!res.ok) await failForStatus(opened, opts, clientName, scope, now)
    const text = await readBodyText(res, scope)
    const raw: RawHttpResponse = { status: res.status, headers: headersToRecord(res.headers), body: text }
    opts.onResponse?.(raw)
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (e) {
      throw clientHttpError(clientName, res.status, `Failed to parse JSON: ${describeError(e)}`, text)
    }
    let snapshot
    try {
      snapshot = FORMATS[format].parse(json, ctx)
    } catch (e) {
      throw clientHttpError(clientName, res.status, `Failed to read the ${format} response: ${e instanceof Error ? e.message : String(e)}`, text)
    }
    return { ...snapshot, format, request: sent, raw, timing: { startMs, endMs: now() } }
  } catch (e) {
    throw scope.fail(e)
  } finally {
    scope.dispose()
  }
}
