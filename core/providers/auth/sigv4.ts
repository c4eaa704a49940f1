// AWS Signature Version 4 (header signing) with WebCrypto.
// Verified against AWS's published aws-sig-v4-test-suite vectors (tests/golden/sigv4/).
import { hmacSha256, sha256Hex, toHex } from './crypto-utils.ts'

export interface AwsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
}

export interface SigV4Request {
  readonly method: string
  /** Absolute URL as it goes on the wire (path already percent-encoded). */
  readonly url: string
  /** A record, or name/value pairs when a header repeats. */
  readonly headers: Readonly<Record<string, string>> | readonly (readonly [string, string])[]
  readonly body: string | Uint8Array
}

export interface SigV4Options {
  readonly region: string
  readonly service: string
  /** Signing time; defaults to now. */
  readonly date?: Date
  /**
   * Percent-encode the (already encoded) URL path once more for the canonical request. AWS SDKs do this for
   * every service except S3, so Bedrock's `/model/a%3Ab/converse` is signed as `/model/a%253Ab/converse`.
   * Default true. The test-suite vectors give raw paths, so they are checked with `false`.
   */
  readonly uriEscapePath?: boolean
  /** Include `x-amz-security-token` in the signed headers (default true) or add it after signing. */
  readonly signSessionToken?: boolean
  /** Add (and sign) `x-amz-content-sha256` with the payload hash. Default false (Bedrock does not need it). */
  readonly signBody?: boolean
}

export interface SigV4Result {
  /** Headers to send: the input's (minus `host`, which fetch sets) plus x-amz-date, x-amz-security-token, authorization. */
  readonly headers: Record<string, string>
  readonly canonicalRequest: string
  readonly stringToSign: string
  readonly signedHeaders: string
  readonly signature: string
  readonly authorization: string
}

/** Headers that proxies may change, so signers leave them out (as the AWS SDKs do). */
const UNSIGNABLE = new Set([
  'authorization', 'cache-control', 'connection', 'expect', 'from', 'keep-alive', 'max-forwards', 'pragma',
  'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'x-amzn-trace-id',
])

/** RFC 3986 percent-encoding: everything except A-Z a-z 0-9 - _ . ~ */
export function uriEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function amzDate(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

function canonicalPath(url: URL, escape: boolean): string {
  const path = url.pathname === '' ? '/' : url.pathname
  return escape ? path.split('/').map(uriEscape).join('/') : path
}

function canonicalQuery(url: URL): string {
  const search = url.search.startsWith('?') ? url.search.slice(1) : url.search
  const pairs: [string, string][] = []
  for (const part of search.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const k = eq === -1 ? part : part.slice(0, eq)
    const v = eq === -1 ? '' : part.slice(eq + 1)
    pairs.push([uriEscape(safeDecode(k)), uriEscape(safeDecode(v))])
  }
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  return pairs.map(([k, v]) => `${k}=${v}`).join('&')
}

function headerPairs(h: SigV4Request['headers']): (readonly [string, string])[] {
  return Array.isArray(h) ? [...(h as readonly (readonly [string, string])[])] : Object.entries(h as Record<string, string>)
}

export async function signSigV4(req: SigV4Request, creds: AwsCredentials, opts: SigV4Options): Promise<SigV4Result> {
  const url = new URL(req.url)
  const date = opts.date ?? new Date()
  const stamp = amzDate(date)
  const day = stamp.slice(0, 8)
  const signToken = opts.signSessionToken ?? true
  const payloadHash = await sha256Hex(req.body)

  // Headers to send (record, names lower-cased; repeats joined the way they are canonicalised).
  const out: Record<string, string> = {}
  for (const [name, value] of headerPairs(req.headers)) {
    const k = name.toLowerCase()
    out[k] = out[k] === undefined ? value : `${out[k]},${value}`
  }
  delete out['authorization']
  out['x-amz-date'] = stamp
  if (creds.sessionToken && signToken) out['x-amz-security-token'] = creds.sessionToken
  if (opts.signBody) out['x-amz-content-sha256'] = payloadHash

  // Canonical headers: trimmed values with inner whitespace runs collapsed, repeats joined with commas.
  const canon = new Map<string, string[]>()
  const add = (name: string, value: string): void => {
    const k = name.toLowerCase()
    if (UNSIGNABLE.has(k)) return
    const v = value.trim().replace(/\s+/g, ' ')
    const list = canon.get(k)
    if (list) list.push(v)
    else canon.set(k, [v])
  }
  for (const [name, value] of headerPairs(req.headers)) {
    const k = name.toLowerCase()
    if (k !== 'x-amz-date' && k !== 'x-amz-security-token' && k !== 'x-amz-content-sha256') add(k, value)
  }
  if (opts.signBody) add('x-amz-content-sha256', payloadHash)
  if (!canon.has('host')) add('host', url.host)
  add('x-amz-date', stamp)
  if (creds.sessionToken && signToken) add('x-amz-security-token', creds.sessionToken)
  const names = [...canon.keys()].sort()
  const canonicalHeaders = names.map((n) => `${n}:${canon.get(n)!.join(',')}\n`).join('')
  const signedHeaders = names.join(';')

  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalPath(url, opts.uriEscapePath ?? true),
    canonicalQuery(url),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n')
  const scope = `${day}/${opts.region}/${opts.service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, await sha256Hex(canonicalRequest)].join('\n')

  const kDate = await hmacSha256(`AWS4${creds.secretAccessKey}`, day)
  const kRegion = await hmacSha256(kDate, opts.region)
  const kService = await hmacSha256(kRegion, opts.service)
  const kSigning = await hmacSha256(kService, 'aws4_request')
  const signature = toHex(await hmacSha256(kSigning, stringToSign))
  const authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`

  delete out['host']
  out['authorization'] = authorization
  if (creds.sessionToken && !signToken) out['x-amz-security-token'] = creds.sessionToken
  return { headers: out, canonicalRequest, stringToSign, signedHeaders, signature, authorization }
}
