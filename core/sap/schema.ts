// The parser's view of a BAML schema: TypeIR nodes compiled into a form that carries the
// reference's type metadata (constraints and streaming behaviour) explicitly, plus class/enum
// lookups for the final and the streaming ("partial") namespaces.
import type { BamlIR, ClassIR, Constraint, EnumIR, TypeAttrs, TypeIR } from '../ir/types.ts'

export interface Meta {
  readonly constraints: readonly Constraint[]
  /** @stream.done (or inherently done while streaming) */
  readonly done: boolean
  /** @stream.not_null */
  readonly needed: boolean
  /** @stream.with_state */
  readonly state: boolean
}

const NO_META: Meta = { constraints: [], done: false, needed: false, state: false }

interface Base {
  readonly m: Meta
  /** unique per compiled node; used in cache keys */
  readonly id: number
}

export type PrimKind = 'string' | 'int' | 'float' | 'bool' | 'null'

export type CType =
  | (Base & { readonly k: PrimKind })
  | (Base & { readonly k: 'media'; readonly media: string })
  | (Base & { readonly k: 'literal'; readonly value: string | number | boolean })
  | (Base & { readonly k: 'class'; readonly name: string; readonly streaming: boolean })
  | (Base & { readonly k: 'enum'; readonly name: string })
  | (Base & { readonly k: 'alias'; readonly name: string; readonly streaming: boolean })
  | (Base & { readonly k: 'list'; readonly item: CType })
  | (Base & { readonly k: 'map'; readonly key: CType; readonly value: CType })
  /** `options` are the non-null variants; `optional` adds null as the last variant */
  | (Base & { readonly k: 'union'; readonly options: readonly CType[]; readonly optional: boolean })

export type ClassType = Extract<CType, { k: 'class' }>
export type UnionType = Extract<CType, { k: 'union' }>

export interface CField {
  readonly name: string
  /** the name the model sees (alias or name) */
  readonly rendered: string
  readonly type: CType
}

export interface CClass {
  readonly name: string
  readonly fields: readonly CField[]
  readonly constraints: readonly Constraint[]
  readonly done: boolean
}

export interface CEnumValue {
  readonly name: string
  readonly rendered: string
  readonly description: string | undefined
}

export interface CEnum {
  readonly name: string
  readonly values: readonly CEnumValue[]
  readonly constraints: readonly Constraint[]
}

let nextId = 1

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never

export function mk(t: WithoutId<CType>): CType {
  return { ...t, id: nextId++ } as CType
}

function withMeta(t: CType, m: Meta): CType {
  return mk({ ...t, m } as CType)
}

const NULL_TYPE: CType = mk({ k: 'null', m: NO_META })

export function isOptional(t: CType): boolean {
  return t.k === 'null' || (t.k === 'union' && t.optional)
}

/** The reference's `iter_include_null`: non-null variants, then null if the union is optional. */
export function unionVariants(t: UnionType): readonly CType[] {
  return t.optional ? [...t.options, NULL_TYPE] : t.options
}

/** Compiled schema for one project (one IR). */
export class Schema {
  private readonly finalClasses = new Map<string, CClass>()
  private readonly partialClasses = new Map<string, CClass>()
  private readonly enumCache = new Map<string, CEnum>()
  private readonly aliasCache = new Map<string, CType>()
  private readonly partialCache = new Map<number, CType>()
  private readonly declaredFieldTypes = new Map<string, Map<string, CType>>()

  constructor(readonly ir: BamlIR) {}

  /** Compiles a TypeIR (the final, non-streaming type). */
  compile(t: TypeIR): CType {
    const m = metaOf(t.attrs)
    switch (t.kind) {
      case 'primitive':
        return mk({ k: t.name, m })
      case 'media':
        return mk({ k: 'media', media: t.name, m })
      case 'literal':
        return mk({ k: 'literal', value: t.value, m })
      case 'class': {
        const cls = this.ir.classes.get(t.name)
        return mk({ k: 'class', name: t.name, streaming: false, m: mergeBlockAttrs(m, cls?.attrs) })
      }
      case 'enum': {
        const en = this.ir.enums.get(t.name)
        return mk({ k: 'enum', name: t.name, m: mergeBlockAttrs(m, en?.attrs) })
      }
      case 'alias':
        return mk({ k: 'alias', name: t.name, streaming: false, m })
      case 'list':
        return mk({ k: 'list', item: this.compile(t.item), m })
      case 'map':
        return mk({ k: 'map', key: this.compile(t.key), value: this.compile(t.value), m })
      case 'union':
        return this.compileUnion(t.options, m)
    }
  }

