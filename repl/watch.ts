// Noticing edits to the project's files while the REPL waits at its prompt: fs.watch (recursive)
// where the platform has it, for promptness, and a slow poll as a safety net (a recursive watch is
// set up asynchronously on some platforms and misses what happens meanwhile, and some file systems
// send no events). Either only says "look again": the caller re-reads the files and compares them,
// so a spurious event costs one read.
import { watch, type FSWatcher } from 'node:fs'

export interface Watcher {
  close(): void
}

/** Call `onChange` (debounced by `delayMs`) when something under `dir` may have changed, and every `pollMs`. */
export function watchDirectory(dir: string, onChange: () => void, opts: { delayMs?: number; pollMs?: number } = {}): Watcher {
  const delay = opts.delayMs ?? 100
  let timer: ReturnType<typeof setTimeout> | undefined
  const fire = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      onChange()
    }, delay)
    timer.unref?.()
  }
  let fsw: FSWatcher | undefined
  try {
    fsw = watch(dir, { recursive: true, persistent: false }, fire)
    fsw.on('error', () => {
      fsw?.close()
      fsw = undefined
    })
  } catch {
    // no recursive watch here: the poll alone
  }
  const poll = setInterval(onChange, opts.pollMs ?? 2000)
  poll.unref?.()
  return {
    close() {
      if (timer) clearTimeout(timer)
      clearInterval(poll)
      fsw?.close()
    },
  }
}
