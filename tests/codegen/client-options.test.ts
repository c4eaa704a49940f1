// The options of a generated client's calls (withOptions, env, client, clientRegistry, tb,
// collector, tags, signal), async in this process and sync in a child process (a sync call blocks
// its thread, so the model server must live elsewhere), against a local OpenAI-style server.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateClients, loadProject } from '../../core/index.ts'
import { startFakeOpenAI, type FakeOpenAI } from '../runtime/openai-server.ts'
import { bin, exec, generatorBlock, runtimeBundle, tempProject } from './helpers.ts'

const SOURCE = `
class Person {
  name string
  @@dynamic
}

enum Mood {
  HAPPY
  @@dynamic
}

client<llm> Local {
  provider openai-generic
  options {
    base_url env.LOCAL_LLM_URL
    model "local-model"
    api_key env.LOCAL_KEY
  }
}

function Describe(text: string) -> Person {
  client Local
  prompt #"{{ text }} (tag: {{ ctx.tags.team }}) {{ ctx.output_format }}"#
}

function Feel(text: string) -> Mood {
  client Local
  prompt #"{{ text }} {{ ctx.output_format }}"#
}
`

type AnyFn = (...a: any[]) => any
interface Client {
  b: Record<string, AnyFn> & { withOptions: AnyFn; request: Record<string, AnyFn>; parse: Record<string, AnyFn>; stream: Record<string, AnyFn> }
  TypeBuilder: new () => any
  Collector: new (name?: string) => any
  ClientRegistry: new () => any
  BamlAbortError: new (...a: any[]) => Error
  BamlValidationError: new (...a: any[]) => Error
  resetBamlEnvVars: (env: Record<string, string>) => void
  onLogEvent: (cb: ((e: any) => void) | undefined) => void
  traceAsync: <F>(name: string, fn: F) => F
  traceSync: <F>(name: string, fn: F) => F
  setTags: (tags: Record<string, string>) => void
  flush: () => void
}

let server: FakeOpenAI
let dir: string
let client: Client
beforeAll(async () => {
  server = await startFakeOpenAI()
  const files = { 'baml_src/main.baml': SOURCE, 'baml_src/generators.baml': generatorBlock('  module_format esm\n') }
  const out = generateClients(loadProject(files).ir!, { runtime: await runtimeBundle() })
  dir = tempProject({ 'package.json': '{ "type": "module" }\n' })
  for (const [path, text] of Object.entries(out.clients[0]!.files)) {
    mkdirSync(dirname(join(dir, 'baml_client', path)), { recursive: true })
    writeFileSync(join(dir, 'baml_client', path), text)
  }
  client = (await import(pathToFileURL(join(dir, 'baml_client', 'index.ts')).href)) as Client
}, 120_000)
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

const env = () => ({ LOCAL_LLM_URL: server.url, LOCAL_KEY: 'sk-local' })

