// BamlRuntime end to end against a local OpenAI-compatible server: call, stream, strategies,
// errors, collectors, client overrides and TypeBuilder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BamlAbortError,
  BamlClientHttpError,
  BamlRuntime,
  BamlValidationError,
  ClientRegistry,
  Collector,
  TypeBuilder,
} from '../../core/index.ts'
import { startFakeOpenAI, type FakeOpenAI } from './openai-server.ts'

let server: FakeOpenAI
let rt: BamlRuntime

const project = (url: string) => ({
  'baml_src/main.baml': `
client<llm> Local {
  provider openai-generic
  options {
    base_url "${url}"
    model "local-model"
  }
}

client<llm> Broken {
  provider openai-generic
  retry_policy Twice
  options {
    base_url "${url}"
    model "broken-model"
  }
}

client<llm> Chain {
  provider fallback
  options {
    strategy [Broken, Local]
  }
}

retry_policy Twice {
  max_retries 1
  strategy {
    type constant_delay
    delay_ms 5
  }
}

class Book {
  title string
  year int
  tags string[]
}

class Person {
  name string
  @@dynamic
}

function FindBook(q: string) -> Book {
  client Local
  prompt #"Find {{ q }}. {{ ctx.output_format }}"#
}

function FindBookChain(q: string) -> Book {
  client Chain
  prompt #"Find {{ q }}. {{ ctx.output_format }}"#
}

function Describe(q: string) -> string {
  client Local
  prompt #"Describe {{ q }}"#
}

function ExtractPerson(q: string) -> Person {
  client Local
  prompt #"{{ q }} {{ ctx.output_format }}"#
}
`,
})

const BOOK = '{"title": "Dune", "year": 1965, "tags": ["sf", "desert", "spice"]}'

beforeAll(async () => {
  server = await startFakeOpenAI()
  rt = BamlRuntime.fromFiles('baml_src', project(server.url))
})
afterAll(() => server.close())

function reset(...replies: FakeOpenAI['replies']): void {
  server.replies = replies
  server.requests = []
}

describe('call', () => {
  it('renders, sends and parses', async () => {
    reset({ content: `Here it is:\n\`\`\`json\n${BOOK}\n\`\`\`` })
    expect(await rt.call('FindBook', { q: 'dune' })).toEqual({ title: 'Dune', year: 1965, tags: ['sf', 'desert', 'spice'] })
    expect(server.requests).toHaveLength(1)
    const msgs = server.requests[0]!.body.messages as { role: string; content: string }[]
    expect(msgs[0]!.content).toContain('Find dune. Answer in JSON using this schema:')
  })

  it('returns a string return type unchanged', async () => {
    reset({ content: '  A desert planet.\n' })
    expect(await rt.call('Describe', { q: 'Arrakis' })).toBe('  A desert planet.\n')
  })

  it('ends with BamlValidationError (not retried) when the output does not parse', async () => {
    reset({ content: 'I cannot help with that.' })
    const err = await rt.call('FindBook', { q: 'x' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlValidationError)
    expect((err as BamlValidationError).raw_output).toBe('I cannot help with that.')
    expect((err as BamlValidationError).prompt).toContain('Find x.')
    expect(server.requests).toHaveLength(1)
  })

  it('retries, then falls back, and the collector sees every attempt', async () => {
    reset({ status: 500 }, { status: 503 }, { content: BOOK })
    const collector = new Collector('c')
    expect(await rt.call('FindBookChain', { q: 'dune' }, { collector })).toEqual({ title: 'Dune', year: 1965, tags: ['sf', 'desert', 'spice'] })
    expect(server.requests.map((r) => r.body.model)).toEqual(['broken-model', 'broken-model', 'local-model'])
    const log = collector.last!
    expect(log.functionName).toBe('FindBookChain')
    expect(log.calls.map((c) => [c.clientName, c.selected])).toEqual([
      ['Broken', false],
      ['Broken', false],
      ['Local', true],
    ])
    expect(log.usage).toEqual({ inputTokens: 11, outputTokens: 7, cachedInputTokens: null })
  })

  it('reports the last HTTP failure when every attempt fails', async () => {
    reset({ status: 500 })
    const err = await rt.call('FindBookChain', { q: 'dune' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlClientHttpError)
    expect((err as BamlClientHttpError).status_code).toBe(500)
    expect(server.requests).toHaveLength(3)
  })

  it('uses a client override and a client registry', async () => {
    reset({ content: BOOK })
    await rt.call('FindBook', { q: 'a' }, { client: 'Broken' })
    expect(server.requests[0]!.body.model).toBe('broken-model')
    const reg = new ClientRegistry()
    reg.addLlmClient('Adhoc', 'openai-generic', { base_url: server.url, model: 'adhoc-model', temperature: 0.5 })
    reg.setPrimary('Adhoc')
    reset({ content: BOOK })
    await rt.call('FindBook', { q: 'b' }, { clientRegistry: reg })
    expect(server.requests[0]!.body).toMatchObject({ model: 'adhoc-model', temperature: 0.5 })
  })

  it('rejects bad arguments before calling the model', async () => {
    reset({ content: BOOK })
    await expect(rt.call('FindBook', { q: 3 })).rejects.toThrow(/q/)
    await expect(rt.call('NoSuchFunction', {})).rejects.toThrow(/does not exist/)
    expect(server.requests).toHaveLength(0)
  })

  it('stops with BamlAbortError when the signal aborts', async () => {
    reset({ content: BOOK, delayMs: 2000 })
    const ac = new AbortController()
    const p = rt.call('FindBook', { q: 'slow' }, { signal: ac.signal })
    // Abort once the server holds the request, so it cannot arrive late and confuse later tests.
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 2))
    ac.abort()
    await expect(p).rejects.toBeInstanceOf(BamlAbortError)
  })
})

