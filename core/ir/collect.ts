// Gather top-level declarations from all files, check names (case rules, reserved words) and
// report duplicates. Classes, enums, aliases, functions, template strings, clients and retry
// policies share one namespace; generators have their own; tests are unique per function.
import type { Ident, TemplateStringAst, TypeAliasAst, TypeBlockAst, ValueBlockAst } from '../syntax/ast.ts'
import { error, type Diagnostic } from '../syntax/diagnostics.ts'
import { RESERVED_SCALAR_NAMES, SCALAR_TYPE_NAMES } from './reserved.ts'

export interface Decls {
  readonly classes: TypeBlockAst[]
  readonly enums: TypeBlockAst[]
  readonly aliases: TypeAliasAst[]
  readonly functions: ValueBlockAst[]
  readonly templateStrings: TemplateStringAst[]
  readonly clients: ValueBlockAst[]
  readonly retryPolicies: ValueBlockAst[]
  readonly generators: ValueBlockAst[]
  readonly tests: ValueBlockAst[]
}

export function emptyDecls(): Decls {
  return { classes: [], enums: [], aliases: [], functions: [], templateStrings: [], clients: [], retryPolicies: [], generators: [], tests: [] }
}

const KIND_WORD = {
  class: 'class',
  enum: 'enum',
  alias: 'type alias',
  function: 'function',
  templateString: 'template_string',
  client: 'client',
  retryPolicy: 'retry_policy',
} as const
type TopKind = keyof typeof KIND_WORD

/** Check a block or member name against the reference's naming rules. */
export function checkName(what: string, id: Ident, upper: boolean, diags: Diagnostic[]): void {
  const n = id.name
  const c0 = n.charCodeAt(0)
  // Fast path for the common case: an ASCII letter start, no dash, not `env`.
  if (((c0 >= 65 && c0 <= 90) || (!upper && (c0 === 36 || (c0 >= 97 && c0 <= 122)))) && n.indexOf('-') < 0 && n !== 'env' && n !== 'BamlClient') return
  if (n.startsWith('env.') || n === 'env') {
    diags.push(error(`Invalid name for ${what}: \`env\` is reserved for environment variables`, id.span))
    return
  }
  if (n.indexOf('-') >= 0 || n.startsWith('_')) {
    diags.push(error(`Invalid name for ${what} \`${n}\`: use only letters, digits and \`_\`, starting with a letter`, id.span))
    return
  }
  if (upper && !/^[A-Z]/.test(n)) {
    diags.push(error(`Invalid name for ${what} \`${n}\`: it must start with an uppercase letter`, id.span))
    return
  }
  if (n === 'BamlClient') diags.push(error(`Invalid name for ${what}: \`BamlClient\` is reserved`, id.span))
}

/** `order` gives each file's position in the project (for reporting duplicates in source order). */
export function checkDuplicates(decls: Decls, order: ReadonlyMap<string, number>, diags: Diagnostic[]): void {
  const seen = new Map<string, { kind: TopKind; id: Ident }[]>()
  const add = (kind: TopKind, id: Ident) => {
    if (SCALAR_TYPE_NAMES.has(id.name)) diags.push(error(`\`${id.name}\` is a built-in type name and cannot be used as ${article(KIND_WORD[kind])} name`, id.span))
    else if (RESERVED_SCALAR_NAMES.has(id.name)) diags.push(error(`\`${id.name}\` is a reserved type name and cannot be used as ${article(KIND_WORD[kind])} name`, id.span))
    const list = seen.get(id.name)
    if (list) list.push({ kind, id })
    else seen.set(id.name, [{ kind, id }])
  }
  for (const c of decls.classes) add('class', c.name)
  for (const e of decls.enums) add('enum', e.name)
  for (const a of decls.aliases) add('alias', a.name)
  for (const f of decls.functions) add('function', f.name)
  for (const t of decls.templateStrings) add('templateString', t.name)
  for (const c of decls.clients) add('client', c.name)
  for (const r of decls.retryPolicies) add('retryPolicy', r.name)
  for (const list of seen.values()) {
    if (list.length < 2) continue
    // Report in source order: the first written definition wins.
    list.sort((a, b) => (order.get(a.id.span.file)! - order.get(b.id.span.file)!) || a.id.span.start - b.id.span.start)
    for (let i = 1; i < list.length; i++) {
      const dup = list[i]!
      const first = list[0]!
      diags.push(
        error(
          `The ${KIND_WORD[dup.kind]} \`${dup.id.name}\` cannot be defined because ${article(KIND_WORD[first.kind])} with that name already exists`,
          dup.id.span,
          [{ message: 'first defined here', span: first.id.span }],
        ),
      )
    }
  }
  for (const b of [...decls.generators, ...decls.tests])
    if (RESERVED_SCALAR_NAMES.has(b.name.name)) diags.push(error(`\`${b.name.name}\` is a reserved type name and cannot be used as a ${b.keyword} name`, b.name.span))
  const gens = new Map<string, Ident>()
  for (const g of decls.generators) {
    const prev = gens.get(g.name.name)
    if (prev) diags.push(error(`The generator \`${g.name.name}\` is defined twice`, g.name.span, [{ message: 'first defined here', span: prev.span }]))
    else gens.set(g.name.name, g.name)
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`
}
