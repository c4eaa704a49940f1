// Every provider's wire format against a local server, non-streaming and streaming.
import { describe, expect, it } from 'vitest'
import { awsSigV4Authorizer } from '../../core/providers/auth/aws.ts'
import { googleBearerAuthorizer } from '../../core/providers/auth/authorize.ts'
import { staticTokenSource } from '../../core/providers/auth/google.ts'
import { signSigV4 } from '../../core/providers/auth/sigv4.ts'
import { sendLlmRequest } from '../../core/providers/transport/send.ts'
import { singleEventStream, streamLlmRequest } from '../../core/providers/transport/stream.ts'
import type { LeafProviderName } from '../../core/providers/types.ts'
import type { HttpRequest, JsonValue } from '../../core/values.ts'
import { collect } from './helpers/events.ts'
import { json, startFileServer, streamChunks, type RecordedRequest } from './helpers/server.ts'
import {
  anthropicMessage,
  anthropicSse,
  converseBody,
  converseStreamFrames,
  geminiBody,
  geminiSse,
  openaiChat,
  openaiChatSse,
  responsesBody,
  responsesSse,
} from './helpers/wire.ts'

const server = await startFileServer()

function post(path: string, body: JsonValue, headers: Record<string, string> = {}): HttpRequest {
  return { url: `${server.url}${path}`, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }
}

const CHAT_FAMILY: LeafProviderName[] = ['openai', 'openai-generic', 'azure-openai', 'ollama', 'openrouter']

describe('OpenAI chat completions family', () => {
  for (const provider of CHAT_FAMILY) {
    it(`${provider}: non-streaming`, async () => {
      const path = `/${provider}/v1/chat/completions`
      server.route(path, json(openaiChat('The answer is 42.')))
      const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'q' }] }
      const res = await sendLlmRequest(post(path, body, { authorization: 'Bearer sk-test' }), { provider, clientName: 'C' })
      expect(res).toMatchObject({
        content: 'The answer is 42.',
        model: 'gpt-4o-mini-2024-07-18',
        finishReason: 'stop',
        isComplete: true,
        format: 'openai',
        usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19, cachedInputTokens: 4 },
      })
      const seen = server.hits(path).at(-1)!
      expect(JSON.parse(seen.body)).toEqual(body)
      expect(seen.headers['authorization']).toBe('Bearer sk-test')
      expect(seen.headers['content-type']).toBe('application/json')
      expect(res.request.body).toBe(JSON.stringify(body))
      expect(res.raw.status).toBe(200)
      expect(JSON.parse(res.raw.body)).toEqual(openaiChat('The answer is 42.'))
      expect(res.timing.endMs).toBeGreaterThanOrEqual(res.timing.startMs)
    })

    it(`${provider}: streaming with [DONE]`, async () => {
      const path = `/${provider}/stream/v1/chat/completions`
      server.route(path, streamChunks(openaiChatSse(['Hel', 'lo', ' wor', 'ld']), { gapMs: 2 }))
      const { deltas, response } = await collect(streamLlmRequest(post(path, { model: 'm', stream: true }), { provider }))
      expect(deltas.map((d) => d.delta).join('')).toBe('Hello world')
      expect(deltas.filter((d) => d.delta !== '').map((d) => d.content)).toEqual(['Hel', 'Hello', 'Hello wor', 'Hello world'])
      expect(response).toMatchObject({ content: 'Hello world', finishReason: 'stop', isComplete: true, model: 'gpt-4o-mini-2024-07-18' })
      expect(response.usage).toEqual({ inputTokens: 12, outputTokens: 4, totalTokens: 16, cachedInputTokens: 2 })
      expect(response.timing.firstTokenMs).toBeDefined()
      expect(response.raw.body).toContain('data: [DONE]')
    })
  }

  it('stops reading at [DONE] even if the server keeps the connection open', async () => {
    const path = '/openai/done-open/v1/chat/completions'
    server.route(path, streamChunks(openaiChatSse(['a', 'b']), { end: false }))
    const { response } = await collect(streamLlmRequest(post(path, {}), { provider: 'openai', timeouts: { requestTimeoutMs: 2000 } }))
    expect(response.content).toBe('ab')
  })

  it('a chat response with finish_reason length is not complete', async () => {
    const path = '/openai/length/v1/chat/completions'
    server.route(path, json(openaiChat('truncat', { finish: 'length' })))
    const res = await sendLlmRequest(post(path, {}), { provider: 'openai' })
    expect(res).toMatchObject({ content: 'truncat', finishReason: 'length', isComplete: false })
  })

  it('client_response_type anthropic makes an openai-generic client read Anthropic responses', async () => {
    const path = '/generic-anthropic/v1/chat/completions'
    server.route(path, json(anthropicMessage('via proxy')))
    const res = await sendLlmRequest(post(path, {}), { provider: 'openai-generic', clientResponseType: 'anthropic' })
    expect(res).toMatchObject({ content: 'via proxy', format: 'anthropic' })
  })
})

