// ClientRegistry: clients added at run time (and a primary that overrides a function's client),
// as in the reference's TypeScript API.
import { BamlInvalidArgumentError } from '../errors.ts'
import { canonicalProvider } from '../ir/providers.ts'
import type { ClientIR, ConfigEntry, ConfigValue } from '../ir/types.ts'
import type { Span } from '../syntax/span.ts'

const SPAN: Span = { file: '<client registry>', start: 0, end: 0 }

/** A JSON value as a config value (what `options { ... }` would have parsed to). */
export function jsonToConfigValue(v: unknown): ConfigValue {
  if (v === null || v === undefined) return { kind: 'null', span: SPAN }
  if (typeof v === 'string') return { kind: 'string', value: v, quoted: 'double', span: SPAN }
  if (typeof v === 'number') return { kind: 'number', value: v, isInt: Number.isInteger(v), span: SPAN }
  if (typeof v === 'boolean') return { kind: 'bool', value: v, span: SPAN }
  if (Array.isArray(v)) return { kind: 'array', items: v.map(jsonToConfigValue), span: SPAN }
  if (typeof v === 'object') {
    const entries: ConfigEntry[] = Object.entries(v as Record<string, unknown>).map(([key, x]) => ({ key, keySpan: SPAN, value: jsonToConfigValue(x) }))
    return { kind: 'map', entries, span: SPAN }
  }
  throw new BamlInvalidArgumentError(`client option values must be JSON, got ${typeof v}`)
}

export class ClientRegistry {
  private readonly added = new Map<string, ClientIR>()
  private primaryName: string | undefined

  /** Add (or replace) a client: `provider` as in a `client<llm>` block, `options` as its options map. */
  addLlmClient(name: string, provider: string, options: Record<string, unknown> = {}, retryPolicy?: string): void {
    const p = canonicalProvider(provider)
    if (!p) throw new BamlInvalidArgumentError(`Invalid client provider: ${provider}`)
    const opts = jsonToConfigValue(options)
    if (opts.kind !== 'map') throw new BamlInvalidArgumentError('client options must be an object')
    this.added.set(name, { name, provider: p, options: opts, span: SPAN, ...(retryPolicy ? { retryPolicy } : {}) })
  }

  /** Use this client (a registered name, a project client, or "provider/model") for every call. */
  setPrimary(name: string): void {
    this.primaryName = name
  }

  get primary(): string | undefined {
    return this.primaryName
  }

  get clients(): ReadonlyMap<string, ClientIR> {
    return this.added
  }
}
