// Strategies end to end (callLlm / streamLlm) against a local server: retries, retry-after, fallback chains,
// parse failures, finish reasons, mid-stream drops, timeouts and aborts.
import { describe, expect, it } from 'vitest'
import {
  BamlAbortError,
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlTimeoutError,
  BamlValidationError,
} from '../../core/errors.ts'
import type { ClientIR } from '../../core/ir/types.ts'
import { callLlm, streamLlm, type LlmCallOptions } from '../../core/providers/call.ts'
import { createRoundRobinState } from '../../core/providers/strategy/round-robin.ts'
import type { LlmResponse, LlmStreamDelta } from '../../core/providers/types.ts'
import type { HttpRequest } from '../../core/values.ts'
import { client, constant, exponential, lookup, strategy, type Opt } from './helpers/ir.ts'
import { dropAfter, hang, json, startFileServer, streamChunks } from './helpers/server.ts'
import { openaiChat, openaiChatSse } from './helpers/wire.ts'

const server = await startFileServer()

/** A minimal request builder: POST {base_url}/chat/completions with the model. */
function buildRequest(c: ClientIR, ctx: { stream: boolean }): HttpRequest {
  const opt = (k: string) => c.options.entries.find((e) => e.key === k)?.value
  const base = opt('base_url')
  const model = opt('model')
  return {
    url: `${base && base.kind === 'string' ? base.value : 'http://127.0.0.1:9'}/chat/completions`,
    method: 'POST',
    headers: {},
    body: { model: model && model.kind === 'string' ? model.value : 'x', stream: ctx.stream },
  }
}

let n = 0
/** A client whose requests go to a fresh path on the local server. */
function leaf(name: string, extra: Record<string, Opt> = {}, retryPolicy?: string): { client: ClientIR; path: string } {
  const prefix = `/s/${++n}/${name}`
  return { client: client(name, 'openai-generic', { base_url: `${server.url}${prefix}`, model: name, ...extra }, retryPolicy), path: `${prefix}/chat/completions` }
}

function options<T = string>(clients: ClientIR[], clientName: string, extra: Partial<LlmCallOptions<T>> = {}, policies = [constant('Fast', 3, 5)]): LlmCallOptions<T> {
  return {
    lookup: lookup(clients, policies),
    clientName,
    roundRobin: createRoundRobinState(),
    buildRequest,
    parse: ((r: LlmResponse) => r.content) as unknown as LlmCallOptions<T>['parse'],
    ...extra,
  }
}

describe('retries', () => {
  it('500 then success: retried after the policy delay, both attempts logged', async () => {
    const a = leaf('A', {}, 'Fast')
    server.route(a.path, json({ error: 'boom' }, 500), json(openaiChat('recovered')))
    const out = await callLlm(options([a.client], 'A'))
    expect(out).toMatchObject({ ok: true, value: 'recovered' })
    expect(server.hits(a.path)).toHaveLength(2)
    expect(out.log).toHaveLength(2)
    const [first, second] = out.log
    expect(first).toMatchObject({ clientName: 'A', provider: 'openai-generic', selected: false, sleptMs: 5, response: { status: 500 } })
    expect(first!.error).toBeInstanceOf(BamlClientHttpError)
    expect(second).toMatchObject({ selected: true, stream: false, model: 'gpt-4o-mini-2024-07-18', finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 7 } })
    expect(second!.request).toMatchObject({ method: 'POST', url: `${server.url}${a.path}`, body: '{"model":"A","stream":false}' })
    expect(second!.response!.status).toBe(200)
    expect(second!.endMs).toBeGreaterThanOrEqual(second!.startMs)
  })

  it('429 with retry-after: waits at least that long (bounded by max_delay_ms), then succeeds', async () => {
    const a = leaf('A', {}, 'Backoff')
    server.route(a.path, json({ error: 'rate limited' }, 429, { 'retry-after': '0.08' }), json(openaiChat('after backoff')))
    const slept: number[] = []
    const out = await callLlm(
      options([a.client], 'A', {
        sleep: (ms) => {
          slept.push(ms)
          return new Promise((r) => setTimeout(r, ms))
        },
      }, [exponential('Backoff', 2, 5, 2, 1000)]),
    )
    expect(out).toMatchObject({ ok: true, value: 'after backoff' })
    expect(slept).toEqual([80])
  })

  it('a retry-after beyond max_delay_ms is capped', async () => {
    const a = leaf('A', {}, 'Capped')
    server.route(a.path, json({}, 503, { 'retry-after': '3600' }), json(openaiChat('ok')))
    const t0 = Date.now()
    const out = await callLlm(options([a.client], 'A', {}, [exponential('Capped', 1, 5, 2, 40)]))
    expect(out.ok).toBe(true)
    expect(Date.now() - t0).toBeLessThan(2000)
  })

  it('a response that arrives but fails parsing ends the call: no retry, no fallback', async () => {
    const a = leaf('A', {}, 'Fast')
    const b = leaf('B')
    server.route(a.path, json(openaiChat('not json at all')))
    server.route(b.path, json(openaiChat('{"ok": true}')))
    const f = client('F', 'fallback', { strategy: strategy('A', 'B') })
    const out = await callLlm(
      options([a.client, b.client, f], 'F', {
        parse: (r) => {
          throw new BamlValidationError('prompt', `Failed to parse LLM response: ${r.content}`, r.content)
        },
      }),
    )
    expect(out.ok).toBe(false)
    expect(!out.ok && out.error).toBeInstanceOf(BamlValidationError)
    expect(server.hits(a.path)).toHaveLength(1)
    expect(server.hits(b.path)).toHaveLength(0)
    expect(out.log[0]!.response!.status).toBe(200)
  })

  it('a finish reason on the deny list ends the call with BamlClientFinishReasonError', async () => {
    const a = leaf('A', { finish_reason_deny_list: ['LENGTH'] }, 'Fast')
    server.route(a.path, json(openaiChat('cut sho', { finish: 'length' })))
    const out = await callLlm(options([a.client], 'A', { prompt: 'Tell me everything' }))
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.error).toBeInstanceOf(BamlClientFinishReasonError)
    expect(out.error).toMatchObject({ finish_reason: 'length', raw_output: 'cut sho', prompt: 'Tell me everything' })
    expect(server.hits(a.path)).toHaveLength(1)
  })

  it('an allow list accepts listed reasons case-insensitively', async () => {
    const a = leaf('A', { finish_reason_allow_list: ['STOP'] })
    server.route(a.path, json(openaiChat('fine')))
    expect(await callLlm(options([a.client], 'A'))).toMatchObject({ ok: true, value: 'fine' })
  })
})

