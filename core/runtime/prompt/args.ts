// Function arguments → template values, checked against the parameter types like the reference's
// argument coercion: floats become floats (`3` prints `3.0`), classes become ClassValue (fields in
// the caller's order, unknown keys dropped, missing optional fields left out), enums EnumValue,
// media MediaValue, lists BAML lists (nested none prints `null`), maps ordered maps.
//
// Checking is done up front (errors before rendering); conversion is lazy where it can be: a class
// instance converts a field the first time the template reads it, and lists or maps whose items
// need no conversion are used as given.
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { BamlIR, ClassIR, EnumIR, FieldIR, FunctionIR, ParamIR, TypeIR } from '../../ir/types.ts'
import { isMedia } from '../../values.ts'
import { float, nullList } from '../../template/value.ts'
import { ClassValue, EnumValue, MediaValue, type ClassSchema } from './jinja-values.ts'

/** A value that does not fit its type; `path` collects keys (innermost first) as it propagates. */
class ArgMismatch {
  readonly path: (string | number)[] = []
  constructor(readonly detail: string) {}
  messageFor(param: string): string {
    let p = param
    for (let i = this.path.length - 1; i >= 0; i--) {
      const k = this.path[i]!
      p += typeof k === 'number' ? `[${k}]` : `.${k}`
    }
    return `${p}: ${this.detail}`
  }
}

const hasOwn = Object.prototype.hasOwnProperty