describe('stream', () => {
  it('emits growing partial values as chunks arrive, then the final value', async () => {
    reset({ content: BOOK, chunks: BOOK.match(/.{1,5}/gs)! })
    const stream = rt.stream('FindBook', { q: 'dune' })
    const partials: unknown[] = []
    for await (const p of stream) partials.push(JSON.parse(JSON.stringify(p)))
    const final = await stream.getFinalResponse()
    expect(final).toEqual(rt.parse('FindBook', BOOK))
    expect(partials.length).toBeGreaterThan(3)
    expect(partials[partials.length - 1]).toEqual({ title: 'Dune', year: 1965, tags: ['sf', 'desert', 'spice'] })
    // Titles only ever grow, and no two consecutive partials are equal.
    const titles = partials.map((p) => (p as { title: string | null }).title ?? '')
    titles.forEach((t, i) => i && expect(t.startsWith(titles[i - 1]!)).toBe(true))
    partials.forEach((p, i) => i && expect(JSON.stringify(p)).not.toBe(JSON.stringify(partials[i - 1])))
    expect(server.requests[0]!.body.stream).toBe(true)
  })

  it('rejects getFinalResponse with the call error', async () => {
    reset({ content: 'nope' })
    const stream = rt.stream('FindBook', { q: 'dune' })
    await expect(stream.getFinalResponse()).rejects.toBeInstanceOf(BamlValidationError)
  })
})

describe('TypeBuilder', () => {
  it('adds fields to a dynamic class for rendering and parsing', async () => {
    const tb = new TypeBuilder()
    tb.class('Person').addProperty('age', tb.int()).description('in years')
    const hobby = tb.addEnum('Hobby')
    hobby.addValue('CHESS')
    hobby.addValue('GO')
    tb.class('Person').addProperty('hobby', hobby.type())
    reset({ content: '{"name": "Ada", "age": "36", "hobby": "chess"}' })
    expect(await rt.call('ExtractPerson', { q: 'Ada, 36, plays chess' }, { typeBuilder: tb })).toEqual({ name: 'Ada', age: 36, hobby: 'CHESS' })
    const msgs = server.requests[0]!.body.messages as { content: string }[]
    expect(msgs[0]!.content).toContain("// in years\n  age: int,\n  hobby: 'CHESS' or 'GO',")
    // The loaded project is not changed.
    expect(rt.parse('ExtractPerson', '{"name": "Ada", "age": 36}')).toEqual({ name: 'Ada' })
  })
})

