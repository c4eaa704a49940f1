// The whole path the runtime will use: resolveClient + buildRequest (core/providers/request) for each
// attempt, then transport, auth and strategies, against a local server speaking each provider's format.
import { describe, expect, it } from 'vitest'
import type { ClientIR } from '../../core/ir/types.ts'
import { callLlm, streamLlm, type LlmCallOptions } from '../../core/providers/call.ts'
import { buildRequest, resolveClient } from '../../core/providers/request/index.ts'
import { createRoundRobinState } from '../../core/providers/strategy/round-robin.ts'
import type { LlmResponse } from '../../core/providers/types.ts'
import type { RenderedPrompt } from '../../core/values.ts'
import { client, constant, lookup, strategy } from './helpers/ir.ts'
import { byStream, json, startFileServer, streamChunks } from './helpers/server.ts'
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

const prompt: RenderedPrompt = {
  kind: 'chat',
  messages: [
    { role: 'system', parts: [{ type: 'text', text: 'Answer briefly.' }] },
    { role: 'user', parts: [{ type: 'text', text: 'Who wrote Middlemarch?' }] },
  ],
}

function clients(): ClientIR[] {
  const u = server.url
  return [
    client('OpenAI', 'openai', { model: 'gpt-4o-mini', api_key: 'sk-test', base_url: `${u}/openai/v1` }),
    client('Responses', 'openai-responses', { model: 'gpt-4.1-mini', api_key: 'sk-test', base_url: `${u}/responses/v1` }),
    client('Claude', 'anthropic', { model: 'claude-3-5-sonnet-20241022', api_key: 'ak-test', base_url: `${u}/anthropic` }),
    client('Gemini', 'google-ai', { model: 'gemini-1.5-flash', api_key: 'gk-test', base_url: `${u}/google/v1beta` }),
    client('Bedrock', 'aws-bedrock', {
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      region: 'us-east-1',
      endpoint_url: `${u}/bedrock`,
      access_key_id: 'AKIDEXAMPLE',
      secret_access_key: 'secret',
    }, 'Once'),
    client('Vertex', 'vertex-ai', {
      model: 'gemini-1.5-pro',
      base_url: `${u}/vertex/v1/projects/p1/locations/us-central1/publishers/google/models`,
      credentials: { access_token: 'ya29.integration' },
    }),
    client('Chain', 'fallback', { strategy: strategy('Bedrock', 'OpenAI') }),
  ]
}

function opts(name: string): LlmCallOptions<string> {
  return {
    lookup: lookup(clients(), [constant('Once', 1, 2)]),
    clientName: name,
    roundRobin: createRoundRobinState(),
    env: {},
    buildRequest: (c, ctx) => buildRequest(resolveClient(c, {}), prompt, { stream: ctx.stream }),
    parse: (r: LlmResponse) => r.content,
  }
}

const cases: { name: string; routes: () => void; path: string; check?: (body: Record<string, unknown>, headers: Record<string, string>) => void }[] = [
  {
    name: 'OpenAI',
    path: '/openai/v1/chat/completions',
    routes: () => server.route('/openai/v1/chat/completions', byStream(json(openaiChat('George Eliot')), streamChunks(openaiChatSse(['George', ' Eliot'])))),
    check: (body, headers) => {
      expect(headers['authorization']).toBe('Bearer sk-test')
      expect(body['model']).toBe('gpt-4o-mini')
    },
  },
  {
    name: 'Responses',
    path: '/responses/v1/responses',
    routes: () => server.route('/responses/v1/responses', byStream(json(responsesBody('George Eliot')), streamChunks(responsesSse(['George', ' Eliot'])))),
  },
  {
    name: 'Claude',
    path: '/anthropic/v1/messages',
    routes: () => server.route('/anthropic/v1/messages', byStream(json(anthropicMessage('George Eliot')), streamChunks(anthropicSse(['George', ' Eliot'])))),
    check: (body, headers) => {
      expect(headers['x-api-key']).toBe('ak-test')
      expect(body['system']).toEqual([{ type: 'text', text: 'Answer briefly.' }])
    },
  },
  {
    name: 'Gemini',
    path: '/google/v1beta/models/gemini-1.5-flash:generateContent',
    routes: () => {
      server.route('/google/v1beta/models/gemini-1.5-flash:generateContent', json(geminiBody('George Eliot')))
      server.route('/google/v1beta/models/gemini-1.5-flash:streamGenerateContent', streamChunks(geminiSse(['George', ' Eliot'])))
    },
  },
  {
    name: 'Vertex',
    path: '/vertex/v1/projects/p1/locations/us-central1/publishers/google/models/gemini-1.5-pro:generateContent',
    routes: () => {
      const base = '/vertex/v1/projects/p1/locations/us-central1/publishers/google/models/gemini-1.5-pro'
      server.route(`${base}:generateContent`, json(geminiBody('George Eliot')))
      server.route(`${base}:streamGenerateContent`, streamChunks(geminiSse(['George', ' Eliot'])))
    },
    check: (_body, headers) => expect(headers['authorization']).toBe('Bearer ya29.integration'),
  },
  {
    name: 'Bedrock',
    path: '/bedrock/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse',
    routes: () => {
      server.route('/bedrock/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse', json(converseBody('George Eliot')))
      server.route('/bedrock/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream', streamChunks(converseStreamFrames(['George', ' Eliot']), { contentType: 'application/vnd.amazon.eventstream' }))
    },
    check: (body, headers) => {
      expect(headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request/)
      expect(body['system']).toEqual([{ text: 'Answer briefly.' }])
    },
  },
]

describe('request builder + transport + strategies', () => {
  for (const c of cases) {
    it(`${c.name}: non-streaming and streaming`, async () => {
      c.routes()
      const plain = await callLlm(opts(c.name))
      expect(plain).toMatchObject({ ok: true, value: 'George Eliot' })
      const seen = server.hits(c.path).at(-1)!
      c.check?.(JSON.parse(seen.body) as Record<string, unknown>, seen.headers)
      const streamed: string[] = []
      const out = await streamLlm({ ...opts(c.name), onEvent: (ev) => streamed.push(ev.delta) })
      expect(out).toMatchObject({ ok: true, value: 'George Eliot' })
      expect(streamed.join('')).toBe('George Eliot')
    })
  }

  it('a fallback chain across providers: Bedrock fails twice (retry policy), OpenAI answers', async () => {
    server.route('/openai/v1/chat/completions', json(openaiChat('George Eliot')))
    server.route('/bedrock/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse', json({ message: 'Too many requests' }, 429, { 'x-amzn-errortype': 'ThrottlingException' }))
    const out = await callLlm(opts('Chain'))
    expect(out).toMatchObject({ ok: true, value: 'George Eliot' })
    expect(out.log.map((l) => [l.clientName, l.error?.name ?? 'ok'])).toEqual([
      ['Bedrock', 'BamlClientHttpError'],
      ['Bedrock', 'BamlClientHttpError'],
      ['OpenAI', 'ok'],
    ])
  })
})
