// Building the errors the transport throws. Every retryable failure is a BamlClientHttpError
// (BamlTimeoutError included); a `retryAfterMs` hint rides along on 429/503 responses.
import { BamlClientHttpError } from '../../errors.ts'

/** status_code used when there was no HTTP status (connection refused, reset, bad stream, ...). */
export const NO_STATUS = -100

export type HttpFailure = BamlClientHttpError & { readonly retryAfterMs?: number }

/** The reference's names for statuses, used in messages: "ServerError (500)". */
export function statusLabel(status: number): string {
  switch (status) {
    case 401: return 'InvalidAuthentication (401)'
    case 403: return 'NotSupported (403)'
    case 408: return 'Timeout (408)'
    case 429: return 'RateLimited (429)'
    case 500: return 'ServerError (500)'
    case 503: return 'ServiceUnavailable (503)'
    case NO_STATUS: return 'Unknown'
    default: return `Unspecified error code: ${status}`
  }
}

export function clientHttpError(
  clientName: string,
  status: number,
  message: string,
  rawResponse?: string,
  retryAfterMs?: number,
): HttpFailure {
  const err = new BamlClientHttpError(clientName, message, status, rawResponse)
  return retryAfterMs === undefined ? err : Object.assign(err, { retryAfterMs })
}

/** A non-2xx response. */
export function statusError(clientName: string, status: number, statusText: string, body: string, headers: Headers, nowMs: number): HttpFailure {
  const retryAfter = status === 429 || status === 503 ? parseRetryAfter(headers, nowMs) : undefined
  const shown = body === '' ? '<no response body>' : body
  return clientHttpError(clientName, status, `Request failed with status code: ${status}${statusText ? ` ${statusText}` : ''}\n${shown}`, body, retryAfter)
}

/** `retry-after-ms` (OpenAI), else `retry-after` as seconds or an HTTP date. */
export function parseRetryAfter(headers: Headers, nowMs: number): number | undefined {
  const ms = headers.get('retry-after-ms')
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms))
  const ra = headers.get('retry-after')
  if (ra === null) return undefined
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Math.ceil(Number(ra) * 1000)
  const at = Date.parse(ra)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

export function retryAfterMsOf(err: unknown): number | undefined {
  if (!(err instanceof BamlClientHttpError)) return undefined
  const v = (err as { retryAfterMs?: unknown }).retryAfterMs
  return typeof v === 'number' && v >= 0 ? v : undefined
}

/** Bun appends this to fetch errors; it means nothing to someone running baml. */
const BUN_VERBOSE_HINT = / ?For more information, pass `verbose: true` in the second argument to fetch\(\)\.?/

export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause
    const causeText = cause instanceof Error ? `: ${cause.message}` : ''
    return `${err.name}: ${err.message}${causeText}`.replace(BUN_VERBOSE_HINT, '')
  }
  return String(err)
}

/** System error codes (Node, Bun and undici spell them alike) in words. */
const CONNECT_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EAI_NONAME: 'host not found',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed by the server',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed by the server',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate could not be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS certificate does not match the host name",
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && code !== '') return code
    // Node reports a failed connect to several addresses as an AggregateError.
    const first = (e as { errors?: unknown }).errors
    if (Array.isArray(first) && first.length > 0) {
      const c = (first[0] as { code?: unknown }).code
      if (typeof c === 'string') return c
    }
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/** Where a request went, for messages: no query string (it may hold an api key). */
export function urlForMessage(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return url.split(/[?#]/)[0]!
  }
}

/** Why fetch() failed, in a few words, without the URL or runtime-specific hints. */
function connectReason(err: unknown, url: string): string {
  const code = errorCode(err)
  if (code !== undefined && CONNECT_REASONS[code]) return CONNECT_REASONS[code]
  const inner = err instanceof Error && err.cause instanceof Error ? err.cause : err
  let text = inner instanceof Error ? inner.message : String(inner)
  text = text.replace(BUN_VERBOSE_HINT, '').split(url).join(urlForMessage(url)).trim()
  if (/connection refused/i.test(text)) return 'connection refused'
  if (/dns error|name or service not known|name resolution/i.test(text)) return 'host not found'
  // "error sending request for url (...): client error (Connect): tcp connect error: X" → "X"; "CODE: text" → "text".
  const last = text.split(': ').filter((p) => p !== '').pop() ?? text
  return last === '' ? 'unknown error' : last
}

/** fetch() itself failed (nothing was received): "could not connect to URL (reason)". */
export function connectionError(clientName: string, url: string, err: unknown): HttpFailure {
  return clientHttpError(clientName, NO_STATUS, `could not connect to ${urlForMessage(url)} (${connectReason(err, url)})`)
}
