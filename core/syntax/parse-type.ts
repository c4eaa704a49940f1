// Type expressions: `string`, `"lit"`, `1`, `T[]`, `T?`, `A | B`, `map<K, V>`, `(T @attr)`, `(A, B)`.
//
// Attribute binding follows the reference: attributes written after a union's last member belong
// to the whole union, unless they sit inside that member's parentheses. `typeChain` therefore
// returns the attributes written after the whole type separately (`trailing`), so a field can
// split them between itself (`@alias`, `@description`) and its type (`@check`, `@stream.*`).
import type { AttributeAst, TypeAst } from './ast.ts'
import { dispatch, errState, failed, label, lazy, many, MAX_NESTING, nested, okState, prim, punct, run, runLabelled, seq, spanOf, tokenAt, tooDeeplyNested, type Ctx, type P, type St } from './combinators.ts'
import { attributeFollows, NO_ATTRS, plainAttributes, trailingAttributes } from './parse-attribute.ts'
import type { Token } from './tokens.ts'

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
  const ctx = s.data
  const toks = ctx.tokens
  const t = toks[s.index]!
  if (t.kind !== 'word') return errState(s, s.index, 'a type')
  let i = s.index + 1
  let name = t.text
  let end = t.end
  while (toks[i]!.kind === 'punct' && toks[i]!.text === '.' && toks[i + 1]!.kind === 'word') {
    name += '.' + toks[i + 1]!.text
    end = toks[i + 1]!.end
    i += 2
  }
  const kind = i === s.index + 1 ? 'named' : 'path'
  return okState(s, { kind, name, attrs: NO_ATTRS, span: { file: ctx.file, start: t.start, end } } as TypeAst, i)
})

const literalType: P<TypeAst> = prim((s) => {
  const t = tokenAt(s)
  const ctx = s.data
  if (t.kind === 'string') {
    if (t.problem) return errState(s, s.index, `a type (${t.problem})`)
    return okState(s, { kind: 'literal', value: t.text.slice(1, -1), raw: t.text, attrs: NO_ATTRS, span: spanOf(ctx, t.start, t.end) } as TypeAst, s.index + 1)
  }
  if (t.kind === 'number') {
    return okState(s, { kind: 'literal', value: Number(t.text), raw: t.text, attrs: NO_ATTRS, span: spanOf(ctx, t.start, t.end) } as TypeAst, s.index + 1)
  }
  return errState(s, s.index, 'a type')
})

const comma = punct(',')
const chain: P<TypeWithTrailing> = nested(lazy(() => typeChain))

/** `map<K, V>` (any number of type arguments is parsed; validation wants exactly 2). */
const mapType: P<TypeAst> = prim((s) => {
  const t = tokenAt(s)
  const toks = s.data.tokens
  if (!(t.kind === 'word' && t.text === 'map' && toks[s.index + 1]!.kind === 'punct' && toks[s.index + 1]!.text === '<'))
    return errState(s, s.index, 'a type')
  const args: TypeAst[] = []
  let st: St<unknown> = okState(s, null, s.index + 2)
  for (;;) {
    const r = runLabelled(args.length === 0 ? 'a key type after `map<`' : 'a value type after `,`', chain, st)
    if (r.isError) return failed(r)
    const { type, trailing } = r.result
    // As in the reference, a plain map argument takes no attributes (a union member or a parenthesised type may).
    if (trailing.length && type.kind !== 'union') {
      const at = s.data.tokens.findIndex((x) => x.start === trailing[0]!.span.start)
      return errState(r, at >= 0 ? at : r.index, 'no attribute here (inside `map<...>`, put the type in parentheses: `(int @check(...))`)')
    }
    args.push(withAttrs(type, trailing))
    const sep = tokenAt(r)
    if (sep.kind === 'punct' && sep.text === ',') {
      st = okState(r, null, r.index + 1)
      continue
    }
    if (sep.kind === 'punct' && sep.text === '>') {
      const ctx = s.data
      const key = args[0]!
      const value = args[1] ?? args[0]!
      return okState(r, { kind: 'map', key, value, typeArgs: args, attrs: NO_ATTRS, span: spanOf(ctx, t.start, sep.end) } as TypeAst, r.index + 1)
    }
    return errState(r, r.index, args.length === 1 ? '`,` after the map key type' : '`>` to close `map<...>`')
  }
})

