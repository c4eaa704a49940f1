// Call options, results and errors as plain data, for the sync client's worker: a TypeBuilder
// travels as the classes and enums it adds, a ClientRegistry as its clients, errors as their class
// name and fields, and the worker's collector entries come back to be recorded on the caller's side.
import {
  BamlAbortError,
  BamlClientError,
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlError,
  BamlInvalidArgumentError,
  BamlLoadError,
  BamlTemplateError,
  BamlTimeoutError,
  BamlValidationError,
  ClientRegistry,
  TypeBuilder,
  type BamlIR,
  type ConfigValue,
  type EnumValueIR,
  type FieldIR,
  type FunctionLog,
  type ProviderName,
} from '../../index.ts'

export interface TypeBuilderData {
  readonly classes: readonly { readonly name: string; readonly isNew: boolean; readonly description?: string; readonly fields: readonly FieldIR[] }[]
  readonly enums: readonly { readonly name: string; readonly isNew: boolean; readonly values: readonly EnumValueIR[] }[]
}

export interface RegistryData {
  readonly clients: readonly { readonly name: string; readonly provider: ProviderName; readonly options: unknown; readonly retryPolicy?: string }[]
  readonly primary?: string
}

/** Everything a call needs besides the function and its arguments. */
export interface CallData {
  readonly env: Record<string, string>
  readonly client?: string
  readonly tags?: Record<string, string>
  readonly registry?: RegistryData
  readonly typeBuilder?: TypeBuilderData
  /** Send back what a collector would have recorded. */
  readonly collect: boolean
}

export interface ErrorData {
  readonly name: string
  readonly message: string
  readonly fields: Record<string, unknown>
}

export type LogData = Omit<FunctionLog, 'id' | 'usage'>

export type Reply =
  | { readonly ok: true; readonly value: unknown; readonly logs: readonly LogData[] }
  | { readonly ok: false; readonly error: ErrorData; readonly logs: readonly LogData[] }

/** What a TypeBuilder adds to `base`, as data. */
export function typeBuilderData(base: BamlIR, tb: TypeBuilder): TypeBuilderData {
  const ext = tb.apply(base)
  const classes: TypeBuilderData['classes'][number][] = []
  for (const [name, c] of ext.classes) {
    const b = base.classes.get(name)
    if (b === c) continue
    const kept = new Set(b?.fields ?? [])
    const description = c.description !== b?.description ? c.description : undefined
    classes.push({ name, isNew: !b, ...(description !== undefined ? { description } : {}), fields: c.fields.filter((f) => !kept.has(f)) })
  }
  const enums: TypeBuilderData['enums'][number][] = []
  for (const [name, e] of ext.enums) {
    const b = base.enums.get(name)
    if (b === e) continue
    const kept = new Set(b?.values ?? [])
    enums.push({ name, isNew: !b, values: e.values.filter((v) => !kept.has(v)) })
  }
  return { classes, enums }
}

export function typeBuilderFromData(d: TypeBuilderData): TypeBuilder {
  const tb = new TypeBuilder()
  for (const c of d.classes) {
    const cb = c.isNew ? tb.addClass(c.name) : tb.class(c.name)
    if (c.description !== undefined) cb.description(c.description)
    for (const f of c.fields) {
      const p = cb.addProperty(f.name, f.type)
      if (f.alias !== undefined) p.alias(f.alias)
      if (f.description !== undefined) p.description(f.description)
    }
  }
  for (const e of d.enums) {
    const eb = e.isNew ? tb.addEnum(e.name) : tb.enum(e.name)
    for (const v of e.values) {
      const vb = eb.addValue(v.name)
      if (v.alias !== undefined) vb.alias(v.alias)
      if (v.description !== undefined) vb.description(v.description)
      if (v.skip) vb.skip()
    }
  }
  return tb
}

/** A config value as the JSON it was made from (registry clients are built from JSON). */
function configToJson(v: ConfigValue): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value
    case 'null':
      return null
    case 'env':
      return `env.${v.name}`
    case 'ident':
      return v.name
    case 'array':
      return v.items.map(configToJson)
    case 'map':
      return Object.fromEntries(v.entries.map((e) => [e.key, configToJson(e.value)]))
  }
}

export function registryData(reg: ClientRegistry): RegistryData {
  const clients = [...reg.clients.values()].map((c) => ({
    name: c.name,
    provider: c.provider,
    options: configToJson(c.options),
    ...(c.retryPolicy !== undefined ? { retryPolicy: c.retryPolicy } : {}),
  }))
  return { clients, ...(reg.primary !== undefined ? { primary: reg.primary } : {}) }
}

export function registryFromData(d: RegistryData): ClientRegistry {
  const reg = new ClientRegistry()
  for (const c of d.clients) reg.addLlmClient(c.name, c.provider, c.options as Record<string, unknown>, c.retryPolicy)
  if (d.primary !== undefined) reg.setPrimary(d.primary)
  return reg
}

const ERRORS: Record<string, { readonly prototype: Error }> = {
  BamlError,
  BamlLoadError,
  BamlInvalidArgumentError,
  BamlTemplateError,
  BamlValidationError,
  BamlClientFinishReasonError,
  BamlClientError,
  BamlClientHttpError,
  BamlTimeoutError,
  BamlAbortError,
  Error,
  TypeError,
  RangeError,
}

function plain(v: unknown): unknown {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return undefined
  if (v instanceof Error) return errorData(v)
  try {
    return JSON.parse(JSON.stringify(v)) as unknown
  } catch {
    return String(v)
  }
}

export function errorData(e: unknown): ErrorData {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} }
  const fields: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(e)) if (k !== 'name' && k !== 'message' && k !== 'stack') fields[k] = plain(v)
  return { name: e.name, message: e.message, fields }
}

/** The error again, of the same class (so `instanceof` works), with the same fields. */
export function errorFromData(d: ErrorData): Error {
  const proto = (ERRORS[d.name] ?? Error).prototype
  const e = Object.create(proto) as Error
  Object.assign(e, d.fields)
  Object.defineProperty(e, 'message', { value: d.message, writable: true, configurable: true })
  Object.defineProperty(e, 'name', { value: d.name, writable: true, configurable: true })
  Object.defineProperty(e, 'stack', { value: `${d.name}: ${d.message}\n    at <baml sync worker>`, writable: true, configurable: true })
  return e
}

/** A collector entry as JSON (attempt errors become error data). */
export function logData(log: FunctionLog): LogData {
  const { id: _id, usage: _usage, ...rest } = log
  return { ...rest, calls: rest.calls.map((c) => (c.error ? { ...c, error: errorData(c.error) as unknown as Error } : c)) }
}

export function logFromData(d: LogData): LogData {
  return { ...d, calls: d.calls.map((c) => (c.error ? { ...c, error: errorFromData(c.error as unknown as ErrorData) } : c)) }
}