  private compileUnion(options: readonly TypeIR[], m: Meta): CType {
    const flat: TypeIR[] = []
    let hasNull = false
    const visit = (o: TypeIR): void => {
      const plain = !hasMeta(metaOf(o.attrs))
      if (o.kind === 'union' && plain) o.options.forEach(visit)
      else if (o.kind === 'primitive' && o.name === 'null' && plain) hasNull = true
      else flat.push(o)
    }
    options.forEach(visit)
    const seen = new Set<string>()
    const variants: CType[] = []
    for (const o of flat) {
      const key = JSON.stringify(stripSpans(o))
      if (seen.has(key)) continue
      seen.add(key)
      variants.push(this.compile(o))
    }
    if (variants.length === 0) return mk({ k: 'null', m })
    if (variants.length === 1 && !hasNull && !hasMeta(m)) return variants[0]!
    return mk({ k: 'union', options: variants, optional: hasNull, m })
  }

  /** Class lookup in the final (`streaming=false`) or partial namespace. */
  cls(name: string, streaming: boolean): CClass | undefined {
    const cache = streaming ? this.partialClasses : this.finalClasses
    const hit = cache.get(name)
    if (hit) return hit
    const c = this.ir.classes.get(name)
    if (!c) return undefined
    const fields: CField[] = []
    for (const f of c.fields) {
      if (f.skip) continue
      const declared = this.fieldType(c, f.type)
      fields.push({
        name: f.name,
        rendered: f.alias ?? f.name,
        type: streaming ? this.partial(declared) : declared,
      })
    }
    const out: CClass = { name, fields, constraints: c.attrs?.constraints ?? [], done: c.attrs?.streamDone === true }
    cache.set(name, out)
    return out
  }

  /** Declared field types of a class, skipped fields included (the reference's `class_fields`). */
  declaredFields(name: string): Map<string, CType> {
    let m = this.declaredFieldTypes.get(name)
    if (m) return m
    m = new Map()
    const c = this.ir.classes.get(name)
    if (c) for (const f of c.fields) m.set(f.name, this.fieldType(c, f.type))
    this.declaredFieldTypes.set(name, m)
    return m
  }

  /** A field's declared type; fields of a @@stream.done class are themselves done and not null. */
  private fieldType(c: ClassIR, t: TypeIR): CType {
    const compiled = this.compile(t)
    if (c.attrs?.streamDone !== true) return compiled
    return withMeta(compiled, { ...compiled.m, done: true, needed: true })
  }

  classIR(name: string): ClassIR | undefined {
    return this.ir.classes.get(name)
  }

  enm(name: string): CEnum | undefined {
    const hit = this.enumCache.get(name)
    if (hit) return hit
    const e: EnumIR | undefined = this.ir.enums.get(name)
    if (!e) return undefined
    const values = e.values
      .filter((v) => !v.skip)
      .map((v) => ({ name: v.name, rendered: v.alias ?? v.name, description: v.description }))
    const out: CEnum = { name, values, constraints: e.attrs?.constraints ?? [] }
    this.enumCache.set(name, out)
    return out
  }

  /** The type a recursive alias stands for (as declared, never partialised). */
  alias(name: string): CType | undefined {
    const hit = this.aliasCache.get(name)
    if (hit) return hit
    const a = this.ir.typeAliases.get(name)
    if (!a) return undefined
    const t = this.compile(a.type)
    this.aliasCache.set(name, t)
    return t
  }

  private readonly completeCache = new Map<number, ReadonlySet<string>>()