/** `( T )` or a tuple `( A, B )`. Attributes inside the parentheses bind to the inner type. */
const parenType: P<TypeAst> = seq<[Token, TypeWithTrailing, TypeWithTrailing[], Token]>([
  punct('('),
  chain,
  many(seq<[Token, TypeWithTrailing]>([comma, chain]).map(([, c]) => c)),
  label('`)`', punct(')')),
]).map(([open, first, rest, close]) => {
  const inner = (x: TypeWithTrailing) => withAttrs(x.type, x.trailing.map((a) => ({ ...a, parenthesized: true })), true)
  if (rest.length === 0) return inner(first)
  const items = [first, ...rest].map(inner)
  return { kind: 'tuple', items, attrs: NO_ATTRS, parens: true, span: { file: first.type.span.file, start: open.start, end: close.end } } as TypeAst
})

const primaryType: P<TypeAst> = dispatch('a type', (t, s) => {
  if (t.kind === 'word') {
    const n = s.data.tokens[s.index + 1]!
    return t.text === 'map' && n.kind === 'punct' && n.text === '<' ? mapType : namedType
  }
  if (t.kind === 'punct') return t.text === '(' ? parenType : undefined
  return t.kind === 'string' || t.kind === 'number' ? literalType : undefined
})

/** `T`, `T[]`, `T[][]?`, `T?`. As in the reference, nothing may follow the `?` (`T??`, `T?[]`). */
const postfixType: P<TypeAst> = prim((s) => {
  const base = run(primaryType, s)
  if (base.isError) return base
  const toks = s.data.tokens
  let t = base.result
  let i = base.index
  // each `[]` is a level of nesting too (`int[][]…` 50,000 deep must not reach the recursive passes)
  let levels = s.data.depth
  while (toks[i]!.kind === 'punct' && toks[i]!.text === '[') {
    if (!(toks[i + 1]!.kind === 'punct' && toks[i + 1]!.text === ']')) return errState(base, i + 1, '`]` (a list type is written `T[]`)')
    if (++levels > MAX_NESTING) return tooDeeplyNested(base, i)
    t = { kind: 'list', item: t, attrs: NO_ATTRS, span: spanOf(s.data, t.span.start, toks[i + 1]!.end) }
    i += 2
  }
  const q = toks[i]!
  if (q.kind === 'punct' && q.text === '?') {
    t = { kind: 'optional', inner: t, attrs: NO_ATTRS, span: spanOf(s.data, t.span.start, q.end) }
    i += 1
    const after = toks[i]!
    if (after.kind === 'punct' && (after.text === '?' || after.text === '[')) {
      return errState(base, i, after.text === '?' ? 'one `?` only' : 'the `[]` before the `?` (write `(T?)[]` for a list of optional items)')
    }
  }
  return i === base.index ? base : okState(base, t, i)
})

/** A member type and the attributes written after it (skipping the attribute parser when none can follow). */
const member: P<TypeWithTrailing> = prim((s) => {
  const t = run(postfixType, s)
  if (t.isError) return failed(t)
  if (!attributeFollows(s.data.tokens, t.index)) return okState(t, { type: t.result, trailing: NO_ATTRS }, t.index)
  const a = run(trailingAttributes, t)
  if (a.isError) return failed(a)
  return okState(a, { type: t.result, trailing: a.result }, a.index)
})

const nextMember: P<TypeWithTrailing> = label('a type after `|`', member)

/** `A @x | B | C @y`: members joined by `|`; `@y` belongs to the whole union. */
export const typeChain: P<TypeWithTrailing> = prim((s) => {
  const first = run(member, s)
  if (first.isError) return first
  let st: St<TypeWithTrailing> = first
  let rest: TypeWithTrailing[] | undefined
  for (;;) {
    const bar = st.data.tokens[st.index]!
    if (!(bar.kind === 'punct' && bar.text === '|')) break
    const m = run(nextMember, okState(st, null, st.index + 1))
    if (m.isError) return m
    ;(rest ??= []).push(m.result)
    st = m
  }
  if (!rest) return first
  const all = [first.result, ...rest]
  const last = all[all.length - 1]!
  const options = all.map((m, i) => (i === all.length - 1 ? m.type : withAttrs(m.type, m.trailing)))
  const union: TypeAst = { kind: 'union', options, attrs: NO_ATTRS, span: spanOf0(first.result.type, last.type) }
  return okState(st, { type: union, trailing: last.trailing }, st.index)
})

