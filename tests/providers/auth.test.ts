// Google service-account JWTs (verified with WebCrypto), token exchange and caching, and the default
// authorizers for Vertex and Bedrock.
import { beforeAll, describe, expect, it } from 'vitest'
import { BamlClientHttpError } from '../../core/errors.ts'
import { defaultAuthorizer, googleProjectIdFor } from '../../core/providers/auth/authorize.ts'
import { resolveAwsCredentials, resolveAwsRegion } from '../../core/providers/auth/aws.ts'
import { base64Decode } from '../../core/providers/auth/crypto-utils.ts'
import { importPkcs8Pem, parseGoogleCredentials, serviceAccountTokenSource, signJwtRs256 } from '../../core/providers/auth/google.ts'
import { sendLlmRequest } from '../../core/providers/transport/send.ts'
import type { SentRequest } from '../../core/providers/types.ts'
import { client } from './helpers/ir.ts'
import { json, sendJson, startFileServer, type Handler } from './helpers/server.ts'
import { converseBody, geminiBody } from './helpers/wire.ts'

const server = await startFileServer()
let keys: CryptoKeyPair
let pem: string

function toPem(der: ArrayBuffer): string {
  const b64 = btoa(String.fromCharCode(...new Uint8Array(der)))
  return `-----BEGIN PRIVATE KEY-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`
}

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(base64Decode(part))) as Record<string, unknown>
}

async function verifyJwt(jwt: string): Promise<{ header: Record<string, unknown>; claims: Record<string, unknown>; valid: boolean }> {
  const [h, c, s] = jwt.split('.')
  const valid = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', keys.publicKey, base64Decode(s!), new TextEncoder().encode(`${h}.${c}`))
  return { header: decodePart(h!), claims: decodePart(c!), valid }
}

let exchanges = 0
/** A token endpoint that checks the grant and the JWT signature, and numbers the tokens it hands out. */
const tokenEndpoint: Handler = async (req, res) => {
  const form = new URLSearchParams(req.body)
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return sendJson(res, 400, { error: 'unsupported_grant_type' })
  const { valid, claims } = await verifyJwt(form.get('assertion')!)
  if (!valid || claims['aud'] !== `${server.url}/token`) return sendJson(res, 400, { error: 'invalid_grant' })
  exchanges++
  sendJson(res, 200, { access_token: `ya29.token-${exchanges}`, expires_in: 3600, token_type: 'Bearer' })
}

beforeAll(async () => {
  server.route('/token', tokenEndpoint)
  keys = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair
  pem = toPem(await crypto.subtle.exportKey('pkcs8', keys.privateKey))
})

const serviceAccount = () => ({
  type: 'service_account',
  project_id: 'proj-1',
  private_key_id: 'kid-1',
  private_key: pem,
  client_email: 'svc@proj-1.iam.gserviceaccount.com',
  token_uri: `${server.url}/token`,
})

describe('RS256 JWT with WebCrypto', () => {
  it('signs a JWT from a PKCS#8 PEM that verifies with the public key', async () => {
    const key = await importPkcs8Pem(pem)
    const jwt = await signJwtRs256({ iss: 'me', aud: 'you', iat: 1, exp: 3601 }, key, 'kid-9')
    const { header, claims, valid } = await verifyJwt(jwt)
    expect(valid).toBe(true)
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'kid-9' })
    expect(claims).toEqual({ iss: 'me', aud: 'you', iat: 1, exp: 3601 })
    expect(jwt).not.toMatch(/[+/=]/)
  })

  it('a tampered JWT does not verify', async () => {
    const jwt = await signJwtRs256({ a: 1 }, await importPkcs8Pem(pem))
    const [h, , s] = jwt.split('.')
    const forged = `${h}.${btoa('{"a":2}').replace(/=+$/, '')}.${s}`
    expect((await verifyJwt(forged)).valid).toBe(false)
  })

  it('accepts a PEM whose newlines are escaped (as in env vars)', async () => {
    await expect(importPkcs8Pem(pem.replace(/\n/g, '\\n'))).resolves.toBeDefined()
    await expect(importPkcs8Pem('not a key')).rejects.toThrow(/PKCS#8/)
  })
})

