// Options of `ctx.output_format(...)` and their defaults.

/** How `ctx.output_format` renders; `undefined` always means "the default". */
export interface OutputFormatOptions {
  /** Text before the schema. `undefined`: chosen from the target type; `null`: no prefix. */
  prefix?: string | null
  /** Joins union members and inline enum values. Default `" or "`. */
  orSplitter?: string
  /** Written before each line of an enum block. Default `"- "`; `null` gives no prefix. */
  enumValuePrefix?: string | null
  /** Hoist every enum, not only those with more than 6 values or a described value. */
  alwaysHoistEnums?: boolean
  /** Written before hoisted class (and recursive alias) names; also replaces "schema" in the prefix. */
  hoistedClassPrefix?: string | null
  /**
   * Which classes to define once above the answer prefix. Recursive classes always are.
   * `true`: every class; `false`/`'auto'`: only recursive ones; a list: those (they must be used).
   */
  hoistClasses?: boolean | 'auto' | string[]
  /** `'angle'`: `map<K, V>` (default); `'object'`: `{K: V}`. */
  mapStyle?: 'angle' | 'object'
  /** Field lines as `"name": type,` instead of `name: type,`. */
  quoteClassFields?: boolean
  /** How the null type is written (default `"null"`; `null` keeps the default). */
  renderNullAs?: string | null
}

const DEFAULT_OR_SPLITTER = ' or '
const DEFAULT_ENUM_VALUE_PREFIX = '- '
const DEFAULT_NULL_TEXT = 'null'

/** Options with every default applied; what the renderer works from. */
export interface ResolvedOptions {
  /** `undefined`: automatic prefix. */
  readonly prefix: string | null | undefined
  readonly orSplitter: string
  readonly enumValuePrefix: string
  readonly alwaysHoistEnums: boolean
  /** Empty when there is none (an empty prefix counts as none). */
  readonly hoistedClassPrefix: string
  readonly hoistClasses: true | 'auto' | readonly string[]
  readonly objectMaps: boolean
  readonly quoteClassFields: boolean
  readonly nullText: string
}

const DEFAULT_RESOLVED: ResolvedOptions = {
  prefix: undefined,
  orSplitter: DEFAULT_OR_SPLITTER,
  enumValuePrefix: DEFAULT_ENUM_VALUE_PREFIX,
  alwaysHoistEnums: false,
  hoistedClassPrefix: '',
  hoistClasses: 'auto',
  objectMaps: false,
  quoteClassFields: false,
  nullText: DEFAULT_NULL_TEXT,
}

export function resolveOptions(o: OutputFormatOptions | undefined): ResolvedOptions {
  if (o === undefined) return DEFAULT_RESOLVED
  const hc = o.hoistClasses
  return {
    prefix: o.prefix,
    orSplitter: o.orSplitter ?? DEFAULT_OR_SPLITTER,
    enumValuePrefix: o.enumValuePrefix === undefined ? DEFAULT_ENUM_VALUE_PREFIX : (o.enumValuePrefix ?? ''),
    alwaysHoistEnums: o.alwaysHoistEnums === true,
    hoistedClassPrefix: o.hoistedClassPrefix ?? '',
    hoistClasses: hc === true ? true : Array.isArray(hc) ? hc : 'auto',
    objectMaps: o.mapStyle === 'object',
    quoteClassFields: o.quoteClassFields === true,
    nullText: o.renderNullAs ?? DEFAULT_NULL_TEXT,
  }
}

/** A string that identifies the rendering the options ask for (cache key). */
export function optionsKey(r: ResolvedOptions): string {
  if (r === DEFAULT_RESOLVED) return ''
  const hc = r.hoistClasses
  return [
    r.prefix === undefined ? '\u0001' : r.prefix === null ? '\u0002' : r.prefix,
    r.orSplitter,
    r.enumValuePrefix,
    r.alwaysHoistEnums ? '1' : '0',
    r.hoistedClassPrefix,
    hc === true ? '\u0001' : hc === 'auto' ? '\u0002' : hc.join('\u0003'),
    r.objectMaps ? '1' : '0',
    r.quoteClassFields ? '1' : '0',
    r.nullText,
  ].join('\u0000')
}