describe('OpenAI Responses', () => {
  it('non-streaming: first message output, status completed, usage', async () => {
    const path = '/responses/v1/responses'
    server.route(path, json(responsesBody('A unicorn named Lumina.')))
    const res = await sendLlmRequest(post(path, { model: 'gpt-4.1', input: 'q' }), { provider: 'openai-responses' })
    expect(res).toMatchObject({
      content: 'A unicorn named Lumina.',
      model: 'gpt-4.1-2025-04-14',
      finishReason: 'completed',
      isComplete: true,
      usage: { inputTokens: 36, outputTokens: 87, totalTokens: 123, cachedInputTokens: 6 },
    })
  })

  it('non-streaming: a function_call output is returned as a JSON string', async () => {
    const path = '/responses/fc/v1/responses'
    server.route(path, json(responsesBody('', { functionCall: true })))
    const res = await sendLlmRequest(post(path, {}), { provider: 'openai-responses' })
    expect(JSON.parse(res.content)).toEqual({ type: 'function_call', name: 'lookup', arguments: '{"isbn":"978-0"}', call_id: 'call_42' })
  })

  it('non-streaming: incomplete_details.reason is the finish reason', async () => {
    const path = '/responses/inc/v1/responses'
    server.route(path, json(responsesBody('partial', { status: 'incomplete', incomplete: 'max_output_tokens' })))
    const res = await sendLlmRequest(post(path, {}), { provider: 'openai-responses' })
    expect(res).toMatchObject({ content: 'partial', finishReason: 'max_output_tokens', isComplete: false })
  })

  it('streaming: output_text deltas, then response.completed', async () => {
    const path = '/responses/stream/v1/responses'
    server.route(path, streamChunks(responsesSse(['Mid', 'dle', 'march']), { gapMs: 1 }))
    const { deltas, response } = await collect(streamLlmRequest(post(path, { stream: true }), { provider: 'openai-responses' }))
    expect(deltas.map((d) => d.delta).join('')).toBe('Middlemarch')
    expect(response).toMatchObject({ content: 'Middlemarch', isComplete: true, finishReason: 'completed', model: 'gpt-4.1-mini-2025-04-14' })
    expect(response.usage.outputTokens).toBe(3)
  })

  it('streaming: response.incomplete is not complete and carries the reason', async () => {
    const path = '/responses/stream-inc/v1/responses'
    server.route(path, streamChunks(responsesSse(['cut'], { end: 'incomplete' })))
    const { response } = await collect(streamLlmRequest(post(path, {}), { provider: 'openai-responses' }))
    expect(response).toMatchObject({ content: 'cut', isComplete: false, finishReason: 'max_output_tokens' })
  })

  it('streaming: response.failed with an error fails the stream', async () => {
    const path = '/responses/stream-failed/v1/responses'
    server.route(path, streamChunks(responsesSse(['x'], { end: 'failed' })))
    await expect(collect(streamLlmRequest(post(path, {}), { provider: 'openai-responses', clientName: 'R' }))).rejects.toMatchObject({
      name: 'BamlClientHttpError',
      client_name: 'R',
      message: expect.stringContaining('The model failed'),
    })
  })
})

