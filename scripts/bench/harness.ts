// Shared by the benchmarks: timing helpers and access to the reference runtime, which is installed
// outside this repo by ../shared/tools/oracle/setup.sh and is only ever loaded here, for comparison.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname ?? '.', '..', '..')
export const oracleDir = resolve(repoRoot, '..', 'shared', 'tools', 'oracle')

/** The reference's napi module, or undefined when the oracle is not set up on this machine. */
export function loadReference(): Record<string, any> | undefined {
  const pkg = join(oracleDir, 'node_modules', '@boundaryml', 'baml')
  if (!existsSync(pkg)) return undefined
  const req = createRequire(join(oracleDir, 'oracle.mjs'))
  return req(pkg) as Record<string, any>
}

export const referenceCli = join(oracleDir, 'node_modules', '.bin', 'baml-cli')

/** dist/baml, built first when missing (`npm run bench` builds it from the current sources). */
export function bamlBinary(): string {
  const bin = join(repoRoot, 'dist', 'baml')
  if (!existsSync(bin)) spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' })
  return bin
}

/** Writes `files` (relative paths) under `dir`. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
}

interface TimingOptions {
  minRuns?: number
  minMs?: number
  warmup?: number
}

export function median(samples: number[]): number {
  samples.sort((a, b) => a - b)
  return samples[samples.length >> 1]!
}

/** Run `fn` until `minMs` has passed (at least `minRuns` times); return the median ms per run. */
export function timeMedian(fn: () => void, { minRuns = 5, minMs = 200, warmup = 2 }: TimingOptions = {}): number {
  for (let i = 0; i < warmup; i++) fn()
  const samples: number[] = []
  const start = performance.now()
  while (samples.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now()
    fn()
    samples.push(performance.now() - t0)
  }
  return median(samples)
}

/** `timeMedian` for async work (each run awaited before the next starts). */
export async function timeMedianAsync(fn: () => Promise<unknown>, { minRuns = 5, minMs = 200, warmup = 2 }: TimingOptions = {}): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  const start = performance.now()
  while (samples.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now()
    await fn()
    samples.push(performance.now() - t0)
  }
  return median(samples)
}

export function fmtMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`
}

export function ratio(ours: number, theirs: number | undefined): string {
  return theirs === undefined ? '(reference not set up)' : `${(theirs / ours).toFixed(1)}x faster than the reference`
}

export function row(label: string, ours: number, theirs?: number, goal?: string): void {
  const ref = theirs === undefined ? '' : ` | reference ${fmtMs(theirs)} | ${ratio(ours, theirs)}`
  console.log(`${label.padEnd(44)} ours ${fmtMs(ours)}${ref}${goal ? ` | goal ${goal}` : ''}`)
}
