// Options of the composite providers `fallback` and `round-robin`.
import { BamlInvalidArgumentError } from '../../errors.ts'
import { canonicalProvider } from '../../ir/providers.ts'
import { isStringLike, resolveString, typeName, type EnvReader, type StringLike } from './config-values.ts'
import {
  pushError,
  rejectLeftovers,
  resolveHttpConfig,
  takeArray,
  takeHttpConfig,
  takeInt,
  type HttpSpec,
  type OptionBag,
} from './options-common.ts'
import type { ResolvedStrategyClient, StrategyTarget } from './types.ts'

export interface StrategySpec {
  readonly family: 'strategy'
  readonly provider: 'fallback' | 'round-robin'
  readonly strategy: readonly StringLike[]
  readonly start?: number
  readonly http: HttpSpec
}

/**
 * `provider/model` → a shorthand target, a plain name → a named target. An unknown provider before
 * the first `/` is an error ("Invalid client provider: X").
 */
export function parseClientRef(id: string): StrategyTarget | { readonly error: string } {
  const slash = id.indexOf('/')
  if (slash < 0) return { kind: 'named', name: id }
  const providerName = id.slice(0, slash)
  const provider = canonicalProvider(providerName)
  if (!provider) return { error: `Invalid client provider: ${providerName}` }
  if (provider === 'fallback' || provider === 'round-robin')
    return { error: `Shorthand clients cannot use the ${provider} provider: ${id}` }
  return { kind: 'shorthand', provider, model: id.slice(slash + 1), spec: id }
}

export function parseStrategyOptions(provider: 'fallback' | 'round-robin', bag: OptionBag): StrategySpec {
  const strategy: StringLike[] = []
  const list = takeArray(bag, 'strategy', true)
  if (list) {
    if (list.value.length === 0) pushError(bag, 'strategy must not be empty', list.span)
    for (const v of list.value) {
      if (!isStringLike(v)) {
        pushError(bag, `values in strategy must be strings. Got: ${typeName(v)}`, v.span)
        continue
      }
      if (v.kind !== 'env') {
        const ref = parseClientRef(v.kind === 'ident' ? v.name : v.value)
        if ('error' in ref) pushError(bag, `Invalid strategy: ${ref.error}`, v.span)
      }
      strategy.push(v)
    }
  }
  const start = provider === 'round-robin' ? takeInt(bag, 'start')?.value : undefined
  const http = takeHttpConfig(bag, true)
  rejectLeftovers(bag)
  return { family: 'strategy', provider, strategy, start, http }
}

export function resolveStrategyOptions(
  name: string,
  retryPolicy: string | undefined,
  spec: StrategySpec,
  env: EnvReader,
): ResolvedStrategyClient {
  const strategy = spec.strategy.map((v) => {
    const ref = parseClientRef(resolveString(v, env))
    if ('error' in ref) throw new BamlInvalidArgumentError(ref.error)
    return ref
  })
  return {
    name,
    retryPolicy,
    provider: spec.provider,
    family: 'strategy',
    strategy,
    ...(spec.start !== undefined && { start: spec.start }),
    http: resolveHttpConfig(spec.http, env),
  }
}
