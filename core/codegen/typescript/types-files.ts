// types.ts (interfaces, enums, aliases, Checked<T>) and partial_types.ts (the streaming types).
import type { ClassIR, EnumIR, TypeAliasIR, TypeIR } from '../../index.ts'
import { mentions } from './client-files.ts'
import { file, type TsContext } from './context.ts'
import { docComment, key, str } from './names.ts'
import { MEDIA_TYPES, finalType, isOptional, mediaUsed, partialField, partialType, type TypeNames } from './type-expr.ts'

const IN_TYPES: TypeNames = { types: '', partial: 'partial_types.' }
const IN_PARTIAL: TypeNames = { types: 'types.', partial: '' }

function allTypes(ctx: TsContext): TypeIR[] {
  const out: TypeIR[] = []
  for (const c of ctx.ir.classes.values()) for (const f of c.fields) out.push(f.type)
  for (const a of ctx.ir.typeAliases.values()) out.push(a.type)
  return out
}

function mediaImport(ctx: TsContext): string[] {
  const used = [...mediaUsed(allTypes(ctx))].map((m) => MEDIA_TYPES[m]).sort()
  return used.length ? [`import type { ${used.join(', ')} } from ${str(ctx.runtimeModule)}`, ''] : []
}

// The declarations are pushed onto one array with plain loops (no per-field arrays to spread):
// this runs for every field of the project, in a cold engine.

function pushAll(out: string[], lines: readonly string[]): void {
  for (let i = 0; i < lines.length; i++) out.push(lines[i]!)
}

function enumDecl(e: EnumIR, out: string[]): void {
  pushAll(out, docComment(e.docstring, ''))
  out.push(`export enum ${e.name} {`)
  for (const v of e.values) {
    if (v.docstring !== undefined) pushAll(out, docComment(v.docstring, '  '))
    out.push(`  ${key(v.name)} = ${str(v.name)},`)
  }
  out.push('}', '')
}

function classDecl(c: ClassIR, ctx: TsContext, out: string[]): void {
  pushAll(out, docComment(c.docstring, ''))
  out.push(`export interface ${c.name} {`)
  const fields = c.fields
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!
    if (f.docstring !== undefined) pushAll(out, docComment(f.docstring, '  '))
    out.push(`  ${key(f.name)}${isOptional(f.type) ? '?' : ''}: ${finalType(f.type, ctx.ir, IN_TYPES)}`)
  }
  if (c.dynamic) out.push('  /** Properties added at run time with a TypeBuilder. */', '  [key: string]: any')
  out.push('}', '')
}

function aliasDecl(a: TypeAliasIR, ctx: TsContext, out: string[]): void {
  pushAll(out, docComment(a.docstring, ''))
  out.push(`export type ${a.name} = ${finalType(a.type, ctx.ir, IN_TYPES)}`, '')
}

export function typesFile(ctx: TsContext): string {
  const { ir } = ctx
  return file([
    ...mediaImport(ctx),
    '/** A value with the results of its `@check`s, keyed by check name. */',
    'export interface Checked<T, CheckName extends string = string> {',
    '  value: T',
    '  checks: Record<CheckName, Check>',
    '}',
    '',
    'export interface Check {',
    '  name: string',
    '  expression: string',
    '  status: "succeeded" | "failed"',
    '  /** @deprecated Never set at run time (the reference declares it, but sends `expression`). */',
    '  expr?: string',
    '}',
    '',
    'export function all_succeeded<CheckName extends string>(checks: Record<CheckName, Check>): boolean {',
    '  return get_checks(checks).every((check) => check.status === "succeeded")',
    '}',
    '',
    'export function get_checks<CheckName extends string>(checks: Record<CheckName, Check>): Check[] {',
    '  return Object.values(checks)',
    '}',
    '',
    '/**',
    ' * Recursively partial type that can be null.',
    ' *',
    ' * @deprecated Use the types of the `partial_types` namespace instead.',
    ' */',
    'export type RecursivePartialNull<T> = T extends object ? { [P in keyof T]?: RecursivePartialNull<T[P]> } : T | null',
    '',
    ...decls(ctx),
  ])
}

function decls(ctx: TsContext): string[] {
  const out: string[] = []
  for (const e of ctx.ir.enums.values()) enumDecl(e, out)
  for (const c of ctx.ir.classes.values()) classDecl(c, ctx, out)
  for (const a of ctx.ir.typeAliases.values()) aliasDecl(a, ctx, out)
  return out
}

export function partialTypesFile(ctx: TsContext): string {
  const { ir } = ctx
  const classes = [...ir.classes.values()]
  const aliases = [...ir.typeAliases.values()]
  const body: string[] = []
  for (const c of classes) {
    pushAll(body, docComment(c.docstring, '  '))
    body.push(`  export interface ${c.name} {`)
    const fields = c.fields
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!
      const p = partialField(f.type, ir, IN_PARTIAL)
      if (f.docstring !== undefined) pushAll(body, docComment(f.docstring, '    '))
      body.push(`    ${key(f.name)}${p.optional ? '?' : ''}: ${p.type}`)
    }
    if (c.dynamic) body.push('    [key: string]: any')
    body.push('  }', '')
  }
  for (const a of aliases) body.push(...docComment(a.docstring, '  '), `  export type ${a.name} = ${partialType(a.type, ir, IN_PARTIAL)} | null`, '')
  const usesTypes = mentions(body.join('\n'), 'types.')
  return file([
    ...mediaImport(ctx),
    ...(usesTypes ? [`import type * as types from ${str(ctx.rel('types'))}`, ''] : []),
    '/** A streamed value with how far along it is (fields marked `@stream.with_state`). */',
    'export interface StreamState<T> {',
    '  value: T',
    '  state: "Pending" | "Incomplete" | "Complete"',
    '}',
    '',
    '/**',
    ' * The types of values while they stream in (`b.stream.*`, `b.parseStream.*`): fields not yet',
    ' * received are missing or null, lists and maps are never null.',
    ' */',
    'export namespace partial_types {',
    ...(body.length ? body : ['  export {}']),
    '}',
  ])
}
