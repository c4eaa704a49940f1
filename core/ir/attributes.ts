// Meaning of attributes: `@alias`, `@description`, `@skip`, `@check`, `@assert`, `@stream.*`,
// `@@dynamic`. Each position (field, enum value, class, enum, type) allows a subset.
import type { AttributeAst, ValueAst } from '../syntax/ast.ts'
import { error, type Diagnostic } from '../syntax/diagnostics.ts'
import { dedentBlock } from '../syntax/strings.ts'
import type { Span } from '../syntax/span.ts'
import type { Constraint, TypeAttrs } from './types.ts'

const TYPE_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set(['check', 'assert', 'stream.done', 'stream.not_null', 'stream.with_state'])
const KNOWN: ReadonlySet<string> = new Set(['alias', 'description', 'skip', 'dynamic', ...TYPE_ATTRIBUTE_NAMES])

export interface AttrValues {
  alias?: string
  description?: string
  skip?: boolean
  dynamic?: boolean
  typeAttrs?: TypeAttrs
}

/** The text of a string-ish attribute argument (quoted, block, unquoted string or bare word). */
function attrString(v: ValueAst): string | undefined {
  if (v.kind === 'string') return v.quoted === 'block' ? dedentBlock(v.value).text : v.value
  if (v.kind === 'ident') return v.name
  return undefined
}

/**
 * The expression text the reference evaluates: the body between `{{ }}`, trimmed, with each
 * backslash doubled so that `regex_match("\d+")` reaches Jinja as the string `\d+`.
 */
function constraintExpression(body: string): string {
  return body.trim().replace(/\\/g, '\\\\')
}

export function constraintOf(a: AttributeAst, diags: Diagnostic[]): Constraint | undefined {
  const level = a.name.name === 'check' ? 'check' : 'assert'
  const args = a.args
  const last = args[args.length - 1]
  if (args.length === 1 && last!.kind === 'jinja') {
    if (level === 'check') {
      diags.push(error('Checks must specify a label: write `@check(my_label, {{ ... }})`', a.span))
      return undefined
    }
    return { level, expression: constraintExpression(last!.expression), span: last!.span }
  }
  if (args.length === 2 && last!.kind === 'jinja') {
    const label = args[0]!
    if (label.kind === 'ident' && label.name.indexOf('.') < 0) return { level, label: label.name, expression: constraintExpression(last!.expression), span: last!.span }
    diags.push(error(`The label of \`@${a.name.name}\` must be a plain name such as \`valid_length\` (no quotes, dots or dashes)`, label.span))
    return undefined
  }
  diags.push(
    error(
      `\`@${a.name.name}\` takes a label and a \`{{ ... }}\` expression${level === 'assert' ? ', or a lone expression' : ''}, e.g. \`@${a.name.name}(valid_length, {{ this|length > 0 }})\``,
      a.span,
    ),
  )
  return undefined
}

export function mergeTypeAttrs(a: TypeAttrs | undefined, b: TypeAttrs | undefined): TypeAttrs | undefined {
  if (!a) return b
  if (!b) return a
  const constraints = [...(a.constraints ?? []), ...(b.constraints ?? [])]
  const out: { -readonly [K in keyof TypeAttrs]: TypeAttrs[K] } = {}
  if (constraints.length) out.constraints = constraints
  if (a.streamDone || b.streamDone) out.streamDone = true
  if (a.streamNotNull || b.streamNotNull) out.streamNotNull = true
  if (a.streamWithState || b.streamWithState) out.streamWithState = true
  return out
}

const NONE: AttrValues = Object.freeze({})

/**
 * Read attributes allowed in a position. `allowed` lists the names accepted there; others are
 * reported (unknown names as unknown, known ones as misplaced with `where` in the message).
 */
export function readAttributes(attrs: readonly AttributeAst[], allowed: ReadonlySet<string>, where: string, diags: Diagnostic[]): AttrValues {
  if (attrs.length === 0) return NONE
  const out: AttrValues = {}
  const seen = new Map<string, Span>()
  const constraints: Constraint[] = []
  const flags: { streamDone?: boolean; streamNotNull?: boolean; streamWithState?: boolean } = {}
  for (const a of attrs) {
    const name = a.name.name
    const at = a.block ? '@@' : '@'
    if (!KNOWN.has(name)) {
      diags.push(error(`Attribute not known: \`${at}${name}\``, a.name.span))
      continue
    }
    if (!allowed.has(name)) {
      diags.push(error(`\`${at}${name}\` is not allowed on ${where}`, a.span))
      continue
    }
    if (name !== 'check' && name !== 'assert') {
      if (seen.has(name)) {
        diags.push(error(`\`${at}${name}\` cannot be specified more than once`, a.span))
        continue
      }
      seen.set(name, a.span)
    }
    switch (name) {
      case 'alias':
      case 'description': {
        const v = a.args.length === 1 ? attrString(a.args[0]!) : undefined
        if (v === undefined) {
          diags.push(error(`\`${at}${name}\` takes one string argument, e.g. \`${at}${name}("...")\``, a.span))
          break
        }
        out[name] = v
        break
      }
      case 'skip':
      case 'dynamic':
        if (a.args.length) diags.push(error(`\`${at}${name}\` takes no arguments`, a.span))
        out[name] = true
        break
      case 'check':
      case 'assert': {
        const c = constraintOf(a, diags)
        if (c) constraints.push(c)
        break
      }
      case 'stream.done':
      case 'stream.not_null':
      case 'stream.with_state':
        if (a.args.length) diags.push(error(`\`${at}${name}\` takes no arguments`, a.span))
        if (name === 'stream.done') flags.streamDone = true
        else if (name === 'stream.not_null') flags.streamNotNull = true
        else flags.streamWithState = true
        break
    }
  }
  if (constraints.length || flags.streamDone || flags.streamNotNull || flags.streamWithState) {
    out.typeAttrs = { ...(constraints.length ? { constraints } : {}), ...flags }
  }
  return out
}

export const FIELD_ATTRS: ReadonlySet<string> = new Set(['alias', 'description', 'skip', ...TYPE_ATTRIBUTE_NAMES])
/** The reference also accepts @check/@assert on enum values (they have no effect). */
export const ENUM_VALUE_ATTRS: ReadonlySet<string> = new Set(['alias', 'description', 'skip', 'check', 'assert'])
/** `@@skip` on a class is accepted by the reference and has no effect. */
export const CLASS_BLOCK_ATTRS: ReadonlySet<string> = new Set(['alias', 'description', 'dynamic', 'check', 'assert', 'stream.done', 'stream.not_null', 'skip'])
export const ENUM_BLOCK_ATTRS: ReadonlySet<string> = new Set(['alias', 'description', 'dynamic', 'check', 'assert', 'stream.done', 'stream.not_null'])
/** A type occurrence (return types, parameters, inline): type attributes, plus @alias/@description which the reference tolerates. */
export const SIGNATURE_ATTRS: ReadonlySet<string> = new Set([...TYPE_ATTRIBUTE_NAMES, 'alias', 'description'])
