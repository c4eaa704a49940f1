// The sync client: a call runs in a worker thread while the caller blocks on `Atomics.wait`.
//
// The worker is this same runtime module, started once (and unref'd, so it never keeps a process
// alive); it imports the generated project module by URL and runs calls with the async runtime. The
// answer comes back as JSON through a SharedArrayBuffer, in chunks: the worker fills the buffer and
// waits, the caller copies it out and wakes the worker, until the last chunk. Worker threads come
// from `process.getBuiltinModule('worker_threads')` (Node ≥ 20.16, Bun, Deno): where that or
// blocking is impossible (browsers, edge runtimes) calls fail with a clear error.
import { BamlError } from '../../index.ts'
import { builtinModule } from './host.ts'
import type { CallData, Reply } from './transfer.ts'

/** What the worker is asked to do. */
export interface SyncJob {
  readonly op: 'call' | 'request'
  readonly projectUrl: string
  readonly fn: string
  readonly args: Readonly<Record<string, unknown>>
  readonly stream: boolean
  readonly data: CallData
}

interface WorkerLike {
  postMessage(msg: unknown): void
  unref(): void
  on(event: 'error', fn: (e: unknown) => void): void
}

interface WorkerThreads {
  readonly isMainThread: boolean
  readonly workerData: unknown
  readonly parentPort: { on(event: 'message', fn: (msg: unknown) => void): void } | null
  readonly Worker: new (url: URL, opts: { workerData: unknown }) => WorkerLike
}

const MARK = '__bamlSyncWorker'
const HEADER = 16
const CHUNK = 1 << 16

// header slots: 0 = state (0 caller's turn to wait, 1 chunk ready), 1 = chunk length, 2 = last chunk
const STATE = 0
const LENGTH = 1
const LAST = 2

export const SYNC_UNAVAILABLE =
  "the sync client cannot run here: it needs worker threads and a thread that may block (Node, Bun or Deno). Use the async client instead: import { b } from './baml_client/async_client'"

interface Shared {
  readonly worker: WorkerLike
  readonly header: Int32Array
  readonly data: Uint8Array
  failure?: unknown
}

let shared: Shared | undefined

function workerThreads(): WorkerThreads {
  const wt = builtinModule<WorkerThreads>('worker_threads')
  if (!wt || typeof Atomics.wait !== 'function' || typeof SharedArrayBuffer !== 'function') throw new BamlError(SYNC_UNAVAILABLE)
  return wt
}

function start(runtimeUrl: string): Shared {
  if (shared) return shared
  const wt = workerThreads()
  const sab = new SharedArrayBuffer(HEADER + CHUNK)
  const worker = new wt.Worker(new URL(runtimeUrl), { workerData: { [MARK]: true, sab } })
  worker.unref()
  const s: Shared = { worker, header: new Int32Array(sab, 0, 4), data: new Uint8Array(sab, HEADER) }
  worker.on('error', (e) => (s.failure = e))
  return (shared = s)
}

/** Run a job in the worker and block until its reply arrives. */
export function runBlocking(runtimeUrl: string, job: SyncJob): Reply {
  workerThreads()
  if (runtimeUrl === job.projectUrl)
    throw new BamlError('the sync client needs baml_client/runtime.mjs and project.mjs as separate files; it cannot run from a bundle that merged them. Use the async client.')
  const s = start(runtimeUrl)
  s.worker.postMessage(job)
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    let waited: string
    try {
      // Wake every few seconds to notice a worker that died before answering.
      waited = Atomics.wait(s.header, STATE, 0, 5000)
    } catch {
      throw new BamlError(SYNC_UNAVAILABLE)
    }
    if (waited === 'timed-out') {
      if (s.failure !== undefined) {
        shared = undefined
        throw new BamlError(`the sync client's worker failed: ${s.failure instanceof Error ? s.failure.message : String(s.failure)}`)
      }
      continue
    }
    const n = s.header[LENGTH]!
    chunks.push(s.data.slice(0, n))
    total += n
    const last = s.header[LAST] === 1
    Atomics.store(s.header, STATE, 0)
    Atomics.notify(s.header, STATE)
    if (last) break
  }
  const bytes = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    bytes.set(c, at)
    at += c.length
  }
  return JSON.parse(new TextDecoder().decode(bytes)) as Reply
}

/**
 * If this module was started as the sync worker, serve jobs with `handle`. Returns whether it was.
 * Called once when the runtime module loads.
 */
export function serveIfSyncWorker(handle: (job: SyncJob) => Promise<Reply>): boolean {
  const wt = builtinModule<WorkerThreads>('worker_threads')
  if (!wt || wt.isMainThread || !wt.parentPort) return false
  const wd = wt.workerData as { [MARK]?: boolean; sab?: SharedArrayBuffer } | undefined
  if (!wd?.[MARK] || !wd.sab) return false
  const header = new Int32Array(wd.sab, 0, 4)
  const data = new Uint8Array(wd.sab, HEADER)
  const send = (reply: Reply) => {
    let bytes: Uint8Array
    try {
      bytes = new TextEncoder().encode(JSON.stringify(reply))
    } catch (e) {
      bytes = new TextEncoder().encode(JSON.stringify({ ok: false, error: { name: 'BamlError', message: `the result could not be sent back: ${String(e)}`, fields: {} }, logs: [] }))
    }
    let at = 0
    do {
      const n = Math.min(data.length, bytes.length - at)
      data.set(bytes.subarray(at, at + n))
      header[LENGTH] = n
      header[LAST] = at + n >= bytes.length ? 1 : 0
      at += n
      Atomics.store(header, STATE, 1)
      Atomics.notify(header, STATE)
      Atomics.wait(header, STATE, 1)
    } while (at < bytes.length)
  }
  wt.parentPort.on('message', (msg) => {
    handle(msg as SyncJob).then(send, (e: unknown) =>
      send({ ok: false, error: { name: 'BamlError', message: e instanceof Error ? e.message : String(e), fields: {} }, logs: [] }),
    )
  })
  return true
}
