// `--shard i/n`: the i-th of n slices of a selection, for spreading a suite over CI machines.
//
// A test's shard depends only on its own `Function::Test` name (a hash fed to Lamping and Veach's
// jump consistent hash), so adding or removing a test never moves another one, and going
// from n to n+1 shards moves only about 1/(n+1) of the tests. The n shards of one selection are
// disjoint and together hold every test exactly once.
import { BamlInvalidArgumentError } from '../errors.ts'

export interface Shard {
  /** 1-based. */
  readonly index: number
  readonly count: number
}

/** `"2/5"` → `{index: 2, count: 5}`; anything else is an argument error. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  const index = m ? Number(m[1]) : NaN
  const count = m ? Number(m[2]) : NaN
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new BamlInvalidArgumentError(`--shard must be \`i/n\` with 1 ≤ i ≤ n (e.g. 2/4), got \`${text}\``)
  }
  return { index, count }
}

const utf8 = new TextEncoder()

/** A 32-bit FNV-1a hash of the name's UTF-8 bytes. */
function hash32(text: string): number {
  let h = 0x811c9dc5
  for (const byte of utf8.encode(text)) h = Math.imul(h ^ byte, 0x01000193) >>> 0
  return h
}

/**
 * Jump consistent hash: a bucket in [0, buckets). The key seeds a PRNG (mulberry32) that draws
 * the points where the key would jump to a later bucket.
 */
function jumpHash(key: number, buckets: number): number {
  let state = key >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967296 // in (0, 1]
  }
  let b = -1
  let j = 0
  while (j < buckets) {
    b = j
    j = Math.floor((b + 1) / next())
  }
  return b
}

/** The 1-based shard that holds the test named `key` (`Function::Test`). */
export function shardOf(key: string, count: number): number {
  return jumpHash(hash32(key), count) + 1
}

/** The tests of one shard, in their given order. */
export function shardTests<T extends { readonly key: string }>(tests: readonly T[], shard: Shard): T[] {
  return tests.filter((t) => shardOf(t.key, shard.count) === shard.index)
}
