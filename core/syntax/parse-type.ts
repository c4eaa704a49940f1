// Type expressions: `string`, `"lit"`, `1`, `T[]`, `T?`, `A | B`, `map<K, V>`, `(T @attr)`, `(A, B)`.
//
// Attribute binding follows the reference: attributes written after a union's last member belong
// to the whole union, unless they sit inside that member's parentheses. `typeChain` therefore
// returns the attributes written after the whole type separately (`trailing`), so a field can
// split them between itself (`@alias`, `@description`) and its type (`@check`, `@stream.*`).
import type { AttributeAst, TypeAst } from './ast.ts'
import { alt, errState, label, lazy, many, okState, prim, punct, run, seq, spanOf, tokenAt, type P, type St } from './combinators.ts'
import { trailingAttributes } from './parse-attribute.ts'

export interface TypeWithTrailing {
  readonly type: TypeAst
  /** Attributes written after the whole type expression. */
  readonly trailing: readonly AttributeAst[]
}

function withAttrs(t: TypeAst, extra: readonly AttributeAst[], parens?: boolean): TypeAst {
  if (extra.length === 0 && parens === undefined) return t
  return { ...t, attrs: [...t.attrs, ...extra], ...(parens ? { parens: true } : {}) } as TypeAst
}

/** A name (`string`, `Foo`) or a dotted path (`a.b`). */
const namedType: P<TypeAst> = prim((s) => {
  const t = tokenAt(s)
  if (t.kind !== 'word') return errState(s, s.index, 'a type')
  const ctx = s.data
  const toks = ctx.tokens
  let i = s.index + 1
  let name = t.text
  let end = t.end
  while (toks[i]!.kind === 'punct' && toks[i]!.text === '.' && toks[i + 1]!.kind === 'word') {
    name += '.' + toks[i + 1]!.text
    end = toks[i + 1]!.end
    i += 2
  }
  const kind = i === s.index + 1 ? 'named' : 'path'
  return okState(s, { kind, name, attrs: [], span: spanOf(ctx, t.start, end) } as TypeAst, i)
})

const literalType: P<TypeAst> = prim((s) => {
  const t = tokenAt(s)
  const ctx = s.data
  if (t.kind === 'string') {
    if (t.problem) return errState(s, s.index, `a type (${t.problem})`)
    return okState(s, { kind: 'literal', value: t.text.slice(1, -1), raw: t.text, attrs: [], span: spanOf(ctx, t.start, t.end) } as TypeAst, s.index + 1)
  }
  if (t.kind === 'number') {
    return okState(s, { kind: 'literal', value: Number(t.text), raw: t.text, attrs: [], span: spanOf(ctx, t.start, t.end) } as TypeAst, s.index + 1)
  }
  return errState(s, s.index, 'a type')
})

const comma = punct(',')
const chain: P<TypeWithTrailing> = lazy(() => typeChain)
const nestedType: P<TypeAst> = lazy(() => chain.map((c) => withAttrs(c.type, c.trailing)))

/** `map<K, V>`; `args` records how many type arguments were written (validation wants exactly 2). */
const mapType: P<TypeAst> = prim((s) => {
  const t = tokenAt(s)
  const toks = s.data.tokens
  if (!(t.kind === 'word' && t.text === 'map' && toks[s.index + 1]!.kind === 'punct' && toks[s.index + 1]!.text === '<'))
    return errState(s, s.index, 'a type')
  const args: TypeAst[] = []
  let st: St<unknown> = okState(s, null, s.index + 2)
  for (;;) {
    const r = run(label(args.length === 0 ? 'a key type after `map<`' : 'a value type after `,`', nestedType), st)
    if (r.isError) return r
    args.push(r.result)
    const sep = tokenAt(r)
    if (sep.kind === 'punct' && sep.text === ',') {
      st = okState(r, null, r.index + 1)
      continue
    }
    if (sep.kind === 'punct' && sep.text === '>') {
      const ctx = s.data
      const key = args[0]!
      const value = args[1] ?? args[0]!
      return okState(r, { kind: 'map', key, value, args: args.length, attrs: [], span: spanOf(ctx, t.start, sep.end) } as TypeAst, r.index + 1)
    }
    return errState(r, r.index, args.length === 1 ? '`,` after the map key type' : '`>` to close `map<...>`')
  }
})

