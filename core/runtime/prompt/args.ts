// Function arguments → template values, checked against the parameter types like the reference's
// argument coercion: floats become floats (`3` prints `3.0`), classes become ClassValue (fields in
// the caller's order, unknown keys dropped, missing optional fields left out), enums EnumValue,
// media MediaValue, lists BAML lists (nested none prints `null`), maps ordered maps.
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { BamlIR, ClassIR, EnumIR, FunctionIR, ParamIR, TypeIR } from '../../ir/types.ts'
import { isMedia } from '../../values.ts'
import { float, nullList } from '../../template/value.ts'
import { ClassValue, EnumValue, MediaValue } from './jinja-values.ts'

/** A value that does not fit its type: the message names the path, like the reference. */
class ArgMismatch {
  constructor(readonly message: string) {}
}

/** How the reference prints a JSON-ish value in "got `...`" (serde_json::Value's Debug). */
function describe(v: unknown): string {
  if (v === null || v === undefined) return 'Null'
  if (typeof v === 'string') return `String(${JSON.stringify(v)})`
  if (typeof v === 'number') return `Number(${v})`
  if (typeof v === 'boolean') return `Bool(${v})`
  if (Array.isArray(v)) return `Array [${v.map(describe).join(', ')}]`
  if (isMedia(v)) return `Media(${v.__baml_media})`
  return `Object {${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${describe(x)}`).join(', ')}}`
}

interface Ctx {
  readonly ir: BamlIR
  readonly enumCache: Map<EnumIR, Map<string, EnumValue>>
  readonly aliasCache: Map<ClassIR, ReadonlyMap<string, string> | undefined>
}

const ctxCache = new WeakMap<BamlIR, Ctx>()

function ctxFor(ir: BamlIR): Ctx {
  let c = ctxCache.get(ir)
  if (!c) ctxCache.set(ir, (c = { ir, enumCache: new Map(), aliasCache: new Map() }))
  return c
}

/** The enum value objects of an enum, by name (cached per IR). */
export function enumValues(ir: BamlIR, e: EnumIR): Map<string, EnumValue> {
  const c = ctxFor(ir)
  let m = c.enumCache.get(e)
  if (!m) {
    m = new Map()
    for (const v of e.values) m.set(v.name, new EnumValue(e.name, v.name, v.alias))
    c.enumCache.set(e, m)
  }
  return m
}

function classAliases(c: Ctx, cls: ClassIR): ReadonlyMap<string, string> | undefined {
  if (c.aliasCache.has(cls)) return c.aliasCache.get(cls)
  let m: Map<string, string> | undefined
  for (const f of cls.fields) if (f.alias !== undefined) (m ??= new Map()).set(f.name, f.alias)
  c.aliasCache.set(cls, m)
  return m
}

const PRIM_NAMES: Record<string, string> = { string: 'String', int: 'Int', float: 'Float', bool: 'Bool', null: 'Null' }

function convert(c: Ctx, t: TypeIR, v: unknown, path: string): unknown {
  switch (t.kind) {
    case 'primitive':
      switch (t.name) {
        case 'string':
          if (typeof v === 'string') return v
          break
        case 'int':
          if (typeof v === 'number' && Number.isInteger(v)) return v
          break
        case 'float':
          if (typeof v === 'number') return float(v)
          break
        case 'bool':
          if (typeof v === 'boolean') return v
          break
        case 'null':
          if (v === null || v === undefined) return null
          break
      }
      throw new ArgMismatch(`${path}: Expected type ${PRIM_NAMES[t.name]}, got \`${describe(v)}\``)
    case 'literal':
      if (v === t.value) return v
      throw new ArgMismatch(`${path}: Expected literal ${JSON.stringify(t.value)}, got \`${describe(v)}\``)
    case 'media':
      if (isMedia(v)) return new MediaValue(v)
      throw new ArgMismatch(`${path}: Expected type ${t.name}, got \`${describe(v)}\``)
    case 'enum': {
      const e = c.ir.enums.get(t.name)
      if (!e) throw new ArgMismatch(`${path}: Unknown enum ${t.name}`)
      const vals = enumValues(c.ir, e)
      const ev = typeof v === 'string' ? vals.get(v) : undefined
      if (ev && !e.values.find((x) => x.name === v)?.skip) return ev
      const names = e.values.filter((x) => !x.skip).map((x) => x.name)
      throw new ArgMismatch(`${path}: Invalid enum ${t.name}: expected one of (${names.join(' | ')}), got \`${typeof v === 'string' ? v : describe(v)}\``)
    }
    case 'class': {
      const cls = c.ir.classes.get(t.name)
      if (!cls) throw new ArgMismatch(`${path}: Unknown class ${t.name}`)
      if (typeof v !== 'object' || v === null || Array.isArray(v) || isMedia(v))
        throw new ArgMismatch(`${path}: Expected class ${t.name}, got \`${describe(v)}\``)
      const obj = v as Record<string, unknown>
      const byName = new Map(cls.fields.map((f) => [f.name, f]))
      const out = new Map<string, unknown>()
      for (const k of Object.keys(obj)) {
        const f = byName.get(k)
        if (!f) {
          if (cls.dynamic) out.set(k, plain(obj[k]))
          continue
        }
        out.set(k, convert(c, f.type, obj[k], `${path}.${k}`))
      }
      for (const f of cls.fields) {
        if (out.has(f.name) || Object.prototype.hasOwnProperty.call(obj, f.name)) continue
        if (!acceptsNull(c, f.type)) throw new ArgMismatch(`${path}: Missing required field \`${f.name}\` for class ${cls.name}`)
      }
      return new ClassValue(out, classAliases(c, cls))
    }
    case 'list': {
      if (!Array.isArray(v)) throw new ArgMismatch(`${path}: Expected array, got \`${describe(v)}\``)
      const out = new Array(v.length)
      for (let i = 0; i < v.length; i++) out[i] = convert(c, t.item, v[i], `${path}[${i}]`)
      return nullList(out)
    }
    case 'map': {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || isMedia(v))
        throw new ArgMismatch(`${path}: Expected map, got \`${describe(v)}\``)
      const out = new Map<unknown, unknown>()
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (t.key.kind === 'enum' || t.key.kind === 'literal') convert(c, t.key, k, `${path}.${k}`)
        out.set(k, convert(c, t.value, x, `${path}.${k}`))
      }
      return out
    }
    case 'alias': {
      const a = c.ir.typeAliases.get(t.name)
      if (!a) throw new ArgMismatch(`${path}: Unknown type alias ${t.name}`)
      return convert(c, a.type, v, path)
    }
    case 'union': {
      if (v === null || v === undefined) {
        if (t.options.some((o) => acceptsNull(c, o))) return null
      }
      let first: ArgMismatch | undefined
      for (const o of t.options) {
        try {
          return convert(c, o, v, path)
        } catch (e) {
          if (!(e instanceof ArgMismatch)) throw e
          first ??= e
        }
      }
      throw first ?? new ArgMismatch(`${path}: Expected one of the union types, got \`${describe(v)}\``)
    }
  }
}

