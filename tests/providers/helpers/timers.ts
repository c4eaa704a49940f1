// Watching the timers the engine (core/) creates, in any runtime: setTimeout/clearTimeout are wrapped while
// watching, and only timers created from core/ code are counted (fetch implementations and the test's own
// timers have theirs).

export interface TimerWatch {
  /** Engine timers created since `watchTimers()` that have neither fired nor been cleared. */
  live(): number
  restore(): void
}

export function watchTimers(): TimerWatch {
  const live = new Set<unknown>()
  const realSet = globalThis.setTimeout
  const realClear = globalThis.clearTimeout
  const wrappedSet = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]): unknown => {
    const fromCore = /[/\\]core[/\\]/.test(new Error().stack ?? '')
    const id: unknown = realSet(() => {
      live.delete(id)
      fn(...args)
    }, ms)
    if (fromCore) live.add(id)
    return id
  }
  const wrappedClear = (id: unknown): void => {
    live.delete(id)
    realClear(id as Parameters<typeof clearTimeout>[0])
  }
  globalThis.setTimeout = wrappedSet as unknown as typeof setTimeout
  globalThis.clearTimeout = wrappedClear as unknown as typeof clearTimeout
  return {
    live: () => live.size,
    restore() {
      globalThis.setTimeout = realSet
      globalThis.clearTimeout = realClear
    },
  }
}