describe('Anthropic', () => {
  it('non-streaming: first text block, stop_reason, usage with cache reads', async () => {
    const path = '/anthropic/v1/messages'
    server.route(path, json(anthropicMessage('Middlemarch was written by George Eliot.')))
    const res = await sendLlmRequest(post(path, { model: 'claude', max_tokens: 4096 }, { 'x-api-key': 'ak', 'anthropic-version': '2023-06-01' }), { provider: 'anthropic' })
    expect(res).toMatchObject({
      content: 'Middlemarch was written by George Eliot.',
      model: 'claude-3-5-sonnet-20241022',
      finishReason: 'end_turn',
      isComplete: true,
      usage: { inputTokens: 321, outputTokens: 158, totalTokens: 479, cachedInputTokens: 9 },
    })
    expect(server.hits(path).at(-1)!.headers['x-api-key']).toBe('ak')
  })

  it('non-streaming: max_tokens is a finish reason but not complete', async () => {
    const path = '/anthropic/max/v1/messages'
    server.route(path, json(anthropicMessage('abc', { stop: 'max_tokens' })))
    const res = await sendLlmRequest(post(path, {}), { provider: 'anthropic' })
    expect(res).toMatchObject({ finishReason: 'max_tokens', isComplete: false })
  })

  it('non-streaming: no text block is an error', async () => {
    const path = '/anthropic/notext/v1/messages'
    server.route(path, json(anthropicMessage(null)))
    await expect(sendLlmRequest(post(path, {}), { provider: 'anthropic', clientName: 'Claude' })).rejects.toMatchObject({
      name: 'BamlClientHttpError',
      status_code: 200,
      message: expect.stringContaining('Anthropic response contains no text'),
    })
  })

  it('streaming: message_start / content_block_delta / message_delta, pings ignored', async () => {
    const path = '/anthropic/stream/v1/messages'
    server.route(path, streamChunks(anthropicSse(['George', ' Eliot']), { gapMs: 1 }))
    const { deltas, response } = await collect(streamLlmRequest(post(path, { stream: true }), { provider: 'anthropic' }))
    expect(deltas.map((d) => d.delta).join('')).toBe('George Eliot')
    expect(response).toMatchObject({
      content: 'George Eliot',
      finishReason: 'end_turn',
      isComplete: true,
      model: 'claude-3-5-sonnet-20241022',
      usage: { inputTokens: 25, outputTokens: 15, totalTokens: 40, cachedInputTokens: null },
    })
  })
})