describe('service-account token source', () => {
  it('exchanges the JWT at token_uri with the right claims, then caches until near expiry', async () => {
    let t = Date.UTC(2030, 0, 1)
    const seenClaims: Record<string, unknown>[] = []
    server.route('/token-claims', async (req, res) => {
      seenClaims.push((await verifyJwt(new URLSearchParams(req.body).get('assertion')!)).claims)
      sendJson(res, 200, { access_token: `tok-${seenClaims.length}`, expires_in: 3600 })
    })
    const src = serviceAccountTokenSource({ ...serviceAccount(), token_uri: `${server.url}/token-claims` }, { now: () => t })
    expect(await src.getToken()).toBe('tok-1')
    t += 3000 * 1000
    expect(await src.getToken()).toBe('tok-1')
    t += 560 * 1000 // within the last minute before expiry: refresh
    expect(await src.getToken()).toBe('tok-2')
    expect(seenClaims[0]).toEqual({
      iss: 'svc@proj-1.iam.gserviceaccount.com',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      aud: `${server.url}/token-claims`,
      iat: Date.UTC(2030, 0, 1) / 1000,
      exp: Date.UTC(2030, 0, 1) / 1000 + 3600,
    })
  })

  it('callers arriving together share one exchange', async () => {
    const before = exchanges
    const src = serviceAccountTokenSource(serviceAccount())
    const tokens = await Promise.all(Array.from({ length: 5 }, () => src.getToken()))
    expect(new Set(tokens).size).toBe(1)
    expect(exchanges - before).toBe(1)
  })

  it('a failing token endpoint rejects (and the next call tries again)', async () => {
    server.route('/token-bad', json({ error: 'invalid_grant' }, 400), tokenEndpoint)
    const src = serviceAccountTokenSource({ ...serviceAccount(), token_uri: `${server.url}/token-bad` })
    await expect(src.getToken()).rejects.toThrow(/answered 400/)
    // the second answer is the real endpoint, which checks `aud` (= /token) and so refuses this key too
    await expect(src.getToken()).rejects.toThrow(/answered 400/)
    expect(server.hits('/token-bad')).toHaveLength(2)
  })

  it('parses credentials: JSON text, objects, access tokens; rejects junk', () => {
    expect(parseGoogleCredentials(JSON.stringify(serviceAccount()))).toMatchObject({ kind: 'service_account', key: { client_email: 'svc@proj-1.iam.gserviceaccount.com', project_id: 'proj-1' } })
    expect(parseGoogleCredentials({ access_token: 'ya29.x' })).toEqual({ kind: 'access_token', token: 'ya29.x' })
    expect(() => parseGoogleCredentials('{nope')).toThrow(/not valid JSON/)
    expect(() => parseGoogleCredentials({ client_email: 'x' })).toThrow(/private_key/)
  })
})

