// Noticing edits to the project's files while the REPL waits at its prompt. fs.watch (recursive)
// where the platform has it, polling otherwise; either way the caller re-reads the files and
// compares them, so a spurious event costs one read and a missed one is caught before the next entry.
import { watch, type FSWatcher } from 'node:fs'

export interface Watcher {
  close(): void
}

/** Call `onChange` (debounced by `delayMs`) when something under `dir` changes. */
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
  let poll: ReturnType<typeof setInterval> | undefined
  try {
    fsw = watch(dir, { recursive: true, persistent: false }, fire)
    fsw.on('error', () => {
      fsw?.close()
      fsw = undefined
      startPolling()
    })
  } catch {
    startPolling()
  }
  function startPolling(): void {
    poll = setInterval(onChange, opts.pollMs ?? 1000)
    poll.unref?.()
  }
  return {
    close() {
      if (timer) clearTimeout(timer)
      if (poll) clearInterval(poll)
      fsw?.close()
    },
  }
}