describe('Google AI / Vertex AI (Gemini)', () => {
  it('google-ai non-streaming: one candidate, thought parts skipped', async () => {
    const path = '/google/v1beta/models/gemini-1.5-flash:generateContent'
    server.route(path, json(geminiBody('Bonjour!', { thought: 'thinking about French' })))
    const res = await sendLlmRequest(post(path, { contents: [] }, { 'x-goog-api-key': 'gk' }), { provider: 'google-ai' })
    expect(res).toMatchObject({
      content: 'Bonjour!',
      finishReason: 'STOP',
      isComplete: true,
      model: 'gemini-1.5-flash-002',
      usage: { inputTokens: 5, outputTokens: 10, totalTokens: 15, cachedInputTokens: 3 },
    })
  })

  it('google-ai non-streaming: more than one candidate is an error', async () => {
    const path = '/google/two/v1beta/models/gemini-1.5-flash:generateContent'
    server.route(path, json(geminiBody('x', { candidates: 2 })))
    await expect(sendLlmRequest(post(path, {}), { provider: 'google-ai' })).rejects.toMatchObject({
      name: 'BamlClientHttpError',
      message: expect.stringContaining('Expected exactly one content block, got 2'),
    })
  })

  it('google-ai streaming with alt=sse (CRLF-separated events)', async () => {
    const path = '/google/v1beta/models/gemini-1.5-flash:streamGenerateContent'
    server.route(path, streamChunks(geminiSse(['Bon', 'jour', '!']), { gapMs: 1 }))
    const { deltas, response } = await collect(streamLlmRequest({ ...post(path, {}), url: `${server.url}${path}?alt=sse` }, { provider: 'google-ai' }))
    expect(server.hits(path).at(-1)!.url).toContain('?alt=sse')
    expect(deltas.map((d) => d.delta)).toEqual(['Bon', 'jour', '!'])
    expect(response).toMatchObject({ content: 'Bonjour!', finishReason: 'STOP', isComplete: true, usage: { inputTokens: 5, outputTokens: 3, totalTokens: 8 } })
  })

  it('vertex-ai Gemini with an OAuth bearer token, non-streaming and streaming', async () => {
    const base = '/v1/projects/p1/locations/us-central1/publishers/google/models/gemini-1.5-pro'
    server.route(`${base}:generateContent`, json(geminiBody('vertex says hi')))
    server.route(`${base}:streamGenerateContent`, streamChunks(geminiSse(['ver', 'tex'])))
    const authorize = googleBearerAuthorizer(staticTokenSource('ya29.test-token'))
    const res = await sendLlmRequest(post(`${base}:generateContent`, { contents: [] }), { provider: 'vertex-ai', authorize })
    expect(res.content).toBe('vertex says hi')
    expect(server.hits(`${base}:generateContent`).at(-1)!.headers['authorization']).toBe('Bearer ya29.test-token')
    const { response } = await collect(
      streamLlmRequest({ ...post(`${base}:streamGenerateContent`, {}), url: `${server.url}${base}:streamGenerateContent?alt=sse` }, { provider: 'vertex-ai', authorize }),
    )
    expect(response.content).toBe('vertex')
    expect(server.hits(`${base}:streamGenerateContent`).at(-1)!.headers['authorization']).toBe('Bearer ya29.test-token')
  })

  it('vertex-ai Claude (rawPredict / streamRawPredict) reads Anthropic responses', async () => {
    const base = '/v1/projects/p1/locations/us-east5/publishers/anthropic/models/claude-3-5-sonnet-v2@20241022'
    server.route(`${base}:rawPredict`, json(anthropicMessage('claude on vertex')))
    server.route(`${base}:streamRawPredict`, streamChunks(anthropicSse(['claude', ' streams'])))
    const res = await sendLlmRequest(post(`${base}:rawPredict`, { anthropic_version: 'vertex-2023-10-16' }), { provider: 'vertex-ai' })
    expect(res).toMatchObject({ content: 'claude on vertex', format: 'anthropic', isComplete: true })
    const { response } = await collect(streamLlmRequest(post(`${base}:streamRawPredict`, { stream: true }), { provider: 'vertex-ai' }))
    expect(response).toMatchObject({ content: 'claude streams', format: 'anthropic' })
  })
})

