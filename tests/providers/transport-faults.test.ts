// Failures at the transport level: HTTP errors, dropped connections, bad events, timeouts, aborts.
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { BamlAbortError, BamlClientHttpError, BamlTimeoutError } from '../../core/errors.ts'
import { parseRetryAfter, retryAfterMsOf } from '../../core/providers/transport/http-errors.ts'
import { sendLlmRequest } from '../../core/providers/transport/send.ts'
import { streamLlmRequest } from '../../core/providers/transport/stream.ts'
import type { LlmStreamDelta, TransportOptions } from '../../core/providers/index.ts'
import type { HttpRequest } from '../../core/values.ts'
import { collect } from './helpers/events.ts'
import { delayed, dropAfter, hang, json, startFileServer, streamChunks, type Handler } from './helpers/server.ts'
import { anthropicSse, concatBytes, converseException, converseStreamFrames, openaiChat, openaiChatSse, sseEvent } from './helpers/wire.ts'

const server = await startFileServer()

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createNetServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as AddressInfo).port
  await new Promise((r) => s.close(r))
  return port
}

let n = 0
/** A fresh path answered by `handlers`. */
function route(...handlers: Handler[]): HttpRequest {
  const path = `/fault/${++n}/v1/chat/completions`
  server.route(path, ...handlers)
  return { url: `${server.url}${path}`, method: 'POST', headers: {}, body: { model: 'm' } }
}

async function streamError(req: HttpRequest, opts: TransportOptions): Promise<{ error: unknown; deltas: LlmStreamDelta[] }> {
  const deltas: LlmStreamDelta[] = []
  try {
    for await (const ev of streamLlmRequest(req, opts)) if (ev.type === 'delta') deltas.push(ev)
  } catch (error) {
    return { error, deltas }
  }
  throw new Error('expected the stream to fail')
}

const openai: TransportOptions = { provider: 'openai', clientName: 'Fast' }

describe('HTTP errors', () => {
  it('a 500 is a BamlClientHttpError with status and raw body', async () => {
    const req = route(json({ error: { message: 'boom', type: 'server_error' } }, 500))
    const err = await sendLlmRequest(req, openai).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlClientHttpError)
    expect(err).toMatchObject({ client_name: 'Fast', status_code: 500, raw_response: '{"error":{"message":"boom","type":"server_error"}}' })
    expect((err as Error).message).toContain('Request failed with status code: 500')
    expect(retryAfterMsOf(err)).toBeUndefined()
  })

  it('a streaming request that gets a 401 fails the same way', async () => {
    const { error } = await streamError(route(json({ error: { message: 'bad key' } }, 401)), openai)
    expect(error).toMatchObject({ name: 'BamlClientHttpError', status_code: 401, raw_response: expect.stringContaining('bad key') })
  })

  it('429 and 503 carry retry-after (seconds, HTTP date, retry-after-ms)', async () => {
    const e1 = await sendLlmRequest(route(json({}, 429, { 'retry-after': '2' })), openai).catch((e: unknown) => e)
    expect(retryAfterMsOf(e1)).toBe(2000)
    const e2 = await sendLlmRequest(route(json({}, 503, { 'retry-after-ms': '150' })), openai).catch((e: unknown) => e)
    expect(retryAfterMsOf(e2)).toBe(150)
    const e3 = await sendLlmRequest(route(json({}, 500, { 'retry-after': '2' })), openai).catch((e: unknown) => e)
    expect(retryAfterMsOf(e3)).toBeUndefined()
    const h = new Headers({ 'retry-after': new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString() })
    expect(parseRetryAfter(h, Date.UTC(2030, 0, 1, 0, 0, 0))).toBe(10_000)
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), 0)).toBeUndefined()
  })

  it('a 200 whose body is not JSON, or has the wrong shape, is a retryable client error', async () => {
    const e1 = await sendLlmRequest(route(json('<html>oops</html>')), openai).catch((e: unknown) => e)
    expect(e1).toMatchObject({ name: 'BamlClientHttpError', status_code: 200, raw_response: '<html>oops</html>' })
    expect((e1 as Error).message).toContain('Failed to parse JSON')
    const e2 = await sendLlmRequest(route(json(openaiChat('x', { choices: 2 }))), openai).catch((e: unknown) => e)
    expect((e2 as Error).message).toContain('Expected exactly one choices block, got 2')
  })

  it('a refused connection says "could not connect to URL (connection refused)" (no query string, no runtime hints)', async () => {
    const port = await closedPort()
    const err = await sendLlmRequest({ url: `http://127.0.0.1:${port}/v1/chat/completions?key=sk-secret-123`, method: 'POST', headers: {}, body: {} }, openai).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlClientHttpError)
    expect(err).toMatchObject({ status_code: -100, client_name: 'Fast' })
    expect((err as Error).message).toBe(`could not connect to http://127.0.0.1:${port}/v1/chat/completions (connection refused)`)
    const streamed = await streamError({ url: `http://127.0.0.1:${port}/v1/chat/completions`, method: 'POST', headers: {}, body: {} }, openai)
    expect((streamed.error as Error).message).toBe(`could not connect to http://127.0.0.1:${port}/v1/chat/completions (connection refused)`)
  })

  it('a server that closes the connection before answering: "could not connect to URL (connection closed ...)"', async () => {
    const rude = createNetServer((socket) => socket.once('data', () => socket.destroy()))
    await new Promise<void>((r) => rude.listen(0, '127.0.0.1', r))
    const port = (rude.address() as AddressInfo).port
    try {
      const err = await sendLlmRequest({ url: `http://127.0.0.1:${port}/v1/chat/completions`, method: 'POST', headers: {}, body: {} }, openai).catch((e: unknown) => e)
      expect(err).toMatchObject({ name: 'BamlClientHttpError', status_code: -100 })
      expect((err as Error).message).toMatch(new RegExp(`^could not connect to http://127\\.0\\.0\\.1:${port}/v1/chat/completions \\(connection (closed|reset) by the server\\)$`))
      expect((err as Error).message).not.toContain('verbose')
    } finally {
      await new Promise((r) => rude.close(r))
    }
  })

  it('connection refused is a BamlClientHttpError with status -100', async () => {
    const err = await sendLlmRequest({ url: 'http://127.0.0.1:9/v1/chat/completions', method: 'POST', headers: {}, body: {} }, openai).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlClientHttpError)
    expect(err).toMatchObject({ status_code: -100, client_name: 'Fast' })
  })
})

