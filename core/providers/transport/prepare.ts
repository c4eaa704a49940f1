// From the request builder's HttpRequest (JSON body) to the exact bytes and headers that go on the wire.
import type { HttpRequest } from '../../values.ts'
import type { SentRequest } from '../types.ts'

/**
 * Adds auth to a serialised request right before it is sent (SigV4 for Bedrock, an OAuth bearer for Vertex, ...).
 * Gets the scope's signal so token fetches stop with the request.
 */
export type Authorizer = (req: SentRequest, signal: AbortSignal) => Promise<SentRequest>

/** Serialise the JSON body; header names are lower-cased and `content-type: application/json` is added if missing. */
export function serializeRequest(req: HttpRequest): SentRequest {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v
  const hasBody = req.method !== 'GET' && req.body !== null
  if (hasBody && headers['content-type'] === undefined) headers['content-type'] = 'application/json'
  return { url: req.url, method: req.method, headers, body: hasBody ? JSON.stringify(req.body) : '' }
}

export function headersToRecord(h: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  h.forEach((v, k) => {
    out[k] = v
  })
  return out
}
