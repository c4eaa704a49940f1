// runAttempts with scripted attempts (no network): what moves on, what stops, sleeps, windows, aborts.
import { describe, expect, it } from 'vitest'
import {
  BamlAbortError,
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlInvalidArgumentError,
  BamlTimeoutError,
  BamlValidationError,
} from '../../core/errors.ts'
import { planAttempts } from '../../core/providers/strategy/plan.ts'
import { createRoundRobinState } from '../../core/providers/strategy/round-robin.ts'
import { markSetupFailure, runAttempts, type AttemptContext } from '../../core/providers/strategy/run.ts'
import { clientHttpError } from '../../core/providers/transport/http-errors.ts'
import { checkFinishReason, isFinishReasonAllowed } from '../../core/providers/strategy/finish-reason.ts'
import { client, constant, exponential, lookup, strategy } from './helpers/ir.ts'

const A = client('A', 'openai', { model: 'a' }, 'P')
const B = client('B', 'anthropic', { model: 'b' })
const F = client('F', 'fallback', { strategy: strategy('A', 'B') })
const ir = lookup([A, B, F], [constant('P', 2, 5)])
const plan = () => planAttempts(ir, 'F', createRoundRobinState()) // A, A, A, B

/** A sleep that records and does not wait. */
function fakeSleep() {
  const slept: number[] = []
  return { slept, sleep: async (ms: number, signal: AbortSignal) => {
    if (signal.aborted) throw signal.reason
    slept.push(ms)
  } }
}

/** runOne that plays `script[i]` for attempt i: a value, or an error to throw. */
function scripted(script: readonly (string | Error)[]) {
  const calls: string[] = []
  const runOne = async ({ attempt }: AttemptContext): Promise<string> => {
    calls.push(attempt.clientName)
    const step = script[calls.length - 1]!
    if (step instanceof Error) throw step
    return step
  }
  return { calls, runOne }
}

