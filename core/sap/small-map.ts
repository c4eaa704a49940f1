// A map from numbers to values for the few keys a cache slot usually holds, as one flat array of
// key/value pairs. A stream keeps such caches on every value node it has read (coercion and render
// results by type, a reader session's results by options), mostly with one to three keys: a Map
// costs a few hundred bytes each, which the garbage collector copies and marks on every push
// that keeps thousands of them. Past SMALL keys the pairs move to a Map.
import { work } from './work.ts'

const SMALL = 8

export type SmallMap<V> = (number | V)[] | Map<number, V>

/** The value `m` holds for `key`, undefined when none (see smallHas when undefined is a value). */
export function smallGet<V>(m: SmallMap<V> | undefined, key: number): V | undefined {
  if (m === undefined) return undefined
  if (!Array.isArray(m)) return m.get(key)
  for (let i = 0; i < m.length; i += 2) if (m[i] === key) return m[i + 1] as V
  return undefined
}

export function smallHas<V>(m: SmallMap<V> | undefined, key: number): boolean {
  if (m === undefined) return false
  if (!Array.isArray(m)) return m.has(key)
  for (let i = 0; i < m.length; i += 2) if (m[i] === key) return true
  return false
}

/** Sets `key` in `m` (made when undefined) and returns the map to keep. */
export function smallSet<V>(m: SmallMap<V> | undefined, key: number, v: V): SmallMap<V> {
  if (m === undefined) return [key, v]
  if (!Array.isArray(m)) {
    m.set(key, v)
    return m
  }
  for (let i = 0; i < m.length; i += 2) {
    if (m[i] === key) {
      m[i + 1] = v
      return m
    }
  }
  if (m.length < 2 * SMALL) {
    m.push(key, v)
    return m
  }
  const big = new Map<number, V>()
  work.steps += SMALL
  for (let i = 0; i < m.length; i += 2) big.set(m[i] as number, m[i + 1] as V)
  big.set(key, v)
  return big
}
