// The validated IR as plain data a generated client ships (so it parses no .baml at run time), and
// back. Only what calls need is kept: types, functions, template strings, clients and retry policies.
// Source spans are not shipped (they only locate load-time diagnostics, and the client has no
// sources to point into): every span becomes one shared placeholder.
import type { BamlIR, ClassIR, ClientIR, EnumIR, FunctionIR, RetryPolicyIR, SourceFile, Span, TemplateStringIR, TypeAliasIR } from '../index.ts'

/** What `serializeIR` returns: arrays in declaration order (names are inside the entries). */
export interface SerializedIR {
  readonly classes: readonly ClassIR[]
  readonly enums: readonly EnumIR[]
  readonly typeAliases: readonly TypeAliasIR[]
  readonly functions: readonly FunctionIR[]
  readonly templateStrings: readonly TemplateStringIR[]
  readonly clients: readonly ClientIR[]
  readonly retryPolicies: readonly RetryPolicyIR[]
  readonly recursiveClasses: readonly string[]
}

/** The span every deserialized node carries. */
export const SHIPPED_SPAN: Span = Object.freeze({ file: '<generated client>', start: 0, end: 0 })

export function serializeIR(ir: BamlIR): SerializedIR {
  return {
    classes: [...ir.classes.values()],
    enums: [...ir.enums.values()],
    typeAliases: [...ir.typeAliases.values()],
    functions: [...ir.functions.values()],
    templateStrings: [...ir.templateStrings.values()],
    clients: [...ir.clients.values()],
    retryPolicies: [...ir.retryPolicies.values()],
    recursiveClasses: [...ir.recursiveClasses],
  }
}

// Spans are plain `{file, start, end}` objects: matched in JSON.stringify's output (much faster
// than a replacer function, which runs for every key).
const SPAN_JSON = /"(span|keySpan|clientSpan)":\{"file":"[^"\\]*(?:\\.[^"\\]*)*","start":\d+,"end":\d+\}/g

/**
 * JS source of an expression evaluating to `ir` (JSON syntax, which is also JS), with every span
 * written as the identifier `spanName`. One line per entry of the top-level arrays; lines after
 * the first start with `indent`.
 */
export function serializedIRSource(ir: SerializedIR, spanName: string, indent = ''): string {
  const lines: string[] = ['{']
  const keys = Object.keys(ir) as (keyof SerializedIR)[]
  const itemIndent = `${indent}    `
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const items = ir[key] as readonly unknown[]
    const comma = i < keys.length - 1 ? ',' : ''
    if (items.length === 0) {
      lines.push(`${indent}  ${key}: []${comma}`)
      continue
    }
    lines.push(`${indent}  ${key}: [`)
    for (let k = 0; k < items.length; k++) lines.push(`${itemIndent}${JSON.stringify(items[k])},`)
    lines.push(`${indent}  ]${comma}`)
  }
  lines.push(`${indent}}`)
  // Spans replaced in one pass over the whole text (no span can reach from one entry into the next).
  return lines.join('\n').replace(SPAN_JSON, `"$1":${spanName}`)
}

function byName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  const m = new Map<string, T>()
  for (const x of items) m.set(x.name, x)
  return m
}

/** The IR a runtime can run (no sources, tests or generators). */
export function deserializeIR(s: SerializedIR): BamlIR {
  return {
    files: new Map<string, SourceFile>(),
    classes: byName(s.classes),
    enums: byName(s.enums),
    typeAliases: byName(s.typeAliases),
    functions: byName(s.functions),
    templateStrings: byName(s.templateStrings),
    clients: byName(s.clients),
    retryPolicies: byName(s.retryPolicies),
    generators: [],
    tests: [],
    recursiveClasses: new Set(s.recursiveClasses),
  }
}
