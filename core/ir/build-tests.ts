// Test blocks → IR: target functions, args, type_builder, and block-level @@check/@@assert.
import type { TypeAliasAst, TypeBlockAst, TypeBuilderAst, ValueBlockAst } from '../syntax/ast.ts'
import { error, type Diagnostic } from '../syntax/diagnostics.ts'
import type { Span } from '../syntax/span.ts'
import { constraintOf } from './attributes.ts'
import { checkSignature } from './build-config.ts'
import { buildAlias, buildClass, buildEnum, buildEnumValue, buildField, prepareAliases } from './build-types.ts'
import { checkName } from './collect.ts'
import { describeConfigValue, stringOf, toConfigValue } from './config-value.ts'
import type { AliasDef, TypeScope } from './resolve-type.ts'
import type { ClassIR, ConfigEntry, Constraint, EnumIR, EnumValueIR, FieldIR, TestIR, TestTypeBuilderIR } from './types.ts'

export interface TestContext {
  readonly scope: TypeScope
  /** Classes / enums declared `@@dynamic` (only those may be extended by `dynamic class/enum`). */
  readonly dynamicClasses: ReadonlySet<string>
  readonly dynamicEnums: ReadonlySet<string>
}

function buildTypeBuilder(tb: TypeBuilderAst, ctx: TestContext, diags: Diagnostic[]): TestTypeBuilderIR {
  const newClasses: TypeBlockAst[] = []
  const newEnums: TypeBlockAst[] = []
  const extendClasses: TypeBlockAst[] = []
  const extendEnums: TypeBlockAst[] = []
  const aliasAsts: TypeAliasAst[] = []
  for (const item of tb.items) {
    if (item.kind === 'typeAlias') {
      aliasAsts.push(item)
      continue
    }
    const kw = item.keyword.name
    if (kw !== 'class' && kw !== 'enum') {
      diags.push(error(`Unexpected keyword \`${kw}\` in type_builder; use \`class\`, \`enum\`, \`dynamic class\` or \`dynamic enum\``, item.keyword.span))
      continue
    }
    if (item.dynamic) (kw === 'class' ? extendClasses : extendEnums).push(item)
    else (kw === 'class' ? newClasses : newEnums).push(item)
  }
  // Scope: the project's types plus the ones declared here.
  const classes = new Set(ctx.scope.classes)
  const enums = new Set(ctx.scope.enums)
  for (const c of newClasses) {
    if (classes.has(c.name.name) || enums.has(c.name.name)) diags.push(error(`\`${c.name.name}\` is already defined; use \`dynamic class ${c.name.name}\` to add fields to a @@dynamic class`, c.name.span))
    classes.add(c.name.name)
  }
  for (const e of newEnums) {
    if (classes.has(e.name.name) || enums.has(e.name.name)) diags.push(error(`\`${e.name.name}\` is already defined; use \`dynamic enum ${e.name.name}\` to add values to a @@dynamic enum`, e.name.span))
    enums.add(e.name.name)
  }
  const localAliases = prepareAliases(aliasAsts, diags)
  const aliases = new Map<string, AliasDef>(ctx.scope.aliases)
  for (const [k, v] of localAliases) aliases.set(k, v)
  const scope: TypeScope = { classes, enums, aliases }

  const outClasses: ClassIR[] = newClasses.map((c) => buildClass(c, scope, diags))
  const outEnums: EnumIR[] = newEnums.map((e) => buildEnum(e, diags))
  const ext: { name: string; fields: FieldIR[]; span: Span }[] = []
  for (const c of extendClasses) {
    if (!ctx.dynamicClasses.has(c.name.name)) {
      diags.push(error(`\`dynamic class ${c.name.name}\` needs a class \`${c.name.name}\` marked \`@@dynamic\``, c.name.span))
    }
    if (c.blockAttrs.length) diags.push(error('Block attributes are not allowed in `dynamic class`', c.blockAttrs[0]!.span))
    const fields: FieldIR[] = []
    for (const m of c.members) {
      const f = buildField(m, c.name.name, scope, diags)
      if (f) fields.push(f)
    }
    ext.push({ name: c.name.name, fields, span: c.span })
  }
  const extE: { name: string; values: EnumValueIR[]; span: Span }[] = []
  for (const e of extendEnums) {
    if (!ctx.dynamicEnums.has(e.name.name)) {
      diags.push(error(`\`dynamic enum ${e.name.name}\` needs an enum \`${e.name.name}\` marked \`@@dynamic\``, e.name.span))
    }
    extE.push({ name: e.name.name, values: e.members.map((m) => buildEnumValue(m, e.name.name, diags)), span: e.span })
  }
  const typeAliases = [...localAliases.values()].map((d) => buildAlias(d, scope, diags))
  return { classes: outClasses, enums: outEnums, extendClasses: ext, extendEnums: extE, typeAliases, span: tb.span }
}