describe('generated client options (async)', () => {
  it('withOptions sets defaults that calls extend (env merged key by key)', async () => {
    server.replies = [{ content: '{"name": "Ada"}' }]
    const base = client.b.withOptions({ env: { LOCAL_LLM_URL: server.url } })
    const scoped = base.withOptions({ env: { LOCAL_KEY: 'sk-scoped' }, tags: { team: 'blue' } })
    expect(await scoped.Describe('hi')).toEqual({ name: 'Ada' })
    const sent = server.requests.at(-1)!
    expect(JSON.stringify(sent.body.messages)).toContain('(tag: blue)')
    await expect(base.Describe('hi')).rejects.toThrow(/LOCAL_KEY/)
  })

  it('records calls in a collector', async () => {
    server.replies = [{ content: '{"name": "Ada"}' }]
    const c = new client.Collector('mine')
    await client.b.Describe('hi', { env: env(), collector: c })
    expect(c.logs).toHaveLength(1)
    expect(c.last.functionName).toBe('Describe')
    expect(c.last.calls[0].selected).toBe(true)
    expect(c.usage.inputTokens).toBe(11)
  })

  it('applies a TypeBuilder to prompts, parsing and streaming', async () => {
    const tb = new client.TypeBuilder()
    tb.Person.addProperty('age', tb.int()).description('years')
    tb.Mood.addValue('CALM')
    const req = await client.b.request.Describe('hi', { env: env(), tb })
    expect(JSON.stringify(req.body.json())).toContain('age: int')
    expect(client.b.parse.Describe('{"name": "Ada", "age": 36}', { tb })).toEqual({ name: 'Ada', age: 36 })
    expect(client.b.parse.Feel('CALM', { tb })).toBe('CALM')
    expect(() => client.b.parse.Feel('CALM')).toThrow()
  })

  it('uses a ClientRegistry primary, or a client given by name', async () => {
    server.replies = [{ content: '{"name": "Ada"}' }]
    const reg = new client.ClientRegistry()
    reg.addLlmClient('Other', 'openai-generic', { base_url: server.url, model: 'other-model', api_key: 'k' })
    reg.setPrimary('Other')
    await client.b.Describe('hi', { env: env(), clientRegistry: reg })
    expect(server.requests.at(-1)!.body.model).toBe('other-model')
    await client.b.Describe('hi', { env: env(), clientRegistry: reg, client: 'Local' })
    expect(server.requests.at(-1)!.body.model).toBe('local-model')
  })

  it('rejects with BamlAbortError when the signal has fired', async () => {
    const ac = new AbortController()
    ac.abort()
    await expect(client.b.Describe('hi', { env: env(), signal: ac.signal })).rejects.toBeInstanceOf(client.BamlAbortError)
  })

  it('resetBamlEnvVars sets values every later call sees', async () => {
    server.replies = [{ content: '{"name": "Ada"}' }]
    client.resetBamlEnvVars(env())
    try {
      expect(await client.b.Describe('hi')).toEqual({ name: 'Ada' })
    } finally {
      client.resetBamlEnvVars({})
    }
  })
})

describe('generated client tracing.ts and config.ts', () => {
  it('onLogEvent reports each finished call: prompt, raw and parsed output, start time', async () => {
    server.replies = [{ content: '{"name": "Ada"}' }]
    const events: any[] = []
    client.onLogEvent((e) => events.push(e))
    try {
      expect(await client.b.Describe('hello there', { env: env() })).toEqual({ name: 'Ada' })
    } finally {
      client.onLogEvent(undefined)
    }
    expect(events).toHaveLength(1)
    const [e] = events
    expect(e.metadata.eventId).toMatch(/^fn-/)
    expect(e.metadata.rootEventId).toBe(e.metadata.eventId)
    expect(JSON.parse(e.prompt)[0]).toMatchObject({ role: 'system', parts: [{ type: 'text' }] })
    expect(JSON.parse(e.prompt)[0].parts[0].text).toContain('hello there')
    expect(JSON.parse(e.parsedOutput)).toEqual({ name: 'Ada' })
    expect(JSON.parse(e.rawOutput).choices[0].message.content).toBe('{"name": "Ada"}')
    expect(Date.parse(e.startTime)).toBeGreaterThan(Date.now() - 60_000)
    // no listener: no events
    server.replies = [{ content: '{"name": "Bo"}' }]
    await client.b.Describe('again', { env: env() })
    expect(events).toHaveLength(1)
  })

  it('onLogEvent reports a stream once it ends, and a failed call without a parsed value', async () => {
    const events: any[] = []
    client.onLogEvent((e) => events.push(e))
    try {
      server.replies = [{ content: '{"name": "Cy"}' }]
      const stream = client.b.stream.Describe('streamed', { env: env() })
      for await (const _ of stream) void _
      expect(await stream.getFinalResponse()).toEqual({ name: 'Cy' })
      await new Promise((r) => setTimeout(r, 0))
      server.replies = [{ content: 'no mood here' }]
      await expect(client.b.Feel('hi', { env: env() })).rejects.toBeInstanceOf(client.BamlValidationError)
    } finally {
      client.onLogEvent(undefined)
    }
    expect(events.map((e) => e.parsedOutput)).toEqual(['{"name":"Cy"}', undefined])
    expect(events[1].rawOutput).toContain('no mood here')
  })

  it('a listener that throws does not fail the call', async () => {
    server.replies = [{ content: '{"name": "Di"}' }]
    client.onLogEvent(() => {
      throw new Error('listener bug')
    })
    try {
      expect(await client.b.Describe('hi', { env: env() })).toEqual({ name: 'Di' })
    } finally {
      client.onLogEvent(undefined)
    }
  })

  it('traceAsync and traceSync call straight through; setTags and flush are accepted', async () => {
    const obj = {
      k: 2,
      twice: client.traceSync('twice', function (this: { k: number }, x: number) {
        return x * this.k
      }),
    }
    expect(obj.twice(21)).toBe(42)
    const later = client.traceAsync('later', async (a: string, b: string) => a + b)
    expect(await later('a', 'b')).toBe('ab')
    expect(() => client.setTags({ user: 'u1' })).not.toThrow()
    expect(() => client.flush()).not.toThrow()
  })

  it('config.ts keeps the log settings', async () => {
    const config = (await import(pathToFileURL(join(dir, 'baml_client', 'config.ts')).href)) as {
      setLogLevel: (l: string) => void
      getLogLevel: () => string
      setLogJsonMode: (b: boolean) => void
      resetBamlEnvVars: unknown
    }
    config.setLogLevel('warn')
    expect(config.getLogLevel()).toBe('WARN')
    config.setLogJsonMode(true)
    expect(typeof config.resetBamlEnvVars).toBe('function')
  })
})