/** `( T )` or a tuple `( A, B )`. Attributes inside the parentheses bind to the inner type. */
const parenType: P<TypeAst> = seq<[unknown, TypeWithTrailing, TypeWithTrailing[], unknown]>([
  punct('('),
  chain,
  many(seq<[unknown, TypeWithTrailing]>([comma, chain]).map(([, c]) => c)),
  label('`)`', punct(')')),
]).map(([open, first, rest, close]) => {
  const o = open as { start: number }
  const c = close as { end: number }
  const inner = (x: TypeWithTrailing) => withAttrs(x.type, x.trailing.map((a) => ({ ...a, parenthesized: true })), true)
  if (rest.length === 0) return inner(first)
  const items = [first, ...rest].map(inner)
  return { kind: 'tuple', items, attrs: [], parens: true, span: { file: first.type.span.file, start: o.start, end: c.end } } as TypeAst
})

const primaryType: P<TypeAst> = alt([mapType, parenType, namedType, literalType])

/** `T`, `T[]`, `T[][]?`, `T?`. As in the reference, nothing may follow the `?` (`T??`, `T?[]`). */
const postfixType: P<TypeAst> = prim((s) => {
  const base = run(primaryType, s)
  if (base.isError) return base
  const toks = s.data.tokens
  let t = base.result
  let i = base.index
  while (toks[i]!.kind === 'punct' && toks[i]!.text === '[' && toks[i + 1]!.kind === 'punct' && toks[i + 1]!.text === ']') {
    t = { kind: 'list', item: t, attrs: [], span: spanOf(s.data, t.span.start, toks[i + 1]!.end) }
    i += 2
  }
  const q = toks[i]!
  if (q.kind === 'punct' && q.text === '?') {
    t = { kind: 'optional', inner: t, attrs: [], span: spanOf(s.data, t.span.start, q.end) }
    i += 1
    const after = toks[i]!
    if (after.kind === 'punct' && (after.text === '?' || after.text === '[')) {
      return errState(base, i, after.text === '?' ? 'one `?` only' : 'the `[]` before the `?` (write `(T?)[]` for a list of optional items)')
    }
  }
  return okState(base, t, i)
})

const member: P<TypeWithTrailing> = seq<[TypeAst, AttributeAst[]]>([postfixType, trailingAttributes]).map(([type, trailing]) => ({ type, trailing }))

/** `A @x | B | C @y`: members joined by `|`; `@y` belongs to the whole union. */
export const typeChain: P<TypeWithTrailing> = seq<[TypeWithTrailing, TypeWithTrailing[]]>([
  member,
  many(seq<[unknown, TypeWithTrailing]>([punct('|'), label('a type after `|`', member)]).map(([, m]) => m)),
]).map(([first, rest]) => {
  if (rest.length === 0) return first
  const all = [first, ...rest]
  const last = all[all.length - 1]!
  const options = all.map((m, i) => (i === all.length - 1 ? m.type : withAttrs(m.type, m.trailing)))
  const union: TypeAst = { kind: 'union', options, attrs: [], span: spanOf0(first.type, last.type) }
  return { type: union, trailing: last.trailing }
})

function spanOf0(a: TypeAst, b: TypeAst): TypeAst['span'] {
  return { file: a.span.file, start: a.span.start, end: b.span.end }
}

/** True when the token can start a type (used to decide whether a member has a type at all). */
export function startsType(s: St<unknown>): boolean {
  const t = tokenAt(s)
  if (t.kind === 'word' || t.kind === 'number' || t.kind === 'string') return true
  return t.kind === 'punct' && t.text === '('
}