export function buildTest(b: ValueBlockAst, ctx: TestContext, diags: Diagnostic[]): TestIR | undefined {
  checkName('test', b.name, false, diags)
  let functions: { name: string; span: Span }[] | undefined
  let args: ConfigEntry[] | undefined
  let ok = true
  // `function F` (singular) is reported on its own; then a missing `functions` is not reported too.
  let wroteFunction = false
  for (const f of b.fields) {
    const key = f.name.name
    for (const a of f.attrs) {
      const n = a.name.name
      diags.push(
        error(
          n === 'check' || n === 'assert'
            ? `@${n} is not allowed on test fields; use @@${n} at the test block level instead`
            : `Attributes are not allowed on test fields`,
          a.span,
        ),
      )
      ok = false
    }
    if (!f.value) {
      diags.push(error(`\`${key}\` in test \`${b.name.name}\` needs a value`, f.name.span))
      ok = false
      continue
    }
    const value = toConfigValue(f.value)
    if (key === 'function') {
      diags.push(error(`Use \`functions [${f.value.kind === 'ident' ? f.value.name : 'MyFunction'}]\` in test \`${b.name.name}\`; a test must have a \`functions\` field`, f.name.span))
      wroteFunction = true
      ok = false
      continue
    }
    if (key === 'functions') {
      if (functions) {
        diags.push(error(`\`${key}\` is set more than once in test \`${b.name.name}\``, f.name.span))
        ok = false
        continue
      }
      const items = value.kind === 'array' ? value.items : undefined
      if (!items) {
        diags.push(error(`\`functions\` must be a list such as \`[MyFunction]\`, found ${describeConfigValue(value)}`, value.span))
        ok = false
        continue
      }
      functions = []
      for (const it of items) {
        const s = stringOf(it)
        if (s === undefined) {
          diags.push(error(`Expected a function name, found ${describeConfigValue(it)}`, it.span))
          ok = false
        } else functions.push({ name: s, span: it.span })
      }
    } else if (key === 'args') {
      if (args) {
        diags.push(error(`\`args\` is set more than once in test \`${b.name.name}\``, f.name.span))
        ok = false
      } else if (value.kind === 'map') args = [...value.entries]
      else {
        diags.push(error(`\`args\` must be a map such as \`{ name "value" }\`, found ${describeConfigValue(value)}`, value.span))
        ok = false
      }
    } else {
      diags.push(error(`Unknown field \`${key}\` in test \`${b.name.name}\`; a test has \`functions\`, \`args\` and \`type_builder\``, f.name.span))
      ok = false
    }
  }
  if (!functions && !wroteFunction) {
    diags.push(error(`Missing \`functions\` in test \`${b.name.name}\`; add e.g. \`functions [MyFunction]\``, b.name.span))
    ok = false
  }
  if (!args) {
    diags.push(error(`Missing \`args\` in test \`${b.name.name}\`; add \`args { ... }\``, b.name.span))
    ok = false
  }
  const constraints: Constraint[] = []
  for (const a of b.blockAttrs) {
    const n = a.name.name
    if (n !== 'check' && n !== 'assert') {
      diags.push(error("Tests may only contain 'check' or 'assert' attributes", a.span))
      ok = false
      continue
    }
    const c = constraintOf(a, diags)
    if (c) constraints.push(c)
    else ok = false
  }
  if (b.typeBuilders.length > 1) {
    diags.push(error('A test may have only one `type_builder` block', b.typeBuilders[1]!.span))
    ok = false
  }
  // `test Name() {` loads in the reference (its own examples write it): the header is checked as for config blocks.
  checkSignature(b, diags)
  const typeBuilder = b.typeBuilders[0] ? buildTypeBuilder(b.typeBuilders[0], ctx, diags) : undefined
  if (!ok || !functions || !args) return undefined
  return {
    name: b.name.name,
    functions,
    args,
    ...(typeBuilder ? { typeBuilder } : {}),
    constraints,
    ...(b.docstring !== undefined ? { docstring: b.docstring } : {}),
    span: b.span,
  }
}
