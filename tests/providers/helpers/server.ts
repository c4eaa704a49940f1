// A scriptable local HTTP server for provider tests (node:http: fine in tests, never in core/).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { afterAll } from 'vitest'

export interface RecordedRequest {
  readonly method: string
  readonly url: string
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export type Handler = (req: RecordedRequest, res: ServerResponse, server: TestServer) => void | Promise<void>

export interface TestServer {
  readonly url: string
  readonly requests: RecordedRequest[]
  /** Requests seen on one path. */
  hits(path: string): RecordedRequest[]
  /** Answer requests to `path` with the handlers in order; the last one keeps answering. */
  route(path: string, ...handlers: Handler[]): void
  /** setTimeout that the server clears when it closes. */
  later(ms: number, fn: () => void): void
  /** Resolves after `ms` (or when the server closes). */
  wait(ms: number): Promise<void>
  /** Sockets currently open (to check nothing is left behind). */
  openSockets(): number
  close(): Promise<void>
}

export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, { handlers: Handler[]; next: number }>()
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const waiters = new Set<() => void>()
  let closed = false

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.on('error', () => {})
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = req.url ?? '/'
      const path = url.split('?')[0]!
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v
      const rec: RecordedRequest = { method: req.method ?? 'GET', url, path, headers, body: Buffer.concat(chunks).toString('utf8') }
      requests.push(rec)
      const route = routes.get(path)
      if (!route) {
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { message: `no route for ${path}` } }))
        return
      }
      const handler = route.handlers[Math.min(route.next, route.handlers.length - 1)]!
      route.next++
      Promise.resolve(handler(rec, res, api)).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(599)
        res.end(String(e))
      })
    })
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address()
  if (addr === null || typeof addr === 'string') throw new Error('no address')

  const api: TestServer = {
    url: `http://127.0.0.1:${addr.port}`,
    requests,
    hits: (path) => requests.filter((r) => r.path === path),
    route(path, ...handlers) {
      routes.set(path, { handlers, next: 0 })
    },
    later(ms, fn) {
      if (closed) return
      const t = setTimeout(() => {
        timers.delete(t)
        fn()
      }, ms)
      timers.add(t)
    },
    wait(ms) {
      return new Promise((resolve) => {
        if (closed) return resolve()
        const done = (): void => {
          waiters.delete(done)
          resolve()
        }
        waiters.add(done)
        api.later(ms, done)
      })
    },
    openSockets: () => sockets.size,
    async close() {
      closed = true
      for (const t of timers) clearTimeout(t)
      timers.clear()
      for (const w of [...waiters]) w()
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
  return api
}

/** The server of one test file: `const server = await startFileServer()` at the top level; it closes after the file's tests. */
export async function startFileServer(): Promise<TestServer> {
  const server = await startServer()
  afterAll(() => server.close())
  return server
}

// ---- response helpers -------------------------------------------------------------------------

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers })
  res.end(text)
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Handler {
  return (_req, res) => sendJson(res, status, body, headers)
}

/** Write `chunks` (strings or bytes) with `gapMs` between them, then end (unless `end: false`). */
export function streamChunks(
  chunks: readonly (string | Uint8Array)[],
  opts: { gapMs?: number; contentType?: string; end?: boolean; status?: number; firstDelayMs?: number } = {},
): Handler {
  return async (_req, res, server) => {
    res.writeHead(opts.status ?? 200, { 'content-type': opts.contentType ?? 'text/event-stream', 'cache-control': 'no-cache' })
    res.flushHeaders()
    if (opts.firstDelayMs) await server.wait(opts.firstDelayMs)
    for (let i = 0; i < chunks.length; i++) {
      if (res.destroyed) return
      res.write(chunks[i]!)
      if (opts.gapMs && i < chunks.length - 1) await server.wait(opts.gapMs)
    }
    if (opts.end !== false && !res.destroyed) res.end()
  }
}

/** Send headers and some chunks, then kill the connection without finishing the response. */
export function dropAfter(chunks: readonly (string | Uint8Array)[], contentType = 'text/event-stream'): Handler {
  return async (_req, res, server) => {
    res.writeHead(200, { 'content-type': contentType })
    for (const c of chunks) res.write(c)
    await server.wait(5)
    res.socket?.destroy()
  }
}

/** `streamed` for requests whose JSON body says `stream: true`, else `plain`. */
export function byStream(plain: Handler, streamed: Handler): Handler {
  return (req, res, server) => ((JSON.parse(req.body) as { stream?: boolean }).stream ? streamed : plain)(req, res, server)
}

/** Never answer (the client must give up). */
export function hang(): Handler {
  return () => {}
}

/** Answer after `ms`. */
export function delayed(ms: number, inner: Handler): Handler {
  return async (req, res, server) => {
    await server.wait(ms)
    if (!res.destroyed) await inner(req, res, server)
  }
}
