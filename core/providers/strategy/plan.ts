// Expand a client into the reference's flat list of attempts (orchestrator `iter_orchestrator`):
// - a leaf client is one attempt;
// - `fallback` is each child's full expansion in order (children keep their own retry policies);
// - `round-robin` is ONE child's expansion, chosen from the shared rotating index plus a per-call offset
//   (so a round-robin client retried by its own policy moves to the next child on every retry);
// - a client with `retry_policy` repeats its expansion max_retries + 1 times, each copy carrying its delay.
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { ClientIR, RetryPolicyIR } from '../../ir/types.ts'
import type { EnvMap } from '../request/config-values.ts'
import { parseClientRef } from '../request/options-strategy.ts'
import { resolveClient, shorthandClientIR } from '../request/resolve-client.ts'
import type { ResolvedLeafClient, ResolvedStrategyClient, StrategyTarget } from '../request/types.ts'
import type { FinishReasonFilter, HttpTimeouts, LeafProviderName } from '../types.ts'
import { maxRetryAfterMs, retryDelays } from './retry-delays.ts'
import type { RoundRobinState } from './round-robin.ts'

/** Where clients and retry policies come from: a BamlIR fits, and so does a runtime client registry view. */
export interface ClientLookup {
  readonly clients: ReadonlyMap<string, ClientIR>
  readonly retryPolicies: ReadonlyMap<string, RetryPolicyIR>
}

export type AttemptScope =
  | { readonly kind: 'fallback'; readonly client: string; readonly index: number }
  | { readonly kind: 'round-robin'; readonly client: string; readonly index: number }
  | { readonly kind: 'retry'; readonly client: string; readonly policy: string; readonly attempt: number; readonly of: number; readonly delayMs: number; readonly maxRetryAfterMs: number }

/** A `total_timeout_ms` window: every attempt with the same key shares one deadline, counted from the first of them. */
export interface TotalTimeoutWindow {
  readonly key: string
  readonly client: string
  readonly ms: number
}

export interface Attempt {
  /** Position in the plan. */
  readonly index: number
  /** The leaf client to call (shorthands like "openai/gpt-4o" become a client with only `model`). */
  readonly client: ClientIR
  readonly clientName: string
  readonly provider: LeafProviderName
  /** Enclosing strategies and retries, outermost first. */
  readonly scopes: readonly AttemptScope[]
  /** e.g. `MyFallback[1] > Retry(MyPolicy 2/3) > ClientB` */
  readonly label: string
  /** Wait after this attempt fails, before the next one (the innermost non-zero retry delay; 0 if none). */
  readonly delayAfterFailureMs: number
  /** Cap for honouring a `retry-after` header after this attempt (0 when no retry delay applies). */
  readonly maxRetryAfterMs: number
  /**
   * The leaf's options resolved (resolveClient) for the call's environment; the fields below come from it.
   * Undefined when they do not resolve: `resolveError` says why, and the attempt fails with it when it runs
   * (planning does not fail, so a fallback's earlier children still get their turn).
   */
  readonly resolved?: ResolvedLeafClient
  readonly resolveError?: Error
  /** `resolved.timeouts`: as written, the transport applies its defaults. */
  readonly timeouts: HttpTimeouts
  readonly totalTimeouts: readonly TotalTimeoutWindow[]
  readonly finishReasonFilter: FinishReasonFilter
  readonly supportsStreaming: boolean
  /** Openai family: `resolved.responseType` (`client_response_type`), for the transport's response reader. */
  readonly clientResponseType?: string
}

export interface PlanOptions {
  readonly env?: EnvMap
}

/**
 * A `provider/model` shorthand as a client whose only option is `model` (one ClientIR per string), or
 * undefined when `spec` is not one (no `/`, an unknown or composite provider, an empty model).
 */
export function shorthandClient(spec: string): ClientIR | undefined {
  const ref = parseClientRef(spec)
  if ('error' in ref || ref.kind !== 'shorthand' || ref.model === '') return undefined
  return shorthandClientIR(spec)
}

export function lookupClient(lookup: ClientLookup, name: string): ClientIR {
  const c = lookup.clients.get(name) ?? shorthandClient(name)
  if (!c) throw new BamlInvalidArgumentError(`Client not found: ${name}`)
  return c
}

function resolveStrategy(client: ClientIR, env: EnvMap): ResolvedStrategyClient {
  const r = resolveClient(client, env)
  if (r.family !== 'strategy') throw new BamlInvalidArgumentError(`Client ${client.name} is not a fallback or round-robin client`)
  return r
}

const targetName = (t: StrategyTarget): string => (t.kind === 'named' ? t.name : t.spec)

const ACCEPT_ALL: FinishReasonFilter = {}

