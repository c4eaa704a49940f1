// Behaviour not reachable through the oracle's cases (local files, caching, masking, the vertex
// project lookup), checked against what the reference code does (cited per test).
import { describe, expect, test } from 'vitest'
import {
  buildRequest,
  maskSecrets,
  maskSecret,
  prepareMessages,
  resolveClient,
  resolveShorthandClient,
  shorthandClientIR,
  validateClient,
  type ResolvedClient,
  type ResolvedLeafClient,
} from '../../core/providers/request/index.ts'
import { BamlInvalidArgumentError } from '../../core/errors.ts'
import type { RenderedPrompt } from '../../core/values.ts'
import { client } from '../providers/helpers/ir.ts'

const leaf = (c: ResolvedClient): ResolvedLeafClient => {
  if (c.family === 'strategy') throw new Error('expected a leaf client')
  return c
}

const chat = (...messages: [string, string][]): RenderedPrompt => ({
  kind: 'chat',
  messages: messages.map(([role, text]) => ({ role, parts: [{ type: 'text', text }] })),
})

describe('resolveClient', () => {
  const c = client('C', 'openai', { model: 'gpt-4o', api_key: { env: 'MY_KEY' } })

  test('caches per env values actually read', () => {
    const a = resolveClient(c, { MY_KEY: 'k1', UNRELATED: 'x' })
    const b = resolveClient(c, { MY_KEY: 'k1', UNRELATED: 'y' })
    expect(b).toBe(a)
    const d = resolveClient(c, { MY_KEY: 'k2' })
    expect(d).not.toBe(a)
    expect(leaf(d).secrets).toEqual(['k2'])
  })

  test('a missing env var reads as $NAME (reference EvaluationContext with fill_missing_env_vars)', () => {
    const r = leaf(resolveClient(c, {}))
    expect(r.family === 'openai' && r.apiKey).toBe('$MY_KEY')
  })

  test('aws-bedrock resolves strictly: a missing env ref is an error', () => {
    const b = client('B', 'aws-bedrock', { model: 'm', region: { env: 'NOPE_REGION' } })
    expect(() => resolveClient(b, {})).toThrow(BamlInvalidArgumentError)
    expect(() => resolveClient(b, {})).toThrow('Environment variable NOPE_REGION not set')
    const r = resolveClient(b, { NOPE_REGION: 'us-east-2' })
    expect(r.family === 'bedrock' && r.region).toBe('us-east-2')
  })

  test('invalid options throw with the load-time messages', () => {
    const bad = client('Bad', 'openai-generic', { model: 'm' })
    expect(validateClient(bad).map((d) => d.message)).toEqual(['Missing required property: base_url'])
    expect(() => resolveClient(bad, {})).toThrow('Missing required property: base_url')
  })

  test('default_role from env must still be allowed at call time', () => {
    const r = client('R', 'anthropic', { model: 'm', default_role: { env: 'ROLE' } })
    expect(validateClient(r)).toEqual([])
    expect(() => resolveClient(r, { ROLE: 'tool' })).toThrow("default_role must be one of 'system', 'user' or 'assistant'")
    expect(leaf(resolveClient(r, { ROLE: 'assistant' })).defaultRole).toBe('assistant')
  })

  test('http timeouts: leaf defaults, explicit zero kept, composite has none', () => {
    expect(resolveClient(c, {}).http).toEqual({ connectTimeoutMs: 10_000, requestTimeoutMs: 300_000 })
    const t = client('T', 'anthropic', { model: 'm', http: { request_timeout_ms: 0, idle_timeout_ms: 50 } })
    expect(resolveClient(t, {}).http).toEqual({ connectTimeoutMs: 10_000, requestTimeoutMs: 0, idleTimeoutMs: 50 })
    const f = client('F', 'fallback', { strategy: ['A', 'openai/gpt-4o'], http: { total_timeout_ms: 9 } })
    const rf = resolveClient(f, {})
    expect(rf).toMatchObject({
      family: 'strategy',
      provider: 'fallback',
      http: { totalTimeoutMs: 9 },
      strategy: [
        { kind: 'named', name: 'A' },
        { kind: 'shorthand', provider: 'openai', model: 'gpt-4o', spec: 'openai/gpt-4o' },
      ],
    })
  })

  test('http timeouts as written (the transport input); env.X there fails loading but resolves per call', () => {
    expect(leaf(resolveClient(c, {})).timeouts).toEqual({})
    const t = client('TE', 'openai', { model: 'm', http: { connect_timeout_ms: 5, request_timeout_ms: { env: 'REQ_MS' } } })
    expect(validateClient(t).map((d) => d.message)).toEqual(['request_timeout_ms must be an integer. Got: string'])
    expect(leaf(resolveClient(t, { REQ_MS: '250' })).timeouts).toEqual({ connectTimeoutMs: 5, requestTimeoutMs: 250 })
    expect(resolveClient(t, {}).http).toEqual({ connectTimeoutMs: 5, requestTimeoutMs: 300_000 })
  })

  test('round-robin start and env strategy entries', () => {
    const rr = client('RR', 'round-robin', { strategy: [{ env: 'FIRST' }, 'B'], start: 3 })
    expect(resolveClient(rr, { FIRST: 'anthropic/claude' })).toMatchObject({
      start: 3,
      strategy: [{ kind: 'shorthand', provider: 'anthropic', model: 'claude' }, { kind: 'named', name: 'B' }],
    })
    expect(() => resolveClient(rr, { FIRST: 'bogus/x' })).toThrow('Invalid client provider: bogus')
  })

  test('role and streaming defaults per provider', () => {
    const o1 = leaf(resolveClient(client('O', 'openai', { model: 'o1-preview' }), {}))
    expect([o1.allowedRoles, o1.defaultRole, o1.supportsStreaming]).toEqual([['user', 'assistant'], 'user', false])
    const genericO1 = leaf(resolveClient(client('GO', 'openai-generic', { base_url: 'http://x/v1', model: 'o1' }), {}))
    expect(genericO1.supportsStreaming).toBe(false)
    const told = leaf(resolveClient(client('OT', 'openai-generic', { base_url: 'http://x/v1', model: 'o1', supports_streaming: true }), {}))
    expect(told.supportsStreaming).toBe(true)
    const g = leaf(resolveClient(client('G', 'google-ai', { model: 'x' }), {}))
    expect([g.defaultRole, g.remapRoles, g.maxOneSystemPrompt]).toEqual(['user', { assistant: 'model' }, true])
    const ol = leaf(resolveClient(client('L', 'ollama', { model: 'x' }), {}))
    expect([ol.defaultRole, ol.maxOneSystemPrompt]).toEqual(['user', false])
  })
})