/** How the reference prints a JSON-ish value in "got `...`" (serde_json::Value's Debug). */
function describe(v: unknown): string {
  if (v === null || v === undefined) return 'Null'
  if (typeof v === 'string') return `String(${JSON.stringify(v)})`
  if (typeof v === 'number') return `Number(${v})`
  if (typeof v === 'boolean') return `Bool(${v})`
  if (Array.isArray(v)) return `Array [${v.map(describe).join(', ')}]`
  if (isMedia(v)) return `Media(${v.__baml_media})`
  return `Object {${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${JSON.stringify(k)}: ${describe(x)}`)
    .join(', ')}}`
}

interface Ctx {
  readonly ir: BamlIR
  readonly enums: Map<EnumIR, Map<string, EnumValue>>
  readonly classes: Map<ClassIR, ClassInfo>
  /** Types whose values are used as given (strings, ints, bools, lists/maps of those). */
  readonly plainTypes: WeakMap<TypeIR, boolean>
}

interface ClassInfo {
  readonly cls: ClassIR
  readonly byName: ReadonlyMap<string, FieldIR>
  /** Fields that must be present (their type does not accept null). */
  readonly required: readonly string[]
  readonly schema: ClassSchema
}

const ctxCache = new WeakMap<BamlIR, Ctx>()

function ctxFor(ir: BamlIR): Ctx {
  let c = ctxCache.get(ir)
  if (!c) ctxCache.set(ir, (c = { ir, enums: new Map(), classes: new Map(), plainTypes: new WeakMap() }))
  return c
}

/** The enum value objects of an enum, by name (cached per IR). */
export function enumValues(ir: BamlIR, e: EnumIR): Map<string, EnumValue> {
  const c = ctxFor(ir)
  let m = c.enums.get(e)
  if (!m) {
    m = new Map()
    for (const v of e.values) m.set(v.name, new EnumValue(e.name, v.name, v.alias))
    c.enums.set(e, m)
  }
  return m
}

function classInfo(c: Ctx, cls: ClassIR): ClassInfo {
  let info = c.classes.get(cls)
  if (info) return info
  let aliases: Map<string, string> | undefined
  for (const f of cls.fields) if (f.alias !== undefined) (aliases ??= new Map()).set(f.name, f.alias)
  const byName = new Map(cls.fields.map((f) => [f.name, f]))
  const modes = new Map<string, 1 | 2>()
  const dynamicMode: 0 | 2 = cls.dynamic ? 2 : 0
  info = {
    cls,
    byName,
    required: cls.fields.filter((f) => !acceptsNull(c, f.type)).map((f) => f.name),
    schema: {
      aliases,
      mode: (k) => {
        let m = modes.get(k)
        if (m === undefined) {
          const f = byName.get(k)
          if (!f) return dynamicMode
          modes.set(k, (m = isPlain(c, f.type) ? 1 : 2))
        }
        return m
      },
      convert: (k, raw) => {
        const f = byName.get(k)
        return f ? wrap(c, f.type, raw) : plain(raw)
      },
    },
  }
  c.classes.set(cls, info)
  return info
}

const PRIM_NAMES: Record<string, string> = { string: 'String', int: 'Int', float: 'Float', bool: 'Bool', null: 'Null' }

function acceptsNull(c: Ctx, t: TypeIR): boolean {
  if (t.kind === 'primitive') return t.name === 'null'
  if (t.kind === 'union') return t.options.some((o) => acceptsNull(c, o))
  if (t.kind === 'alias') {
    const a = c.ir.typeAliases.get(t.name)
    return a ? acceptsNull(c, a.type) : false
  }
  return false
}

/** True when values of `t` are template values as given (no floats, classes, enums or media inside). */
function isPlain(c: Ctx, t: TypeIR): boolean {
  const hit = c.plainTypes.get(t)
  if (hit !== undefined) return hit
  let r: boolean
  switch (t.kind) {
    case 'primitive':
      r = t.name !== 'float'
      break
    case 'literal':
      r = typeof t.value !== 'number' || Number.isInteger(t.value)
      break
    case 'list':
      // a list with none items prints them as `null`: it needs marking
      r = isPlain(c, t.item) && !acceptsNull(c, t.item)
      break
    case 'map':
      r = isPlain(c, t.value) && t.key.kind === 'primitive'
      break
    case 'union':
      // which option matches decides the conversion (`int | float`): only all-plain unions are plain
      r = t.options.every((o) => isPlain(c, o))
      break
    default:
      r = false
  }
  c.plainTypes.set(t, r)
  return r
}

type Check = (v: unknown) => void
type Wrap = (v: unknown) => unknown

interface Compiled {
  check: Check
  /** Undefined: the value is used as given. */
  wrap: Wrap | undefined
}

const compiledCache = new WeakMap<Ctx, WeakMap<TypeIR, Compiled>>()

/** The checker and converter of a type, built once per type node (lazily, so recursion works). */
function compiled(c: Ctx, t: TypeIR): Compiled {
  let perCtx = compiledCache.get(c)
  if (!perCtx) compiledCache.set(c, (perCtx = new WeakMap()))
  let k = perCtx.get(t)
  if (!k) {
    k = { check: () => undefined, wrap: undefined }
    perCtx.set(t, k)
    build(c, t, k)
  }
  return k
}

function mismatch(detail: string): ArgMismatch {
  return new ArgMismatch(detail)
}

// Prepend a path step to a mismatch thrown below.
function at(e: unknown, key: string | number): never {
  if (e instanceof ArgMismatch) e.path.push(key)
  throw e
}

function build(c: Ctx, t: TypeIR, k: Compiled): void {
  switch (t.kind) {
    case 'primitive': {
      const name = PRIM_NAMES[t.name]
      const fail = (v: unknown) => {
        throw mismatch(`Expected type ${name}, got \`${describe(v)}\``)
      }
      switch (t.name) {
        case 'string':
          k.check = (v) => void (typeof v === 'string' || fail(v))
          return
        case 'int':
          k.check = (v) => void ((typeof v === 'number' && Number.isInteger(v)) || fail(v))
          return
        case 'float':
          k.check = (v) => void (typeof v === 'number' || fail(v))
          k.wrap = (v) => float(v as number)
          return
        case 'bool':
          k.check = (v) => void (typeof v === 'boolean' || fail(v))
          return
        case 'null':
          k.check = (v) => void (v === null || v === undefined || fail(v))
          k.wrap = () => null
          return
      }
      return
    }
    case 'literal': {
      const lit = t.value
      k.check = (v) => {
        if (v !== lit) throw mismatch(`Expected literal ${JSON.stringify(lit)}, got \`${describe(v)}\``)
      }
      return
    }
    case 'media':
      k.check = (v) => {
        if (!isMedia(v)) throw mismatch(`Expected type ${t.name}, got \`${describe(v)}\``)
      }
      k.wrap = (v) => new MediaValue(v as never)
      return
    case 'enum': {
      const e = c.ir.enums.get(t.name)
      if (!e) {
        k.check = () => {
          throw mismatch(`Unknown enum ${t.name}`)
        }
        return
      }
      const values = enumValues(c.ir, e)
      const allowed = new Set(e.values.filter((x) => !x.skip).map((x) => x.name))
      k.check = (v) => {
        if (typeof v === 'string' && allowed.has(v)) return
        throw mismatch(`Invalid enum ${t.name}: expected one of (${[...allowed].join(' | ')}), got \`${typeof v === 'string' ? v : describe(v)}\``)
      }
      k.wrap = (v) => values.get(v as string)
      return
    }
    case 'class': {
      const cls = c.ir.classes.get(t.name)
      if (!cls) {
        k.check = () => {
          throw mismatch(`Unknown class ${t.name}`)
        }
        return
      }
      let info: ClassInfo | undefined
      // per field: name, checker, required, and whether Object.prototype has that name
      let fields: { name: string; check: Check; required: boolean; inherited: boolean }[] | undefined
      k.check = (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v) || isMedia(v)) throw mismatch(`Expected class ${t.name}, got \`${describe(v)}\``)
        fields ??= cls.fields.map((f) => ({ name: f.name, check: compiled(c, f.type).check, required: !acceptsNull(c, f.type), inherited: f.name in Object.prototype }))
        const obj = v as Record<string, unknown>
        for (let i = 0; i < fields.length; i++) {
          const f = fields[i]!
          let x = obj[f.name]
          if (f.inherited && !hasOwn.call(obj, f.name)) x = undefined
          if (x === undefined) {
            if (f.required) throw mismatch(`Missing required field \`${f.name}\` for class ${cls.name}`)
            continue
          }
          try {
            f.check(x)
          } catch (e) {
            at(e, f.name)
          }
        }
      }
      k.wrap = (v) => new ClassValue(v as Record<string, unknown>, (info ??= classInfo(c, cls)).schema)
      return
    }
    case 'list': {
      const item = compiled(c, t.item)
      const nulls = acceptsNull(c, t.item)
      k.check = (v) => {
        if (!Array.isArray(v)) throw mismatch(`Expected array, got \`${describe(v)}\``)
        const ic = item.check
        for (let i = 0; i < v.length; i++) {
          try {
            ic(v[i])
          } catch (e) {
            at(e, i)
          }
        }
      }
      if (!isPlain(c, t))
        k.wrap = (v) => {
          const arr = v as unknown[]
          const w = item.wrap
          const out = w ? arr.map((x) => (x === null ? null : w(x))) : arr.slice()
          return nulls ? nullList(out) : out
        }
      return
    }
    case 'map': {
      const key = compiled(c, t.key)
      const value = compiled(c, t.value)
      const checkKeys = t.key.kind === 'enum' || t.key.kind === 'literal'
      k.check = (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v) || isMedia(v)) throw mismatch(`Expected map, got \`${describe(v)}\``)
        const obj = v as Record<string, unknown>
        for (const name in obj) {
          if (!hasOwn.call(obj, name)) continue
          try {
            if (checkKeys) key.check(name)
            value.check(obj[name])
          } catch (e) {
            at(e, name)
          }
        }
      }
      if (!isPlain(c, t))
        k.wrap = (v) => {
          const out = new Map<unknown, unknown>()
          const obj = v as Record<string, unknown>
          const w = value.wrap
          for (const name in obj) if (hasOwn.call(obj, name)) out.set(name, w ? w(obj[name]) : obj[name])
          return out
        }
      return
    }
    case 'alias': {
      const a = c.ir.typeAliases.get(t.name)
      if (!a) {
        k.check = () => {
          throw mismatch(`Unknown type alias ${t.name}`)
        }
        return
      }
      // resolved on first use: the alias may refer to itself
      k.check = (v) => compiled(c, a.type).check(v)
      k.wrap = (v) => {
        const w = compiled(c, a.type).wrap
        return w ? w(v) : v
      }
      return
    }
    case 'union': {
      const options = t.options.map((o) => o)
      const nullable = acceptsNull(c, t)
      k.check = (v) => {
        if ((v === null || v === undefined) && nullable) return
        if (matchOption(c, options, v) >= 0) return
        // report the first option's mismatch
        compiled(c, options[0]!).check(v)
        throw mismatch(`Expected one of the union types, got \`${describe(v)}\``)
      }
      if (!isPlain(c, t))
        k.wrap = (v) => {
          if (v === null || v === undefined) return null
          const w = compiled(c, options[matchOption(c, options, v)]!).wrap
          return w ? w(v) : v
        }
      return
    }
  }
}

