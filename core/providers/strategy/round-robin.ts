// Shared round-robin positions. Keep one state per runtime: every call through a round-robin client
// starts at its current index, and every attempt that runs through it moves the index on by one.

export interface RoundRobinState {
  /** Client name → index of the child the next call starts with (not yet reduced modulo the child count). */
  readonly indices: Map<string, number>
}

export function createRoundRobinState(): RoundRobinState {
  return { indices: new Map() }
}