describe('fallback chains', () => {
  it('every attempt failing: the last error, with all attempts in detailed_message', async () => {
    const a = leaf('A', {}, 'Fast') // 500 x4
    const b = leaf('B', { http: { request_timeout_ms: 40 } }) // hangs → timeout
    const c = leaf('C') // 503
    server.route(a.path, json({ error: 'a down' }, 500))
    server.route(b.path, hang())
    server.route(c.path, json({ error: 'c down' }, 503))
    const f = client('F', 'fallback', { strategy: strategy('A', 'B', 'C') })
    const out = await callLlm(options([a.client, b.client, c.client, f], 'F', {}, [constant('Fast', 1, 5)]))
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.log.map((l) => l.clientName)).toEqual(['A', 'A', 'B', 'C'])
    const err = out.error as BamlClientHttpError
    expect(err).toBeInstanceOf(BamlClientHttpError)
    expect(err).toMatchObject({ client_name: 'C', status_code: 503, raw_response: '{"error":"c down"}' })
    expect(err.detailed_message).toContain('4 failed attempts')
    expect(err.detailed_message).toContain('Attempt 2: LLM client "B" timed out')
    expect(err.detailed_message).toContain('Attempt 3: LLM client "C" failed with status code: ServiceUnavailable (503)')
  })

  it('the chain ends with the timeout class when the last attempt timed out', async () => {
    const a = leaf('A')
    const b = leaf('B', { http: { request_timeout_ms: 30 } })
    server.route(a.path, json({}, 500))
    server.route(b.path, hang())
    const out = await callLlm(options([a.client, b.client, client('F', 'fallback', { strategy: strategy('A', 'B') })], 'F'))
    expect(!out.ok && out.error).toBeInstanceOf(BamlTimeoutError)
    expect(!out.ok && (out.error as BamlTimeoutError).status_code).toBe(408)
  })

  it('falls through to a working client', async () => {
    const a = leaf('A')
    const b = leaf('B')
    server.route(a.path, json({}, 502))
    server.route(b.path, json(openaiChat('from B')))
    const out = await callLlm(options([a.client, b.client, client('F', 'fallback', { strategy: strategy('A', 'B') })], 'F'))
    expect(out).toMatchObject({ ok: true, value: 'from B' })
    expect(out.log.map((l) => [l.clientName, l.selected])).toEqual([['A', false], ['B', true]])
  })

  it('total_timeout_ms on the strategy bounds the whole chain', async () => {
    const a = leaf('A', {}, 'Fast')
    server.route(a.path, hang())
    const f = client('F', 'fallback', { strategy: strategy('A'), http: { total_timeout_ms: 60 } })
    const t0 = Date.now()
    const out = await callLlm(options([a.client, f], 'F'))
    expect(Date.now() - t0).toBeLessThan(2000)
    expect(!out.ok && out.error).toBeInstanceOf(BamlTimeoutError)
    expect(!out.ok && (out.error as BamlTimeoutError).client_name).toBe('F')
    expect(out.log).toHaveLength(1)
  })

  it('round-robin spreads consecutive calls over its clients', async () => {
    const a = leaf('A')
    const b = leaf('B')
    server.route(a.path, json(openaiChat('a')))
    server.route(b.path, json(openaiChat('b')))
    const opts = options([a.client, b.client, client('RR', 'round-robin', { strategy: strategy('A', 'B') })], 'RR')
    const values: string[] = []
    for (let i = 0; i < 4; i++) {
      const out = await callLlm(opts)
      if (out.ok) values.push(out.value)
    }
    expect(values).toEqual(['a', 'b', 'a', 'b'])
  })

  it('an abort stops the chain with BamlAbortError', async () => {
    const a = leaf('A', {}, 'Fast')
    server.route(a.path, hang())
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 30)
    const out = await callLlm(options([a.client], 'A', { signal: ac.signal }))
    expect(!out.ok && out.error).toBeInstanceOf(BamlAbortError)
    expect(out.log).toHaveLength(1)
  })

  it('planning errors (unknown client) throw', async () => {
    await expect(callLlm(options([], 'Missing'))).rejects.toThrow(/Client not found/)
  })
})

