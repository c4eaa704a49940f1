// Building ClientIR / RetryPolicyIR by hand for provider tests (options, strategies, retries).
import type { ClientIR, ConfigEntry, ConfigValue, ProviderName, RetryPolicyIR } from '../../../core/ir/types.ts'
import type { ClientLookup } from '../../../core/providers/strategy/plan.ts'

const span = { file: 'test.baml', start: 0, end: 0 }

/** An option value: `{ env: 'X' }` is `env.X`, `{ ident: 'A' }` a bare word, arrays of plain strings stay strings. */
export type Opt = string | number | boolean | null | { env: string } | { ident: string } | Opt[] | { [k: string]: Opt }

export function cv(v: Opt): ConfigValue {
  if (v === null) return { kind: 'null', span }
  if (typeof v === 'string') return { kind: 'string', value: v, quoted: 'double', span }
  if (typeof v === 'number') return { kind: 'number', value: v, isInt: Number.isInteger(v), span }
  if (typeof v === 'boolean') return { kind: 'bool', value: v, span }
  if (Array.isArray(v)) return { kind: 'array', items: v.map(cv), span }
  if ('env' in v && typeof v.env === 'string') return { kind: 'env', name: v.env, span }
  if ('ident' in v && typeof v.ident === 'string') return { kind: 'ident', name: v.ident, span }
  const entries: ConfigEntry[] = Object.entries(v).map(([key, value]) => ({ key, keySpan: span, value: cv(value as Opt) }))
  return { kind: 'map', entries, span }
}

export function client(name: string, provider: ProviderName, options: Record<string, Opt> = {}, retryPolicy?: string): ClientIR {
  const map = cv(options) as Extract<ConfigValue, { kind: 'map' }>
  return retryPolicy === undefined ? { name, provider, options: map, span } : { name, provider, options: map, retryPolicy, span }
}

/** `strategy [A, B]` written as bare client names (strings with a "/" stay strings: shorthands). */
export function strategy(...names: string[]): Opt {
  return names.map((n) => (n.includes('/') ? n : { ident: n }))
}

export function constant(name: string, maxRetries: number, delayMs: number): RetryPolicyIR {
  return { name, maxRetries, strategy: { type: 'constant_delay', delayMs }, span }
}

export function exponential(name: string, maxRetries: number, delayMs = 200, multiplier = 1.5, maxDelayMs = 10_000): RetryPolicyIR {
  return { name, maxRetries, strategy: { type: 'exponential_backoff', delayMs, multiplier, maxDelayMs }, span }
}

export function lookup(clients: readonly ClientIR[], policies: readonly RetryPolicyIR[] = []): ClientLookup {
  return { clients: new Map(clients.map((c) => [c.name, c])), retryPolicies: new Map(policies.map((p) => [p.name, p])) }
}
