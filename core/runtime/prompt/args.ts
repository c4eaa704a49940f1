// Function arguments → template values, checked against the parameter types like the reference's
// argument coercion: floats become floats (`3` prints `3.0`), classes become ClassValue (fields in
// the caller's order, unknown keys dropped, missing optional fields left out), enums EnumValue,
// media MediaValue, lists BAML lists (nested none prints `null`), maps ordered maps.
//
// Checking is done up front (errors before rendering); conversion is lazy where it can be: a class
// instance converts a field the first time the template reads it, and lists or maps whose items
// need no conversion are used as given.
//
// Cost is linear in the argument's size: which union option an object fits is remembered for the
// whole conversion (checking, lazy conversion and asserts), so recursive types do not re-check
// subtrees level after level; arguments of recursive (or dynamic) types deeper than
// MAX_VALUE_DEPTH levels are refused before any recursive walk.
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { BamlIR, ClassIR, Constraint, EnumIR, FunctionIR, ParamIR, TypeIR } from '../../ir/types.ts'
import { evaluatePredicate } from '../../template/expression.ts'
import { isMedia, mediaFromJson } from '../../values.ts'
import { Float, float, nullList } from '../../template/value.ts'
import { MAX_VALUE_DEPTH } from '../../template/limits.ts'
import { ClassValue, EnumValue, MediaValue, type ClassSchema } from './jinja-values.ts'

/**
 * Problems found while checking, worded for people: `<scope>: <message>` where the scope is
 * "argument `x`", extended by ", key `k`" inside maps (not inside classes or lists, as the reference).
 */
type Errors = string[]

const hasOwn = Object.prototype.hasOwnProperty

