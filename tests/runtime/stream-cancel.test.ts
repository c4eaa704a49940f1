// Leaving a stream early (`break` in for-await, iterator.return(), cancelling toStreamable()) stops the call:
// the HTTP request is aborted (the server sees the connection close) and no engine timer is left running.
import { afterEach, describe, expect, it } from 'vitest'
import { BamlAbortError, BamlRuntime, Collector } from '../../core/index.ts'
import { startFileServer, type Handler } from '../providers/helpers/server.ts'
import { watchTimers, type TimerWatch } from '../providers/helpers/timers.ts'
import { sseEvent } from '../providers/helpers/wire.ts'

const server = await startFileServer()

/** Sends a few events, then keeps the response open until the client goes away; `closed` resolves then. */
function endlessStream() {
  let onClose: () => void = () => {}
  const closed = new Promise<'closed'>((r) => (onClose = () => r('closed')))
  const handler: Handler = (_req, res) => {
    res.on('close', onClose)
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    for (const piece of ['Once ', 'upon ', 'a time']) res.write(sseEvent({ id: 'c', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }))
  }
  return { handler, closed }
}

let n = 0
function runtimeFor(handler: Handler): BamlRuntime {
  const base = `/cancel/${++n}/v1`
  server.route(`${base}/chat/completions`, handler)
  return BamlRuntime.fromFiles('baml_src', {
    'baml_src/main.baml': `
client<llm> Local {
  provider openai-generic
  options {
    base_url "${server.url}${base}"
    model "m"
  }
}
function Tell(x: string) -> string {
  client Local
  prompt #"{{ x }}"#
}`,
  })
}

/** Resolves 'closed' when the server saw the connection close, 'still open' after 2 s. */
function seenClosed(closed: Promise<'closed'>): Promise<'closed' | 'still open'> {
  let t: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'still open'>((r) => (t = setTimeout(() => r('still open'), 2000)))
  return Promise.race([closed, timeout]).finally(() => clearTimeout(t))
}

let timers: TimerWatch | undefined
afterEach(() => timers?.restore())

describe('leaving a stream early', () => {
  it('break in for-await aborts the request and leaves no timers', async () => {
    const { handler, closed } = endlessStream()
    const rt = runtimeFor(handler)
    const collector = new Collector()
    timers = watchTimers()
    const stream = rt.stream('Tell', { x: 'a story' }, { collector })
    const seen: unknown[] = []
    for await (const partial of stream) {
      seen.push(partial)
      break
    }
    expect(seen).toEqual(['Once '])
    expect(await seenClosed(closed)).toBe('closed')
    await expect(stream.getFinalResponse()).rejects.toBeInstanceOf(BamlAbortError)
    expect(timers.live()).toBe(0)
    expect(collector.last?.error).toMatch(/closed|cancel/i)
  })

  it('iterator.return() does the same', async () => {
    const { handler, closed } = endlessStream()
    const rt = runtimeFor(handler)
    timers = watchTimers()
    const it = rt.stream('Tell', { x: 'a story' })[Symbol.asyncIterator]()
    expect((await it.next()).value).toBe('Once ')
    expect(await it.return!()).toEqual({ done: true, value: undefined })
    expect(await it.next()).toEqual({ done: true, value: undefined })
    expect(await seenClosed(closed)).toBe('closed')
    expect(timers.live()).toBe(0)
  })

  it('cancelling the toStreamable() reader does the same', async () => {
    const { handler, closed } = endlessStream()
    const rt = runtimeFor(handler)
    timers = watchTimers()
    const reader = rt.stream('Tell', { x: 'a story' }).toStreamable().getReader()
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value)).toBe('{"partial":"Once "}\n')
    await reader.cancel()
    expect(await seenClosed(closed)).toBe('closed')
    expect(timers.live()).toBe(0)
  })

  it('a stream read to the end is not cancelled by the loop finishing', async () => {
    const rt = runtimeFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(sseEvent({ id: 'c', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { content: 'The end' }, finish_reason: 'stop' }] }))
      res.end('data: [DONE]\n\n')
    })
    const stream = rt.stream('Tell', { x: 'a story' })
    const seen: unknown[] = []
    for await (const p of stream) seen.push(p)
    expect(seen).toEqual(['The end'])
    expect(await stream.getFinalResponse()).toBe('The end')
  })
})