describe('runAttempts', () => {
  it('moves past HTTP failures and stops at the first success', async () => {
    const { slept, sleep } = fakeSleep()
    const { calls, runOne } = scripted([new BamlClientHttpError('A', 'boom', 500), 'second try'])
    const out = await runAttempts(plan(), runOne, { sleep })
    expect(out).toMatchObject({ ok: true, value: 'second try' })
    expect(calls).toEqual(['A', 'A'])
    expect(slept).toEqual([5])
    expect(out.log.map((l) => [l.clientName, l.selected, l.error?.name])).toEqual([['A', false, 'BamlClientHttpError'], ['A', true, undefined]])
    expect(out.log[0]!.sleptMs).toBe(5)
  })

  it('a parse failure (or any non-HTTP error) ends the call: no retry, no fallback', async () => {
    const { sleep, slept } = fakeSleep()
    const parseError = new BamlValidationError('prompt', 'Failed to parse LLM response: nope', 'raw')
    const { calls, runOne } = scripted([parseError, 'never'])
    const out = await runAttempts(plan(), runOne, { sleep })
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.error).toBeInstanceOf(BamlValidationError)
    expect(out.error.message).toBe('Failed to parse LLM response: nope')
    expect(calls).toEqual(['A'])
    expect(slept).toEqual([])
  })

  it('a setup failure (client could not be built) moves on at once and skips that client\'s retries', async () => {
    const { sleep, slept } = fakeSleep()
    const { calls, runOne } = scripted([markSetupFailure(new BamlInvalidArgumentError('client A needs environment variable KEY, which is not set')), 'from B'])
    const out = await runAttempts(plan(), runOne, { sleep })
    expect(out).toMatchObject({ ok: true, value: 'from B' })
    expect(calls).toEqual(['A', 'B'])
    expect(slept).toEqual([])
  })

  it('when everything fails and the last attempt could not be built, the message lists every attempt', async () => {
    const { runOne } = scripted([new BamlClientHttpError('A', 'boom', 500), new BamlClientHttpError('A', 'boom', 500), new BamlClientHttpError('A', 'boom', 500), markSetupFailure(new BamlInvalidArgumentError('client B needs environment variable ANTHROPIC_API_KEY, which is not set'))])
    const out = await runAttempts(plan(), runOne, { sleep: fakeSleep().sleep })
    expect(!out.ok && out.error).toBeInstanceOf(BamlInvalidArgumentError)
    expect(!out.ok && out.error.message).toMatch(/^4 failed attempts:\n\nAttempt 0: LLM client "A" failed with status code: ServerError \(500\)[^]*\nAttempt 3: BamlInvalidArgumentError: client B needs environment variable ANTHROPIC_API_KEY, which is not set$/)
  })

  it('a finish-reason error ends the call too', async () => {
    const { runOne, calls } = scripted([new BamlClientFinishReasonError('p', 'Finish reason not allowed', 'out', 'length'), 'never'])
    const out = await runAttempts(plan(), runOne, { sleep: fakeSleep().sleep })
    expect(out.ok).toBe(false)
    expect(!out.ok && out.error).toBeInstanceOf(BamlClientFinishReasonError)
    expect(calls).toHaveLength(1)
  })

  it('when everything fails: the last error, with every attempt in detailed_message', async () => {
    const { sleep, slept } = fakeSleep()
    const { calls, runOne } = scripted([
      new BamlClientHttpError('A', 'boom 1', 500),
      new BamlTimeoutError('A', 'Request timed out after 10ms (request_timeout_ms)'),
      new BamlClientHttpError('A', 'boom 3', 503),
      new BamlClientHttpError('B', 'overloaded', 529, '{"type":"error"}'),
    ])
    const out = await runAttempts(plan(), runOne, { sleep })
    expect(calls).toEqual(['A', 'A', 'A', 'B'])
    expect(slept).toEqual([5, 5])
    expect(out.ok).toBe(false)
    if (out.ok) return
    const err = out.error as BamlClientHttpError
    expect(err).toBeInstanceOf(BamlClientHttpError)
    expect(err).toMatchObject({ client_name: 'B', status_code: 529, message: 'overloaded', raw_response: '{"type":"error"}' })
    expect(err.detailed_message).toMatch(/^4 failed attempts:\n\nAttempt 0: LLM client "A" failed with status code: ServerError \(500\)\n {4}Message: boom 1\nAttempt 1: LLM client "A" timed out: Request timed out/)
    expect(err.detailed_message).toContain('Attempt 3: LLM client "B" failed with status code: Unspecified error code: 529')
  })

  it('a final timeout stays a BamlTimeoutError (status 408)', async () => {
    const out = await runAttempts(planAttempts(lookup([B]), 'B', createRoundRobinState()), scripted([new BamlTimeoutError('B', 'slow')]).runOne)
    expect(!out.ok && out.error).toBeInstanceOf(BamlTimeoutError)
    expect(!out.ok && (out.error as BamlTimeoutError).status_code).toBe(408)
  })

  it('honours retry-after on 429/503, bounded by the policy max, never after the last attempt', async () => {
    const ir2 = lookup([client('X', 'openai', {}, 'E'), B, client('G', 'fallback', { strategy: strategy('X', 'B') })], [exponential('E', 2, 10, 2, 300)])
    const { sleep, slept } = fakeSleep()
    const { runOne } = scripted([
      clientHttpError('X', 429, 'slow down', '', 120), // wait max(20, 120) = 120
      clientHttpError('X', 429, 'slow down', '', 5000), // wait max(40, min(5000, 300)) = 300
      clientHttpError('X', 503, 'unavailable', '', 100), // last X try: delay 0, next is another client: no wait
      clientHttpError('B', 429, 'also busy', '', 100), // last attempt: no wait
    ])
    const out = await runAttempts(planAttempts(ir2, 'G', createRoundRobinState()), runOne, { sleep })
    expect(out.ok).toBe(false)
    expect(slept).toEqual([120, 300])
  })

  it('sleeps for real by default (small delays)', async () => {
    const t0 = Date.now()
    const { runOne } = scripted([new BamlClientHttpError('A', 'x', 500), new BamlClientHttpError('A', 'x', 500), 'ok'])
    const out = await runAttempts(plan(), runOne)
    expect(out.ok).toBe(true)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(9)
  })

  it('an abort during the wait between attempts ends with BamlAbortError', async () => {
    const ac = new AbortController()
    const ir2 = lookup([client('S', 'openai', {}, 'Slow'), B], [constant('Slow', 3, 10_000)])
    setTimeout(() => ac.abort('enough'), 20)
    const t0 = Date.now()
    const out = await runAttempts(planAttempts(ir2, 'S', createRoundRobinState()), scripted([new BamlClientHttpError('S', 'x', 500)]).runOne, { signal: ac.signal })
    expect(Date.now() - t0).toBeLessThan(2000)
    expect(!out.ok && out.error).toBeInstanceOf(BamlAbortError)
    expect(!out.ok && (out.error as BamlAbortError).reason).toBe('enough')
  })

  it('an abort while an attempt runs returns at once, even if runOne ignores the signal', async () => {
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 20)
    const out = await runAttempts(plan(), () => new Promise<string>(() => {}), { signal: ac.signal })
    expect(!out.ok && out.error).toBeInstanceOf(BamlAbortError)
    expect(out.log).toHaveLength(1)
    expect(out.log[0]!.error).toBeInstanceOf(BamlAbortError)
  })

  it('an already-aborted signal runs nothing', async () => {
    const { calls, runOne } = scripted(['x'])
    const out = await runAttempts(plan(), runOne, { signal: AbortSignal.abort() })
    expect(!out.ok && out.error).toBeInstanceOf(BamlAbortError)
    expect(calls).toEqual([])
  })

  it('totalTimeoutMs bounds the whole run, hanging attempts included', async () => {
    const t0 = Date.now()
    const seen: AbortSignal[] = []
    const out = await runAttempts(plan(), ({ signal }) => {
      seen.push(signal)
      return new Promise<string>(() => {})
    }, { totalTimeoutMs: 40 })
    expect(Date.now() - t0).toBeLessThan(2000)
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.error).toBeInstanceOf(BamlTimeoutError)
    expect(out.error.message).toContain('total_timeout_ms')
    expect(seen).toHaveLength(1) // the window closed: later attempts are not started
    expect(seen[0]!.aborted).toBe(true)
  })

  it("a nested strategy's total_timeout_ms gives up on its children and lets the parent move on", async () => {
    const ir2 = lookup([
      client('H1', 'openai', {}), client('H2', 'openai', {}), client('Ok', 'openai', {}),
      client('Inner', 'fallback', { strategy: strategy('H1', 'H2'), http: { total_timeout_ms: 40 } }),
      client('Outer', 'fallback', { strategy: strategy('Inner', 'Ok') }),
    ])
    const calls: string[] = []
    const out = await runAttempts(planAttempts(ir2, 'Outer', createRoundRobinState()), ({ attempt }) => {
      calls.push(attempt.clientName)
      return attempt.clientName === 'Ok' ? Promise.resolve('fine') : new Promise<string>(() => {})
    })
    expect(out).toMatchObject({ ok: true, value: 'fine' })
    expect(calls).toEqual(['H1', 'Ok'])
    expect(out.log[0]!.error).toBeInstanceOf(BamlTimeoutError)
    expect((out.log[0]!.error as BamlTimeoutError).client_name).toBe('Inner')
  })

  it('records timings', async () => {
    let t = 1000
    const now = () => (t += 10)
    const out = await runAttempts(plan(), async () => 'v', { now })
    expect(out.log[0]!.endMs).toBeGreaterThan(out.log[0]!.startMs)
  })
})

