// The per-client settings the strategy layer reads: http timeouts, total_timeout_ms, finish-reason lists,
// supports_streaming, client_response_type, round-robin `start` and strategy lists.
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { ClientIR } from '../../ir/types.ts'
import { asNonNegativeNumber, optionEntry, optionString, optionValue, resolveConfigValue, type Env } from '../config.ts'
import type { HttpTimeouts } from '../types.ts'

export interface FinishReasonFilter {
  /** Lower-cased. When set, only these finish reasons are accepted. */
  readonly allow?: readonly string[]
  /** Lower-cased. When set, these finish reasons are rejected. */
  readonly deny?: readonly string[]
}

function httpBlock(client: ClientIR, env: Env): Record<string, unknown> {
  const v = optionValue(client, 'http', env)
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {}
}

/** Leaf `http { connect_timeout_ms request_timeout_ms time_to_first_token_timeout_ms idle_timeout_ms }`. */
export function readHttpTimeouts(client: ClientIR, env: Env): HttpTimeouts {
  const h = httpBlock(client, env)
  const num = (k: string): number | undefined => asNonNegativeNumber(h[k])
  const out: { -readonly [K in keyof HttpTimeouts]: HttpTimeouts[K] } = {}
  const connect = num('connect_timeout_ms')
  const request = num('request_timeout_ms')
  const ttft = num('time_to_first_token_timeout_ms')
  const idle = num('idle_timeout_ms')
  if (connect !== undefined) out.connectTimeoutMs = connect
  if (request !== undefined) out.requestTimeoutMs = request
  if (ttft !== undefined) out.timeToFirstTokenTimeoutMs = ttft
  if (idle !== undefined) out.idleTimeoutMs = idle
  return out
}

/** Strategy `http { total_timeout_ms }`; undefined when unset or 0 (no limit). */
export function readTotalTimeoutMs(client: ClientIR, env: Env): number | undefined {
  const ms = asNonNegativeNumber(httpBlock(client, env)['total_timeout_ms'])
  return ms === undefined || ms === 0 ? undefined : ms
}

function stringList(client: ClientIR, key: string, env: Env): string[] | undefined {
  const v = optionValue(client, key, env)
  if (!Array.isArray(v)) return undefined
  return v.filter((x): x is string => typeof x === 'string').map((s) => s.toLowerCase())
}

export function readFinishReasonFilter(client: ClientIR, env: Env): FinishReasonFilter {
  const allow = stringList(client, 'finish_reason_allow_list', env)
  const deny = stringList(client, 'finish_reason_deny_list', env)
  return { ...(allow ? { allow } : {}), ...(deny ? { deny } : {}) }
}

/** `supports_streaming`, else auto: false for OpenAI o1 models (`o1`, `o1-*`), true otherwise. */
export function readSupportsStreaming(client: ClientIR, env: Env): boolean {
  const v = optionValue(client, 'supports_streaming', env)
  if (typeof v === 'boolean') return v
  if (v === 'true' || v === 'false') return v === 'true'
  if (client.provider === 'openai' || client.provider === 'azure-openai') {
    const model = optionString(client, 'model', env)
    if (model !== undefined && (model === 'o1' || model.startsWith('o1-'))) return false
  }
  return true
}

export function readClientResponseType(client: ClientIR, env: Env): string | undefined {
  return optionString(client, 'client_response_type', env)
}

/** `strategy [A, "openai/gpt-4o", ...]` of a fallback / round-robin client. */
export function readStrategyList(client: ClientIR, env: Env): string[] {
  const v = optionEntry(client, 'strategy')
  if (v === undefined) throw new BamlInvalidArgumentError(`Client ${client.name}: ${client.provider} needs a strategy list`)
  const resolved = resolveConfigValue(v, env)
  const list = Array.isArray(resolved) ? resolved.filter((x): x is string => typeof x === 'string') : []
  if (list.length === 0) throw new BamlInvalidArgumentError(`Client ${client.name}: the strategy list is empty`)
  return list
}

/** Round-robin `start`: an integer index, or undefined. */
export function readRoundRobinStart(client: ClientIR, env: Env): number | undefined {
  const n = asNonNegativeNumber(optionValue(client, 'start', env))
  return n === undefined ? undefined : Math.floor(n)
}
