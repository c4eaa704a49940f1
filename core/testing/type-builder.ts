// A test's `type_builder { ... }` as a runtime TypeBuilder. The block is already validated IR (new
// classes and enums with all their attributes, fields and values added to `@@dynamic` types, type
// aliases), so it is merged into the project's IR as written instead of being replayed through the
// builder's methods, which know nothing of attributes, aliases or class-level constraints.
import type { BamlIR, ClassIR, EnumIR, TestTypeBuilderIR } from '../ir/types.ts'
import { findRecursiveClasses } from '../ir/cycles.ts'
import { TypeBuilder } from '../runtime/type-builder.ts'

class TestTypeBuilder extends TypeBuilder {
  private merged: { base: BamlIR; ir: BamlIR } | undefined

  constructor(private readonly spec: TestTypeBuilderIR) {
    super()
  }

  override apply(base: BamlIR): BamlIR {
    if (this.merged?.base === base) return this.merged.ir
    const ir = mergeTypeBuilder(super.apply(base), this.spec)
    this.merged = { base, ir }
    return ir
  }
}

function mergeTypeBuilder(base: BamlIR, spec: TestTypeBuilderIR): BamlIR {
  const classes = new Map<string, ClassIR>(base.classes)
  const enums = new Map<string, EnumIR>(base.enums)
  const typeAliases = new Map(base.typeAliases)
  for (const c of spec.classes) classes.set(c.name, c)
  for (const e of spec.enums) enums.set(e.name, e)
  for (const a of spec.typeAliases) typeAliases.set(a.name, a)
  for (const ext of spec.extendClasses) {
    const cls = classes.get(ext.name)
    if (!cls) continue
    const added = new Set(ext.fields.map((f) => f.name))
    classes.set(ext.name, { ...cls, fields: [...cls.fields.filter((f) => !added.has(f.name)), ...ext.fields] })
  }
  for (const ext of spec.extendEnums) {
    const en = enums.get(ext.name)
    if (!en) continue
    const added = new Set(ext.values.map((v) => v.name))
    enums.set(ext.name, { ...en, values: [...en.values.filter((v) => !added.has(v.name)), ...ext.values] })
  }
  return { ...base, classes, enums, typeAliases, recursiveClasses: findRecursiveClasses(classes) }
}

/** The TypeBuilder a test's calls use (its additions on top of anything added through the builder's API). */
export function testTypeBuilder(spec: TestTypeBuilderIR): TypeBuilder {
  return new TestTypeBuilder(spec)
}
