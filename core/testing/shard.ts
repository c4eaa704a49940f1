// `--shard i/n`: the i-th of n slices of a selection, for spreading a suite over CI machines.
//
// A test's shard depends only on its own `Function::Test` name (a 64-bit FNV-1a hash fed to Lamping
// and Veach's jump consistent hash), so adding or removing a test never moves another one, and going
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

const MASK = (1n << 64n) - 1n

function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte)
    h = (h * 0x100000001b3n) & MASK
  }
  return h
}

/** Jump consistent hash: a bucket in [0, buckets) for a 64-bit key. */
function jumpHash(key: bigint, buckets: number): number {
  let b = -1
  let j = 0
  while (j < buckets) {
    b = j
    key = (key * 2862933555777941757n + 1n) & MASK
    j = Math.floor((b + 1) * (2 ** 31 / (Number(key >> 33n) + 1)))
  }
  return b
}

/** The 1-based shard that holds the test named `key` (`Function::Test`). */
export function shardOf(key: string, count: number): number {
  return jumpHash(fnv1a64(key), count) + 1
}

/** The tests of one shard, in their given order. */
export function shardTests<T extends { readonly key: string }>(tests: readonly T[], shard: Shard): T[] {
  return tests.filter((t) => shardOf(t.key, shard.count) === shard.index)
}
