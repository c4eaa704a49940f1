// The per-client settings of the transport and strategy layers, for callers that hold a ClientIR. All of them
// come from resolveClient (the one reader of client options), so they throw for options that do not resolve.
// planAttempts puts the same values on each Attempt.
import type { ClientIR } from '../../ir/types.ts'
import type { EnvMap } from '../request/config-values.ts'
import { resolveClient } from '../request/resolve-client.ts'
import type { FinishReasonFilter, HttpTimeouts } from '../types.ts'

/** A leaf's `http` timeouts as written (the transport applies its defaults); `{}` for a strategy client. */
export function readHttpTimeouts(client: ClientIR, env: EnvMap): HttpTimeouts {
  const r = resolveClient(client, env)
  return r.family === 'strategy' ? {} : r.timeouts
}

/** A strategy's `http { total_timeout_ms }`; undefined when unset, 0 (no limit) or for a leaf client. */
export function readTotalTimeoutMs(client: ClientIR, env: EnvMap): number | undefined {
  const r = resolveClient(client, env)
  return r.family === 'strategy' && r.http.totalTimeoutMs ? r.http.totalTimeoutMs : undefined
}

export function readFinishReasonFilter(client: ClientIR, env: EnvMap): FinishReasonFilter {
  const r = resolveClient(client, env)
  return r.family === 'strategy' ? {} : r.finishReasonFilter
}

/** `supports_streaming`, else false for OpenAI o1 models (`o1`, `o1-*`), true otherwise. */
export function readSupportsStreaming(client: ClientIR, env: EnvMap): boolean {
  const r = resolveClient(client, env)
  return r.family === 'strategy' || r.supportsStreaming
}
