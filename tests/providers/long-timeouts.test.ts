// Timeouts and delays longer than setTimeout's 32-bit limit (2^31 − 1 ms ≈ 24.8 days) must wait, not fire at
// once (Node turns such a delay into 1 ms with a TimeoutOverflowWarning).
import { describe, expect, it } from 'vitest'
import { BamlAbortError, BamlClientHttpError } from '../../core/errors.ts'
import { planAttempts } from '../../core/providers/strategy/plan.ts'
import { createRoundRobinState } from '../../core/providers/strategy/round-robin.ts'
import { runAttempts } from '../../core/providers/strategy/run.ts'
import { sendLlmRequest } from '../../core/providers/transport/send.ts'
import { streamLlmRequest } from '../../core/providers/transport/stream.ts'
import { setLongTimeout } from '../../core/providers/timer.ts'
import type { TransportOptions } from '../../core/providers/index.ts'
import type { HttpRequest } from '../../core/values.ts'
import { BamlRuntime } from '../../core/index.ts'
import { collect } from './helpers/events.ts'
import { delayed, json, startFileServer, streamChunks, type Handler } from './helpers/server.ts'
import { client, constant, lookup, strategy } from './helpers/ir.ts'
import { openaiChat, openaiChatSse } from './helpers/wire.ts'

const server = await startFileServer()
const HUGE = 3_000_000_000 // > 2^31 − 1

let n = 0
function route(...handlers: Handler[]): HttpRequest {
  const path = `/long/${++n}/v1/chat/completions`
  server.route(path, ...handlers)
  return { url: `${server.url}${path}`, method: 'POST', headers: {}, body: { model: 'm' } }
}
const openai: TransportOptions = { provider: 'openai', clientName: 'Patient' }
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('delays over 2^31 − 1 ms', () => {
  it('setLongTimeout waits instead of firing at once; short delays and cancel work as usual', async () => {
    let long = 0
    let short = 0
    let cancelled = 0
    const a = setLongTimeout(() => long++, HUGE)
    setLongTimeout(() => short++, 5)
    setLongTimeout(() => cancelled++, 5).cancel()
    await pause(40)
    a.cancel()
    expect({ long, short, cancelled }).toEqual({ long: 0, short: 1, cancelled: 0 })
  })

  it('request, connect, time-to-first-token and idle timeouts that large do not cut a request short', async () => {
    const huge = { requestTimeoutMs: HUGE, connectTimeoutMs: HUGE, timeToFirstTokenTimeoutMs: HUGE, idleTimeoutMs: HUGE }
    const res = await sendLlmRequest(route(delayed(20, json(openaiChat('patient')))), { ...openai, timeouts: huge })
    expect(res.content).toBe('patient')
    const { response } = await collect(streamLlmRequest(route(streamChunks(openaiChatSse(['a', 'b']), { gapMs: 10, firstDelayMs: 10 })), { ...openai, timeouts: huge }))
    expect(response.content).toBe('ab')
  })

  it('a retry delay that large waits (until the caller aborts) instead of retrying at once', async () => {
    const ir = lookup([client('R', 'openai', { model: 'm' }, 'Forever')], [constant('Forever', 2, HUGE)])
    const ac = new AbortController()
    setTimeout(() => ac.abort('stop'), 50)
    let runs = 0
    const out = await runAttempts(planAttempts(ir, 'R', createRoundRobinState()), async () => {
      runs++
      throw new BamlClientHttpError('R', 'down', 500)
    }, { signal: ac.signal })
    expect(runs).toBe(1)
    expect(!out.ok && out.error).toBeInstanceOf(BamlAbortError)
  })

  it('a total_timeout_ms that large does not end the attempt at once', async () => {
    const ir = lookup([client('A', 'openai', { model: 'm' }), client('F', 'fallback', { strategy: strategy('A'), http: { total_timeout_ms: HUGE } })])
    const out = await runAttempts(planAttempts(ir, 'F', createRoundRobinState()), async () => {
      await pause(20)
      return 'done'
    }, { totalTimeoutMs: HUGE })
    expect(out.ok && out.value).toBe('done')
  })

  it('end to end: a client with `http { request_timeout_ms 3000000000 }`', async () => {
    const path = `/long/e2e/v1`
    server.route(`${path}/chat/completions`, delayed(20, json(openaiChat('on time'))))
    const rt = BamlRuntime.fromFiles('baml_src', {
      'baml_src/main.baml': `
client<llm> Patient {
  provider openai-generic
  options {
    base_url "${server.url}${path}"
    model "m"
    http {
      request_timeout_ms ${HUGE}
      connect_timeout_ms ${HUGE}
    }
  }
}
function F(x: string) -> string {
  client Patient
  prompt #"{{ x }}"#
}`,
    })
    expect(await rt.call('F', { x: 'hi' })).toBe('on time')
  })
})