  /**
   * For a partial parse with this target: the classes registered in their complete
   * (non-streaming) form. The reference registers each class occurrence reachable from the
   * target under the streaming namespace unless that occurrence is marked done, and looks a class
   * up in the namespace its reference was made in; so a class used inside a @@stream.done class
   * (whose fields keep their complete types) is not found unless it is done somewhere itself.
   */
  completeClassesFor(partialTarget: CType): ReadonlySet<string> {
    const hit = this.completeCache.get(partialTarget.id)
    if (hit) return hit
    const complete = new Set<string>()
    const seenTypes = new Set<number>()
    const seenClasses = new Set<string>()
    const walk = (t: CType): void => {
      if (seenTypes.has(t.id)) return
      seenTypes.add(t.id)
      switch (t.k) {
        case 'class': {
          const done = t.m.done
          if (done) complete.add(t.name)
          const key = (done ? 'd:' : 's:') + t.name
          if (seenClasses.has(key)) return
          seenClasses.add(key)
          const c = this.cls(t.name, !done)
          if (c) for (const f of c.fields) walk(f.type)
          return
        }
        case 'list':
          walk(t.item)
          return
        case 'map':
          walk(t.key)
          walk(t.value)
          return
        case 'union':
          t.options.forEach(walk)
          return
        case 'alias': {
          const a = this.alias(t.name)
          if (a) walk(a)
          return
        }
        default:
          return
      }
    }
    walk(partialTarget)
    this.completeCache.set(partialTarget.id, complete)
    return complete
  }

  /** The reference's `to_streaming_type(..).to_ir_type()`: the type used for partial parses. */
  partial(t: CType): CType {
    const hit = this.partialCache.get(t.id)
    if (hit) return hit
    const out = this.partialize(t)
    this.partialCache.set(t.id, out)
    return out
  }

  private partialize(t: CType): CType {
    const inherentDone = t.k === 'int' || t.k === 'float' || t.k === 'bool' || t.k === 'enum' || t.k === 'literal'
    let inherentNeeded = false
    if (t.k === 'alias') {
      const target = this.alias(t.name)
      if (target && isOptional(target)) inherentNeeded = true
    }
    const done = t.m.done || inherentDone
    let needed = t.m.needed || inherentNeeded
    const state = t.m.state
    const meta: Meta = { constraints: t.m.constraints, done, needed: false, state }
    let base: CType
    switch (t.k) {
      case 'class':
        base = mk({ k: 'class', name: t.name, streaming: !done, m: meta })
        break
      case 'alias':
        base = mk({ k: 'alias', name: t.name, streaming: !done, m: meta })
        break
      case 'list': {
        needed = true
        const item = withMeta(t.item, { ...t.item.m, needed: true, done: t.item.m.done || done })
        base = mk({ k: 'list', item: this.partialize(item), m: meta })
        break
      }
      case 'map': {
        needed = true
        const key = withMeta(t.key, { ...t.key.m, needed: true, done: t.key.m.done || done })
        const value = withMeta(t.value, { ...t.value.m, needed: true, done: t.value.m.done || done })
        base = mk({ k: 'map', key: this.partialize(key), value: this.partialize(value), m: meta })
        break
      }
      case 'union': {
        const variants = t.options.map((o) => this.partialize(withMeta(o, { ...o.m, needed: true, done: o.m.done || done })))
        const wraps = meta.constraints.length > 0 || meta.done
        const optional = t.optional || (!wraps && !needed)
        base = mk({ k: 'union', options: variants, optional, m: meta })
        break
      }
      default:
        base = withMeta(t, meta)
    }
    if (needed || isOptional(base)) return base
    // not needed: the partial type is nullable; the with_state mark moves to the wrapper
    const inner = base.m.state ? withMeta(base, { ...base.m, state: false }) : base
    return mk({ k: 'union', options: [inner], optional: true, m: { ...NO_META, state } })
  }
}

function hasMeta(m: Meta): boolean {
  return m.constraints.length > 0 || m.done || m.needed || m.state
}

function metaOf(a: TypeAttrs | undefined): Meta {
  if (!a) return NO_META
  return {
    constraints: a.constraints ?? [],
    done: a.streamDone === true,
    needed: a.streamNotNull === true,
    state: a.streamWithState === true,
  }
}

function mergeBlockAttrs(m: Meta, block: TypeAttrs | undefined): Meta {
  if (!block) return m
  const extra = block.constraints ?? []
  return {
    constraints: extra.length > 0 ? [...extra, ...m.constraints] : m.constraints,
    done: m.done || block.streamDone === true,
    needed: m.needed || block.streamNotNull === true,
    state: m.state || block.streamWithState === true,
  }
}

function stripSpans(t: unknown): unknown {
  if (Array.isArray(t)) return t.map(stripSpans)
  if (t && typeof t === 'object') {
    const o: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(t)) if (k !== 'span') o[k] = stripSpans(v)
    return o
  }
  return t
}

/** Marks a type as the function's return type: the reference treats it as `@stream.not_null`. */
export function asReturnType(t: CType): CType {
  return withMeta(t, { ...t.m, needed: true })
}
