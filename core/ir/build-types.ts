// Classes, enums and type aliases → IR.
import type { MemberAst, TypeAliasAst, TypeBlockAst } from '../syntax/ast.ts'
import { error, type Diagnostic } from '../syntax/diagnostics.ts'
import { CLASS_BLOCK_ATTRS, ENUM_BLOCK_ATTRS, ENUM_VALUE_ATTRS, FIELD_ATTRS, readAttributes, type AttrValues } from './attributes.ts'
import { checkName } from './collect.ts'
import { aliasRefs, cycles } from './cycles.ts'
import { BAML_KEYWORDS } from './reserved.ts'
import { isOptional, resolveAlias, resolveType, withAttrs, type AliasDef, type TypeScope } from './resolve-type.ts'
import type { ClassIR, EnumIR, EnumValueIR, FieldIR, TypeAliasIR } from './types.ts'

/** Build-time view of an IR record: optional fields are set one by one. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

export function buildField(m: MemberAst, className: string, scope: TypeScope, diags: Diagnostic[]): FieldIR | undefined {
  checkName('class field', m.name, false, diags)
  if (BAML_KEYWORDS.has(m.name.name)) {
    diags.push(error(`Field \`${m.name.name}\` in class \`${className}\`: a field name cannot be a BAML language keyword`, m.name.span))
  }
  if (!m.type) {
    diags.push(error(`No type specified for field \`${m.name.name}\`; write e.g. \`${m.name.name} string\``, m.name.span))
    return undefined
  }
  const attrs = readAttributes(m.attrs, FIELD_ATTRS, 'a class field', diags)
  const type = withAttrs(resolveType(m.type, scope, diags), attrs.typeAttrs)
  if (attrs.skip && !isOptional(type)) {
    diags.push(error(`Class field \`${m.name.name}\` has @skip, so it must be optional: write \`${m.name.name} <type>?\``, m.span))
  }
  const f: Mutable<FieldIR> = { name: m.name.name, type, span: m.span }
  if (attrs.alias !== undefined) f.alias = attrs.alias
  if (attrs.description !== undefined) f.description = attrs.description
  if (attrs.skip) f.skip = true
  if (m.docstring !== undefined) f.docstring = m.docstring
  return f
}

export function buildClass(b: TypeBlockAst, scope: TypeScope, diags: Diagnostic[]): ClassIR {
  checkName('class', b.name, true, diags)
  const fields: FieldIR[] = []
  for (const m of distinctMembers(b, 'Field', diags)) {
    const f = buildField(m, b.name.name, scope, diags)
    if (f) fields.push(f)
  }
  const c: Mutable<ClassIR> = { name: b.name.name, fields, span: b.span }
  setBlockExtras(c, readAttributes(b.blockAttrs, CLASS_BLOCK_ATTRS, 'a class', diags), b)
  return c
}

/** A class's or enum's members, each name once: a repeated one is reported (as `what`, e.g. `Field`) and left out. */
function distinctMembers(b: TypeBlockAst, what: string, diags: Diagnostic[]): MemberAst[] {
  const out: MemberAst[] = []
  const seen = new Set<string>()
  for (const m of b.members) {
    if (seen.has(m.name.name)) {
      diags.push(error(`${what} \`${m.name.name}\` is already defined on ${b.keyword.name} \`${b.name.name}\``, m.name.span))
      continue
    }
    seen.add(m.name.name)
    out.push(m)
  }
  return out
}

/** What a class and an enum take from their block attributes, and the docstring. */
function setBlockExtras(out: Pick<Mutable<ClassIR>, 'alias' | 'description' | 'dynamic' | 'attrs' | 'docstring'>, attrs: AttrValues, b: TypeBlockAst): void {
  if (attrs.alias !== undefined) out.alias = attrs.alias
  if (attrs.description !== undefined) out.description = attrs.description
  if (attrs.dynamic) out.dynamic = true
  if (attrs.typeAttrs) out.attrs = attrs.typeAttrs
  if (b.docstring !== undefined) out.docstring = b.docstring
}

export function buildEnumValue(m: MemberAst, enumName: string, diags: Diagnostic[]): EnumValueIR {
  checkName('enum value', m.name, true, diags)
  if (m.type) diags.push(error(`Enum value \`${m.name.name}\` in \`${enumName}\` cannot have a type; enum values are bare names`, m.type.span))
  const attrs = readAttributes(m.attrs, ENUM_VALUE_ATTRS, 'an enum value', diags)
  const v: Mutable<EnumValueIR> = { name: m.name.name, span: m.span }
  if (attrs.alias !== undefined) v.alias = attrs.alias
  if (attrs.description !== undefined) v.description = attrs.description
  if (attrs.skip) v.skip = true
  if (m.docstring !== undefined) v.docstring = m.docstring
  return v
}

export function buildEnum(b: TypeBlockAst, diags: Diagnostic[]): EnumIR {
  checkName('enum', b.name, true, diags)
  const values = distinctMembers(b, 'Value', diags).map((m) => buildEnumValue(m, b.name.name, diags))
  const e: Mutable<EnumIR> = { name: b.name.name, values, span: b.span }
  setBlockExtras(e, readAttributes(b.blockAttrs, ENUM_BLOCK_ATTRS, 'an enum', diags), b)
  return e
}

/**
 * Alias definitions with their recursion flag. Aliases that reach themselves only through
 * unions/optionals (never a list or map) can never be finite and are reported.
 */
export function prepareAliases(aliases: readonly TypeAliasAst[], diags: Diagnostic[]): Map<string, AliasDef> {
  const defs = new Map<string, AliasDef>()
  for (const a of aliases) if (!defs.has(a.name.name)) defs.set(a.name.name, { ast: a, recursive: false })
  const isAlias = (n: string) => defs.has(n)
  const order = [...defs.keys()]
  const all = new Map<string, Set<string>>()
  const direct = new Map<string, Set<string>>()
  for (const [name, d] of defs) {
    const s = new Set<string>()
    aliasRefs(d.ast.type, isAlias, s, true)
    all.set(name, s)
    const n = new Set<string>()
    aliasRefs(d.ast.type, isAlias, n, false)
    direct.set(name, n)
  }
  for (const cycle of cycles(all, order)) for (const n of cycle) defs.get(n)!.recursive = true
  for (const cycle of cycles(direct, order)) {
    diags.push(error(`These aliases form a dependency cycle: ${cycle.join(' -> ')}`, defs.get(cycle[0]!)!.ast.name.span))
  }
  return defs
}

export function buildAlias(def: AliasDef, scope: TypeScope, diags: Diagnostic[]): TypeAliasIR {
  checkName('type alias', def.ast.name, true, diags)
  const type = resolveAlias(def, scope, diags)
  return {
    name: def.ast.name.name,
    type,
    recursive: def.recursive,
    ...(def.ast.docstring !== undefined ? { docstring: def.ast.docstring } : {}),
    span: def.ast.span,
  }
}

