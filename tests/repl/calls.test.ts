// Calls from the REPL against a local server speaking the OpenAI chat wire format (JSON and SSE):
// call, stream (partials, then the value, latency and tokens), tests, and Ctrl-C during a stream.
import { describe, expect, it } from 'vitest'
import { byStream, json, startFileServer, streamChunks, type Handler } from '../providers/helpers/server.ts'
import { openaiChat, openaiChatSse, sseEvent } from '../providers/helpers/wire.ts'
import { drive, PROJECT, script, writeProject } from './helpers.ts'

const server = await startFileServer()
let n = 0

/** A base URL whose /chat/completions answers with `handler`. */
function route(handler: Handler): string {
  const base = `/repl/${++n}/v1`
  server.route(`${base}/chat/completions`, handler)
  return `${server.url}${base}`
}

const KEY = 'sk-local-key-7'

describe('call and stream', () => {
  it('calls, prints the value, latency, tokens and client; $_ holds it', async () => {
    const url = route(json(openaiChat('{"name": "Ada", "age": 36}', { model: 'local-model-2024' })))
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['call Extract { text "Ada, 36" }', 'render Greet { name $_.name langs ["en"] }'], { LOCAL_URL: url, LOCAL_KEY: KEY })
    expect(r.code).toBe(0)
    expect(r.out).toContain('{\n  "name": "Ada",\n  "age": 36\n}\n')
    expect(r.out).toContain('Say hello to Ada.')
    expect(r.err).toMatch(/✓ \d+ ms · 12 in \(4 cached\) \/ 7 out tokens · Local \(openai-generic local-model-2024\)/)
    const sent = server.requests.filter((q) => q.path.startsWith(new URL(url).pathname))
    expect(sent).toHaveLength(1)
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(JSON.parse(sent[0]!.body).messages[0].content).toContain('Extract the person from: Ada, 36')
    expect(r.err).not.toContain(KEY)
  })

  it('streams: partial values as they arrive, then the final value', async () => {
    const pieces = ['{"name": "Gr', 'ace", "a', 'ge": 8', '5}']
    const url = route(byStream(json(openaiChat('unused')), streamChunks(openaiChatSse(pieces), { gapMs: 20 })))
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['stream Extract "Grace Hopper, 85"'], { LOCAL_URL: url, LOCAL_KEY: KEY })
    expect(r.code).toBe(0)
    // Without a terminal, each partial is a line on the message stream.
    const partials = r.err.split('\n').filter((l) => l.startsWith('… ')).map((l) => JSON.parse(l.slice(2)))
    expect(partials.length).toBeGreaterThanOrEqual(2)
    expect(partials[0]).toMatchObject({ name: 'Gr' })
    expect(partials.at(-1)).toMatchObject({ name: 'Grace' })
    expect(r.out).toBe('{\n  "name": "Grace",\n  "age": 85\n}\n')
    expect(r.err).toMatch(/✓ \d+ ms · first token \d+ ms · 12 in \(2 cached\) \/ 4 out tokens · Local/)
  })

  it('uses :client for calls', async () => {
    const url = route(json(openaiChat('hi')))
    const other = route(json(openaiChat('from the other')))
    const dir = writeProject({
      'main.baml': PROJECT,
      'other.baml': `client<llm> Other {\n  provider openai-generic\n  options {\n    base_url "${other}"\n    model "o"\n  }\n}\n`,
    })
    const r = await script(dir, [':client Other', 'call Greet { name "x" langs [] }'], { LOCAL_URL: url, LOCAL_KEY: KEY })
    expect(r.out).toBe('"from the other"\n')
    expect(r.err).toContain('· Other (openai-generic')
  })

  it('shows an HTTP error and goes on', async () => {
    const url = route(json({ error: { message: 'model overloaded' } }, 503))
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['call Greet { name "x" langs [] }', 'render Greet { name "after" langs [] }'], { LOCAL_URL: url, LOCAL_KEY: KEY })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/error: BamlClientHttpError \(client Local, status 503\): [^\n]*503[\s\S]*model overloaded/)
    expect(r.out).toContain('Say hello to after.')
  })
})

describe('test', () => {
  it('runs one test with its verdict and value, and patterns with a summary', async () => {
    const url = route((req, res) => {
      const body = JSON.parse(req.body) as { messages: { content: { text: string }[] | string }[]; stream?: boolean }
      const text = JSON.stringify(body.messages)
      const answer = text.includes('Grace Hopper') ? '{"name": "Grace", "age": 84}' : 'Hello Ada!'
      const handler = body.stream ? streamChunks(openaiChatSse([answer])) : json(openaiChat(answer))
      return handler(req, res, server)
    })
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['test Greet::AdaInEnglish', 'test', 'test Extract::'], { LOCAL_URL: url, LOCAL_KEY: KEY })
    expect(r.out).toMatch(/^✓ Greet::AdaInEnglish \(\d+ ms\)\n"Hello Ada!"\n/)
    // The assert fails: the model said 84.
    expect(r.out).toMatch(/✗ Extract::Grace failed \(\d+ ms\)\n\s+assert old_enough failed: this.age == 85/)
    expect(r.err).toMatch(/1 passed, 1 failed \(/)
    expect(r.code).toBe(1)
  })

  it('says when no test matches', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['test Nope::'], { LOCAL_URL: 'http://127.0.0.1:9/v1' })
    expect(r.err).toContain('no test matches Nope::')
  })
})

describe('Ctrl-C', () => {
  it('cancels a running stream (the request is aborted), not the session', async () => {
    let closed = false
    const url = route((_req, res) => {
      res.on('close', () => (closed = true))
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      const chunk = (t: string) => sseEvent({ id: 'c', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { content: t }, finish_reason: null }] })
      res.write(chunk('{"name": "Slo'))
      res.write(chunk('w'))
      // never ends
    })
    const dir = writeProject({ 'main.baml': PROJECT })
    const d = drive({ dir, terminal: true, env: { LOCAL_URL: url, LOCAL_KEY: KEY } })
    await d.waitFor('baml> ')
    d.send('stream Extract "x"\r')
    await d.waitFor('"Slow"')
    d.send('\x03')
    await d.waitFor('cancelled')
    for (let i = 0; i < 100 && !closed; i++) await new Promise((r) => setTimeout(r, 20))
    expect(closed).toBe(true)
    await d.waitFor('baml> ')
    d.send('render Greet { name "alive" langs [] }\r')
    await d.waitFor('Say hello to alive.')
    d.send(':quit\r')
    expect(await d.done).toBe(0)
  })
})
