// setTimeout for delays of any length. Runtimes keep a timer's delay in a signed 32-bit integer: a longer
// delay (over ~24.8 days, e.g. `request_timeout_ms 3000000000` or a huge retry delay) fires at once, with
// Node's TimeoutOverflowWarning. Longer delays are chained in steps of the largest one allowed.

/** The longest delay one setTimeout accepts (2^31 − 1 ms). */
export const MAX_TIMER_MS = 2_147_483_647

export interface LongTimer {
  /** Stop the timer (idempotent; nothing happens if it already fired). */
  cancel(): void
}

/**
 * Call `fn` once after `ms` milliseconds. A non-finite `ms` (Infinity) never fires and holds no timer;
 * negative or NaN delays count as 0.
 */
export function setLongTimeout(fn: () => void, ms: number): LongTimer {
  let id: ReturnType<typeof setTimeout> | undefined
  const arm = (remaining: number): void => {
    const step = Math.min(remaining, MAX_TIMER_MS)
    id = setTimeout(() => {
      id = undefined
      if (remaining > MAX_TIMER_MS) arm(remaining - MAX_TIMER_MS)
      else fn()
    }, step)
  }
  if (!(ms === Infinity)) arm(ms > 0 ? ms : 0)
  return {
    cancel() {
      if (id !== undefined) clearTimeout(id)
      id = undefined
    },
  }
}