describe('broken streams', () => {
  it('a connection dropped mid-stream fails with status -100 after the events it did send', async () => {
    const chunks = openaiChatSse(['one', ' two', ' three'], { done: false })
    const { error, deltas } = await streamError(route(dropAfter(chunks.slice(0, 3))), openai)
    expect(error).toBeInstanceOf(BamlClientHttpError)
    expect(error).toMatchObject({ status_code: -100 })
    expect(deltas.map((d) => d.content).at(-1)).toBe('one two')
  })

  it('a connection dropped in the middle of a non-streaming body fails with status -100', async () => {
    const half: Handler = async (_req, res, s) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' })
      res.write('{"choices": [')
      await s.wait(5)
      res.socket?.destroy()
    }
    const err = await sendLlmRequest(route(half), openai).catch((e: unknown) => e)
    expect(err).toMatchObject({ name: 'BamlClientHttpError', status_code: -100 })
  })

  it('a malformed event in the middle is skipped (recorded as a warning)', async () => {
    const chunks = openaiChatSse(['a', 'b', 'c'])
    chunks.splice(2, 0, 'data: {"choices": [ this is not json\n\n')
    const { deltas, response } = await collect(streamLlmRequest(route(streamChunks(chunks)), openai))
    expect(response.content).toBe('abc')
    expect(response.warnings).toHaveLength(1)
    expect(response.warnings![0]).toContain('Failed to parse SSE data as JSON')
    expect(deltas.map((d) => d.delta).join('')).toBe('abc')
  })

  it('a malformed last event fails the stream (retryable), as in the reference', async () => {
    const chunks = openaiChatSse(['a', 'b'], { done: false })
    chunks.push('data: {"truncated": \n\n')
    const { error, deltas } = await streamError(route(streamChunks(chunks)), openai)
    expect(error).toMatchObject({ name: 'BamlClientHttpError', status_code: -100 })
    expect((error as Error).message).toContain('Failed to parse SSE data as JSON')
    expect(deltas.at(-1)!.content).toBe('ab')
  })

  it('an anthropic error event is skipped when more events follow, and fails the stream when last', async () => {
    const anthropic: TransportOptions = { provider: 'anthropic' }
    const mid = await collect(streamLlmRequest(route(streamChunks(anthropicSse(['x', 'y'], { errorAfter: 0 }))), anthropic))
    expect(mid.response.content).toBe('xy')
    expect(mid.response.warnings).toEqual(['Overloaded'])
    const { error } = await streamError(route(streamChunks(anthropicSse(['x'], { errorAfter: 1 }))), anthropic)
    expect(error).toMatchObject({ name: 'BamlClientHttpError', status_code: 529, message: 'Overloaded' })
  })

  it('a stream with no events at all fails', async () => {
    const { error } = await streamError(route(streamChunks([': just a comment\n\n'])), openai)
    expect(error).toMatchObject({ name: 'BamlClientHttpError', message: 'Stream ended without receiving any events' })
  })

  it('a Bedrock exception frame fails the stream with the mapped status', async () => {
    const frames = converseStreamFrames(['par', 'tial']).slice(0, 2)
    frames.push(converseException('throttlingException', 'Too many requests, please wait before trying again.'))
    const req = route(streamChunks(frames, { contentType: 'application/vnd.amazon.eventstream' }))
    const { error, deltas } = await streamError(req, { provider: 'aws-bedrock', clientName: 'Bedrock' })
    expect(error).toMatchObject({ name: 'BamlClientHttpError', status_code: 429, client_name: 'Bedrock' })
    expect((error as Error).message).toContain('throttlingException: Too many requests')
    expect(deltas.at(-1)!.content).toBe('par')
  })

  it('a corrupted Bedrock frame fails the stream instead of crashing', async () => {
    const bytes = concatBytes(converseStreamFrames(['ok', 'then bad']))
    bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0xff
    const { error } = await streamError(route(streamChunks([bytes], { contentType: 'application/vnd.amazon.eventstream' })), { provider: 'aws-bedrock' })
    expect(error).toMatchObject({ name: 'BamlClientHttpError', status_code: -100 })
    expect((error as Error).message).toContain('CRC')
  })
})