/** Untyped values (dynamic class fields): JSON as is, lists as BAML lists. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return nullList(v.map(plain))
  if (isMedia(v)) return new MediaValue(v)
  if (typeof v === 'object' && v !== null) return new Map(Object.entries(v).map(([k, x]) => [k, plain(x)]))
  if (typeof v === 'number' && !Number.isInteger(v)) return v
  return v
}

function acceptsNull(c: Ctx, t: TypeIR): boolean {
  if (t.kind === 'primitive') return t.name === 'null'
  if (t.kind === 'union') return t.options.some((o) => acceptsNull(c, o))
  if (t.kind === 'alias') {
    const a = c.ir.typeAliases.get(t.name)
    return a ? acceptsNull(c, a.type) : false
  }
  return false
}

/**
 * Convert a function's arguments to template variables. Unknown arguments are ignored, missing
 * optional ones stay undefined; throws BamlInvalidArgumentError listing every problem.
 */
export function convertArgs(ir: BamlIR, fn: Pick<FunctionIR, 'params'>, args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const c = ctxFor(ir)
  const out: Record<string, unknown> = Object.create(null)
  const errors: string[] = []
  for (const p of fn.params) convertParam(c, p, args, out, errors)
  if (errors.length) throw new BamlInvalidArgumentError(errors.map((e) => `  Error: ${e}`).join('\n'))
  return out
}

function convertParam(c: Ctx, p: ParamIR, args: Readonly<Record<string, unknown>>, out: Record<string, unknown>, errors: string[]): void {
  const has = Object.prototype.hasOwnProperty.call(args, p.name)
  const v = has ? args[p.name] : undefined
  if (!has || v === undefined) {
    if (!acceptsNull(c, p.type)) errors.push(`${p.name}: Missing required parameter: ${p.name}`)
    return
  }
  try {
    out[p.name] = convert(c, p.type, v, p.name)
  } catch (e) {
    if (e instanceof ArgMismatch) errors.push(e.message)
    else throw e
  }
}
