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

export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause
    const causeText = cause instanceof Error ? `: ${cause.message}` : ''
    return `${err.name}: ${err.message}${causeText}`
  }
  return String(err)
}
