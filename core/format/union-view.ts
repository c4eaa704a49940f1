// Unions as the reference sees them: nested unions flattened (except those carrying @check),
// duplicates removed, null kept once and always listed last, a lone member standing alone.
// The loader may already hand over simplified unions; doing it here again is harmless.
import type { TypeIR, TypeAttrs } from '../ir/types.ts'

type UnionType = Extract<TypeIR, { kind: 'union' }>

export interface UnionView {
  /** Non-null members in order. */
  readonly members: readonly TypeIR[]
  /** Whether null is a member (it renders after all the others). */
  readonly optional: boolean
}

const viewCache = new WeakMap<UnionType, UnionView>()

function isNull(t: TypeIR): boolean {
  return t.kind === 'primitive' && t.name === 'null'
}

function hasChecks(attrs: TypeAttrs | undefined): boolean {
  return attrs?.constraints?.some((c) => c.level === 'check') ?? false
}

/** Members of a union, simplified (cached per union node). */
export function unionView(u: UnionType): UnionView {
  let v = viewCache.get(u)
  if (v) return v
  const flat: TypeIR[] = []
  let sawNull = false
  // `(A | B) @check(...)?` is one union plus null in the reference, not a union inside a union.
  const single = soleNonNullMember(u)
  const walk = (x: UnionType) => {
    for (const o of x.options) {
      if (isNull(o)) sawNull = true
      else if (o.kind === 'union' && (o === single || !hasChecks(o.attrs))) {
        walk(o)
        if (rawOptional(o)) sawNull = true
      } else flat.push(o)
    }
  }
  walk(u)
  let members = dedupe(flat)
  members = absorbNestedMembers(members)
  // Null already carried by a kept nested optional union is not repeated.
  const optional = sawNull && !members.some((m) => m.kind === 'union' && rawOptional(m))
  v = { members, optional: optional || members.length === 0 }
  viewCache.set(u, v)
  return v
}

function soleNonNullMember(u: UnionType): TypeIR | undefined {
  let found: TypeIR | undefined
  for (const o of u.options) {
    if (isNull(o)) continue
    if (found) return undefined
    found = o
  }
  return found
}

/** A union with one non-null member counts as optional in the reference, even without null. */
function rawOptional(u: UnionType): boolean {
  let nonNull = 0
  for (const o of u.options) if (!isNull(o)) nonNull++
  return nonNull <= 1 || nonNull < u.options.length
}

function dedupe(types: TypeIR[]): TypeIR[] {
  if (types.length < 2) return types
  const seen = new Set<string>()
  const out: TypeIR[] = []
  for (const t of types) {
    const k = structuralKey(t, true)
    if (!seen.has(k)) {
      seen.add(k)
      out.push(t)
    }
  }
  return out
}

/** Drop a member that also appears inside another (kept, @check-carrying) union member. */
function absorbNestedMembers(types: TypeIR[]): TypeIR[] {
  if (!types.some((t) => t.kind === 'union')) return types
  return types.filter((cand, i) => {
    const k = structuralKey(cand, false)
    return !types.some(
      (other, j) => j !== i && other.kind === 'union' && other.options.some((o) => structuralKey(o, false) === k),
    )
  })
}

/**
 * Simplify a type at the top: a union that collapses to one member without null becomes that
 * member; a union of nothing but null becomes null. Other types are returned as they are.
 */
export function simplifyTop(t: TypeIR): TypeIR {
  if (t.kind !== 'union') return t
  const v = unionView(t)
  if (v.members.length === 1 && !v.optional) return simplifyTop(v.members[0]!)
  return t
}

/** Exact identity of a type, optionally with its attributes (used for de-duplication). */
function structuralKey(t: TypeIR, withAttrs: boolean): string {
  let s: string
  switch (t.kind) {
    case 'primitive':
    case 'media':
      s = t.name
      break
    case 'literal':
      s = typeof t.value === 'string' ? JSON.stringify(t.value) : String(t.value)
      break
    case 'class':
      s = 'C:' + t.name
      break
    case 'enum':
      s = 'E:' + t.name
      break
    case 'alias':
      s = 'A:' + t.name
      break
    case 'list':
      s = '[' + structuralKey(t.item, withAttrs) + ']'
      break
    case 'map':
      s = '{' + structuralKey(t.key, withAttrs) + ',' + structuralKey(t.value, withAttrs) + '}'
      break
    case 'union':
      s = '(' + t.options.map((o) => structuralKey(o, withAttrs)).join('|') + ')'
      break
  }
  if (withAttrs && t.attrs) s += JSON.stringify(t.attrs)
  return s
}