/** A JSON-ish value as a person names it after "got": `the string "five"`, `the number 42`, `a list of 2 items`. */
function describe(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v)}`
  if (typeof v === 'number') return `the number ${v}`
  if (v instanceof Float) return `the number ${Number.isInteger(v.value) ? v.value.toFixed(1) : v.value}`
  if (typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : `a list of ${v.length} item${v.length === 1 ? '' : 's'}`
  if (isMedia(v)) return MEDIA_NOUNS[v.__baml_media] ?? 'a media value'
  return 'an object'
}

const MEDIA_NOUNS: Record<string, string> = { image: 'an image', audio: 'an audio value', pdf: 'a pdf', video: 'a video' }
const PRIM_NOUNS: Record<string, string> = { string: 'a string', int: 'an int', float: 'a float', bool: 'a bool', null: 'null' }

/** What a value of `t` is called after "expected": `an int`, `an object of class Foo`, `an int or null`. */
function typeNoun(c: Ctx, t: TypeIR): string {
  const nouns: string[] = []
  const add = (x: TypeIR) => {
    if (x.kind === 'union') return x.options.forEach(add)
    const n = singleNoun(c, x)
    if (!nouns.includes(n)) nouns.push(n)
  }
  add(t)
  // null last: "an int or null"
  nouns.sort((a, b) => Number(a === 'null') - Number(b === 'null'))
  return nouns.length <= 2 ? nouns.join(' or ') : `${nouns.slice(0, -1).join(', ')} or ${nouns[nouns.length - 1]}`
}

function singleNoun(c: Ctx, t: TypeIR): string {
  switch (t.kind) {
    case 'primitive':
      return PRIM_NOUNS[t.name] ?? t.name
    case 'literal':
      return JSON.stringify(t.value)
    case 'media':
      return MEDIA_NOUNS[t.name] ?? t.name
    case 'enum': {
      const values = c.ir.enums.get(t.name)?.values
      return values && values.length <= 8 ? `one of ${values.map((v) => JSON.stringify(v.name)).join(', ')} (enum ${t.name})` : `a value of enum ${t.name}`
    }
    case 'class':
      return `an object of class ${t.name}`
    case 'list':
      return 'a list'
    case 'map':
      return 'a map'
    case 'alias':
      return `a value of type ${t.name}`
    default:
      return 'a value'
  }
}

/** The scope of a problem inside `scope` ("argument `m`: " + "key `a`" → "argument `m`, key `a`: "). */
function inner(scope: string, what: string): string {
  return scope ? `${scope.slice(0, -2)}, ${what}: ` : `${what}: `
}

interface Ctx {
  readonly ir: BamlIR
  readonly enums: Map<EnumIR, Map<string, EnumValue>>
  readonly classes: Map<ClassIR, ClassSchema>
  /** Types whose values are used as given (strings, ints, bools, lists/maps of those). */
  readonly plainTypes: WeakMap<TypeIR, boolean>
  /** The checker and converter of each type node. */
  readonly compiled: WeakMap<TypeIR, Compiled>
  /** Parameter types no value of which can carry an @assert. */
  readonly assertFree: WeakMap<TypeIR, boolean>
  /** Parameter types whose values can nest without bound (recursive or dynamic classes). */
  readonly unbounded: WeakMap<TypeIR, boolean>
}

/** One conversion (a call's arguments): which union options each object fits, as found so far. */
export interface Conversion {
  readonly fits: Map<object, Map<TypeIR, boolean>>
}

const ctxCache = new WeakMap<BamlIR, Ctx>()

function ctxFor(ir: BamlIR): Ctx {
  let c = ctxCache.get(ir)
  if (!c) ctxCache.set(ir, (c = { ir, enums: new Map(), classes: new Map(), plainTypes: new WeakMap(), compiled: new WeakMap(), assertFree: new WeakMap(), unbounded: new WeakMap() }))
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

function classSchema(c: Ctx, cls: ClassIR): ClassSchema {
  let schema = c.classes.get(cls)
  if (schema) return schema
  let aliases: Map<string, string> | undefined
  for (const f of cls.fields) if (f.alias !== undefined) (aliases ??= new Map()).set(f.name, f.alias)
  const byName = new Map(cls.fields.map((f) => [f.name, f]))
  const modes = new Map<string, 1 | 2>()
  const dynamicMode: 0 | 2 = cls.dynamic ? 2 : 0
  schema = {
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
    convert: (k, raw, cx) => {
      const f = byName.get(k)
      return f ? wrap(c, f.type, raw, cx) : plain(raw)
    },
  }
  c.classes.set(cls, schema)
  return schema
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

/** Check `v`, pushing problems (prefixed with `scope`) to `errs`. */
type Check = (v: unknown, errs: Errors, scope: string, cx: Conversion) => void
type Wrap = (v: unknown, cx: Conversion) => unknown

interface Compiled {
  check: Check
  /** Undefined: the value is used as given. */
  wrap: Wrap | undefined
}

/** The checker and converter of a type, built once per type node (lazily, so recursion works). */
function compiled(c: Ctx, t: TypeIR): Compiled {
  let k = c.compiled.get(t)
  if (!k) {
    k = { check: () => undefined, wrap: undefined }
    c.compiled.set(t, k)
    build(c, t, k)
  }
  return k
}

function build(c: Ctx, t: TypeIR, k: Compiled): void {
  switch (t.kind) {
    case 'primitive': {
      const noun = PRIM_NOUNS[t.name]
      const fail = (v: unknown, errs: Errors, scope: string) => errs.push(`${scope}expected ${noun}, got ${describe(v)}`)
      switch (t.name) {
        case 'string':
          k.check = (v, errs, scope) => void (typeof v === 'string' || fail(v, errs, scope))
          return
        case 'int':
          k.check = (v, errs, scope) => void ((typeof v === 'number' && Number.isInteger(v)) || fail(v, errs, scope))
          return
        case 'float':
          // a Float box is a float written with an integral value (`5.0` in a test's args)
          k.check = (v, errs, scope) => void (typeof v === 'number' || v instanceof Float || fail(v, errs, scope))
          k.wrap = (v) => (v instanceof Float ? v : float(v as number))
          return
        case 'bool':
          k.check = (v, errs, scope) => void (typeof v === 'boolean' || fail(v, errs, scope))
          return
        case 'null':
          k.check = (v, errs, scope) => void (v === null || v === undefined || fail(v, errs, scope))
          k.wrap = () => null
          return
      }
      return
    }
    case 'literal': {
      const lit = t.value
      k.check = (v, errs, scope) => {
        if (v !== lit) errs.push(`${scope}expected ${JSON.stringify(lit)}, got ${describe(v)}`)
      }
      return
    }
    case 'media':
      // BamlMedia, or media written as JSON (`{"url": ...}` etc., as CLI arguments arrive).
      k.check = (v, errs, scope) => {
        if (!isMedia(v) && !mediaFromJson(t.name, v))
          errs.push(`${scope}expected ${MEDIA_NOUNS[t.name]} ({"url": ...}, {"base64": ..., "media_type": ...} or {"file": ...}), got ${describe(v)}`)
      }
      k.wrap = (v) => new MediaValue(isMedia(v) ? v : mediaFromJson(t.name, v)!)
      return
    case 'enum': {
      const e = c.ir.enums.get(t.name)
      if (!e) {
        k.check = (_v, errs, scope) => void errs.push(`${scope}enum ${t.name} not found`)
        return
      }
      const values = enumValues(c.ir, e)
      const names = e.values.map((x) => x.name)
      k.check = (v, errs, scope) => {
        if (typeof v === 'string') {
          if (values.has(v) || e.dynamic) return
          errs.push(`${scope}expected one of ${names.map((n) => JSON.stringify(n)).join(', ')} (enum ${t.name}), got ${describe(v)}`)
        } else errs.push(`${scope}expected a value of enum ${t.name}, got ${describe(v)}`)
      }
      k.wrap = (v) => values.get(v as string) ?? new EnumValue(e.name, v as string, undefined)
      return
    }
    case 'class': {
      const cls = c.ir.classes.get(t.name)
      if (!cls) {
        k.check = (_v, errs, scope) => void errs.push(`${scope}class ${t.name} not found`)
        return
      }
      let schema: ClassSchema | undefined
      // per field: name, checker, required, and whether Object.prototype has that name
      let fields: { name: string; check: Check; required: boolean; inherited: boolean }[] | undefined
      k.check = (v, errs, scope, cx) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v) || isMedia(v)) {
          errs.push(`${scope}expected an object of class ${t.name}, got ${describe(v)}`)
          return
        }
        fields ??= cls.fields.map((f) => ({ name: f.name, check: compiled(c, f.type).check, required: !acceptsNull(c, f.type), inherited: f.name in Object.prototype }))
        const obj = v as Record<string, unknown>
        for (let i = 0; i < fields.length; i++) {
          const f = fields[i]!
          let x = obj[f.name]
          if (f.inherited && !hasOwn.call(obj, f.name)) x = undefined
          if (x === undefined) {
            if (f.required) errs.push(`${scope}missing required field \`${f.name}\` of class ${cls.name}`)
            continue
          }
          const before = errs.length
          f.check(x, errs, scope, cx)
          // a field that does not convert is missing too
          if (errs.length > before && f.required) errs.push(`${scope}missing required field \`${f.name}\` of class ${cls.name}`)
        }
      }
      k.wrap = (v, cx) => new ClassValue(v as Record<string, unknown>, (schema ??= classSchema(c, cls)), cx)
      return
    }
    case 'list': {
      const item = compiled(c, t.item)
      const nulls = acceptsNull(c, t.item)
      k.check = (v, errs, scope, cx) => {
        if (!Array.isArray(v)) {
          errs.push(`${scope}expected a list, got ${describe(v)}`)
          return
        }
        const ic = item.check
        for (let i = 0; i < v.length; i++) ic(v[i], errs, scope, cx)
      }
      if (!isPlain(c, t))
        k.wrap = (v, cx) => {
          const arr = v as unknown[]
          const w = item.wrap
          const out = w ? arr.map((x) => (x === null ? null : w(x, cx))) : arr.slice()
          return nulls ? nullList(out) : out
        }
      return
    }
    case 'map': {
      const key = compiled(c, t.key)
      const value = compiled(c, t.value)
      const checkKeys = t.key.kind === 'enum' || t.key.kind === 'literal'
      k.check = (v, errs, scope, cx) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v) || isMedia(v)) {
          errs.push(`${scope}expected a map (a JSON object), got ${describe(v)}`)
          return
        }
        const obj = v as Record<string, unknown>
        for (const name in obj) {
          if (!hasOwn.call(obj, name)) continue
          if (checkKeys) {
            const before = errs.length
            key.check(name, errs, inner(scope, 'a key'), cx)
            if (errs.length > before) continue
          }
          value.check(obj[name], errs, inner(scope, `key \`${name}\``), cx)
        }
      }
      if (!isPlain(c, t))
        k.wrap = (v, cx) => {
          const out = new Map<unknown, unknown>()
          const obj = v as Record<string, unknown>
          const w = value.wrap
          for (const name in obj) if (hasOwn.call(obj, name)) out.set(name, w ? w(obj[name], cx) : obj[name])
          return out
        }
      return
    }
    case 'alias': {
      const a = c.ir.typeAliases.get(t.name)
      if (!a) {
        k.check = (_v, errs, scope) => void errs.push(`${scope}type alias ${t.name} not found`)
        return
      }
      // resolved on first use: the alias may refer to itself
      k.check = (v, errs, scope, cx) => compiled(c, a.type).check(v, errs, scope, cx)
      k.wrap = (v, cx) => {
        const w = compiled(c, a.type).wrap
        return w ? w(v, cx) : v
      }
      return
    }
    case 'union': {
      const options = t.options
      const nullable = acceptsNull(c, t)
      let noun: string | undefined
      k.check = (v, errs, scope, cx) => {
        if ((v === null || v === undefined) && nullable) return
        if (matchOption(c, options, v, cx) >= 0) return
        // `Foo?`, `int[]?`, `map<string, int>?`: the container's own problems say more than "expected … or null"
        const some = options.filter((o) => !acceptsNull(c, o))
        if (some.length === 1 && (some[0]!.kind === 'class' || some[0]!.kind === 'list' || some[0]!.kind === 'map') && typeof v === 'object' && v !== null)
          return compiled(c, some[0]!).check(v, errs, scope, cx)
        errs.push(`${scope}expected ${(noun ??= typeNoun(c, t))}, got ${describe(v)}`)
      }
      if (!isPlain(c, t))
        k.wrap = (v, cx) => {
          if (v === null || v === undefined) return null
          const w = compiled(c, options[matchOption(c, options, v, cx)]!).wrap
          return w ? w(v, cx) : v
        }
      return
    }
  }
}