describe('finish reasons', () => {
  it('allow / deny lists are case-insensitive and a missing finish reason is allowed', () => {
    expect(isFinishReasonAllowed({ allow: ['stop'] }, 'STOP')).toBe(true)
    expect(isFinishReasonAllowed({ allow: ['stop'] }, 'length')).toBe(false)
    expect(isFinishReasonAllowed({ deny: ['length'] }, 'Length')).toBe(false)
    expect(isFinishReasonAllowed({ deny: ['length'] }, 'stop')).toBe(true)
    expect(isFinishReasonAllowed({ allow: ['stop'] }, undefined)).toBe(true)
    expect(isFinishReasonAllowed({}, 'anything')).toBe(true)
  })

  it('checkFinishReason throws BamlClientFinishReasonError with the output and reason', () => {
    expect(() => checkFinishReason({ deny: ['length'] }, { finishReason: 'length', content: 'half an ans' }, 'the prompt')).toThrow(BamlClientFinishReasonError)
    try {
      checkFinishReason({ deny: ['length'] }, { finishReason: 'length', content: 'half an ans' }, 'the prompt')
    } catch (e) {
      expect(e).toMatchObject({ prompt: 'the prompt', raw_output: 'half an ans', finish_reason: 'length', message: 'Finish reason not allowed' })
    }
  })
})