const SYNC_SCRIPT = `import { b } from './baml_client/sync_client.js'
import { Collector, ClientRegistry, TypeBuilder, BamlValidationError, onLogEvent } from './baml_client/index.js'

const env = { LOCAL_LLM_URL: process.env.URL, LOCAL_KEY: 'sk-local' }
const events: string[] = []
onLogEvent((e) => events.push(e.parsedOutput ?? 'failed'))
const tb = new TypeBuilder()
tb.Person.addProperty('age', tb.int())
const c = new Collector()
const withTb = b.Describe('hi', { env, tb, collector: c })
const reg = new ClientRegistry()
reg.addLlmClient('Other', 'openai-generic', { base_url: process.env.URL, model: 'other-model', api_key: 'k' })
reg.setPrimary('Other')
const viaRegistry = b.Describe('hi', { env, clientRegistry: reg })
let invalid = ''
try {
  b.Feel('hi', { env })
} catch (e) {
  invalid = e instanceof BamlValidationError ? 'BamlValidationError:' + (e as BamlValidationError).raw_output : String(e)
}
console.log(JSON.stringify({ withTb, viaRegistry, logs: c.logs.length, fn: c.last?.functionName, tokens: c.usage.inputTokens, invalid, events }))
`

describe('generated client options (sync, in a child process)', () => {
  it('carries TypeBuilder, ClientRegistry and Collector across the worker, and error classes back', async () => {
    server.replies = [{ content: '{"name": "Ada", "age": 36}' }]
    writeFileSync(join(dir, 'sync.ts'), SYNC_SCRIPT)
    const r = await exec(bin('bun'), ['sync.ts'], { cwd: dir, env: { URL: server.url } })
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual({
      withTb: { name: 'Ada', age: 36 },
      viaRegistry: { name: 'Ada' },
      logs: 1,
      fn: 'Describe',
      tokens: 11,
      invalid: 'BamlValidationError:{"name": "Ada", "age": 36}',
      events: ['{"name":"Ada","age":36}', '{"name":"Ada"}', 'failed'],
    })
    expect(server.requests.map((q) => q.body.model)).toContain('other-model')
  }, 60_000)
})
