import { describe, expect, it } from 'vitest'
import { BamlClientHttpError, BamlInvalidArgumentError } from '../../core/errors.ts'
import { planAttempts } from '../../core/providers/strategy/plan.ts'
import { retryDelays } from '../../core/providers/strategy/retry-delays.ts'
import { createRoundRobinState } from '../../core/providers/strategy/round-robin.ts'
import { runAttempts } from '../../core/providers/strategy/run.ts'
import { client, constant, exponential, lookup, strategy } from './helpers/ir.ts'

const A = client('A', 'openai', { model: 'a' })
const B = client('B', 'anthropic', { model: 'b' })
const C = client('C', 'google-ai', { model: 'c' })

const names = (ir: Parameters<typeof planAttempts>[0], name: string, rr = createRoundRobinState()) => planAttempts(ir, name, rr).map((a) => a.clientName)

describe('retry delays', () => {
  it('constant_delay repeats delay_ms, with no wait after the last try', () => {
    expect(retryDelays(constant('P', 3, 200))).toEqual([200, 200, 200, 0])
    expect(retryDelays(constant('P', 0, 200))).toEqual([0])
  })

  it('exponential_backoff: delay_ms × multiplier^(i+1), capped at max_delay_ms', () => {
    expect(retryDelays(exponential('P', 5, 200, 1.5, 1000))).toEqual([300, 450, 675, 1000, 1000, 0])
    expect(retryDelays(exponential('P', 3))).toEqual([300, 450, 675, 0])
    expect(retryDelays(exponential('P', 2, 100, 2, 10_000))).toEqual([200, 400, 0])
  })
})