describe('streaming through strategies', () => {
  it('a connection dropped mid-stream is retried; events from both attempts reach onEvent', async () => {
    const a = leaf('A', {}, 'Fast')
    const chunks = openaiChatSse(['par', 'tial'], { done: false })
    server.route(a.path, dropAfter(chunks.slice(0, 2)), streamChunks(openaiChatSse(['com', 'plete'])))
    const events: [string, string][] = []
    const out = await streamLlm({
      ...options([a.client], 'A'),
      onEvent: (ev: LlmStreamDelta, attempt) => {
        if (ev.delta) events.push([String(attempt.index), ev.delta])
      },
    })
    expect(out).toMatchObject({ ok: true, value: 'complete' })
    expect(events).toEqual([['0', 'par'], ['1', 'com'], ['1', 'plete']])
    expect(out.log[0]!.error).toBeInstanceOf(BamlClientHttpError)
    expect(out.log[1]).toMatchObject({ stream: true, selected: true })
    expect(out.log[1]!.firstTokenMs).toBeDefined()
    expect(JSON.parse(out.log[1]!.request!.body)).toEqual({ model: 'A', stream: true })
  })

  it('a time-to-first-token timeout moves on to the fallback', async () => {
    const a = leaf('A', { http: { time_to_first_token_timeout_ms: 40 } })
    const b = leaf('B')
    server.route(a.path, streamChunks(openaiChatSse(['late']), { firstDelayMs: 1000 }))
    server.route(b.path, streamChunks(openaiChatSse(['on', ' time'])))
    const out = await streamLlm(options([a.client, b.client, client('F', 'fallback', { strategy: strategy('A', 'B') })], 'F'))
    expect(out).toMatchObject({ ok: true, value: 'on time' })
    expect(out.log[0]!.error).toBeInstanceOf(BamlTimeoutError)
  })

  it('supports_streaming false: one non-streaming request, still delivered as an event', async () => {
    const a = leaf('A', { supports_streaming: false })
    server.route(a.path, json(openaiChat('whole answer')))
    const events: string[] = []
    const out = await streamLlm({ ...options([a.client], 'A'), onEvent: (ev) => events.push(ev.content) })
    expect(out).toMatchObject({ ok: true, value: 'whole answer' })
    expect(events).toEqual(['whole answer'])
    expect(JSON.parse(server.hits(a.path).at(-1)!.body)).toEqual({ model: 'A', stream: false })
    expect(out.log[0]!.stream).toBe(false)
  })

  it('a streamed finish reason on the deny list is not retried', async () => {
    const a = leaf('A', { finish_reason_deny_list: ['length'] }, 'Fast')
    server.route(a.path, streamChunks(openaiChatSse(['cut'], { finish: 'length' })))
    const out = await streamLlm(options([a.client], 'A'))
    expect(!out.ok && out.error).toBeInstanceOf(BamlClientFinishReasonError)
    expect(server.hits(a.path)).toHaveLength(1)
  })
})