describe('shorthand clients', () => {
  test('only the model option; aliases map to canonical providers; same IR per string', () => {
    const r = resolveShorthandClient('baml-anthropic-chat/claude-3-haiku', {})
    expect(r.provider).toBe('anthropic')
    expect(r.body).toEqual({ model: 'claude-3-haiku', max_tokens: 4096 })
    expect(shorthandClientIR('openai/gpt-4o')).toBe(shorthandClientIR('openai/gpt-4o'))
    // Everything after the first `/` is the model.
    expect(resolveShorthandClient('openrouter/meta-llama/llama-3', {}).body).toEqual({ model: 'meta-llama/llama-3' })
  })

  test('unknown provider or no slash is an error', () => {
    expect(() => resolveShorthandClient('foo/bar', {})).toThrow('Invalid client provider: foo')
    expect(() => resolveShorthandClient('plain', {})).toThrow(BamlInvalidArgumentError)
  })
})

describe('prepareMessages', () => {
  const anthropic = leaf(resolveClient(client('A', 'anthropic', { model: 'm' }), {}))
  const openai = leaf(resolveClient(client('O2', 'openai', { model: 'm' }), {}))

  test('completion text becomes one default-role message, untouched', () => {
    expect(prepareMessages({ kind: 'completion', text: ' x \n' }, openai)).toEqual(chat(['system', ' x \n']))
    // anthropic: default role user, so nothing to fix up
    expect(prepareMessages({ kind: 'completion', text: 'y' }, anthropic)).toEqual(chat(['user', 'y']))
  })

  test('merge keeps the first message flags; allowDuplicateRole starts a new message', () => {
    const p: RenderedPrompt = {
      kind: 'chat',
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'a' }] },
        { role: 'user', parts: [{ type: 'text', text: 'b' }] },
        { role: 'user', allowDuplicateRole: true, parts: [{ type: 'text', text: 'c' }] },
        { role: 'user', parts: [{ type: 'text', text: 'd' }] },
      ],
    }
    expect(prepareMessages(p, openai)).toEqual({
      kind: 'chat',
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
        { role: 'user', allowDuplicateRole: true, parts: [{ type: 'text', text: 'c' }, { type: 'text', text: 'd' }] },
      ],
    })
  })

  test('single-system rule: later system messages become user (not re-merged)', () => {
    expect(prepareMessages(chat(['system', 's'], ['user', 'u'], ['system', 'late']), anthropic)).toEqual(
      chat(['system', 's'], ['user', 'u'], ['user', 'late']),
    )
    expect(prepareMessages(chat(['system', 'only']), anthropic)).toEqual(chat(['user', 'only']))
    expect(prepareMessages(chat(['system', 'only']), openai)).toEqual(chat(['system', 'only']))
  })
})