function spanOf0(a: TypeAst, b: TypeAst): TypeAst['span'] {
  return { file: a.span.file, start: a.span.start, end: b.span.end }
}

/**
 * The type `typeChain` reads at token `i` when it is simple: members that are a name, a string or
 * a number, each with `[]`s and a `?`, joined by `|`, with no attribute after any of them. Built
 * directly (the same nodes), without running the parsers: most field and parameter types are like
 * this. Undefined when the type is anything else (or malformed): then `typeChain` reads it.
 * `end` is the index after the type.
 */
export function simpleType(ctx: Ctx, i: number, trailing = false): { readonly type: TypeAst; readonly end: number; readonly attrsFollow?: boolean } | undefined {
  const toks = ctx.tokens
  let first: TypeAst | undefined
  let options: TypeAst[] | undefined
  for (;;) {
    const t = toks[i]!
    let m: TypeAst
    if (t.kind === 'word') {
      const n = toks[i + 1]!
      if (n.kind === 'punct' && n.text === '<' && t.text === 'map') {
        // `map<K, V>` with two bare names, as mapType builds it.
        const k = toks[i + 2]!
        const c = toks[i + 3]!
        const v = toks[i + 4]!
        const close = toks[i + 5]!
        if (ctx.depth >= MAX_NESTING) return undefined
        if (!(k.kind === 'word' && c.kind === 'punct' && c.text === ',' && v.kind === 'word' && close.kind === 'punct' && close.text === '>')) return undefined
        const key = { kind: 'named', name: k.text, attrs: NO_ATTRS, span: { file: ctx.file, start: k.start, end: k.end } } as TypeAst
        const value = { kind: 'named', name: v.text, attrs: NO_ATTRS, span: { file: ctx.file, start: v.start, end: v.end } } as TypeAst
        m = { kind: 'map', key, value, typeArgs: [key, value], attrs: NO_ATTRS, span: spanOf(ctx, t.start, close.end) } as TypeAst
        i += 5
      } else {
        if (n.kind === 'punct' && n.text === '.') return undefined
        m = { kind: 'named', name: t.text, attrs: NO_ATTRS, span: { file: ctx.file, start: t.start, end: t.end } } as TypeAst
      }
    } else if (t.kind === 'string') {
      if (t.problem) return undefined
      m = { kind: 'literal', value: t.text.slice(1, -1), raw: t.text, attrs: NO_ATTRS, span: spanOf(ctx, t.start, t.end) } as TypeAst
    } else if (t.kind === 'number') {
      m = { kind: 'literal', value: Number(t.text), raw: t.text, attrs: NO_ATTRS, span: spanOf(ctx, t.start, t.end) } as TypeAst
    } else return undefined
    i++
    let levels = ctx.depth
    let q = toks[i]!
    while (q.kind === 'punct' && q.text === '[') {
      const close = toks[i + 1]!
      if (!(close.kind === 'punct' && close.text === ']') || ++levels > MAX_NESTING) return undefined
      m = { kind: 'list', item: m, attrs: NO_ATTRS, span: spanOf(ctx, m.span.start, close.end) }
      i += 2
      q = toks[i]!
    }
    if (q.kind === 'punct' && q.text === '?') {
      m = { kind: 'optional', inner: m, attrs: NO_ATTRS, span: spanOf(ctx, m.span.start, q.end) }
      i++
      q = toks[i]!
      if (q.kind === 'punct' && (q.text === '?' || q.text === '[')) return undefined
    }
    // Attributes after the whole type (`trailing`, when they are plain): the caller reads them.
    const attrsFollow = attributeFollows(toks, i)
    if (attrsFollow && !(trailing && plainAttributes(toks, i))) return undefined
    if (first === undefined) first = m
    else (options ??= [first]).push(m)
    if (attrsFollow || !(q.kind === 'punct' && q.text === '|')) {
      const type = options === undefined ? first : ({ kind: 'union', options, attrs: NO_ATTRS, span: spanOf0(first, m) } as TypeAst)
      return attrsFollow ? { type, end: i, attrsFollow } : { type, end: i }
    }
    i++
  }
}

/** True when the token can start a type (used to decide whether a member has a type at all). */
export function startsType(s: St<unknown>): boolean {
  const t = s.data.tokens[s.index]!
  if (t.kind === 'word' || t.kind === 'number' || t.kind === 'string') return true
  return t.kind === 'punct' && t.text === '('
}
