// BAML types → TypeScript type expressions, final (types.ts) and streaming (partial_types.ts), as
// the reference's generator maps them:
//   string → string, int/float → number, bool → boolean, media → Image | Audio | Pdf | Video,
//   literals → literal types, T? → T | null, T[] → T[] ((A | B)[] for unions), map<K, V> →
//   Record<K, V> (Partial<Record<K, V>> for enum and literal keys), dynamic enums → (string | E),
//   a type with @check → Checked<T, "name" | ...> (asserts do not change the type).
// Streaming types (§4.5 of the reference map): class fields are optional and nullable unless
// @stream.not_null; lists and maps are never null; @stream.done keeps the final type; classes with
// @@stream.done use the final type; @stream.with_state wraps the field in StreamState<...>.
import type { BamlIR, MediaKind, TypeAttrs, TypeIR } from '../../index.ts'
import { str } from './names.ts'

/** A type expression and whether it is a top-level union (needs parentheses inside `[]`). */
interface Expr {
  readonly text: string
  readonly union: boolean
}

export interface TypeNames {
  /** Prefix of final types: '' inside types.ts, 'types.' elsewhere. */
  readonly types: string
  /** Prefix of streaming class and alias types: '' inside the partial_types namespace, 'partial_types.' elsewhere. */
  readonly partial: string
}

export const MEDIA_TYPES: Readonly<Record<MediaKind, string>> = { image: 'Image', audio: 'Audio', pdf: 'Pdf', video: 'Video' }

/** The labels of the `@check`s on a type (asserts have no effect on types). */
export function checkNames(attrs: TypeAttrs | undefined): readonly string[] {
  // Most types have no constraints: no array, no iterator (this runs for every type written, cold).
  const cs = attrs?.constraints
  if (cs === undefined || cs.length === 0) return NO_CHECKS
  const out: string[] = []
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!
    if (c.level === 'check' && c.label !== undefined && !out.includes(c.label)) out.push(c.label)
  }
  return out
}

const NO_CHECKS: readonly string[] = Object.freeze([])

/** A type's own checks, then those of the class or enum it names. */
function allChecks(ir: BamlIR, t: TypeIR): readonly string[] {
  const own = checkNames(t.attrs)
  const block = blockChecks(ir, t)
  return block.length === 0 ? own : own.length === 0 ? block : [...own, ...block]
}

function checked(inner: Expr, names: readonly string[], prefix: string): Expr {
  if (names.length === 0) return inner
  return { text: `${prefix}Checked<${inner.text}, ${names.map(str).join(' | ')}>`, union: false }
}

function union(parts: readonly string[]): Expr {
  // Distinct parts in order, null last (as the reference writes `T | null`). Plain loops: this
  // runs for every union written, in a cold engine.
  const all: string[] = []
  let hasNull = false
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!
    if (p === 'null') hasNull = true
    else if (all.indexOf(p) < 0) all.push(p)
  }
  if (hasNull) all.push('null')
  return { text: all.join(' | '), union: all.length > 1 }
}

function arrayOf(item: Expr): string {
  return item.union ? `(${item.text})[]` : `${item.text}[]`
}

/** Whether a type mentions a recursive alias (then maps are written as index signatures). */
function mentionsRecursiveAlias(t: TypeIR, ir: BamlIR): boolean {
  switch (t.kind) {
    case 'alias':
      return ir.typeAliases.get(t.name)?.recursive === true
    case 'list':
      return mentionsRecursiveAlias(t.item, ir)
    case 'map':
      return mentionsRecursiveAlias(t.key, ir) || mentionsRecursiveAlias(t.value, ir)
    case 'union':
      return t.options.some((o) => mentionsRecursiveAlias(o, ir))
    default:
      return false
  }
}

function mapOf(keyType: TypeIR, key: Expr, value: Expr, ir: BamlIR, valueType: TypeIR): string {
  const finiteKeys = keyType.kind === 'enum' || keyType.kind === 'literal' || keyType.kind === 'union'
  if (!finiteKeys && mentionsRecursiveAlias(valueType, ir)) return `{ [key: string]: ${value.text} }`
  return finiteKeys ? `Partial<Record<${key.text}, ${value.text}>>` : `Record<${key.text}, ${value.text}>`
}

function literal(v: string | number | boolean): string {
  return typeof v === 'string' ? str(v) : String(v)
}

function enumRef(ir: BamlIR, name: string, prefix: string): Expr {
  const e = ir.enums.get(name)
  return e?.dynamic ? { text: `(string | ${prefix}${name})`, union: false } : { text: `${prefix}${name}`, union: false }
}

