// What the portable core needs from its host. cli/ provides a Node/Bun/Deno adapter;
// browsers and edge runtimes can pass their own (or none: everything except file access works).

export interface Host {
  /** Read a file as bytes (media `file` args) . Paths are absolute or relative to the process. */
  readFile?(path: string): Promise<Uint8Array>
  /** Read a text file. */
  readTextFile?(path: string): Promise<string>
  /** Every `.baml` file under `dir`, as paths relative to `dir`'s parent joined with `/`. */
  listBamlFiles?(dir: string): Promise<Record<string, string>>
  /** Process environment (a snapshot taken per call). */
  env?(): Record<string, string | undefined>
  /** Milliseconds since the epoch. */
  now?(): number
}

/** Resolve after `ms`, or reject when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(t)
      reject(signal!.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
