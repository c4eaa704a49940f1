// A local server speaking the OpenAI chat-completions wire format (JSON and SSE), for runtime tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Reply {
  /** HTTP status (default 200). */
  status?: number
  /** The assistant's text. */
  content?: string
  /** Streaming: split the content into these pieces (default: 7-character chunks). */
  chunks?: string[]
  /** Wait this long before answering. */
  delayMs?: number
  finishReason?: string
}

export interface FakeOpenAI {
  url: string
  /** Replies are taken in order; the last one repeats. */
  replies: Reply[]
  requests: { path: string; body: Record<string, unknown> }[]
  close(): Promise<void>
}

function chunk(text: string, n: number): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i += n) out.push(text.slice(i, i + n))
  return out
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const state: FakeOpenAI = { url: '', replies: [], requests: [], close: async () => {} }
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = ''
    for await (const c of req) raw += c
    const body = JSON.parse(raw || '{}') as Record<string, unknown>
    state.requests.push({ path: req.url ?? '', body })
    const reply = state.replies.length > 1 ? state.replies.shift()! : (state.replies[0] ?? { content: '' })
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs))
    const status = reply.status ?? 200
    if (status !== 200) {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: `fake failure ${status}` } }))
      return
    }
    const content = reply.content ?? ''
    const finish = reply.finishReason ?? 'stop'
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          model: String(body.model),
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish }],
          usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
        }),
      )
      return
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    const pieces = reply.chunks ?? chunk(content, 7)
    for (const p of pieces) {
      res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: String(body.model), choices: [{ index: 0, delta: { content: p }, finish_reason: null }] })}\n\n`)
      await new Promise((r) => setTimeout(r, 1))
    }
    res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: String(body.model), choices: [{ index: 0, delta: {}, finish_reason: finish }] })}\n\n`)
    res.write('data: [DONE]\n\n')
    res.end()
  }
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy())
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  state.close = () => new Promise((r) => server.close(() => r()))
  return state
}