describe('environment', () => {
  it('refuses to call when a client needs an unset environment variable (request previews show $NAME)', async () => {
    const env = BamlRuntime.fromFiles('baml_src', {
      'baml_src/main.baml': `
client<llm> Keyed {
  provider openai
  options {
    model "gpt-4o"
    base_url "${server.url}"
    api_key env.SOME_UNSET_KEY_FOR_TEST
  }
}
function F(x: string) -> string {
  client Keyed
  prompt #"{{ x }}"#
}`,
    })
    reset({ content: 'ok' })
    const req = await env.buildRequest('F', { x: 'hi' }, { exposeSecrets: true })
    expect(req.headers.authorization).toBe('Bearer $SOME_UNSET_KEY_FOR_TEST')
    await expect(env.call('F', { x: 'hi' })).rejects.toThrow('client Keyed needs environment variable SOME_UNSET_KEY_FOR_TEST, which is not set')
    expect(await env.call('F', { x: 'hi' }, { env: { SOME_UNSET_KEY_FOR_TEST: 'k' } })).toBe('ok')
    expect(server.requests).toHaveLength(1)
  })
})

describe('vertex-ai project from a credentials file', () => {
  it('reads project_id through the host when the client names a key file and no project', async () => {
    const key = JSON.stringify({ type: 'service_account', project_id: 'proj-from-file', client_email: 'sa@proj.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n', token_uri: 'http://127.0.0.1:9/token' })
    const vrt = BamlRuntime.fromFiles(
      'baml_src',
      {
        'baml_src/main.baml': `
client<llm> V {
  provider vertex-ai
  options {
    model "gemini-1.5-pro"
    location "us-central1"
    credentials "keys/sa.json"
  }
}
function F(x: string) -> string {
  client V
  prompt #"{{ x }}"#
}`,
      },
      {},
      { readTextFile: async (p) => (p === 'keys/sa.json' ? key : Promise.reject(new Error(`no file ${p}`))) },
    )
    const req = await vrt.buildRequest('F', { x: 'hi' })
    expect(req.url).toBe('https://us-central1-aiplatform.googleapis.com/v1/projects/proj-from-file/locations/us-central1/publishers/google/models/gemini-1.5-pro:generateContent')
  })
})

describe('media arguments written as JSON', () => {
  const mrt = BamlRuntime.fromFiles('baml_src', {
    'baml_src/main.baml': `
function Look(img: image, docs: pdf[], clip: audio?) -> string {
  client "openai/gpt-4o"
  prompt #"{{ _.role("user") }}Look {{ img }} {{ docs }} {{ clip }}"#
}`,
  })

  it('turns {url} / {base64, media_type} / {file} objects into media where the parameter is media', () => {
    const p = mrt.renderPrompt('Look', {
      img: { url: 'https://example.com/a.png' },
      docs: [{ base64: 'JVBERi0=' }],
      clip: { file: 'clip.mp3', media_type: 'audio/mpeg' },
    })
    expect(p.kind).toBe('chat')
    const parts = p.kind === 'chat' ? p.messages[0]!.parts : []
    expect(parts.filter((x) => x.type === 'media').map((x) => (x.type === 'media' ? x.media : undefined))).toEqual([
      { __baml_media: 'image', url: 'https://example.com/a.png' },
      { __baml_media: 'pdf', base64: 'JVBERi0=', mediaType: 'application/pdf' },
      { __baml_media: 'audio', file: 'clip.mp3', mediaType: 'audio/mpeg' },
    ])
  })

  it('rejects an object that is not media-shaped', () => {
    expect(() => mrt.renderPrompt('Look', { img: { path: 'x.png' }, docs: [] })).toThrow(/argument `img`: expected an image/)
  })
})
