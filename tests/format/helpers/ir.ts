// Hand-built IR for format tests: small constructors with dummy spans.
import type {
  BamlIR,
  ClassIR,
  EnumIR,
  EnumValueIR,
  FieldIR,
  FunctionIR,
  TypeAliasIR,
  TypeAttrs,
  TypeIR,
} from '../../../core/ir/types.ts'
import type { Span } from '../../../core/syntax/span.ts'

export const span: Span = { file: 'baml_src/test.baml', start: 0, end: 0 }

export const string: TypeIR = { kind: 'primitive', name: 'string' }
export const int: TypeIR = { kind: 'primitive', name: 'int' }
export const float: TypeIR = { kind: 'primitive', name: 'float' }
export const bool: TypeIR = { kind: 'primitive', name: 'bool' }
export const nul: TypeIR = { kind: 'primitive', name: 'null' }
export const image: TypeIR = { kind: 'media', name: 'image' }

export const lit = (value: string | number | boolean): TypeIR => ({ kind: 'literal', value })
export const cls = (name: string, attrs?: TypeAttrs): TypeIR => ({ kind: 'class', name, ...(attrs ? { attrs } : {}) })
export const enm = (name: string): TypeIR => ({ kind: 'enum', name })
export const alias = (name: string): TypeIR => ({ kind: 'alias', name })
export const list = (item: TypeIR): TypeIR => ({ kind: 'list', item })
export const map = (key: TypeIR, value: TypeIR): TypeIR => ({ kind: 'map', key, value })
export const union = (...options: TypeIR[]): TypeIR => ({ kind: 'union', options })
export const opt = (t: TypeIR): TypeIR => union(t, nul)

type FieldExtra = Partial<Pick<FieldIR, 'alias' | 'description' | 'skip'>>

export const field = (name: string, type: TypeIR, extra: FieldExtra = {}): FieldIR => ({ name, type, span, ...extra })

export function classDef(
  name: string,
  fields: FieldIR[],
  extra: Partial<Pick<ClassIR, 'alias' | 'description'>> = {},
): ClassIR {
  return { name, fields, span, ...extra }
}

export type ValueSpec = string | ({ name: string } & Partial<Pick<EnumValueIR, 'alias' | 'description' | 'skip'>>)

export function enumDef(name: string, values: ValueSpec[], extra: Partial<Pick<EnumIR, 'alias' | 'description'>> = {}): EnumIR {
  return {
    name,
    values: values.map((v) => (typeof v === 'string' ? { name: v, span } : { ...v, span })),
    span,
    ...extra,
  }
}

export function aliasDef(name: string, type: TypeIR, recursive = true): TypeAliasIR {
  return { name, type, recursive, span }
}

export function fnDef(name: string, returnType: TypeIR, prompt = ''): FunctionIR {
  return {
    name,
    params: [],
    returnType,
    client: 'openai/gpt-4o-mini',
    clientSpan: span,
    prompt: { raw: prompt, span },
    span,
  }
}

export interface IrParts {
  classes?: ClassIR[]
  enums?: EnumIR[]
  aliases?: TypeAliasIR[]
  functions?: FunctionIR[]
  recursiveClasses?: string[]
}

export function makeIR(parts: IrParts): BamlIR {
  return {
    files: new Map(),
    classes: new Map((parts.classes ?? []).map((c) => [c.name, c])),
    enums: new Map((parts.enums ?? []).map((e) => [e.name, e])),
    typeAliases: new Map((parts.aliases ?? []).map((a) => [a.name, a])),
    functions: new Map((parts.functions ?? []).map((f) => [f.name, f])),
    templateStrings: new Map(),
    clients: new Map(),
    retryPolicies: new Map(),
    generators: [],
    tests: [],
    recursiveClasses: new Set(parts.recursiveClasses ?? []),
  }
}
