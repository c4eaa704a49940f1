// Client options: load-time validation (`validateClient`) and per-call resolution against the
// environment (`resolveClient`), both cached since they run for every call.
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { ClientIR } from '../../ir/types.ts'
import type { Diagnostic } from '../../syntax/diagnostics.ts'
import type { Span } from '../../syntax/span.ts'
import { EnvReader, type EnvMap } from './config-values.ts'
import { newOptionBag } from './options-common.ts'
import { parseAnthropicOptions, resolveAnthropicOptions, type AnthropicSpec } from './options-anthropic.ts'
import { parseBedrockOptions, resolveBedrockOptions, type BedrockSpec } from './options-bedrock.ts'
import { parseGoogleOptions, resolveGoogleOptions, type GoogleSpec } from './options-google.ts'
import { parseOpenAIOptions, resolveOpenAIOptions, type OpenAISpec } from './options-openai.ts'
import { parseClientRef, parseStrategyOptions, resolveStrategyOptions, type StrategySpec } from './options-strategy.ts'
import { parseVertexOptions, resolveVertexOptions, type VertexSpec } from './options-vertex.ts'
import type { ClientRenderContext, ResolvedClient, ResolvedLeafClient } from './types.ts'

type ClientSpec = OpenAISpec | AnthropicSpec | GoogleSpec | VertexSpec | BedrockSpec | StrategySpec

interface Parsed {
  readonly spec: ClientSpec
  readonly diagnostics: readonly Diagnostic[]
  /** The diagnostics that stop resolution (all but the load-only ones). */
  readonly blocking: readonly Diagnostic[]
}

const parsedCache = new WeakMap<ClientIR, Parsed>()

function parseClient(client: ClientIR): Parsed {
  const cached = parsedCache.get(client)
  if (cached) return cached
  const bag = newOptionBag(client)
  let spec: ClientSpec
  switch (client.provider) {
    case 'anthropic':
      spec = parseAnthropicOptions(bag)
      break
    case 'google-ai':
      spec = parseGoogleOptions(bag)
      break
    case 'vertex-ai':
      spec = parseVertexOptions(bag)
      break
    case 'aws-bedrock':
      spec = parseBedrockOptions(bag)
      break
    case 'fallback':
    case 'round-robin':
      spec = parseStrategyOptions(client.provider, bag)
      break
    default:
      spec = parseOpenAIOptions(client.provider, bag)
  }
  const parsed = { spec, diagnostics: bag.errors, blocking: bag.errors.filter((d) => !bag.loadOnly.has(d)) }
  parsedCache.set(client, parsed)
  return parsed
}

/** Load-time option errors for one client (wrong types, missing required options, unknown keys...). */
export function validateClient(client: ClientIR): Diagnostic[] {
  return [...parseClient(client).diagnostics]
}

interface CacheEntry {
  readonly names: readonly string[]
  readonly values: readonly (string | undefined)[]
  readonly resolved: ResolvedClient
}

const MAX_CACHED_ENVS = 8
const resolvedCache = new WeakMap<ClientIR, CacheEntry[]>()

function sameEnv(entry: CacheEntry, env: EnvMap): boolean {
  for (let i = 0; i < entry.names.length; i++) if (env[entry.names[i]!] !== entry.values[i]) return false
  return true
}

/**
 * Resolves a client's options for one call. `env.X` references (and provider defaults such as
 * OPENAI_API_KEY) are read from `env`; a missing variable becomes the text `$X` (aws-bedrock: an error).
 * Results are cached per client and per the values of the env vars actually read.
 * Throws BamlInvalidArgumentError when the options are invalid.
 */
export function resolveClient(client: ClientIR, env: EnvMap): ResolvedClient {
  let entries = resolvedCache.get(client)
  if (entries) {
    for (const e of entries) if (sameEnv(e, env)) return e.resolved
  }
  const { spec, blocking } = parseClient(client)
  if (blocking.length > 0)
    throw new BamlInvalidArgumentError(
      `Client ${client.name} (${client.provider}) has invalid options:\n${blocking.map((d) => `  - ${d.message}`).join('\n')}`,
    )
  const reader = new EnvReader(env)
  const spec0 = resolveSpec(client.name, client.retryPolicy, spec, reader)
  const envValues = reader.values.filter((v): v is string => v !== undefined && v !== '')
  const resolved: ResolvedClient = { ...spec0, ...(reader.missing.length ? { missingEnv: reader.missing } : {}), envValues }
  if (!entries) resolvedCache.set(client, (entries = []))
  entries.unshift({ names: reader.names, values: reader.values, resolved })
  if (entries.length > MAX_CACHED_ENVS) entries.pop()
  return resolved
}

function resolveSpec(name: string, retryPolicy: string | undefined, spec: ClientSpec, env: EnvReader): ResolvedClient {
  switch (spec.family) {
    case 'openai':
      return resolveOpenAIOptions(name, retryPolicy, spec, env)
    case 'anthropic':
      return resolveAnthropicOptions(name, retryPolicy, spec, env)
    case 'google':
      return resolveGoogleOptions(name, retryPolicy, spec, env)
    case 'vertex':
      return resolveVertexOptions(name, retryPolicy, spec, env)
    case 'bedrock':
      return resolveBedrockOptions(name, retryPolicy, spec, env)
    case 'strategy':
      return resolveStrategyOptions(name, retryPolicy, spec, env)
  }
}

const SHORTHAND_SPAN: Span = { file: '<shorthand>', start: 0, end: 0 }
const shorthandClients = new Map<string, ClientIR>()

/**
 * The ClientIR for `"provider/model"` (a function's `client "openai/gpt-4o"` or a call option): a
 * client whose only option is `model`. Cached per string. Throws for an unknown provider or a name
 * without `/`.
 */
export function shorthandClientIR(shorthand: string): ClientIR {
  const cached = shorthandClients.get(shorthand)
  if (cached) return cached
  const ref = parseClientRef(shorthand)
  if ('error' in ref) throw new BamlInvalidArgumentError(ref.error)
  if (ref.kind !== 'shorthand') throw new BamlInvalidArgumentError(`Not a "provider/model" shorthand: ${shorthand}`)
  const span = SHORTHAND_SPAN
  const client: ClientIR = {
    name: shorthand,
    provider: ref.provider,
    options: {
      kind: 'map',
      span,
      entries: [{ key: 'model', keySpan: span, value: { kind: 'string', value: ref.model, quoted: 'double', span } }],
    },
    span,
  }
  shorthandClients.set(shorthand, client)
  return client
}

/** `resolveClient` for a `"provider/model"` shorthand. */
export function resolveShorthandClient(shorthand: string, env: EnvMap): ResolvedLeafClient {
  return resolveClient(shorthandClientIR(shorthand), env) as ResolvedLeafClient
}

const renderContexts = new WeakMap<ResolvedLeafClient, ClientRenderContext>()

/**
 * What the prompt renderer needs from a client: `ctx.client` and the role rules for splitting.
 * The same object is returned for the same resolved client (renderers may cache per context).
 */
export function clientRenderContext(client: ResolvedLeafClient): ClientRenderContext {
  let ctx = renderContexts.get(client)
  if (!ctx) {
    ctx = {
      name: client.name,
      provider: client.provider,
      defaultRole: client.defaultRole,
      allowedRoles: client.allowedRoles,
      remapRoles: client.remapRoles,
      options: client.body,
    }
    renderContexts.set(client, ctx)
  }
  return ctx
}