describe('file media (reference: process_media reads files and sends base64)', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const claude = leaf(resolveClient(client('F1', 'anthropic', { model: 'm' }), {}))
  const filePrompt = (kind: 'image' | 'pdf', file: string, mediaType?: string): RenderedPrompt => ({
    kind: 'chat',
    messages: [
      { role: 'user', parts: [{ type: 'media', media: mediaType ? { __baml_media: kind, file, mediaType } : { __baml_media: kind, file } }] },
    ],
  })

  test('MIME from the given type, else `<kind>/<extension>`', async () => {
    const readFile = async (p: string) => {
      expect(p).toBe('imgs/cover.png')
      return png
    }
    const req = await buildRequest(claude, filePrompt('image', 'imgs/cover.png'), { stream: false, readFile })
    expect(req.body).toMatchObject({
      messages: [{ content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] }],
    })
    const typed = await buildRequest(claude, filePrompt('image', 'a.bin', 'image/webp'), { stream: false, readFile: async () => png })
    expect(typed.body).toMatchObject({ messages: [{ content: [{ source: { media_type: 'image/webp' } }] }] })
  })

  test('no extension: MIME sniffed from the bytes', async () => {
    const req = await buildRequest(claude, filePrompt('image', 'noext'), { stream: false, readFile: async () => png })
    expect(req.body).toMatchObject({ messages: [{ content: [{ source: { media_type: 'image/png' } }] }] })
  })

  test('a PDF file must be application/pdf (so `doc.pdf` without media_type is rejected)', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4')
    await expect(buildRequest(claude, filePrompt('pdf', 'doc.pdf'), { stream: false, readFile: async () => pdf })).rejects.toThrow(
      "Detected mime type: 'pdf/pdf'",
    )
    const ok = await buildRequest(claude, filePrompt('pdf', 'doc.pdf', 'application/pdf'), { stream: false, readFile: async () => pdf })
    expect(ok.body).toMatchObject({ messages: [{ content: [{ type: 'document', source: { data: 'JVBERi0xLjQ=' } }] }] })
  })

  test('without a file reader, file media is an error', async () => {
    await expect(buildRequest(claude, filePrompt('image', 'x.png'), { stream: false })).rejects.toThrow(BamlInvalidArgumentError)
  })
})

describe('vertex project lookup', () => {
  const base = { model: 'gemini-2.0-flash', location: 'us-central1' }
  const url = (p: string) =>
    `https://us-central1-aiplatform.googleapis.com/v1/projects/${p}/locations/us-central1/publishers/google/models/gemini-2.0-flash:generateContent`

  test('project_id from inline service-account JSON', async () => {
    const c = leaf(resolveClient(client('V1', 'vertex-ai', { ...base, credentials_content: '{"project_id":"from-json"}' }), {}))
    expect((await buildRequest(c, chat(['user', 'q']), { stream: false })).url).toBe(url('from-json'))
  })

  test('otherwise asks gcpProjectId (credentials files are read by the auth layer)', async () => {
    const c = leaf(resolveClient(client('V2', 'vertex-ai', { ...base, credentials: '/keys/sa.json' }), {}))
    expect(c.family === 'vertex' && c.credentials).toEqual({ kind: 'file', path: '/keys/sa.json' })
    await expect(buildRequest(c, chat(['user', 'q']), { stream: false })).rejects.toThrow(BamlInvalidArgumentError)
    const req = await buildRequest(c, chat(['user', 'q']), { stream: false, gcpProjectId: async () => 'looked-up' })
    expect(req.url).toBe(url('looked-up'))
    // No auth header: the transport adds the OAuth2 token.
    expect(req.headers).toEqual({ 'content-type': 'application/json' })
  })

  test('GOOGLE_APPLICATION_CREDENTIALS: JSON content vs a path', () => {
    const c = client('V3', 'vertex-ai', base)
    const asJson = leaf(resolveClient(c, { GOOGLE_APPLICATION_CREDENTIALS: '"{\\"a\\":1}"' }))
    expect(asJson.family === 'vertex' && asJson.credentials).toEqual({ kind: 'json', json: '{"a":1}' })
    const asPath = leaf(resolveClient(c, { GOOGLE_APPLICATION_CREDENTIALS: 'key.json' }))
    expect(asPath.family === 'vertex' && asPath.credentials).toEqual({ kind: 'file', path: 'key.json' })
  })
})

