// Template values for BAML data: class instances, enum values, enum types and media, as the
// reference's `baml_value_to_jinja_value.rs` models them (see core/template/value.ts for the protocol).
import { debugMap, debugString, HOST, repr, type HostObject } from '../../template/value.ts'
import { bamlJson } from '../../template/serialize.ts'
import { renderError } from '../../template/errors.ts'
import type { BamlMedia } from '../../values.ts'

export const MEDIA_DELIMITER = 'BAML_MEDIA_MAGIC_STRING_DELIMITER'
export const ROLE_DELIMITER = 'BAML_CHAT_ROLE_MAGIC_STRING_DELIMITER'

/**
 * A class instance: attributes by real field name; prints as a pretty map keyed by aliases, with
 * a `none` field printed as `null`; `format(type="json")` uses aliases too.
 */
export class ClassValue implements HostObject {
  readonly [HOST] = 'map' as const
  private printed: string | undefined
  constructor(
    /** Field values by real name, in the order the caller gave them. */
    readonly fields: Map<string, unknown>,
    /** Real name → alias, for aliased fields only. */
    readonly aliases: ReadonlyMap<string, string> | undefined,
  ) {}
  get(key: unknown): unknown {
    return typeof key === 'string' ? this.fields.get(key) : undefined
  }
  iter(): string[] {
    return [...this.fields.keys()]
  }
  display(): string {
    if (this.printed !== undefined) return this.printed
    const entries: [string, string][] = []
    for (const [k, v] of this.fields) entries.push([debugString(this.aliases?.get(k) ?? k), v === null ? 'null' : repr(v, true)])
    return (this.printed = debugMap(entries, true))
  }
  debug(): string {
    return this.display()
  }
  toJSON(): unknown {
    const o: Record<string, unknown> = {}
    for (const [k, v] of this.fields) o[this.aliases?.get(k) ?? k] = bamlJson(v)
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
  debug(): string {
    return this.display()
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
  debug(): string {
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
  debug(): string {
    return this.marker
  }
  truthy(): boolean {
    return true
  }
  call(): unknown {
    throw renderError('unknown method', 'BamlImage has no callable attribute')
  }
}
