// Hiding credentials in a built request (for printing it, e.g. the CLI's `request` command).
import type { HttpRequest, JsonValue } from '../../values.ts'
import type { ResolvedClient } from './types.ts'

/** Keeps the first 4 characters: `sk-test-123` → `sk-t****`. */
export function maskSecret(secret: string): string {
  return secret.length <= 4 ? '****' : `${secret.slice(0, 4)}****`
}

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'proxy-authorization', 'x-amz-security-token'])
const SECRET_QUERY_PARAMS = new Set(['key', 'api_key', 'api-key', 'apikey', 'access_token'])

function maskHeaderValue(value: string): string {
  // Keep the auth scheme readable: `Bearer sk-t****`.
  const m = /^(Bearer|Basic|Token)\s+(.*)$/i.exec(value)
  return m ? `${m[1]} ${maskSecret(m[2]!)}` : maskSecret(value)
}

function replaceAll(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(maskSecret(s))
  return out
}

function maskJson(v: JsonValue, secrets: readonly string[]): JsonValue {
  if (typeof v === 'string') return replaceAll(v, secrets)
  if (Array.isArray(v)) return v.map((x) => maskJson(x, secrets))
  if (v && typeof v === 'object') {
    const out: { [key: string]: JsonValue } = {}
    for (const k in v) out[k] = maskJson(v[k]!, secrets)
    return out
  }
  return v
}

function maskUrl(url: string, secrets: readonly string[]): string {
  const q = url.indexOf('?')
  if (q < 0) return replaceAll(url, secrets)
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq < 0) return pair
      const name = pair.slice(0, eq)
      return SECRET_QUERY_PARAMS.has(decodeURIComponent(name).toLowerCase()) ? `${name}=${maskSecret(pair.slice(eq + 1))}` : pair
    })
  return replaceAll(`${url.slice(0, q)}?${params.join('&')}`, secrets)
}

/**
 * The request with api keys, auth headers and key query parameters masked, plus any other
 * occurrence of the client's secrets (in headers, URL or body). Unset keys (`$ENV_NAME`) stay visible.
 */
export function maskSecrets(req: HttpRequest, client: ResolvedClient): HttpRequest {
  const secrets =
    client.family === 'strategy' ? [] : client.secrets.filter((s) => s.length >= 4 && !s.startsWith('$'))
  const headers: Record<string, string> = {}
  for (const k in req.headers) {
    const v = req.headers[k]!
    headers[k] = SECRET_HEADERS.has(k.toLowerCase()) && !/^(Bearer\s+)?\$/.test(v) ? maskHeaderValue(v) : replaceAll(v, secrets)
  }
  return {
    url: maskUrl(req.url, secrets),
    method: req.method,
    headers,
    body: secrets.length > 0 ? maskJson(req.body, secrets) : req.body,
  }
}
