// LLM functions and template strings → IR.
import type { ParamAst, TemplateStringAst, ValueAst, ValueBlockAst } from '../syntax/ast.ts'
import { error, warning, type Diagnostic } from '../syntax/diagnostics.ts'
import { printType } from '../syntax/printer.ts'
import type { Span } from '../syntax/span.ts'
import { readAttributes, SIGNATURE_ATTRS } from './attributes.ts'
import { checkName } from './collect.ts'
import { canonicalProvider, PROVIDER_NAMES } from './providers.ts'
import { resolveType, withAttrs, type TypeScope } from './resolve-type.ts'
import { didYouMean } from './suggest.ts'
import type { ClassIR, FunctionIR, ParamIR, TemplateStringIR, TemplateText, TypeAliasIR, TypeIR } from './types.ts'

/** Classes and aliases, for looking through named types. */
export interface TypeLookup {
  readonly classes: ReadonlyMap<string, ClassIR>
  readonly typeAliases: ReadonlyMap<string, TypeAliasIR>
}

/** Whether `t` or anything it contains (through class fields and aliases) carries a `@check`. */
function hasChecksNested(t: TypeIR, lookup: TypeLookup, seen: Set<string> = new Set()): boolean {
  if (t.attrs?.constraints?.some((c) => c.level === 'check')) return true
  switch (t.kind) {
    case 'list':
      return hasChecksNested(t.item, lookup, seen)
    case 'map':
      return hasChecksNested(t.key, lookup, seen) || hasChecksNested(t.value, lookup, seen)
    case 'union':
      return t.options.some((o) => hasChecksNested(o, lookup, seen))
    case 'class': {
      if (seen.has(t.name)) return false
      seen.add(t.name)
      return lookup.classes.get(t.name)?.fields.some((f) => hasChecksNested(f.type, lookup, seen)) ?? false
    }
    case 'alias': {
      const key = `alias:${t.name}`
      if (seen.has(key)) return false
      seen.add(key)
      const a = lookup.typeAliases.get(t.name)
      return a ? hasChecksNested(a.type, lookup, seen) : false
    }
    default:
      return false
  }
}

function buildParams(params: readonly ParamAst[], owner: string, scope: TypeScope, diags: Diagnostic[], lookup?: TypeLookup): ParamIR[] {
  const out: ParamIR[] = []
  const seen = new Set<string>()
  for (const p of params) {
    if (seen.has(p.name.name)) diags.push(warning(`Parameter \`${p.name.name}\` is declared twice in \`${owner}\`; the last one wins`, p.name.span))
    seen.add(p.name.name)
    if (!p.type) {
      diags.push(error(`Parameter \`${p.name.name}\` of \`${owner}\` needs a type: write \`${p.name.name}: string\``, p.name.span))
      continue
    }
    const attrs = readAttributes(p.attrs, SIGNATURE_ATTRS, 'a parameter', diags)
    const type = withAttrs(resolveType(p.type, scope, diags), attrs.typeAttrs)
    if (lookup && hasChecksNested(type, lookup)) diags.push(error(`Types with checks are not allowed as function parameters (\`${p.name.name}\`); use @assert or move the check to the return type`, p.type.span))
    out.push({ name: p.name.name, type, span: p.span })
  }
  return out
}

function templateText(v: Extract<ValueAst, { kind: 'string' }>): TemplateText {
  return { raw: v.value, span: { file: v.span.file, start: v.contentStart, end: v.contentStart + v.value.length } }
}

