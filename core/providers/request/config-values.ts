// Reading client option values (ConfigValue) and resolving `env.X` references against an environment.
import type { ConfigValue } from '../../ir/types.ts'
import type { Span } from '../../syntax/span.ts'
import type { JsonValue } from '../../values.ts'
import { BamlInvalidArgumentError } from '../../errors.ts'

export type EnvMap = Readonly<Record<string, string | undefined>>

/** A value that resolves to a string: a literal, a bare word, or an `env.X` reference. */
export type StringLike = Extract<ConfigValue, { kind: 'string' | 'ident' | 'env' }>

export function isStringLike(v: ConfigValue): v is StringLike {
  return v.kind === 'string' || v.kind === 'ident' || v.kind === 'env'
}

/** An `env.NAME` node for a provider's default (e.g. OPENAI_API_KEY), spanning the client's options. */
export function envRef(name: string, span: Span): StringLike {
  return { kind: 'env', name, span }
}

export function literal(value: string, span: Span): StringLike {
  return { kind: 'string', value, quoted: 'double', span }
}

/** The reference's name for a value's type in "X must be a string. Got: number" messages. */
export function typeName(v: ConfigValue): string {
  switch (v.kind) {
    case 'string':
    case 'ident':
    case 'env':
      return 'string'
    case 'number':
      return 'number'
    case 'bool':
      return 'bool'
    case 'null':
      return 'null'
    case 'array': {
      const kinds = [...new Set(v.items.map(typeName))]
      if (kinds.length === 0) return '<empty>[]'
      return kinds.length === 1 ? `${kinds[0]}[]` : `(${kinds.join(' | ')})[]`
    }
    case 'map':
      return `{\n${v.entries.map((e) => `${e.key}: ${typeName(e.value)}`).join(',\n')}\n}`
  }
}

/**
 * Reads env vars for one resolution and records which names were read (and their values), so a
 * resolved client can be cached per the values it depends on.
 * Missing variables resolve to `$NAME` (the reference's lenient mode) unless `strict`, where they are
 * an error (the reference resolves aws-bedrock clients strictly).
 */
export class EnvReader {
  readonly names: string[] = []
  readonly values: (string | undefined)[] = []
  /** Variables a value needed but the environment lacks (they resolved to `$NAME`). */
  readonly missing: string[] = []
  strict = false

  constructor(private readonly env: EnvMap) {}

  /** The raw value, or undefined; recorded for the cache key. */
  peek(name: string): string | undefined {
    const value = this.env[name]
    if (!this.names.includes(name)) {
      this.names.push(name)
      this.values.push(value)
    }
    return value
  }

  get(name: string): string {
    const value = this.peek(name)
    if (value !== undefined) return value
    if (this.strict) throw new BamlInvalidArgumentError(`Environment variable ${name} not set`)
    if (!this.missing.includes(name)) this.missing.push(name)
    return `$${name}`
  }
}

export function resolveString(v: StringLike, env: EnvReader): string {
  return v.kind === 'env' ? env.get(v.name) : v.kind === 'ident' ? v.name : v.value
}

/** Resolves a whole option value to JSON (maps keep their order; env refs become strings). */
export function resolveJson(v: ConfigValue, env: EnvReader): JsonValue {
  switch (v.kind) {
    case 'string':
      return v.value
    case 'ident':
      return v.name
    case 'env':
      return env.get(v.name)
    case 'number':
      return v.value
    case 'bool':
      return v.value
    case 'null':
      return null
    case 'array':
      return v.items.map((item) => resolveJson(item, env))
    case 'map': {
      const out: Record<string, JsonValue> = {}
      for (const e of v.entries) out[e.key] = resolveJson(e.value, env)
      return out
    }
  }
}

/** The reference prints unresolved strings with Rust's Debug format in a few messages. */
export function debugString(v: StringLike): string {
  return v.kind === 'env' ? `EnvVar(${JSON.stringify(v.name)})` : `Value(${JSON.stringify(v.kind === 'ident' ? v.name : v.value)})`
}

/** Could two unresolved strings be equal? Env refs might be anything (the reference's `maybe_eq`). */
export function maybeEqual(a: StringLike, b: StringLike): boolean {
  if (a.kind === 'env' && b.kind === 'env') return a.name === b.name
  if (a.kind === 'env' || b.kind === 'env') return true
  return resolveStatic(a) === resolveStatic(b)
}

/** The literal text of a non-env string. */
function resolveStatic(v: Exclude<StringLike, { kind: 'env' }>): string {
  return v.kind === 'ident' ? v.name : v.value
}
