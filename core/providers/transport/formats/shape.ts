// Small readers for untrusted JSON from providers. A response that does not have the expected shape
// raises ShapeError, which the transport reports as a (retryable) client error, as the reference does.
import type { LlmUsage } from '../../types.ts'

export class ShapeError extends Error {
  override name = 'ShapeError'
}

export type JsonRecord = { readonly [key: string]: unknown }

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function asRecord(v: unknown, what: string): JsonRecord {
  if (!isRecord(v)) throw new ShapeError(`${what}: expected an object, got ${describe(v)}`)
  return v
}

export function asArray(v: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(`${what}: expected an array, got ${describe(v)}`)
  return v
}

/** A string field, or undefined when absent/null. Wrong types are an error. */
export function optString(r: JsonRecord, key: string, what: string): string | undefined {
  const v = r[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') throw new ShapeError(`${what}.${key}: expected a string, got ${describe(v)}`)
  return v
}

/** A number field, or null when absent/null/not a number (usage counters are best-effort). */
export function optCount(r: JsonRecord | undefined, key: string): number | null {
  const v = r?.[key]
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

export function optRecord(r: JsonRecord, key: string): JsonRecord | undefined {
  const v = r[key]
  return isRecord(v) ? v : undefined
}

export function usage(input: number | null, output: number | null, total: number | null, cached: number | null): LlmUsage {
  return { inputTokens: input, outputTokens: output, totalTokens: total, cachedInputTokens: cached }
}

/** Overlay the non-null counters of `next` on `prev`. */
export function mergeUsage(prev: LlmUsage, next: LlmUsage): LlmUsage {
  return {
    inputTokens: next.inputTokens ?? prev.inputTokens,
    outputTokens: next.outputTokens ?? prev.outputTokens,
    totalTokens: next.totalTokens ?? prev.totalTokens,
    cachedInputTokens: next.cachedInputTokens ?? prev.cachedInputTokens,
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  return typeof v
}