/** Index of the first union option `v` fits, or -1. */
function matchOption(c: Ctx, options: readonly TypeIR[], v: unknown): number {
  for (let i = 0; i < options.length; i++) {
    if (quickFits(options[i]!, v) === false) continue
    try {
      compiled(c, options[i]!).check(v)
      return i
    } catch (e) {
      if (!(e instanceof ArgMismatch)) throw e
    }
  }
  return -1
}

// A cheap pre-test to avoid throwing for obviously wrong union options (undefined: can't tell).
function quickFits(t: TypeIR, v: unknown): boolean | undefined {
  if (t.kind === 'primitive') {
    switch (t.name) {
      case 'string':
        return typeof v === 'string'
      case 'int':
        return typeof v === 'number' && Number.isInteger(v)
      case 'float':
        return typeof v === 'number'
      case 'bool':
        return typeof v === 'boolean'
      case 'null':
        return v === null || v === undefined
    }
  }
  if (t.kind === 'list') return Array.isArray(v) ? undefined : false
  if (t.kind === 'class' || t.kind === 'map') return typeof v === 'object' && v !== null && !Array.isArray(v) && !isMedia(v) ? undefined : false
  return undefined
}

/** Convert a value already checked against `t`. */
function wrap(c: Ctx, t: TypeIR, v: unknown): unknown {
  const w = compiled(c, t).wrap
  return w ? w(v) : v
}

