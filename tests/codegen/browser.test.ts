// A generated client bundled for browsers and edge runtimes (`bun build --target browser`): the
// bundle imports no `node:` module and contains no eval / new Function, and it calls a function
// inside a Worker-like sandbox: a V8 context with only web globals (fetch, URL, streams, crypto...),
// no `process` or `require`, and code generation from strings disabled (as in Cloudflare Workers).
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forbiddenConstructs } from '../../scripts/client-runtime/build.ts'
import { startFakeOpenAI, type FakeOpenAI } from '../runtime/openai-server.ts'
import { INIT_PROJECT, baml, bin, exec, tempProject } from './helpers.ts'

const ENTRY = `import { b, ClientRegistry } from './baml_client/index.js'
import { b as bSync } from './baml_client/sync_client.js'

// An edge handler: no process.env here, so the key and the server come with the call.
;(globalThis as any).handle = async (url: string) => {
  const env = { OPENAI_API_KEY: 'sk-edge', LOCAL_LLM_URL: url }
  const registry = new ClientRegistry()
  registry.addLlmClient('Edge', 'openai-generic', { base_url: url, model: 'edge-model', api_key: 'sk-edge' })
  const called = await b.ExtractResume('Ada', { client: 'Local', env })
  const viaRegistry = await b.ExtractResume('Ada', { clientRegistry: registry, client: 'Edge', env })
  const stream = b.stream.ExtractResume('Ada', { client: 'Local', env })
  let partials = 0
  for await (const _ of stream) partials++
  const request = await b.request.ExtractResume('Ada', { env })
  let syncError = ''
  try {
    bSync.ExtractResume('Ada', { client: 'Local', env })
  } catch (e) {
    syncError = (e as Error).message
  }
  return {
    syncError,
    called,
    viaRegistry,
    streamed: await stream.getFinalResponse(),
    partials,
    requestUrl: request.url,
    parsed: b.parse.ExtractResume('{"name": "B", "email": "e", "experience": [], "skills": []}'),
  }
}
`

const RESUME = { name: 'Ada', email: 'ada@example.com', experience: [], skills: ['math'] }

describe('browser / edge bundle of a generated client', () => {
  let server: FakeOpenAI
  let dir: string
  let esm = ''
  let script = ''
  beforeAll(async () => {
    server = await startFakeOpenAI()
    server.replies = [{ content: JSON.stringify(RESUME) }]
    dir = tempProject({ ...INIT_PROJECT, 'entry.ts': ENTRY })
    const g = await baml(['generate'], dir)
    if (g.code !== 0) throw new Error(g.stderr)
    const a = await exec(bin('bun'), ['build', 'entry.ts', '--target', 'browser', '--format', 'esm', '--outfile', 'out/esm.js'], { cwd: dir })
    if (a.code !== 0) throw new Error(a.stderr)
    // A plain script for the sandbox (no module loader there); import.meta.url becomes a constant.
    const b = await exec(
      bin('bun'),
      ['build', 'entry.ts', '--target', 'browser', '--format', 'iife', '--define', 'import.meta.url="https://edge.example/worker.js"', '--outfile', 'out/script.js'],
      { cwd: dir },
    )
    if (b.code !== 0) throw new Error(b.stderr)
    esm = readFileSync(join(dir, 'out', 'esm.js'), 'utf8')
    script = readFileSync(join(dir, 'out', 'script.js'), 'utf8')
  }, 120_000)
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('has no node: import, no eval and no new Function', () => {
    expect(esm.length).toBeGreaterThan(100_000)
    expect(forbiddenConstructs(esm)).toEqual([])
    expect(esm).not.toMatch(/\bnew Function\b/)
    expect(forbiddenConstructs(script)).toEqual([])
  })

  it('calls, streams, builds requests and parses inside a sandbox that forbids code generation', async () => {
    const g = globalThis as Record<string, unknown>
    const web = ['fetch', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'ReadableStream', 'WritableStream', 'TransformStream', 'TextDecoderStream', 'AbortController', 'AbortSignal', 'Headers', 'Request', 'Response', 'Blob', 'Event', 'EventTarget', 'crypto', 'structuredClone', 'atob', 'btoa', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'console']
    const sandbox = vm.createContext(Object.fromEntries(web.map((k) => [k, g[k]])), { codeGeneration: { strings: false, wasm: false } })
    expect(() => vm.runInContext('new Function("return 1")', sandbox)).toThrow()
    vm.runInContext(script, sandbox)
    const handle = (sandbox as { handle: (url: string) => Promise<Record<string, unknown>> }).handle
    const out = await handle(server.url)
    expect(out.called).toEqual(RESUME)
    expect(out.viaRegistry).toEqual(RESUME)
    expect(out.streamed).toEqual(RESUME)
    expect(out.partials).toBeGreaterThan(0)
    expect(out.requestUrl).toBe('https://api.openai.com/v1/chat/completions')
    expect(out.parsed).toEqual({ name: 'B', email: 'e', experience: [], skills: [] })
    expect(server.requests.map((r) => r.body.model)).toContain('edge-model')
    // Where a thread may not block, the sync client says what to use instead.
    expect(out.syncError).toContain('the sync client cannot run here')
    expect(out.syncError).toContain("import { b } from './baml_client/async_client'")
  })
})