describe('timeouts', () => {
  it('request_timeout_ms: a server that never answers', async () => {
    const t0 = Date.now()
    const err = await sendLlmRequest(route(hang()), { ...openai, timeouts: { requestTimeoutMs: 60 } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlTimeoutError)
    expect(err).toMatchObject({ status_code: 408, client_name: 'Fast' })
    expect((err as Error).message).toContain('request_timeout_ms')
    expect(Date.now() - t0).toBeLessThan(2000)
  })

  it('request_timeout_ms also bounds a slow body', async () => {
    const slowBody: Handler = async (_req, res, s) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"choices":')
      await s.wait(1000)
      if (!res.destroyed) res.end('[]}')
    }
    const err = await sendLlmRequest(route(slowBody), { ...openai, timeouts: { requestTimeoutMs: 80 } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlTimeoutError)
  })

  it('connect_timeout_ms (approximated as time to response headers)', async () => {
    const err = await sendLlmRequest(route(delayed(1000, json(openaiChat('late')))), { ...openai, timeouts: { connectTimeoutMs: 50 } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlTimeoutError)
    expect((err as Error).message).toContain('connect_timeout_ms')
  })

  it('a slow server within every limit succeeds', async () => {
    const chunks = openaiChatSse(['s', 'l', 'o', 'w'])
    const res = await collect(
      streamLlmRequest(route(streamChunks(chunks, { gapMs: 15, firstDelayMs: 20 })), {
        ...openai,
        timeouts: { connectTimeoutMs: 1000, requestTimeoutMs: 3000, timeToFirstTokenTimeoutMs: 1000, idleTimeoutMs: 500 },
      }),
    )
    expect(res.response.content).toBe('slow')
  })

  it('time_to_first_token_timeout_ms: headers arrive, events do not', async () => {
    const req = route(streamChunks(openaiChatSse(['late']), { firstDelayMs: 1000 }))
    const { error, deltas } = await streamError(req, { ...openai, timeouts: { timeToFirstTokenTimeoutMs: 60 } })
    expect(error).toBeInstanceOf(BamlTimeoutError)
    expect((error as Error).message).toContain('time_to_first_token')
    expect(deltas).toHaveLength(0)
  })

  it('idle_timeout_ms: the stream stalls after some events', async () => {
    const chunks = openaiChatSse(['a', 'b', 'c'])
    const stall: Handler = async (_req, res, s) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(chunks[0]!)
      res.write(chunks[1]!)
      await s.wait(1000)
      if (!res.destroyed) res.end(chunks.slice(2).join(''))
    }
    const { error, deltas } = await streamError(route(stall), { ...openai, timeouts: { idleTimeoutMs: 60, timeToFirstTokenTimeoutMs: 1000 } })
    expect(error).toBeInstanceOf(BamlTimeoutError)
    expect((error as Error).message).toContain('idle_timeout')
    expect(deltas.at(-1)!.content).toBe('a')
  })

  it('0 means no limit', async () => {
    const res = await sendLlmRequest(route(delayed(30, json(openaiChat('fine')))), { ...openai, timeouts: { requestTimeoutMs: 0, connectTimeoutMs: 0 } })
    expect(res.content).toBe('fine')
  })
})

describe('abort', () => {
  it('an already-aborted signal fails before sending anything', async () => {
    const req = route(json(openaiChat('never')))
    const path = new URL(req.url).pathname
    const err = await sendLlmRequest(req, { ...openai, signal: AbortSignal.abort('stop') }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlAbortError)
    expect((err as BamlAbortError).reason).toBe('stop')
    expect(server.hits(path)).toHaveLength(0)
  })

  it('aborting while waiting for a hanging server', async () => {
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 30)
    const err = await sendLlmRequest(route(hang()), { ...openai, signal: ac.signal }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlAbortError)
  })

  it('aborting in the middle of a stream', async () => {
    const ac = new AbortController()
    const chunks = openaiChatSse(['a', 'b', 'c', 'd', 'e', 'f'])
    const req = route(streamChunks(chunks, { gapMs: 40 }))
    const seen: string[] = []
    const err = await (async () => {
      for await (const ev of streamLlmRequest(req, { ...openai, signal: ac.signal })) {
        if (ev.type === 'delta' && ev.delta) {
          seen.push(ev.delta)
          if (seen.length === 2) ac.abort(new Error('user gave up'))
        }
      }
    })().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlAbortError)
    expect(seen).toEqual(['a', 'b'])
  })

  it('breaking out of a stream closes the connection', async () => {
    let closed = false
    const endless: Handler = async (_req, res, s) => {
      res.on('close', () => {
        closed = true
      })
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      for (let i = 0; i < 200 && !res.destroyed; i++) {
        res.write(sseEvent({ choices: [{ index: 0, delta: { content: `${i} ` }, finish_reason: null }] }))
        await s.wait(5)
      }
      if (!res.destroyed) res.end()
    }
    const req = route(endless)
    for await (const ev of streamLlmRequest(req, openai)) {
      if (ev.type === 'delta' && ev.content.length > 6) break
    }
    for (let i = 0; i < 100 && !closed; i++) await new Promise((r) => setTimeout(r, 5))
    expect(closed).toBe(true)
  })
})

describe('clean-up', () => {
  const activeTimeouts = (): number | undefined => {
    const p = globalThis.process as { getActiveResourcesInfo?: () => string[] } | undefined
    return p?.getActiveResourcesInfo ? p.getActiveResourcesInfo().filter((r) => r === 'Timeout').length : undefined
  }

  it('leaves no timers behind after successes, failures and timeouts', async () => {
    const before = activeTimeouts()
    await sendLlmRequest(route(json(openaiChat('ok'))), { ...openai, timeouts: { requestTimeoutMs: 5000, connectTimeoutMs: 5000 } })
    await sendLlmRequest(route(json({}, 500)), { ...openai, timeouts: { requestTimeoutMs: 5000 } }).catch(() => {})
    await collect(streamLlmRequest(route(streamChunks(openaiChatSse(['x']))), { ...openai, timeouts: { timeToFirstTokenTimeoutMs: 5000, idleTimeoutMs: 5000 } }))
    await sendLlmRequest(route(hang()), { ...openai, timeouts: { requestTimeoutMs: 20 } }).catch(() => {})
    const after = activeTimeouts()
    if (before === undefined || after === undefined) return // runtime without getActiveResourcesInfo
    expect(after).toBeLessThanOrEqual(before)
  })
})
