// Attributes: `@name`, `@name(args)`, `@@name(args)`; names may be dotted (`@stream.done`).
import type { AttributeAst, ValueAst } from './ast.ts'
import { failAt, failed, errState, okState, prim, run, skipNewlines, spanOf, tokenAt, type P, type St } from './combinators.ts'
import { value } from './parse-value.ts'
import type { Token } from './tokens.ts'

/** `(a, b)` after an attribute name. */
const argList: P<ValueAst[]> = prim((s) => {
  const toks = s.data.tokens
  const args: ValueAst[] = []
  let st: St<unknown> = okState(s, null, skipNewlines(toks, s.index + 1))
  for (;;) {
    const t = toks[st.index]!
    if (t.kind === 'punct' && t.text === ')') return okState(st, args, st.index + 1)
    if (args.length > 0) {
      if (!(t.kind === 'punct' && t.text === ',')) return errState(st, st.index, '`,` or `)` in the attribute arguments')
      st = okState(st, null, skipNewlines(toks, st.index + 1))
    }
    const v = run(value, st)
    if (v.isError) return args.length === 0 ? errState(st, st.index, 'an attribute argument or `)`') : failed(v)
    args.push(v.result)
    const next = skipNewlines(toks, v.index)
    st = next === v.index ? v : okState(v, null, next)
  }
})

function attributeParser(block: boolean): P<AttributeAst> {
  const marker = block ? '@@' : '@'
  return prim((s) => {
    const at = tokenAt(s)
    if (at.kind !== 'punct' || at.text !== marker) return errState(s, s.index, `\`${marker}\``)
    const ctx = s.data
    const toks = ctx.tokens
    let i = s.index + 1
    const first = toks[i]!
    if (first.kind !== 'word') return errState(s, i, `an attribute name after \`${marker}\``)
    let name = first.text
    let nameEnd = first.end
    i++
    while (toks[i]!.kind === 'punct' && toks[i]!.text === '.' && toks[i]!.start === nameEnd && toks[i + 1]!.kind === 'word') {
      name += '.' + toks[i + 1]!.text
      nameEnd = toks[i + 1]!.end
      i += 2
    }
    let args: ValueAst[] = []
    let end = nameEnd
    const open = toks[i]!
    if (open.kind === 'punct' && open.text === '(') {
      const r = run(argList, okState(s, null, i))
      if (r.isError) {
        // Failing on a later line usually means the `(` was never closed: say so where it opened.
        const bad = toks[ctx.farIndex >= 0 ? ctx.farIndex : r.index]!
        if (ctx.src.slice(open.end, bad.start).includes('\n')) return failAt(s, i, `This \`(\` of \`${at.text}${name}\` is never closed: add \`)\` after the arguments`)
        return failed(r)
      }
      args = r.result
      end = toks[r.index - 1]!.end
      i = r.index
    }
    const attr: AttributeAst = {
      kind: 'attribute',
      block,
      name: { name, span: spanOf(ctx, first.start, nameEnd) },
      args,
      parenthesized: false,
      span: spanOf(ctx, at.start, end),
    }
    return okState(s, attr, i)
  })
}

const fieldAttribute: P<AttributeAst> = attributeParser(false)
export const blockAttribute: P<AttributeAst> = attributeParser(true)

/** Shared empty attribute list. */
export const NO_ATTRS: readonly AttributeAst[] = []

/**
 * Index of the `@` of a field attribute continuing at token `i`, or -1. An attribute may sit on a
 * following line, with comment lines in between but no blank line.
 */
function nextAttribute(toks: readonly Token[], i: number): number {
  while (toks[i]!.kind === 'doc' || (toks[i]!.kind === 'newline' && !toks[i]!.blank)) i++
  const t = toks[i]!
  return t.kind === 'punct' && t.text === '@' ? i : -1
}

/** Whether field attributes follow token `i` (so callers can skip `trailingAttributes` when none do). */
export function attributeFollows(toks: readonly Token[], i: number): boolean {
  // nextAttribute(toks, i) >= 0, without the call: this runs after every member.
  let t = toks[i]!
  while (t.kind === 'doc' || (t.kind === 'newline' && !t.blank)) t = toks[++i]!
  return t.kind === 'punct' && t.text === '@'
}

/**
 * Whether the field attributes that follow token `i` (`attributeFollows` is true there) are plain:
 * undotted names, each with no arguments or with arguments on its line that are closed strings,
 * `{{ ... }}` expressions or words directly followed by `,` or `)`; and no `|` comes after the
 * last (so they end the type). `trailingAttributes` then reads them without surprises.
 */
export function plainAttributes(toks: readonly Token[], i: number): boolean {
  let j = i
  for (;;) {
    let k = j
    while (toks[k]!.kind === 'doc' || (toks[k]!.kind === 'newline' && !toks[k]!.blank)) k++
    const at = toks[k]!
    if (!(at.kind === 'punct' && at.text === '@')) {
      const after = toks[j]!
      return j > i && !(after.kind === 'punct' && after.text === '|')
    }
    if (toks[k + 1]!.kind !== 'word') return false
    k += 2
    const open = toks[k]!
    if (open.kind === 'punct' && open.text === '.') return false
    if (open.kind === 'punct' && open.text === '(') {
      k++
      if (isPunctText(toks[k]!, ')')) k++
      else {
        for (;;) {
          const a = toks[k]!
          const next = toks[k + 1]!
          const plain =
            ((a.kind === 'string' || a.kind === 'jinja') && !a.problem) ||
            (a.kind === 'word' && next.start === a.end && (isPunctText(next, ',') || isPunctText(next, ')')))
          if (!plain) return false
          k++
          if (isPunctText(toks[k]!, ')')) {
            k++
            break
          }
          if (!isPunctText(toks[k]!, ',')) return false
          k++
        }
      }
    }
    j = k
  }
}

function isPunctText(t: Token, text: string): boolean {
  return t.kind === 'punct' && t.text === text
}

/** Field attributes after a type or name; each may sit on the next line (comment lines allowed in between). */
export const trailingAttributes: P<readonly AttributeAst[]> = prim((s) => {
  const toks = s.data.tokens
  let out: AttributeAst[] | undefined
  let st: St<unknown> = s
  for (;;) {
    const i = nextAttribute(toks, st.index)
    if (i < 0) return okState(st, out ?? NO_ATTRS, st.index)
    const r = run(fieldAttribute, okState(st, null, i))
    if (r.isError) return failed(r)
    ;(out ??= []).push(r.result)
    st = r
  }
})
