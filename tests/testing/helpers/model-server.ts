// A local model server speaking the OpenAI chat-completions wire format (JSON, and SSE when the
// request says `stream: true`), for running BAML tests offline. What it answers is written in the
// prompt itself, so fixture projects decide their model's behaviour test by test:
//
//   REPLY<<<text>>>            answer `text` (default: "ok")
//   STATUS 500                 answer with this HTTP status and an error body
//   DELAY 200                  wait this many ms before answering
//   RATELIMIT 2 RETRYAFTER 0.1 the first 2 requests with this prompt get 429 (retry-after in seconds)
//   FINISH length              the finish reason (default "stop")
//   HANG                       never answer
//
// Usage is reported as ceil(characters / 4) for the prompt and the answer. Used by tests/testing
// and by scripts/compare-test-runner.ts (which runs the reference's CLI against it too).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Socket } from 'node:net'

export interface SeenRequest {
  readonly path: string
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly body: Record<string, unknown>
  readonly prompt: string
}

export interface ModelServer {
  /** Base URL for `base_url` (ends in /v1). */
  readonly url: string
  readonly requests: SeenRequest[]
  /** Most requests in flight at once. */
  readonly maxConcurrent: number
  close(): Promise<void>
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('\n')
  return ''
}

function promptOf(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? body.messages : []
  return messages.map((m) => textOf((m as { content?: unknown }).content)).join('\n')
}

const tokens = (s: string) => Math.ceil(s.length / 4)

export async function startModelServer(): Promise<ModelServer> {
  const requests: SeenRequest[] = []
  const limited = new Map<string, number>()
  const sockets = new Set<Socket>()
  let active = 0
  let maxConcurrent = 0
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = ''
    for await (const c of req) raw += c
    let body: Record<string, unknown> = {}
    try {
      body = JSON.parse(raw || '{}') as Record<string, unknown>
    } catch {
      // not JSON: answered below from an empty prompt
    }
    const prompt = promptOf(body)
    requests.push({ path: req.url ?? '', headers: req.headers, body, prompt })
    if (/\bHANG\b/.test(prompt)) return
    const delay = /\bDELAY (\d+)/.exec(prompt)
    if (delay) await sleep(Number(delay[1]))
    const rl = /\bRATELIMIT (\d+)(?: RETRYAFTER ([\d.]+))?/.exec(prompt)
    if (rl) {
      const n = limited.get(prompt) ?? 0
      if (n < Number(rl[1])) {
        limited.set(prompt, n + 1)
        res.writeHead(429, { 'content-type': 'application/json', ...(rl[2] ? { 'retry-after': rl[2] } : {}) })
        res.end(JSON.stringify({ error: { message: 'rate limited', type: 'rate_limit_exceeded' } }))
        return
      }
    }
    const status = /\bSTATUS (\d{3})/.exec(prompt)
    if (status) {
      res.writeHead(Number(status[1]), { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: `failure ${status[1]} on purpose`, type: 'server_error' } }))
      return
    }
    const reply = /REPLY<<<([\s\S]*?)>>>/.exec(prompt)
    const content = reply ? reply[1]! : 'ok'
    const finish = /\bFINISH (\w+)/.exec(prompt)?.[1] ?? 'stop'
    const usage = { prompt_tokens: tokens(prompt), completion_tokens: tokens(content), total_tokens: tokens(prompt) + tokens(content) }
    const model = String(body.model ?? 'test-model')
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: 'chatcmpl-local', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish }], usage }))
      return
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-local', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`
    res.write(chunk({ role: 'assistant', content: '' }, null))
    for (let i = 0; i < content.length; i += 8) res.write(chunk({ content: content.slice(i, i + 8) }, null))
    res.write(chunk({}, finish, { usage }))
    res.end('data: [DONE]\n\n')
  }

  const server = createServer((req, res) => {
    active++
    maxConcurrent = Math.max(maxConcurrent, active)
    res.on('close', () => active--)
    handle(req, res).catch(() => res.destroy())
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxConcurrent() {
      return maxConcurrent
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}
