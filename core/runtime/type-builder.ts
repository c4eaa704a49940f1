// TypeBuilder: classes, enums, fields and values added at run time, for `@@dynamic` types.
// Applying it yields an extended IR (new maps; the loaded IR is never mutated), which every stage
// (output format, parsing, argument conversion) reads like any other project.
import { BamlInvalidArgumentError } from '../errors.ts'
import { findRecursiveClasses } from '../ir/cycles.ts'
import type { BamlIR, ClassIR, EnumIR, EnumValueIR, FieldIR, TypeIR } from '../ir/types.ts'
import type { Span } from '../syntax/span.ts'

const SPAN: Span = { file: '<type builder>', start: 0, end: 0 }

interface FieldSpec {
  type: TypeIR
  alias?: string
  description?: string
}

interface ValueSpec {
  alias?: string
  description?: string
  skip?: boolean
}

/** `.alias()` / `.description()` on a property or an enum value being added. */
class Annotated<S extends { alias?: string; description?: string }> {
  constructor(protected readonly spec: S, protected readonly touch: () => void) {}
  alias(name: string): this {
    this.spec.alias = name
    this.touch()
    return this
  }
  description(text: string): this {
    this.spec.description = text
    this.touch()
    return this
  }
}

export class PropertyBuilder extends Annotated<FieldSpec> {}

export class ClassBuilder {
  /** @internal */ readonly fields = new Map<string, FieldSpec>()
  /** @internal */ descriptionText: string | undefined
  constructor(readonly name: string, readonly isNew: boolean, private readonly touch: () => void) {}
  addProperty(name: string, type: TypeIR): PropertyBuilder {
    const spec: FieldSpec = { type }
    this.fields.set(name, spec)
    this.touch()
    return new PropertyBuilder(spec, this.touch)
  }
  description(text: string): this {
    this.descriptionText = text
    this.touch()
    return this
  }
  /** The type that refers to this class, for use in other properties. */
  type(): TypeIR {
    return { kind: 'class', name: this.name }
  }
}

export class EnumValueBuilder extends Annotated<ValueSpec> {
  skip(skip = true): this {
    this.spec.skip = skip
    this.touch()
    return this
  }
}

export class EnumBuilder {
  /** @internal */ readonly values = new Map<string, ValueSpec>()
  constructor(readonly name: string, readonly isNew: boolean, private readonly touch: () => void) {}
  addValue(name: string): EnumValueBuilder {
    const spec: ValueSpec = {}
    this.values.set(name, spec)
    this.touch()
    return new EnumValueBuilder(spec, this.touch)
  }
  type(): TypeIR {
    return { kind: 'enum', name: this.name }
  }
}

export class TypeBuilder {
  private readonly classes = new Map<string, ClassBuilder>()
  private readonly enums = new Map<string, EnumBuilder>()
  private cache: { base: BamlIR; ir: BamlIR } | undefined
  private readonly touch = () => {
    this.cache = undefined
  }

  string(): TypeIR {
    return { kind: 'primitive', name: 'string' }
  }
  int(): TypeIR {
    return { kind: 'primitive', name: 'int' }
  }
  float(): TypeIR {
    return { kind: 'primitive', name: 'float' }
  }
  bool(): TypeIR {
    return { kind: 'primitive', name: 'bool' }
  }
  null(): TypeIR {
    return { kind: 'primitive', name: 'null' }
  }
  literalString(value: string): TypeIR {
    return { kind: 'literal', value }
  }
  literalInt(value: number): TypeIR {
    return { kind: 'literal', value }
  }
  literalBool(value: boolean): TypeIR {
    return { kind: 'literal', value }
  }
  list(item: TypeIR): TypeIR {
    return { kind: 'list', item }
  }
  map(key: TypeIR, value: TypeIR): TypeIR {
    return { kind: 'map', key, value }
  }
  union(options: readonly TypeIR[]): TypeIR {
    return { kind: 'union', options }
  }
  optional(t: TypeIR): TypeIR {
    return { kind: 'union', options: [t, { kind: 'primitive', name: 'null' }] }
  }
  classRef(name: string): TypeIR {
    return { kind: 'class', name }
  }
  enumRef(name: string): TypeIR {
    return { kind: 'enum', name }
  }

