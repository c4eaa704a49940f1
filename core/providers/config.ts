// Reading the few client options this layer needs (http timeouts, strategy lists, finish-reason lists,
// credentials) straight from the IR's unresolved ConfigValues. Request bodies are built elsewhere
// (core/providers/request), which resolves the rest of the options.
import type { ClientIR, ConfigValue } from '../ir/types.ts'
import type { JsonValue } from '../values.ts'

export type Env = Readonly<Record<string, string | undefined>>

/** A ConfigValue as plain JSON; `env.X` reads the environment (undefined when unset); bare words are strings. */
export function resolveConfigValue(v: ConfigValue, env: Env): JsonValue | undefined {
  switch (v.kind) {
    case 'string': return v.value
    case 'number': return v.value
    case 'bool': return v.value
    case 'null': return null
    case 'env': return env[v.name]
    case 'ident': return v.name
    case 'array': {
      const out: JsonValue[] = []
      for (const item of v.items) {
        const r = resolveConfigValue(item, env)
        if (r !== undefined) out.push(r)
      }
      return out
    }
    case 'map': {
      const out: { [key: string]: JsonValue } = {}
      for (const e of v.entries) {
        const r = resolveConfigValue(e.value, env)
        if (r !== undefined) out[e.key] = r
      }
      return out
    }
  }
}

export function optionEntry(client: ClientIR, key: string): ConfigValue | undefined {
  return client.options.entries.find((e) => e.key === key)?.value
}

export function optionValue(client: ClientIR, key: string, env: Env): JsonValue | undefined {
  const v = optionEntry(client, key)
  return v === undefined ? undefined : resolveConfigValue(v, env)
}

export function optionString(client: ClientIR, key: string, env: Env): string | undefined {
  const v = optionValue(client, key, env)
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined
}

/** A non-negative number, from a number or a numeric string; undefined otherwise. */
export function asNonNegativeNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
  return Number.isFinite(n) && n >= 0 ? n : undefined
}