describe('aws-bedrock streaming', () => {
  test('ConverseStream URL and event-stream accept header (the reference cannot build these)', async () => {
    const c = leaf(resolveClient(client('BS', 'aws-bedrock', { model: 'a:b', region: 'us-east-1' }), {}))
    const req = await buildRequest(c, chat(['user', 'q']), { stream: true })
    expect(req.url).toBe('https://bedrock-runtime.us-east-1.amazonaws.com/model/a%3Ab/converse-stream')
    expect(req.headers['accept']).toBe('application/vnd.amazon.eventstream')
  })
})

describe('maskSecrets', () => {
  test('keeps 4 characters of keys in auth headers, key query params and wherever the secret recurs', async () => {
    const c = resolveClient(client('M1', 'openai', { model: 'm', api_key: 'sk-proj-abcdef', temperature: 1 }), {})
    const req = await buildRequest(c, chat(['user', 'my key is sk-proj-abcdef']), { stream: false })
    const masked = maskSecrets(req, c)
    expect(masked.headers['authorization']).toBe('Bearer sk-p****')
    expect(JSON.stringify(masked.body)).not.toContain('sk-proj-abcdef')
    expect(JSON.stringify(masked.body)).toContain('sk-p****')
    expect(req.headers['authorization']).toBe('Bearer sk-proj-abcdef')
  })

  test('anthropic, google and azure key headers; vertex ?key=', async () => {
    const a = resolveClient(client('M2', 'anthropic', { model: 'm', api_key: 'ant-123456' }), {})
    expect(maskSecrets(await buildRequest(a, chat(['user', 'q']), { stream: false }), a).headers['x-api-key']).toBe('ant-****')
    const g = resolveClient(client('M3', 'google-ai', { model: 'm' }), { GOOGLE_API_KEY: 'AIzaSyXYZ' })
    expect(maskSecrets(await buildRequest(g, chat(['user', 'q']), { stream: false }), g).headers['x-goog-api-key']).toBe('AIza****')
    const z = resolveClient(client('M4', 'azure-openai', { base_url: 'https://x/openai/deployments/d' }), { AZURE_OPENAI_API_KEY: 'azkey-9' })
    expect(maskSecrets(await buildRequest(z, chat(['user', 'q']), { stream: false }), z).headers['api-key']).toBe('azke****')
    const vx = resolveClient(
      client('M5', 'vertex-ai', { model: 'g', location: 'l', project_id: 'p', query_params: { key: 'vertex-secret' } }),
      {},
    )
    expect(maskSecrets(await buildRequest(vx, chat(['user', 'q']), { stream: false }), vx).url).toMatch(/\?key=vert\*\*\*\*$/)
  })

  test('every header or query value that came from env.* is masked, custom ones included; literals stay', async () => {
    const env = { PROXY_TOKEN: 'pxy-secret-777', TENANT: 'acme', Q_TOKEN: 'q-secret-888', OPENAI_API_KEY: 'sk-env-12345' }
    const c = resolveClient(
      client('M7', 'openai', {
        model: 'm',
        headers: { 'X-Proxy-Token': { env: 'PROXY_TOKEN' }, 'X-Tenant': { env: 'TENANT' }, 'X-Team': 'research', 'X-Auth': 'Token fixed-literal' },
        query_params: { token: { env: 'Q_TOKEN' }, version: '2024-01' },
      }),
      env,
    )
    const req = await buildRequest(c, chat(['user', 'q']), { stream: false })
    const masked = maskSecrets(req, c)
    const header = (name: string) => Object.entries(masked.headers).find(([k]) => k.toLowerCase() === name)?.[1]
    expect(header('x-proxy-token')).toBe('pxy-****')
    expect(header('x-tenant')).toBe('****')
    expect(header('x-team')).toBe('research')
    expect(header('x-auth')).toBe('Token fixed-literal')
    expect(header('authorization')).toBe('Bearer sk-e****')
    expect(masked.url).toContain('token=q-se****')
    expect(masked.url).toContain('version=2024-01')
    const text = JSON.stringify(masked)
    for (const v of Object.values(env)) expect(text).not.toContain(v)
    // Unmasked on request.
    expect(JSON.stringify(req)).toContain('pxy-secret-777')
  })

  test('an unset key ($ENV_NAME) stays visible; short secrets are fully hidden', async () => {
    const c = resolveClient(client('M6', 'openai', { model: 'm' }), {})
    const req = await buildRequest(c, chat(['user', 'q']), { stream: false })
    expect(maskSecrets(req, c).headers['authorization']).toBe('Bearer $OPENAI_API_KEY')
    expect(maskSecret('abc')).toBe('****')
  })
})