export function buildFunction(b: ValueBlockAst, scope: TypeScope, lookup: TypeLookup, clientNames: ReadonlySet<string>, diags: Diagnostic[]): FunctionIR | undefined {
  const name = b.name.name
  checkName('function', b.name, true, diags)
  if (!b.params || !b.returnType) {
    const missing = !b.params && !b.returnType ? 'parameters and a return type' : !b.params ? 'a parameter list' : 'a return type'
    diags.push(error(`Invalid syntax for function \`${name}\`: it needs ${missing}. Write \`function ${name}(param: Type) -> ReturnType { ... }\``, b.name.span))
  } else if (!b.arrow) {
    // The reference's grammar makes the arrow optional and loads such a function as usual.
    diags.push(warning(`Missing \`->\` before the return type of function \`${name}\`; write \`function ${name}(...) -> ${printType(b.returnType)} { ... }\``, b.returnType.span))
  }
  const params = buildParams(b.params ?? [], name, scope, diags, lookup)
  let returnType: TypeIR | undefined
  if (b.returnType) {
    const attrs = readAttributes(b.returnAttrs, SIGNATURE_ATTRS, 'a return type', diags)
    returnType = withAttrs(resolveType(b.returnType, scope, diags), attrs.typeAttrs)
  }
  let client: { name: string; span: Span } | undefined
  let prompt: TemplateText | undefined
  if (b.typeBuilders.length) diags.push(error('Only tests may have a type_builder block', b.typeBuilders[0]!.span))
  if (b.blockAttrs.length) diags.push(error('Only tests may contain block-level attributes', b.blockAttrs[0]!.span))
  for (const f of b.fields) {
    const key = f.name.name
    if (key !== 'client' && key !== 'prompt') {
      diags.push(error(`Unknown field \`${key}\` in function \`${name}\`; a function has only \`client\` and \`prompt\``, f.name.span))
      continue
    }
    // As in the reference, a repeated field takes the last value.
    // The reference accepts attributes here and ignores them.
    if (f.attrs.length) diags.push(warning(`Attributes on \`${key}\` are ignored`, f.attrs[0]!.span))
    const v = f.value
    if (!v) {
      diags.push(error(`\`${key}\` needs a value`, f.name.span))
      continue
    }
    if (key === 'client') {
      if (v.kind === 'ident') client = { name: v.name, span: v.span }
      else if (v.kind === 'string' && v.quoted !== 'block') client = { name: v.value, span: v.span }
      else diags.push(error('`client` must name a client (`client MyClient`) or be a `"provider/model"` string', v.span))
    } else {
      if (v.kind === 'string' && v.quoted === 'block') prompt = templateText(v)
      else diags.push(error(`The prompt must be a block string such as \`prompt #"..."#\`, found ${describeValue(v)}`, v.span))
    }
  }
  if (!client) diags.push(error(`Missing \`client\` in function \`${name}\`; add e.g. \`client MyClient\` or \`client "openai/gpt-4o"\``, b.name.span))
  else checkClientRef(client, clientNames, diags)
  if (!prompt) diags.push(error(`Missing \`prompt\` in function \`${name}\`; add \`prompt #"..."#\``, b.name.span))
  if (!b.params || !returnType || !client || !prompt) return undefined
  return {
    name,
    params,
    returnType,
    client: client.name,
    clientSpan: client.span,
    prompt,
    ...(b.docstring !== undefined ? { docstring: b.docstring } : {}),
    span: b.span,
  }
}

function describeValue(v: ValueAst): string {
  switch (v.kind) {
    case 'string':
      return v.quoted === 'double' ? `the quoted string ${JSON.stringify(v.value)}` : `\`${v.value}\``
    case 'number':
      return `the number ${v.raw}`
    case 'bool':
      return `\`${v.value}\``
    case 'env':
      return `\`env.${v.name}\``
    case 'ident':
      return `\`${v.name}\``
    case 'jinja':
      return 'a `{{ }}` expression'
    case 'array':
      return 'an array'
    case 'map':
      return 'a map'
    case 'call':
      return `the call \`${v.text}\``
  }
}

/** A client reference is a declared client or a `provider/model` shorthand with a known provider. */
function checkClientRef(c: { name: string; span: Span }, clientNames: ReadonlySet<string>, diags: Diagnostic[]): void {
  const slash = c.name.indexOf('/')
  if (slash >= 0) {
    const provider = c.name.slice(0, slash)
    if (!canonicalProvider(provider)) {
      diags.push(error(`Unknown provider \`${provider}\` in \`${c.name}\`.${didYouMean(provider, PROVIDER_NAMES)}`, c.span))
    }
    return
  }
  if (!clientNames.has(c.name)) diags.push(error(`Client \`${c.name}\` does not exist.${didYouMean(c.name, clientNames)}`, c.span))
}

export function buildTemplateString(t: TemplateStringAst, scope: TypeScope, diags: Diagnostic[]): TemplateStringIR | undefined {
  checkName('template_string', t.name, true, diags)
  const params = buildParams(t.params ?? [], t.name.name, scope, diags)
  if (!t.body || t.body.kind !== 'string' || t.body.quoted !== 'block') {
    diags.push(error(`Template string \`${t.name.name}\` needs a block string body: \`template_string ${t.name.name}(arg: string) #"..."#\``, t.name.span))
    return undefined
  }
  return {
    name: t.name.name,
    params,
    body: templateText(t.body),
    ...(t.docstring !== undefined ? { docstring: t.docstring } : {}),
    span: t.span,
  }
}