  private checkNewName(name: string): void {
    if (this.classes.has(name) || this.enums.has(name)) throw new BamlInvalidArgumentError(`type ${name} was already added`)
    this.touch()
  }

  /** A new class (must not exist in the project). */
  addClass(name: string): ClassBuilder {
    this.checkNewName(name)
    const b = new ClassBuilder(name, true, this.touch)
    this.classes.set(name, b)
    return b
  }

  /** A new enum (must not exist in the project). */
  addEnum(name: string): EnumBuilder {
    this.checkNewName(name)
    const b = new EnumBuilder(name, true, this.touch)
    this.enums.set(name, b)
    return b
  }

  /** Extend an existing `@@dynamic` class. */
  class(name: string): ClassBuilder {
    let b = this.classes.get(name)
    if (!b) this.classes.set(name, (b = new ClassBuilder(name, false, this.touch)))
    return b
  }

  /** Extend an existing `@@dynamic` enum. */
  enum(name: string): EnumBuilder {
    let b = this.enums.get(name)
    if (!b) this.enums.set(name, (b = new EnumBuilder(name, false, this.touch)))
    return b
  }

  reset(): void {
    this.classes.clear()
    this.enums.clear()
    this.touch()
  }

  /** The project's IR with these additions (cached until the builder changes). */
  apply(base: BamlIR): BamlIR {
    if (this.cache?.base === base) return this.cache.ir
    const classes = new Map(base.classes)
    const enums = new Map(base.enums)
    for (const b of this.classes.values()) {
      const existing = target('class', b, base.classes.get(b.name), base.enums.has(b.name))
      const added: FieldIR[] = [...b.fields].map(([name, f]) => ({ name, type: f.type, span: SPAN, ...annotations(f) }))
      const kept = (existing?.fields ?? []).filter((f) => !b.fields.has(f.name))
      const cls: ClassIR = existing
        ? { ...existing, fields: [...kept, ...added], ...(b.descriptionText !== undefined ? { description: b.descriptionText } : {}) }
        : { name: b.name, fields: added, span: SPAN, dynamic: true, ...(b.descriptionText !== undefined ? { description: b.descriptionText } : {}) }
      classes.set(b.name, cls)
    }
    for (const b of this.enums.values()) {
      const existing = target('enum', b, base.enums.get(b.name), base.classes.has(b.name))
      const added: EnumValueIR[] = [...b.values].map(([name, v]) => ({ name, span: SPAN, ...annotations(v), ...(v.skip ? { skip: true } : {}) }))
      const kept = (existing?.values ?? []).filter((v) => !b.values.has(v.name))
      const en: EnumIR = existing ? { ...existing, values: [...kept, ...added] } : { name: b.name, values: added, span: SPAN, dynamic: true }
      enums.set(b.name, en)
    }
    const ir: BamlIR = { ...base, classes, enums, recursiveClasses: findRecursiveClasses(classes) }
    this.cache = { base, ir }
    return ir
  }
}

/** `alias` / `description` keys only when set (the IR leaves absent ones out). */
function annotations(spec: { alias?: string; description?: string }): { alias?: string; description?: string } {
  return {
    ...(spec.alias !== undefined ? { alias: spec.alias } : {}),
    ...(spec.description !== undefined ? { description: spec.description } : {}),
  }
}

/** The project's definition a builder extends (undefined for a new type), after checking it may be. */
function target<T extends { readonly dynamic?: boolean }>(
  kind: 'class' | 'enum',
  b: { readonly name: string; readonly isNew: boolean },
  existing: T | undefined,
  takenByOtherKind: boolean,
): T | undefined {
  if (b.isNew && (existing || takenByOtherKind)) throw new BamlInvalidArgumentError(`type ${b.name} already exists in the project`)
  if (!b.isNew && !existing) throw new BamlInvalidArgumentError(`${kind} ${b.name} does not exist`)
  if (existing && !existing.dynamic) throw new BamlInvalidArgumentError(`${kind} ${b.name} is not @@dynamic; only dynamic ${kind === 'class' ? 'classes' : 'enums'} can be extended`)
  return existing
}