/** Untyped values (dynamic class fields): JSON as is, lists as BAML lists. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return nullList(v.map(plain))
  if (isMedia(v)) return new MediaValue(v)
  if (typeof v === 'object' && v !== null) return new Map(Object.entries(v).map(([k, x]) => [k, plain(x)]))
  return v
}

/**
 * Convert a function's arguments to template variables. Unknown arguments are ignored, missing
 * optional ones stay undefined; throws BamlInvalidArgumentError listing every problem.
 */
export function convertArgs(ir: BamlIR, fn: Pick<FunctionIR, 'params'>, args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const c = ctxFor(ir)
  const out: Record<string, unknown> = Object.create(null)
  let errors: string[] | undefined
  for (const p of fn.params) {
    const e = convertParam(c, p, args, out)
    if (e) (errors ??= []).push(e)
  }
  if (errors) throw new BamlInvalidArgumentError(errors.map((e) => `  Error: ${e}`).join('\n'))
  return out
}

function convertParam(c: Ctx, p: ParamIR, args: Readonly<Record<string, unknown>>, out: Record<string, unknown>): string | undefined {
  const v = Object.prototype.hasOwnProperty.call(args, p.name) ? args[p.name] : undefined
  if (v === undefined) return acceptsNull(c, p.type) ? undefined : `${p.name}: Missing required parameter: ${p.name}`
  const k = compiled(c, p.type)
  try {
    k.check(v)
  } catch (e) {
    if (e instanceof ArgMismatch) return e.messageFor(p.name)
    throw e
  }
  out[p.name] = k.wrap ? k.wrap(v) : v
  return undefined
}
