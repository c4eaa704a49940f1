// 500 calls, 50 at a time, through a retrying client against the local server (some requests fail first).
import { describe, expect, it } from 'vitest'
import type { ClientIR } from '../../core/ir/types.ts'
import { callLlm, streamLlm } from '../../core/providers/call.ts'
import { resolveClient } from '../../core/providers/request/index.ts'
import { createRoundRobinState } from '../../core/providers/strategy/round-robin.ts'
import type { LlmResponse } from '../../core/providers/types.ts'
import { client, constant, lookup, strategy } from './helpers/ir.ts'
import { sendJson, startFileServer } from './helpers/server.ts'
import { openaiChat, openaiChatSse } from './helpers/wire.ts'

const server = await startFileServer()

async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count)
  let next = 0
  let running = 0
  let peak = 0
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++
      running++
      peak = Math.max(peak, running)
      results[i] = await task(i)
      running--
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  expect(peak).toBe(concurrency)
  return results
}

describe('load', () => {
  it('500 calls with concurrency 50 all return their own answer', async () => {
    const failedOnce = new Set<number>()
    for (const name of ['A', 'B']) {
      server.route(`/load/${name}/chat/completions`, (req, res) => {
        const body = JSON.parse(req.body) as { id: number; stream: boolean }
        // Every 7th call fails on its first try with a 500, every 11th with a 429 on client A.
        if (!failedOnce.has(body.id) && (body.id % 7 === 0 || (name === 'A' && body.id % 11 === 0))) {
          failedOnce.add(body.id)
          return sendJson(res, body.id % 7 === 0 ? 500 : 429, { error: 'try again' }, body.id % 7 === 0 ? {} : { 'retry-after-ms': '3' })
        }
        const answer = `answer-${body.id}-from-${name}`
        if (!body.stream) return sendJson(res, 200, openaiChat(answer))
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.end(openaiChatSse([answer.slice(0, 7), answer.slice(7)]).join(''))
      })
    }
    const clients = ['A', 'B'].map((n) => client(n, 'openai-generic', { base_url: `${server.url}/load/${n}`, model: n }, 'Quick'))
    const ir = lookup([...clients, client('RR', 'round-robin', { strategy: strategy('A', 'B') })], [constant('Quick', 2, 1)])
    const roundRobin = createRoundRobinState()

    const t0 = Date.now()
    const results = await pool(500, 50, async (id) => {
      const opts = {
        lookup: ir,
        clientName: 'RR',
        roundRobin,
        buildRequest: (c: ClientIR, ctx: { stream: boolean }) => {
          const r = resolveClient(c, {})
          const base = r.family === 'openai' ? r.baseUrl : ''
          return { url: `${base}/chat/completions`, method: 'POST' as const, headers: { authorization: 'Bearer k' }, body: { id, stream: ctx.stream } }
        },
        parse: (r: LlmResponse) => r.content,
      }
      const out = id % 2 === 0 ? await callLlm(opts) : await streamLlm(opts)
      return { id, out }
    })
    const elapsed = Date.now() - t0

    for (const { id, out } of results) {
      expect(out.ok).toBe(true)
      if (!out.ok) continue
      expect(out.value).toMatch(new RegExp(`^answer-${id}-from-[AB]$`))
      // a failed first try is retried on the same client (the retry policy wraps each leaf)
      const retried = id % 7 === 0 || (out.value.endsWith('A') && id % 11 === 0)
      expect(out.log).toHaveLength(retried ? 2 : 1)
    }
    // round-robin spread the load across both clients
    const fromA = results.filter((r) => r.out.ok && r.out.value.endsWith('A')).length
    expect(fromA).toBeGreaterThan(150)
    expect(fromA).toBeLessThan(350)
    expect(elapsed).toBeLessThan(15_000)
  })
})