describe('default authorizers', () => {
  const vertexPath = '/v1/projects/proj-1/locations/us-central1/publishers/google/models/gemini-1.5-pro:generateContent'
  const vertexReq = () => ({ url: `${server.url}${vertexPath}`, method: 'POST' as const, headers: {}, body: { contents: [] } })

  it('vertex-ai: inline service-account credentials → Bearer token from token_uri', async () => {
    server.route(vertexPath, json(geminiBody('authorized')))
    const creds = serviceAccount()
    const c = client('V', 'vertex-ai', { model: 'gemini-1.5-pro', location: 'us-central1', credentials: creds })
    const authorize = defaultAuthorizer(c, { env: {} })!
    const res = await sendLlmRequest(vertexReq(), { provider: 'vertex-ai', clientName: 'V', authorize })
    expect(res.content).toBe('authorized')
    expect(server.hits(vertexPath).at(-1)!.headers['authorization']).toMatch(/^Bearer ya29\.token-\d+$/)
  })

  it('vertex-ai: credentials from a file path (GOOGLE_APPLICATION_CREDENTIALS) read through the host', async () => {
    server.route(vertexPath, json(geminiBody('from file')))
    const files: Record<string, string> = { '/secrets/sa.json': JSON.stringify({ access_token: 'ya29.file-token' }) }
    const c = client('V2', 'vertex-ai', { model: 'gemini-1.5-pro', location: 'us-central1' })
    const authorize = defaultAuthorizer(c, { env: { GOOGLE_APPLICATION_CREDENTIALS: '/secrets/sa.json' }, readTextFile: async (p) => files[p]! })!
    await sendLlmRequest(vertexReq(), { provider: 'vertex-ai', authorize })
    expect(server.hits(vertexPath).at(-1)!.headers['authorization']).toBe('Bearer ya29.file-token')
  })

  it('vertex-ai: a bare access token as credentials; project_id from a credentials file', async () => {
    server.route(vertexPath, json(geminiBody('token')))
    const c = client('V4', 'vertex-ai', { model: 'm', location: 'us-central1', credentials: 'ya29.bare-token' })
    await sendLlmRequest(vertexReq(), { provider: 'vertex-ai', authorize: defaultAuthorizer(c, { env: {} })! })
    expect(server.hits(vertexPath).at(-1)!.headers['authorization']).toBe('Bearer ya29.bare-token')
    const files: Record<string, string> = { 'sa.json': JSON.stringify(serviceAccount()) }
    const fromFile = client('V5', 'vertex-ai', { model: 'm', location: 'us-central1', credentials: 'sa.json' })
    expect(await googleProjectIdFor(fromFile, { env: {}, readTextFile: async (p) => files[p]! })).toBe('proj-1')
    expect(await googleProjectIdFor(client('V6', 'vertex-ai', {}), { env: {} })).toBeUndefined()
  })

  it('vertex-ai: an API key in the query means no token; missing credentials is a client error', async () => {
    const c = client('V3', 'vertex-ai', { model: 'm', location: 'us-central1' })
    const authorize = defaultAuthorizer(c, { env: {} })!
    const keyed: SentRequest = { url: `${server.url}/x?key=abc`, method: 'POST', headers: {}, body: '' }
    expect(await authorize(keyed, new AbortController().signal)).toBe(keyed)
    const err = await sendLlmRequest(vertexReq(), { provider: 'vertex-ai', clientName: 'V3', authorize }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlClientHttpError)
    expect(err).toMatchObject({ client_name: 'V3', status_code: -100, message: expect.stringContaining('Google credentials not found') })
  })

  it('aws-bedrock: credentials from the environment, region from options; the request is signed', async () => {
    const path = '/model/meta.llama3-8b-instruct-v1%3A0/converse'
    server.route(path, json(converseBody('signed')))
    const c = client('Br', 'aws-bedrock', { model: 'meta.llama3-8b-instruct-v1:0', region: 'eu-west-1' })
    const env = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'tok' }
    const authorize = defaultAuthorizer(c, { env })!
    await sendLlmRequest({ url: `${server.url}${path}`, method: 'POST', headers: {}, body: {} }, { provider: 'aws-bedrock', authorize })
    const seen = server.hits(path).at(-1)!
    expect(seen.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDENV\/\d{8}\/eu-west-1\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/)
    expect(seen.headers['x-amz-security-token']).toBe('tok')
  })

  it('aws-bedrock: missing credentials fail the attempt as a client error', async () => {
    const c = client('Br2', 'aws-bedrock', { model: 'm', region: 'us-east-1' })
    const err = await sendLlmRequest({ url: `${server.url}/model/m/converse`, method: 'POST', headers: {}, body: {} }, { provider: 'aws-bedrock', clientName: 'Br2', authorize: defaultAuthorizer(c, { env: {} })! }).catch((e: unknown) => e)
    expect(err).toMatchObject({ name: 'BamlClientHttpError', client_name: 'Br2', message: expect.stringContaining('AWS credentials not found') })
  })

  it('resolves AWS credentials and region in the documented order', () => {
    const env = { AWS_ACCESS_KEY_ID: 'E', AWS_SECRET_ACCESS_KEY: 'ES', AWS_SESSION_TOKEN: 'ET', AWS_DEFAULT_REGION: 'ap-south-1' }
    expect(resolveAwsCredentials({ accessKeyId: 'O', secretAccessKey: 'OS' }, env)).toEqual({ accessKeyId: 'O', secretAccessKey: 'OS' })
    expect(resolveAwsCredentials({}, env)).toEqual({ accessKeyId: 'E', secretAccessKey: 'ES', sessionToken: 'ET' })
    expect(resolveAwsCredentials({ accessKeyId: 'O' }, env)).toBeUndefined()
    expect(resolveAwsRegion(undefined, env)).toBe('ap-south-1')
    expect(resolveAwsRegion(undefined, { ...env, AWS_REGION: 'us-west-2' })).toBe('us-west-2')
    expect(resolveAwsRegion('eu-central-1', env)).toBe('eu-central-1')
    expect(resolveAwsRegion(undefined, {}, 'https://bedrock-runtime.ca-central-1.amazonaws.com/model/x/converse')).toBe('ca-central-1')
  })

  it('other providers need no authorizer', () => {
    expect(defaultAuthorizer(client('O', 'openai', {}), { env: {} })).toBeUndefined()
  })
})