/** Checks that apply to a class or enum wherever it is used (`@@check`). */
function blockChecks(ir: BamlIR, t: TypeIR): readonly string[] {
  if (t.kind === 'class') return checkNames(ir.classes.get(t.name)?.attrs)
  if (t.kind === 'enum') return checkNames(ir.enums.get(t.name)?.attrs)
  return NO_CHECKS
}

// Expressions are never modified: the primitive ones are shared.
const STRING: Expr = { text: 'string', union: false }
const BOOLEAN: Expr = { text: 'boolean', union: false }
const NULL: Expr = { text: 'null', union: false }
const NUMBER: Expr = { text: 'number', union: false }

/** The final (complete) TypeScript type of a BAML type. */
export function finalType(t: TypeIR, ir: BamlIR, names: TypeNames): string {
  return final(t, ir, names).text
}

function final(t: TypeIR, ir: BamlIR, names: TypeNames): Expr {
  return checked(finalInner(t, ir, names), allChecks(ir, t), names.types)
}

function finalInner(t: TypeIR, ir: BamlIR, names: TypeNames): Expr {
  switch (t.kind) {
    case 'primitive':
      return t.name === 'string' ? STRING : t.name === 'bool' ? BOOLEAN : t.name === 'null' ? NULL : NUMBER
    case 'media':
      return { text: MEDIA_TYPES[t.name], union: false }
    case 'literal':
      return { text: literal(t.value), union: false }
    case 'class':
    case 'alias':
      return { text: `${names.types}${t.name}`, union: false }
    case 'enum':
      return enumRef(ir, t.name, names.types)
    case 'list':
      return { text: arrayOf(final(t.item, ir, names)), union: false }
    case 'map':
      return { text: mapOf(t.key, final(t.key, ir, names), final(t.value, ir, names), ir, t.value), union: false }
    case 'union':
      return union(t.options.map((o) => final(o, ir, names).text))
  }
}

/** Whether a field or parameter of this type may be left out (`name?: T | null`): nullable and not `Checked`. */
export function isOptional(t: TypeIR): boolean {
  return t.kind === 'union' && t.options.some((o) => o.kind === 'primitive' && o.name === 'null') && checkNames(t.attrs).length === 0
}

/** The streaming type of a value that is present (no outer `| null`). */
export function partialType(t: TypeIR, ir: BamlIR, names: TypeNames): string {
  return partial(t, ir, names).text
}

function partial(t: TypeIR, ir: BamlIR, names: TypeNames): Expr {
  if (t.attrs?.streamDone) return final(t, ir, names)
  return checked(partialInner(t, ir, names), allChecks(ir, t), names.types)
}

function partialInner(t: TypeIR, ir: BamlIR, names: TypeNames): Expr {
  switch (t.kind) {
    case 'class': {
      const c = ir.classes.get(t.name)
      return { text: c?.attrs?.streamDone ? `${names.types}${t.name}` : `${names.partial}${t.name}`, union: false }
    }
    case 'alias':
      return { text: `${names.partial}${t.name}`, union: false }
    case 'list':
      return { text: arrayOf(partial(t.item, ir, names)), union: false }
    case 'map':
      return { text: mapOf(t.key, final(t.key, ir, names), partial(t.value, ir, names), ir, t.value), union: false }
    case 'union':
      return union(t.options.map((o) => partial(o, ir, names).text))
    default:
      return finalInner(t, ir, names)
  }
}

/** A class field in a streaming class: `{ optional, type }` as the reference writes it. */
export function partialField(t: TypeIR, ir: BamlIR, names: TypeNames): { readonly optional: boolean; readonly type: string } {
  const inner = partial(t, ir, names)
  if (t.attrs?.streamWithState) return { optional: false, type: `StreamState<${inner.text} | null>` }
  if (checkNames(t.attrs).length > 0) return { optional: false, type: inner.text }
  if (t.kind === 'list' || t.kind === 'map' || t.attrs?.streamNotNull) return { optional: false, type: inner.text }
  // `T | null` (what union([T, 'null']) gives, without building it)
  return { optional: true, type: (inner.union && inner.text.endsWith(' | null')) || inner.text === 'null' ? inner.text : `${inner.text} | null` }
}

/** Every named type (class, enum, alias) and media kind a set of types refers to. */
export function mediaUsed(types: Iterable<TypeIR>): Set<MediaKind> {
  const out = new Set<MediaKind>()
  const walk = (t: TypeIR): void => {
    switch (t.kind) {
      case 'media':
        out.add(t.name)
        return
      case 'list':
        return walk(t.item)
      case 'map':
        walk(t.key)
        return walk(t.value)
      case 'union':
        return t.options.forEach(walk)
      default:
        return
    }
  }
  for (const t of types) walk(t)
  return out
}