describe('AWS Bedrock Converse', () => {
  const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token-1' }
  const authorize = awsSigV4Authorizer(creds, { region: 'us-east-1' })

  /** The server checks the signature by signing what it received again. */
  async function verifySignature(r: RecordedRequest): Promise<void> {
    const auth = r.headers['authorization']!
    const signed = /SignedHeaders=([^,]+)/.exec(auth)![1]!.split(';')
    const stamp = r.headers['x-amz-date']!
    const date = new Date(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`)
    const again = await signSigV4(
      { method: r.method, url: `${server.url}${r.url}`, headers: signed.map((h) => [h, r.headers[h] ?? ''] as const), body: r.body },
      creds,
      { region: 'us-east-1', service: 'bedrock', date },
    )
    expect(again.authorization).toBe(auth)
    expect(signed).toContain('host')
    expect(signed).toContain('x-amz-security-token')
  }

  it('non-streaming: SigV4-signed request, output.message.content, stopReason, usage', async () => {
    const path = '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse'
    server.route(path, json(converseBody('Page 1: It was a dark and stormy night.')))
    const res = await sendLlmRequest(post(path, { messages: [] }, { accept: 'application/json' }), { provider: 'aws-bedrock', authorize })
    expect(res).toMatchObject({
      content: 'Page 1: It was a dark and stormy night.',
      finishReason: 'end_turn',
      isComplete: true,
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      usage: { inputTokens: 30, outputTokens: 8, totalTokens: 38, cachedInputTokens: null },
    })
    await verifySignature(server.hits(path).at(-1)!)
  })

  it('streaming: event-stream frames (contentBlockDelta, messageStop, metadata)', async () => {
    const path = '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream'
    server.route(path, streamChunks(converseStreamFrames(['It was', ' a dark', ' night']), { contentType: 'application/vnd.amazon.eventstream', gapMs: 1 }))
    const { deltas, response } = await collect(streamLlmRequest(post(path, { messages: [] }), { provider: 'aws-bedrock', authorize }))
    expect(deltas.map((d) => d.delta).join('')).toBe('It was a dark night')
    expect(response).toMatchObject({
      content: 'It was a dark night',
      finishReason: 'end_turn',
      isComplete: true,
      usage: { inputTokens: 30, outputTokens: 3, totalTokens: 33 },
    })
    expect(response.raw.body.split('\n').filter(Boolean)).toHaveLength(7)
    await verifySignature(server.hits(path).at(-1)!)
  })

  it('streaming: frames split at odd byte boundaries still decode', async () => {
    const path = '/model/split/converse-stream'
    const bytes = converseStreamFrames(['a', 'b', 'c']).flatMap((f) => [f.subarray(0, 5), f.subarray(5, 17), f.subarray(17)])
    server.route(path, streamChunks(bytes, { contentType: 'application/vnd.amazon.eventstream' }))
    const { response } = await collect(streamLlmRequest(post(path, {}), { provider: 'aws-bedrock' }))
    expect(response.content).toBe('abc')
  })
})

describe('long streams', () => {
  // Each delta is read from the accumulator, not found by comparing the whole text so far (quadratic).
  const pieces = Array.from({ length: 20_000 }, (_, i) => `${String(i).padStart(5, '0')}|`)
  for (const [provider, events] of [['openai', openaiChatSse(pieces)], ['openai-responses', responsesSse(pieces)]] as const) {
    it(`${provider}: 20 000 events in linear time`, async () => {
      const body = new TextEncoder().encode(events.join(''))
      const fetch = async (): Promise<Response> => new Response(body, { headers: { 'content-type': 'text/event-stream' } })
      const t0 = Date.now()
      // Deltas are not kept: each carries the whole text so far, which is costly for the GC to hold 20 000 times.
      const deltas: string[] = []
      let replaced = false
      let content = ''
      for await (const ev of streamLlmRequest(post('/long', {}), { provider, fetch })) {
        if (ev.type === 'done') content = ev.response.content
        else {
          deltas.push(ev.delta)
          replaced ||= ev.replaced
        }
      }
      expect(Date.now() - t0).toBeLessThan(5000)
      expect(content).toBe(pieces.join(''))
      expect(deltas.join('')).toBe(pieces.join(''))
      expect(replaced).toBe(false)
    })
  }
})

describe('supports_streaming false helper', () => {
  it('turns one non-streaming request into one delta and done', async () => {
    const path = '/single/v1/chat/completions'
    server.route(path, json(openaiChat('all at once')))
    const { deltas, response } = await collect(singleEventStream(post(path, {}), { provider: 'openai' }))
    expect(deltas).toHaveLength(1)
    expect(deltas[0]).toMatchObject({ delta: 'all at once', content: 'all at once', isComplete: true })
    expect(response.content).toBe('all at once')
  })
})
