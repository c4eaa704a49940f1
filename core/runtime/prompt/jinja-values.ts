// Template values for BAML data: class instances, enum values, enum types and media, as the
// reference's `baml_value_to_jinja_value.rs` models them (see core/template/value.ts for the protocol).
import { debugString, HOST, repr, type HostObject } from '../../template/value.ts'
import { bamlJson } from '../../template/serialize.ts'
import { renderError } from '../../template/errors.ts'
import type { BamlMedia } from '../../values.ts'
import type { Conversion } from './args.ts'

export const MEDIA_DELIMITER = 'BAML_MEDIA_MAGIC_STRING_DELIMITER'
export const ROLE_DELIMITER = 'BAML_CHAT_ROLE_MAGIC_STRING_DELIMITER'

/** How a class's fields are named and converted (built once per class). */
export interface ClassSchema {
  /** Real name → alias, for aliased fields only. */
  readonly aliases: ReadonlyMap<string, string> | undefined
  /**
   * How a key of the raw object is read: 0 dropped (not a field), 1 as given (plain type),
   * 2 converted by `convert`. Dynamic classes keep unknown keys (2).
   */
  readonly mode: (name: string) => 0 | 1 | 2
  /** Convert a raw field value (already checked) to a template value, within conversion `cx`. */
  readonly convert: (name: string, raw: unknown, cx: Conversion) => unknown
}

const hasOwn = Object.prototype.hasOwnProperty

/**
 * A class instance: attributes by real field name; prints as a pretty map keyed by aliases, with
 * a `none` field printed as `null`; `format(type="json")` uses aliases too. Fields are in the
 * caller's order; unknown keys are dropped; a field converts when first read.
 */
export class ClassValue implements HostObject {
  readonly [HOST] = 'map' as const
  private cache: Map<string, unknown> | undefined
  private keys: string[] | undefined
  private printed: string | undefined
  constructor(
    readonly raw: Readonly<Record<string, unknown>>,
    readonly schema: ClassSchema,
    /** The argument conversion this instance belongs to (what its fields' unions match). */
    private readonly cx: Conversion,
  ) {}
  get(key: unknown): unknown {
    if (typeof key !== 'string' || !hasOwn.call(this.raw, key)) return undefined
    const mode = this.schema.mode(key)
    if (mode === 0) return undefined
    const rv = this.raw[key]
    if (mode === 1 || rv === undefined || rv === null) return rv
    const cache = (this.cache ??= new Map())
    let v = cache.get(key)
    if (v === undefined) cache.set(key, (v = this.schema.convert(key, rv, this.cx)))
    return v
  }
  iter(): string[] {
    if (this.keys) return this.keys
    const keys: string[] = []
    for (const k in this.raw) if (hasOwn.call(this.raw, k) && this.raw[k] !== undefined && this.schema.mode(k) !== 0) keys.push(k)
    return (this.keys = keys)
  }
  /** Printed as a pretty map keyed by aliases (see `HostObject.debugEntries`). */
  debugEntries(): [string, unknown][] {
    const entries: [string, unknown][] = []
    const aliases = this.schema.aliases
    for (const k of this.iter()) entries.push([debugString(aliases?.get(k) ?? k), this.get(k)])
    return entries
  }
  display(): string {
    return (this.printed ??= repr(this, true))
  }
  toJSON(): unknown {
    const o: Record<string, unknown> = {}
    const aliases = this.schema.aliases
    for (const k of this.iter()) o[aliases?.get(k) ?? k] = bamlJson(this.get(k))
    return o
  }
}

/** An enum value: prints its alias (or name), compares with strings by name, has `.value`. */
export class EnumValue implements HostObject {
  readonly [HOST] = 'map' as const
  constructor(
    readonly enumName: string,
    readonly name: string,
    readonly alias: string | undefined,
  ) {}
  get(key: unknown): unknown {
    return key === 'value' ? this.name : undefined
  }
  display(): string {
    return this.alias ?? this.name
  }
  truthy(): boolean {
    return true
  }
  compare(other: unknown): number | undefined {
    if (typeof other === 'string') return this.name < other ? -1 : this.name > other ? 1 : 0
    if (other instanceof EnumValue) {
      if (this.name !== other.name) return this.name < other.name ? -1 : 1
      const a = this.alias ?? ''
      const b = other.alias ?? ''
      return a < b ? -1 : a > b ? 1 : 0
    }
    return undefined
  }
  toJSON(): unknown {
    return this.alias ?? this.name
  }
}

/** The global named after an enum: `{{ Category.ONE }}` gives the value object. */
export class EnumType implements HostObject {
  readonly [HOST] = 'map' as const
  constructor(readonly values: ReadonlyMap<string, EnumValue>) {}
  get(key: unknown): unknown {
    return typeof key === 'string' ? this.values.get(key) : undefined
  }
  truthy(): boolean {
    return true
  }
  display(): string {
    return '{}'
  }
}

/** An image/audio/pdf/video argument: prints as a marker the prompt splitter turns into a media part. */
export class MediaValue implements HostObject {
  // a map without keys, like the reference's media object (`is mapping` is true)
  readonly [HOST] = 'map' as const
  readonly marker: string
  constructor(readonly media: BamlMedia) {
    this.marker = `${MEDIA_DELIMITER}:baml-start-media:${JSON.stringify(media)}:baml-end-media:${MEDIA_DELIMITER}`
  }
  display(): string {
    return this.marker
  }
  truthy(): boolean {
    return true
  }
  call(): unknown {
    throw renderError('unknown method', 'BamlImage has no callable attribute')
  }
}