describe('planAttempts', () => {
  it('a leaf client is one attempt with no delay', () => {
    const [a, ...rest] = planAttempts(lookup([A]), 'A', createRoundRobinState())
    expect(rest).toHaveLength(0)
    expect(a).toMatchObject({ index: 0, clientName: 'A', provider: 'openai', delayAfterFailureMs: 0, scopes: [], label: 'A', supportsStreaming: true })
  })

  it('retry_policy repeats the client max_retries + 1 times with its delays', () => {
    const ir = lookup([client('A', 'openai', { model: 'a' }, 'Three')], [constant('Three', 2, 5)])
    const plan = planAttempts(ir, 'A', createRoundRobinState())
    expect(plan.map((a) => a.delayAfterFailureMs)).toEqual([5, 5, 0])
    expect(plan.map((a) => a.label)).toEqual(['Retry(Three 1/3) > A', 'Retry(Three 2/3) > A', 'Retry(Three 3/3) > A'])
    expect(plan[0]!.maxRetryAfterMs).toBe(10_000)
  })

  it('fallback tries children in order, each with its own retry policy', () => {
    const ir = lookup(
      [client('A', 'openai', { model: 'a' }, 'Twice'), B, client('F', 'fallback', { strategy: strategy('A', 'B') })],
      [exponential('Twice', 1, 10, 2, 15)],
    )
    const plan = planAttempts(ir, 'F', createRoundRobinState())
    expect(plan.map((a) => a.clientName)).toEqual(['A', 'A', 'B'])
    expect(plan.map((a) => a.delayAfterFailureMs)).toEqual([15, 0, 0])
    expect(plan[0]!.maxRetryAfterMs).toBe(15)
    expect(plan[2]!.scopes).toEqual([{ kind: 'fallback', client: 'F', index: 1 }])
  })

  it('nested fallbacks and provider/model shorthands flatten in order', () => {
    const ir = lookup([A, B, client('Inner', 'fallback', { strategy: strategy('B', 'anthropic/claude-3-haiku') }), client('Outer', 'fallback', { strategy: strategy('A', 'Inner', 'openai/gpt-4o') })])
    const plan = planAttempts(ir, 'Outer', createRoundRobinState())
    expect(plan.map((a) => a.clientName)).toEqual(['A', 'B', 'anthropic/claude-3-haiku', 'openai/gpt-4o'])
    const short = plan[2]!
    expect(short.provider).toBe('anthropic')
    expect(short.client.options.entries).toEqual([expect.objectContaining({ key: 'model', value: expect.objectContaining({ value: 'claude-3-haiku' }) })])
    expect(short.label).toBe('Outer[1] > Inner[1] > anthropic/claude-3-haiku')
  })

  it('a shorthand can be the called client itself; legacy provider names are mapped', () => {
    expect(planAttempts(lookup([]), 'openai/gpt-4o-mini', createRoundRobinState())[0]).toMatchObject({ clientName: 'openai/gpt-4o-mini', provider: 'openai' })
    expect(planAttempts(lookup([]), 'baml-anthropic-chat/claude', createRoundRobinState())[0]!.provider).toBe('anthropic')
  })

  it('a retry policy on a fallback repeats the whole chain and sleeps between every child', () => {
    const ir = lookup([A, B, client('F', 'fallback', { strategy: strategy('A', 'B') }, 'P')], [constant('P', 1, 7)])
    const plan = planAttempts(ir, 'F', createRoundRobinState())
    expect(plan.map((a) => a.clientName)).toEqual(['A', 'B', 'A', 'B'])
    expect(plan.map((a) => a.delayAfterFailureMs)).toEqual([7, 7, 0, 0])
  })

  it('round-robin picks one child per call, rotating from `start`', async () => {
    const ir = lookup([A, B, C, client('RR', 'round-robin', { strategy: strategy('A', 'B', 'C'), start: 4 })])
    const rr = createRoundRobinState()
    const seen: string[] = []
    for (let i = 0; i < 4; i++) {
      const plan = planAttempts(ir, 'RR', rr)
      expect(plan).toHaveLength(1)
      seen.push(plan[0]!.clientName)
      await runAttempts(plan, async () => 'ok', { roundRobin: rr })
    }
    expect(seen).toEqual(['B', 'C', 'A', 'B'])
  })

  it('round-robin without start begins at the first child', () => {
    const ir = lookup([A, B, client('RR', 'round-robin', { strategy: strategy('A', 'B') })])
    expect(names(ir, 'RR')).toEqual(['A'])
  })

  it('a round-robin client with its own retry policy moves to the next child on every retry', async () => {
    const ir = lookup([A, B, C, client('RR', 'round-robin', { strategy: strategy('A', 'B', 'C'), start: 1 }, 'P')], [constant('P', 3, 1)])
    const rr = createRoundRobinState()
    const plan = planAttempts(ir, 'RR', rr)
    expect(plan.map((a) => a.clientName)).toEqual(['B', 'C', 'A', 'B'])
    // All four run and fail: the shared index moves on by four.
    const outcome = await runAttempts(
      plan,
      async ({ attempt }) => {
        throw new BamlClientHttpError(attempt.clientName, 'down', 500)
      },
      { roundRobin: rr, sleep: async () => {} },
    )
    expect(outcome.ok).toBe(false)
    expect(planAttempts(ir, 'RR', rr).map((a) => a.clientName)).toEqual(['C', 'A', 'B', 'C'])
  })

  it('round-robin inside a fallback', () => {
    const ir = lookup([A, B, C, client('RR', 'round-robin', { strategy: strategy('A', 'B') }), client('F', 'fallback', { strategy: strategy('RR', 'C') })])
    const plan = planAttempts(ir, 'F', createRoundRobinState())
    expect(plan.map((a) => a.clientName)).toEqual(['A', 'C'])
    expect(plan[0]!.scopes).toEqual([{ kind: 'fallback', client: 'F', index: 0 }, { kind: 'round-robin', client: 'RR', index: 0 }])
  })

  it('reads leaf http timeouts, finish-reason lists, supports_streaming and client_response_type', () => {
    const leaf = client('L', 'openai-generic', {
      base_url: 'http://x',
      http: { connect_timeout_ms: 100, request_timeout_ms: { env: 'REQ_MS' }, time_to_first_token_timeout_ms: 0, idle_timeout_ms: 50 },
      finish_reason_deny_list: ['LENGTH'],
      supports_streaming: false,
      client_response_type: 'anthropic',
    })
    const [a] = planAttempts(lookup([leaf]), 'L', createRoundRobinState(), { env: { REQ_MS: '2500' } })
    expect(a!.timeouts).toEqual({ connectTimeoutMs: 100, requestTimeoutMs: 2500, timeToFirstTokenTimeoutMs: 0, idleTimeoutMs: 50 })
    expect(a!.finishReasonFilter).toEqual({ deny: ['length'] })
    expect(a!.supportsStreaming).toBe(false)
    expect(a!.clientResponseType).toBe('anthropic')
  })

  it('timeouts stay as written: an unset connect_timeout_ms is left to the transport (streaming-only default)', () => {
    const [a] = planAttempts(lookup([A]), 'A', createRoundRobinState())
    expect(a!.timeouts).toEqual({})
    expect(a!.resolved?.http).toEqual({ connectTimeoutMs: 10_000, requestTimeoutMs: 300_000 })
    const set = client('S', 'openai', { model: 's', http: { connect_timeout_ms: 0 } })
    expect(planAttempts(lookup([set]), 'S', createRoundRobinState())[0]!.timeouts).toEqual({ connectTimeoutMs: 0 })
  })

  it('a leaf whose options do not resolve is still planned, and carries the error', () => {
    const bad = client('Bad', 'openai-generic', { model: 'm' })
    const plan = planAttempts(lookup([A, bad, client('F', 'fallback', { strategy: strategy('A', 'Bad') })]), 'F', createRoundRobinState())
    expect(plan.map((a) => [a.clientName, a.resolveError?.message])).toEqual([
      ['A', undefined],
      ['Bad', expect.stringContaining('Missing required property: base_url')],
    ])
  })

  it('o1 models do not stream unless told to', () => {
    const ir = lookup([client('O1', 'openai', { model: 'o1-mini' }), client('O1s', 'openai', { model: 'o1', supports_streaming: true })])
    expect(planAttempts(ir, 'O1', createRoundRobinState())[0]!.supportsStreaming).toBe(false)
    expect(planAttempts(ir, 'O1s', createRoundRobinState())[0]!.supportsStreaming).toBe(true)
  })

  it('strategies carry total_timeout_ms windows down to their attempts', () => {
    const ir = lookup([A, B, C, client('In', 'fallback', { strategy: strategy('A', 'B'), http: { total_timeout_ms: 30 } }), client('Out', 'fallback', { strategy: strategy('In', 'C'), http: { total_timeout_ms: 500 } })])
    const plan = planAttempts(ir, 'Out', createRoundRobinState())
    expect(plan[0]!.totalTimeouts.map((w) => [w.client, w.ms])).toEqual([['Out', 500], ['In', 30]])
    expect(plan[1]!.totalTimeouts[1]!.key).toBe(plan[0]!.totalTimeouts[1]!.key)
    expect(plan[2]!.totalTimeouts.map((w) => w.client)).toEqual(['Out'])
  })

  it('rejects cycles, unknown clients, unknown retry policies and empty strategies', () => {
    const cyc = lookup([A, client('F', 'fallback', { strategy: strategy('A', 'G') }), client('G', 'fallback', { strategy: strategy('F') })])
    expect(() => planAttempts(cyc, 'F', createRoundRobinState())).toThrow(/cycle: F -> G -> F/)
    expect(() => planAttempts(lookup([A]), 'Nope', createRoundRobinState())).toThrow(BamlInvalidArgumentError)
    expect(() => planAttempts(lookup([client('X', 'openai', {}, 'Missing')]), 'X', createRoundRobinState())).toThrow(/retry policy not found/)
    expect(() => planAttempts(lookup([client('E', 'fallback', { strategy: [] })]), 'E', createRoundRobinState())).toThrow(/empty/)
    expect(() => planAttempts(lookup([]), 'nonsense/model', createRoundRobinState())).toThrow(/Client not found/)
  })
})