interface Node {
  readonly client: ClientIR
  readonly scopes: readonly AttemptScope[]
  readonly windows: readonly TotalTimeoutWindow[]
}

function scopeLabel(s: AttemptScope): string {
  switch (s.kind) {
    case 'fallback': return `${s.client}[${s.index}]`
    case 'round-robin': return `${s.client}(round-robin ${s.index})`
    case 'retry': return `Retry(${s.policy} ${s.attempt + 1}/${s.of})`
  }
}

/**
 * The attempts for one call of `clientName`, in order. Reads (and, for new round-robin clients, seeds)
 * `rr`; runAttempts advances it as attempts run.
 */
export function planAttempts(lookup: ClientLookup, clientName: string, rr: RoundRobinState, opts: PlanOptions = {}): Attempt[] {
  const env = opts.env ?? {}
  const usage = new Map<string, number>() // per-call offset of each round-robin client

  const expand = (name: string, stack: readonly string[], path: string): Node[] => {
    if (stack.includes(name)) throw new BamlInvalidArgumentError(`Client strategies form a cycle: ${[...stack, name].join(' -> ')}`)
    const client = lookupClient(lookup, name)
    const inner = [...stack, name]
    const provider = client.provider

    const body = (): Node[] => {
      if (provider !== 'fallback' && provider !== 'round-robin') return [{ client, scopes: [], windows: [] }]
      const strategy = resolveStrategy(client, env)
      const children = strategy.strategy.map(targetName)
      const total = strategy.http.totalTimeoutMs
      // total_timeout_ms 0 means no limit.
      const window: TotalTimeoutWindow[] = total ? [{ key: `${path}/${name}`, client: name, ms: total }] : []
      const wrap = (nodes: Node[], scope: AttemptScope): Node[] =>
        nodes.map((n) => ({ client: n.client, scopes: [scope, ...n.scopes], windows: [...window, ...n.windows] }))
      if (provider === 'fallback') {
        return children.flatMap((child, i) => wrap(expand(child, inner, `${path}/${name}[${i}]`), { kind: 'fallback', client: name, index: i }))
      }
      const n = children.length
      // A negative `start` counts as none.
      if (!rr.indices.has(name)) rr.indices.set(name, Math.max(0, strategy.start ?? 0) % n)
      const offset = usage.get(name) ?? 0
      usage.set(name, offset + 1)
      const idx = (rr.indices.get(name)! + offset) % n
      return wrap(expand(children[idx]!, inner, `${path}/${name}(rr)`), { kind: 'round-robin', client: name, index: idx })
    }

    if (client.retryPolicy === undefined) return body()
    const policy = lookup.retryPolicies.get(client.retryPolicy)
    if (!policy) throw new BamlInvalidArgumentError(`Client ${name}: retry policy not found: ${client.retryPolicy}`)
    const delays = retryDelays(policy)
    const cap = maxRetryAfterMs(policy)
    return delays.flatMap((delayMs, attempt) => {
      const scope: AttemptScope = { kind: 'retry', client: name, policy: policy.name, attempt, of: delays.length, delayMs, maxRetryAfterMs: cap }
      return body().map((n) => ({ client: n.client, scopes: [scope, ...n.scopes], windows: n.windows }))
    })
  }

  return expand(clientName, [], '').map((n, index): Attempt => {
    // The reference sleeps for the innermost retry scope with a non-zero delay.
    let delay = 0
    let cap = 0
    for (let i = n.scopes.length - 1; i >= 0; i--) {
      const s = n.scopes[i]!
      if (s.kind === 'retry' && s.delayMs > 0) {
        delay = s.delayMs
        cap = s.maxRetryAfterMs
        break
      }
    }
    let resolved: ResolvedLeafClient | undefined
    let resolveError: Error | undefined
    try {
      resolved = resolveClient(n.client, env) as ResolvedLeafClient
    } catch (e) {
      resolveError = e instanceof Error ? e : new BamlInvalidArgumentError(String(e))
    }
    return {
      index,
      client: n.client,
      clientName: n.client.name,
      provider: n.client.provider as LeafProviderName,
      scopes: n.scopes,
      label: [...n.scopes.map(scopeLabel), n.client.name].join(' > '),
      delayAfterFailureMs: delay,
      maxRetryAfterMs: cap,
      ...(resolved ? { resolved } : {}),
      ...(resolveError ? { resolveError } : {}),
      timeouts: resolved?.timeouts ?? {},
      totalTimeouts: n.windows,
      finishReasonFilter: resolved?.finishReasonFilter ?? ACCEPT_ALL,
      supportsStreaming: resolved?.supportsStreaming ?? true,
      ...(resolved?.family === 'openai' ? { clientResponseType: resolved.responseType } : {}),
    }
  })
}
