// Google OAuth2 for Vertex AI: a service-account JWT (RS256, signed with WebCrypto) exchanged for an access
// token at the credentials' `token_uri`, cached until shortly before it expires. A plain access token works too.
import { base64Decode, base64UrlEncode, utf8 } from './crypto-utils.ts'

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform'
const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token'
/** Refresh this long before the token's stated expiry. */
const EXPIRY_SKEW_MS = 60_000

export interface ServiceAccountKey {
  readonly type?: string
  readonly client_email: string
  readonly private_key: string
  readonly private_key_id?: string
  readonly token_uri?: string
  readonly project_id?: string
}

export type GoogleCredentials =
  | { readonly kind: 'service_account'; readonly key: ServiceAccountKey }
  | { readonly kind: 'access_token'; readonly token: string }

/** Accepts a service-account key (object or JSON text) or `{ "access_token": "..." }`. */
export function parseGoogleCredentials(input: unknown): GoogleCredentials {
  let v = input
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v)
    } catch {
      throw new Error('Google credentials are not valid JSON')
    }
  }
  if (typeof v !== 'object' || v === null) throw new Error('Google credentials must be a JSON object')
  const o = v as Record<string, unknown>
  if (typeof o['access_token'] === 'string') return { kind: 'access_token', token: o['access_token'] }
  if (typeof o['client_email'] !== 'string' || typeof o['private_key'] !== 'string') {
    throw new Error('Google credentials need client_email and private_key (a service-account key), or access_token')
  }
  const key: ServiceAccountKey = {
    client_email: o['client_email'],
    private_key: o['private_key'],
    ...(typeof o['type'] === 'string' ? { type: o['type'] } : {}),
    ...(typeof o['private_key_id'] === 'string' ? { private_key_id: o['private_key_id'] } : {}),
    ...(typeof o['token_uri'] === 'string' ? { token_uri: o['token_uri'] } : {}),
    ...(typeof o['project_id'] === 'string' ? { project_id: o['project_id'] } : {}),
  }
  return { kind: 'service_account', key }
}

/** Import a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`) as an RS256 signing key. */
export async function importPkcs8Pem(pem: string): Promise<CryptoKey> {
  const m = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem.replace(/\\n/g, '\n'))
  if (!m) throw new Error('Expected a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)')
  return crypto.subtle.importKey('pkcs8', base64Decode(m[1]!), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign'])
}

export async function signJwtRs256(claims: Readonly<Record<string, unknown>>, key: CryptoKey, kid?: string): Promise<string> {
  const header = kid === undefined ? { alg: 'RS256', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid }
  const input = `${base64UrlEncode(JSON.stringify(header))}.${base64UrlEncode(JSON.stringify(claims))}`
  const sig = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, utf8(input)))
  return `${input}.${base64UrlEncode(sig)}`
}

export interface TokenSource {
  getToken(signal?: AbortSignal): Promise<string>
}

export function staticTokenSource(token: string): TokenSource {
  return { getToken: () => Promise.resolve(token) }
}

export interface ServiceAccountTokenOptions {
  readonly scope?: string
  readonly fetch?: typeof fetch
  readonly now?: () => number
  /** Bound on one token exchange (default 30 000 ms), so a stuck token endpoint cannot hold callers forever. */
  readonly exchangeTimeoutMs?: number
}

/** Exchanges a signed JWT for an access token; caches it and shares one in-flight exchange between callers. */
export function serviceAccountTokenSource(key: ServiceAccountKey, opts: ServiceAccountTokenOptions = {}): TokenSource {
  const now = opts.now ?? Date.now
  const tokenUri = key.token_uri ?? DEFAULT_TOKEN_URI
  let cached: { token: string; expiresAt: number } | undefined
  let inflight: Promise<string> | undefined
  let signingKey: Promise<CryptoKey> | undefined

  const exchange = async (): Promise<string> => {
    signingKey ??= importPkcs8Pem(key.private_key)
    const iat = Math.floor(now() / 1000)
    const jwt = await signJwtRs256(
      { iss: key.client_email, scope: opts.scope ?? CLOUD_PLATFORM_SCOPE, aud: tokenUri, iat, exp: iat + 3600 },
      await signingKey,
      key.private_key_id,
    )
    const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt }).toString()
    const init: RequestInit = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(opts.exchangeTimeoutMs ?? 30_000),
    }
    const res = await (opts.fetch ?? globalThis.fetch)(tokenUri, init)
    const text = await res.text()
    if (!res.ok) throw new Error(`Google token endpoint ${tokenUri} answered ${res.status}: ${text}`)
    let parsed: { access_token?: unknown; expires_in?: unknown }
    try {
      parsed = JSON.parse(text) as typeof parsed
    } catch {
      throw new Error(`Google token endpoint ${tokenUri} returned non-JSON: ${text.slice(0, 200)}`)
    }
    if (typeof parsed.access_token !== 'string') throw new Error(`Google token endpoint ${tokenUri} returned no access_token`)
    const ttlMs = (typeof parsed.expires_in === 'number' ? parsed.expires_in : 3600) * 1000
    cached = { token: parsed.access_token, expiresAt: now() + ttlMs }
    return parsed.access_token
  }

  return {
    getToken(signal) {
      if (cached && now() < cached.expiresAt - EXPIRY_SKEW_MS) return Promise.resolve(cached.token)
      // The shared exchange is not tied to one caller's signal: an aborted caller must not fail the others.
      inflight ??= exchange().finally(() => {
        inflight = undefined
      })
      if (!signal) return inflight
      return new Promise<string>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason)
        const onAbort = (): void => reject(signal.reason)
        signal.addEventListener('abort', onAbort, { once: true })
        inflight!.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
      })
    },
  }
}