/**
 * Index of the first union option `v` fits, or -1. For objects the answer per option is kept for the
 * whole conversion: checking, the lazy conversion of class fields and the asserts all ask again, and
 * without it a recursive type re-checks each subtree once per level above it (quadratic, or
 * exponential when several options recurse).
 */
function matchOption(c: Ctx, options: readonly TypeIR[], v: unknown, cx: Conversion): number {
  const memo = typeof v === 'object' && v !== null ? (cx.fits.get(v) ?? cx.fits.set(v, new Map()).get(v)!) : undefined
  for (let i = 0; i < options.length; i++) {
    const o = options[i]!
    if (quickFits(o, v) === false) continue
    let fits = memo?.get(o)
    if (fits === undefined) {
      const errs: Errors = []
      compiled(c, o).check(v, errs, '', cx)
      fits = errs.length === 0
      memo?.set(o, fits)
    }
    if (fits) return i
  }
  return -1
}

// A cheap pre-test to skip obviously wrong union options (undefined: can't tell).
function quickFits(t: TypeIR, v: unknown): boolean | undefined {
  if (t.kind === 'primitive') {
    switch (t.name) {
      case 'string':
        return typeof v === 'string'
      case 'int':
        return typeof v === 'number' && Number.isInteger(v)
      case 'float':
        return typeof v === 'number' || v instanceof Float
      case 'bool':
        return typeof v === 'boolean'
      case 'null':
        return v === null || v === undefined
    }
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// @assert on arguments: after a successful check, every value whose type carries asserts is
// tested (with `this` = the value as given); the first failure is reported.

function typeAsserts(c: Ctx, t: TypeIR): readonly Constraint[] {
  const own = t.attrs?.constraints?.filter((x) => x.level === 'assert') ?? []
  if (t.kind === 'class') {
    const cls = c.ir.classes.get(t.name)
    const extra = cls?.attrs?.constraints?.filter((x) => x.level === 'assert') ?? []
    return extra.length ? [...own, ...extra] : own
  }
  if (t.kind === 'enum') {
    const e = c.ir.enums.get(t.name)
    const extra = e?.attrs?.constraints?.filter((x) => x.level === 'assert') ?? []
    return extra.length ? [...own, ...extra] : own
  }
  return own
}

/** True when no value of `t` can carry an assert (cached per type): the common case skips the walk. */
function noAsserts(c: Ctx, t: TypeIR): boolean {
  let r = c.assertFree.get(t)
  if (r === undefined) c.assertFree.set(t, (r = !reachesAssert(c, t, new Set())))
  return r
}

// Only whole walks are cached: within a walk a type met again counts as assert-free, which is
// right for the walk's answer but not for that type on its own.
function reachesAssert(c: Ctx, t: TypeIR, seen: Set<TypeIR>): boolean {
  if (seen.has(t)) return false
  seen.add(t)
  if (typeAsserts(c, t).length > 0) return true
  switch (t.kind) {
    case 'list':
      return reachesAssert(c, t.item, seen)
    case 'map':
      return reachesAssert(c, t.value, seen)
    case 'union':
      return t.options.some((o) => reachesAssert(c, o, seen))
    case 'class': {
      const cls = c.ir.classes.get(t.name)
      return cls !== undefined && cls.fields.some((f) => reachesAssert(c, f.type, seen))
    }
    case 'alias': {
      const a = c.ir.typeAliases.get(t.name)
      return a !== undefined && reachesAssert(c, a.type, seen)
    }
    default:
      return false
  }
}

function firstFailingAssert(c: Ctx, t: TypeIR, v: unknown, cx: Conversion): string | undefined {
  if (v === null || v === undefined) return undefined
  for (const a of typeAsserts(c, t)) {
    let ok: boolean
    try {
      ok = evaluatePredicate(a.expression, { this: v })
    } catch (e) {
      return `Failed to evaluate assert: ${e instanceof Error ? e.message : String(e)}`
    }
    if (!ok) return `Failed assert: ${a.label ?? a.expression}`
  }
  switch (t.kind) {
    case 'list':
      if (Array.isArray(v)) for (const x of v) {
        const r = firstFailingAssert(c, t.item, x, cx)
        if (r) return r
      }
      return undefined
    case 'map':
      for (const x of Object.values(v as Record<string, unknown>)) {
        const r = firstFailingAssert(c, t.value, x, cx)
        if (r) return r
      }
      return undefined
    case 'class': {
      const cls = c.ir.classes.get(t.name)
      for (const f of cls?.fields ?? []) {
        const r = firstFailingAssert(c, f.type, (v as Record<string, unknown>)[f.name], cx)
        if (r) return r
      }
      return undefined
    }
    case 'alias': {
      const a = c.ir.typeAliases.get(t.name)
      return a ? firstFailingAssert(c, a.type, v, cx) : undefined
    }
    case 'union': {
      const i = matchOption(c, t.options, v, cx)
      return i >= 0 ? firstFailingAssert(c, t.options[i]!, v, cx) : undefined
    }
    default:
      return undefined
  }
}

/** Convert a value already checked against `t`. */
function wrap(c: Ctx, t: TypeIR, v: unknown, cx: Conversion): unknown {
  const w = compiled(c, t).wrap
  return w ? w(v, cx) : v
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
  const cx: Conversion = { fits: new Map() }
  let errors: string[] | undefined
  for (const p of fn.params) {
    const e = convertParam(c, p, args, out, cx)
    if (e) (errors ??= []).push(...e)
  }
  if (errors) throw new BamlInvalidArgumentError(errors.join('\n'))
  return out
}

function convertParam(c: Ctx, p: ParamIR, args: Readonly<Record<string, unknown>>, out: Record<string, unknown>, cx: Conversion): string[] | undefined {
  const v = Object.prototype.hasOwnProperty.call(args, p.name) ? args[p.name] : undefined
  const scope = `argument \`${p.name}\`: `
  if (v === undefined) return acceptsNull(c, p.type) ? undefined : [`missing required argument \`${p.name}\` (${typeNoun(c, p.type)})`]
  // other types bound their values' depth themselves (the checks follow the type, at most 64 deep)
  if (unbounded(c, p.type) && nestedDeeperThan(v, MAX_VALUE_DEPTH)) return [`${scope}nested deeper than the limit of ${MAX_VALUE_DEPTH} levels (or circular)`]
  const k = compiled(c, p.type)
  const errs: Errors = []
  k.check(v, errs, scope, cx)
  if (errs.length === 0 && !noAsserts(c, p.type)) {
    const failed = firstFailingAssert(c, p.type, v, cx)
    if (failed) errs.push(`${scope}${failed}`)
  }
  if (errs.length) return errs
  out[p.name] = k.wrap ? k.wrap(v, cx) : v
  return undefined
}

/** True when values of `t` may nest without bound: `t` reaches a recursive class or alias, or a dynamic class. */
function unbounded(c: Ctx, t: TypeIR): boolean {
  let r = c.unbounded.get(t)
  if (r === undefined) c.unbounded.set(t, (r = reachesCycle(c, t, new Set(), new Set())))
  return r
}

function reachesCycle(c: Ctx, t: TypeIR, path: Set<string>, done: Set<string>): boolean {
  switch (t.kind) {
    case 'list':
      return reachesCycle(c, t.item, path, done)
    case 'map':
      return reachesCycle(c, t.value, path, done)
    case 'union':
      return t.options.some((o) => reachesCycle(c, o, path, done))
    case 'class':
    case 'alias': {
      const key = `${t.kind}:${t.name}`
      if (path.has(key)) return true
      if (done.has(key)) return false
      path.add(key)
      let r: boolean
      if (t.kind === 'class') {
        const cls = c.ir.classes.get(t.name)
        r = cls !== undefined && (cls.dynamic === true || cls.fields.some((f) => reachesCycle(c, f.type, path, done)))
      } else {
        const a = c.ir.typeAliases.get(t.name)
        r = a !== undefined && reachesCycle(c, a.type, path, done)
      }
      path.delete(key)
      done.add(key)
      return r
    }
    default:
      return false
  }
}

/**
 * True when `root` holds arrays or objects nested more than `limit` deep (or a cycle). Iterative,
 * and linear in the number of distinct objects: a shared object's height is computed once.
 */
function nestedDeeperThan(root: unknown, limit: number): boolean {
  if (typeof root !== 'object' || root === null || isMedia(root)) return false
  const IN_PROGRESS = -1
  const height = new Map<object, number>()
  const stack: { o: object; kids: unknown[]; i: number; h: number }[] = []
  const enter = (o: object) => {
    height.set(o, IN_PROGRESS)
    stack.push({ o, kids: Array.isArray(o) ? o : Object.values(o), i: 0, h: 0 })
  }
  enter(root)
  if (limit < 1) return true
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!
    if (f.i < f.kids.length) {
      const k = f.kids[f.i++]
      if (typeof k !== 'object' || k === null || isMedia(k)) continue
      const h = height.get(k)
      if (h === IN_PROGRESS) return true
      if (h !== undefined) {
        if (stack.length + h > limit) return true
        if (h > f.h) f.h = h
        continue
      }
      if (stack.length + 1 > limit) return true
      enter(k)
      continue
    }
    stack.pop()
    const own = f.h + 1
    height.set(f.o, own)
    const parent = stack[stack.length - 1]
    if (parent && own > parent.h) parent.h = own
  }
  return false
}
