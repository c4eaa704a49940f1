// Hiding credentials in requests shown to people: the CLI's `request` command (maskSecrets) and the JSON
// form of collector logs (maskSentRequest / maskText).
//
// What is masked: the known auth headers (Authorization, x-api-key, ...) and key query parameters (?key=...);
// every header or query value that came from an `env.X` option (the exact value of any variable the client's
// options read, e.g. a proxy token in `headers { "X-Proxy-Token" env.PROXY_TOKEN }`); and the client's secret
// values (api keys, AWS secrets) wherever else they appear.
import type { HttpRequest, JsonValue } from '../../values.ts'
import type { SentRequest } from '../types.ts'
import type { ResolvedClient } from './types.ts'

/** Keeps the first 4 characters: `sk-test-123` → `sk-t****`. */
export function maskSecret(secret: string): string {
  return secret.length <= 4 ? '****' : `${secret.slice(0, 4)}****`
}

/** The values to hide for one or more clients. */
export interface SecretValues {
  /** Hidden wherever they appear (api keys, AWS secrets). */
  readonly secrets: readonly string[]
  /** Values read from the environment: a header or query value equal to one is hidden. */
  readonly envValues: readonly string[]
}

/** What a resolved client says to hide (unset keys, which resolve to `$ENV_NAME`, stay visible). */
export function secretValuesOf(client: ResolvedClient): SecretValues {
  const secrets = client.family === 'strategy' ? [] : client.secrets.filter((s) => s.length >= 4 && !s.startsWith('$'))
  return { secrets, envValues: (client.envValues ?? []).filter((v) => v !== '') }
}

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'proxy-authorization', 'x-amz-security-token'])
const SECRET_QUERY_PARAMS = new Set(['key', 'api_key', 'api-key', 'apikey', 'access_token'])

function maskHeaderValue(value: string): string {
  // Keep the auth scheme readable: `Bearer sk-t****`.
  const m = /^(Bearer|Basic|Token)\s+(.*)$/i.exec(value)
  return m ? `${m[1]} ${maskSecret(m[2]!)}` : maskSecret(value)
}

/** Masks every occurrence of each secret in `text`. */
export function maskText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) if (s !== '' && out.includes(s)) out = out.split(s).join(maskSecret(s))
  return out
}

function maskJson(v: JsonValue, secrets: readonly string[]): JsonValue {
  if (typeof v === 'string') return maskText(v, secrets)
  if (Array.isArray(v)) return v.map((x) => maskJson(x, secrets))
  if (v && typeof v === 'object') {
    const out: { [key: string]: JsonValue } = {}
    for (const k in v) out[k] = maskJson(v[k]!, secrets)
    return out
  }
  return v
}

/** The value is an env value, alone or after an auth scheme word (`Bearer <value>`). */
function isFromEnv(value: string, envValues: ReadonlySet<string>): boolean {
  if (envValues.has(value)) return true
  const m = /^\S+\s+(.+)$/.exec(value)
  return m !== null && envValues.has(m[1]!)
}

function maskHeaders(headers: Readonly<Record<string, string>>, sv: SecretValues, env: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k in headers) {
    const v = headers[k]!
    const unsetKey = /^(Bearer\s+)?\$/.test(v)
    out[k] = (SECRET_HEADERS.has(k.toLowerCase()) && !unsetKey) || isFromEnv(v, env) ? maskHeaderValue(v) : maskText(v, sv.secrets)
  }
  return out
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

function maskUrl(url: string, sv: SecretValues, env: ReadonlySet<string>): string {
  const q = url.indexOf('?')
  if (q < 0) return maskText(url, sv.secrets)
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq < 0) return pair
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      const hide = SECRET_QUERY_PARAMS.has(safeDecode(name).toLowerCase()) || env.has(safeDecode(value))
      return hide ? `${name}=${maskSecret(safeDecode(value))}` : pair
    })
  return maskText(`${url.slice(0, q)}?${params.join('&')}`, sv.secrets)
}

/**
 * The request with api keys, auth headers, key query parameters and env-sourced header/query values
 * masked, plus any other occurrence of the client's secrets (in headers, URL or body).
 */
export function maskSecrets(req: HttpRequest, client: ResolvedClient): HttpRequest {
  const sv = secretValuesOf(client)
  const env = new Set(sv.envValues)
  return {
    url: maskUrl(req.url, sv, env),
    method: req.method,
    headers: maskHeaders(req.headers, sv, env),
    body: sv.secrets.length > 0 ? maskJson(req.body, sv.secrets) : req.body,
  }
}

/** The same for a request as sent (serialised body, signed headers), e.g. in a collector's log. */
export function maskSentRequest(req: SentRequest, sv: SecretValues): SentRequest {
  const env = new Set(sv.envValues)
  return {
    url: maskUrl(req.url, sv, env),
    method: req.method,
    headers: maskHeaders(req.headers, sv, env),
    body: maskText(req.body, sv.secrets),
  }
}
