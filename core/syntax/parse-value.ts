// Config values: what follows a key in client/generator/test/retry_policy blocks, in `options { }`
// maps, in arrays, and in attribute arguments.
import type { MapEntryAst, ValueAst } from './ast.ts'
import {
  dispatch,
  errState,
  runLabelled,
  nested,
  okState,
  prim,
  punct,
  run,
  skipNewlines,
  skipSpacer,
  spanOf,
  tokenAt,
  type Ctx,
  type P,
  type St,
} from './combinators.ts'
import { warning } from './diagnostics.ts'
import { tokenize, type LexedComment } from './lexer.ts'
import { scanUnquoted, unescapeString } from './strings.ts'
import type { Token } from './tokens.ts'

function problemOrOk<T>(s: St<unknown>, t: Token, result: T): St<T> {
  if (t.problem) return errState(s, s.index, `a valid value (${t.problem})`)
  return okState(s, result, s.index + 1)
}

function blockStringValue(ctx: Ctx, t: Token): ValueAst {
  const h = t.hashes
  return {
    kind: 'string',
    value: t.text.slice(h + 1, t.text.length - h - 1),
    quoted: 'block',
    hashes: h,
    contentStart: t.start + h + 1,
    span: spanOf(ctx, t.start, t.end),
  }
}

/** A quoted string. One left open at the end of the line is accepted (as the reference does), with a warning. */
export const quotedString: P<ValueAst> = prim((s) => {
  const t = tokenAt(s)
  if (t.kind !== 'string') return errState(s, s.index, 'a quoted string')
  const ctx = s.data
  const span = spanOf(ctx, t.start, t.end)
  if (t.problem) ctx.diags.push(warning(`This string is never closed; it runs to the end of the line. Add a closing \`"\``, span))
  // An unclosed string has no closing quote to drop.
  const body = t.problem ? t.text.slice(1) : t.text.slice(1, -1)
  const v: ValueAst = { kind: 'string', value: unescapeString(body), quoted: 'double', hashes: 0, contentStart: t.start + 1, span }
  return okState(s, v, s.index + 1)
})

export const blockString: P<ValueAst> = prim((s) => {
  const t = tokenAt(s)
  if (t.kind !== 'blockString') return errState(s, s.index, 'a block string `#"..."#`')
  return problemOrOk(s, t, blockStringValue(s.data, t))
})

const jinja: P<ValueAst> = prim((s) => {
  const t = tokenAt(s)
  if (t.kind !== 'jinja') return errState(s, s.index, 'a `{{ ... }}` expression')
  const body = t.problem ? t.text.slice(2) : t.text.slice(2, -2)
  return problemOrOk(s, t, { kind: 'jinja', expression: body, span: spanOf(s.data, t.start, t.end) } as ValueAst)
})

const numberValue: P<ValueAst> = prim((s) => {
  const t = tokenAt(s)
  if (t.kind !== 'number') return errState(s, s.index, 'a number')
  const isInt = t.text.indexOf('.') < 0
  return okState(s, { kind: 'number', raw: t.text, value: Number(t.text), isInt, span: spanOf(s.data, t.start, t.end) } as ValueAst, s.index + 1)
})

/** How the reference reads an unquoted string: bool, env ref, identifier, or plain string. */
function classifyUnquoted(text: string, span: ValueAst['span']): ValueAst {
  if (text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0)
    return { kind: 'string', value: text, quoted: 'none', hashes: 0, contentStart: span.start, span }
  if (text === 'true' || text === 'false') return { kind: 'bool', value: text === 'true', span }
  if (text.startsWith('env.')) return { kind: 'env', name: text.slice(4), span }
  if (text.indexOf('.') >= 0) return { kind: 'ident', name: text, span }
  if (text === 'env' || text.indexOf('-') >= 0)
    return { kind: 'string', value: text, quoted: 'none', hashes: 0, contentStart: span.start, span }
  return { kind: 'ident', name: text, span }
}

/**
 * An unquoted string, rebuilt from the source text (the lexer's tokens do not fit its rules). A
 * quoted string left open at the end of its line is one too, quote included, as in the reference
 * (its grammar tries unquoted text after a quoted string fails): `model "gpt-4o` reads `"gpt-4o`.
 */
const unquoted: P<ValueAst> = prim((s) => {
  const t = tokenAt(s)
  if (t.kind === 'newline' || t.kind === 'eof' || t.kind === 'doc' || (t.kind === 'string' && !t.problem) || t.kind === 'blockString' || t.kind === 'jinja')
    return errState(s, s.index, 'a value')
  const ctx = s.data
  const end = scanUnquoted(ctx.src, t.start)
  if (end <= t.start) return errState(s, s.index, 'a value')
  const toks = ctx.tokens
  let j = s.index
  while (toks[j]!.kind !== 'eof' && toks[j]!.start < end) {
    // A token that straddles the end (a quote inside the text opens a string that runs on, as in
    // `our experts", "next"`): the text ends inside it, so the rest of the file is lexed again from there.
    if (toks[j]!.end > end && toks[j]!.kind !== 'newline') {
      relexFrom(ctx, j, end)
      break
    }
    j++
  }
  ctx.unquotedRanges.push(t.start, end)
  const text = ctx.src.slice(t.start, end)
  const span = spanOf(ctx, t.start, end)
  if (t.kind === 'string') ctx.diags.push(warning(`This string is never closed, so it is read as the unquoted text \`${text}\` (with its quote), as the reference does. Add a closing \`"\``, span))
  return okState(s, classifyUnquoted(text, span), j)
})

/**
 * Lex the source again from `offset`, inside token `j`, up to the first line end at which the old
 * tokens also have a line end (from there on both lexings agree), and splice the new tokens in.
 */
function relexFrom(ctx: Ctx, j: number, offset: number): void {
  const toks = ctx.tokens
  let k = j
  const found: LexedComment[] | undefined = ctx.comments ? [] : undefined
  const fresh = tokenize(ctx.src, found, offset, (nl) => {
    while (toks[k]!.kind !== 'eof' && toks[k]!.start < nl) k++
    return toks[k]!.kind === 'newline' && toks[k]!.start === nl
  })
  const toEnd = fresh[fresh.length - 1]!.kind === 'eof'
  const end = toEnd ? ctx.src.length : toks[k]!.end
  if (toEnd) {
    // No common line end: the new tokens run to the end of the file, end tokens included.
    toks.length = j
    for (const t of fresh) toks.push(t)
  } else toks.splice(j, k + 1 - j, ...fresh)
  const comments = ctx.comments
  if (comments && found) {
    let a = 0
    while (a < comments.length && comments[a]!.start < offset) a++
    let b = a
    while (b < comments.length && comments[b]!.start < end) b++
    comments.splice(a, b - a, ...found)
  }
}

/** Newlines, `///` comments and at most one comma between items of a map or array. */
function skipSeparators(s: St<unknown>): number {
  const toks = s.data.tokens
  let i = s.index
  let comma = false
  for (;;) {
    const t = toks[i]!
    if (t.kind === 'newline' || t.kind === 'doc') i++
    else if (!comma && t.kind === 'punct' && t.text === ',') {
      comma = true
      i++
    } else return i
  }
}

const mapKey: P<{ key: string; quoted: boolean; token: Token }> = prim((s) => {
  const t = tokenAt(s)
  if (t.kind === 'word') return okState(s, { key: t.text, quoted: false, token: t }, s.index + 1)
  if (t.kind === 'string' && !t.problem) return okState(s, { key: t.text.slice(1, -1), quoted: true, token: t }, s.index + 1)
  return errState(s, s.index, 'a key (a name or a quoted string)')
})

/** `{ key value, key: value \n ... }` */
const mapValue: P<ValueAst> = prim((s) => {
  const open = tokenAt(s)
  if (open.kind !== 'punct' || open.text !== '{') return errState(s, s.index, '`{`')
  const ctx = s.data
  const entries: MapEntryAst[] = []
  let st: St<unknown> = okState(s, null, skipSpacer(s.data.tokens, s.index + 1))
  for (;;) {
    const t = tokenAt(st)
    if (t.kind === 'punct' && t.text === '}') {
      return okState(st, { kind: 'map', entries, span: spanOf(ctx, open.start, t.end) } as ValueAst, st.index + 1)
    }
    const k = run(mapKey, st)
    if (k.isError) return entries.length === 0 ? errState(st, st.index, 'a key or `}`') : errState(st, st.index, 'a key, `,`, a new line or `}`')
    const key = k.result
    // An optional `:` after the key (checked directly so it does not show up in "expected ..." lists).
    const c = tokenAt(k)
    const afterKey: St<unknown> = c.kind === 'punct' && c.text === ':' ? okState(k, null, k.index + 1) : k
    const v = runLabelled(`a value for \`${key.key}\``, value, afterKey)
    if (v.isError) return v
    entries.push({ key: key.key, keySpan: spanOf(ctx, key.token.start, key.token.end), keyQuoted: key.quoted, value: v.result, span: spanOf(ctx, key.token.start, v.result.span.end) })
    const next = tokenAt(v)
    if (next.kind === 'punct' && next.text === '}') {
      st = v
      continue
    }
    const sepEnd = skipSeparators(v)
    if (sepEnd === v.index) return errState(v, v.index, numberContinues(v.result, next) ?? '`,`, a new line or `}` after the value')
    st = okState(v, null, sepEnd)
  }
})

/** `[a, b, c]` (commas or new lines between items; a trailing comma is fine). */
const arrayValue: P<ValueAst> = prim((s) => {
  const open = tokenAt(s)
  if (open.kind !== 'punct' || open.text !== '[') return errState(s, s.index, '`[`')
  const ctx = s.data
  const items: ValueAst[] = []
  let st: St<unknown> = okState(s, null, skipSpacer(s.data.tokens, s.index + 1))
  for (;;) {
    const t = tokenAt(st)
    if (t.kind === 'punct' && t.text === ']') {
      return okState(st, { kind: 'array', items, span: spanOf(ctx, open.start, t.end) } as ValueAst, st.index + 1)
    }
    const v = run(value, st)
    if (v.isError) return items.length === 0 ? errState(st, st.index, '`]`') : v
    items.push(v.result)
    const next = tokenAt(v)
    if (next.kind === 'punct' && next.text === ']') {
      st = v
      continue
    }
    const sepEnd = skipSeparators(v)
    if (sepEnd === v.index) return errState(v, v.index, '`,`, a new line or `]` after the item')
    st = okState(v, null, sepEnd)
  }
})

/** `Name(a, b)`: the name directly followed by `(`. */
const callValue: P<ValueAst> = prim((s) => {
  const ctx = s.data
  const toks = ctx.tokens
  const name = tokenAt(s)
  const open = toks[s.index + 1]!
  if (name.kind !== 'word' || !(open.kind === 'punct' && open.text === '(' && open.start === name.end)) return errState(s, s.index, 'a value')
  const args: ValueAst[] = []
  let i = s.index + 2
  for (;;) {
    i = skipNewlines(toks, i)
    const t = toks[i]!
    if (t.kind === 'punct' && t.text === ')') {
      const v: ValueAst = { kind: 'call', name: { name: name.text, span: spanOf(ctx, name.start, name.end) }, args, text: ctx.src.slice(name.start, t.end), span: spanOf(ctx, name.start, t.end) }
      return okState(s, v, i + 1)
    }
    if (args.length) {
      if (!(t.kind === 'punct' && t.text === ',')) return errState(s, i, '`,` or `)` in the call arguments')
      i = skipNewlines(toks, i + 1)
    }
    const r = run(value, okState(s, null, i))
    if (r.isError) return r
    args.push(r.result)
    i = r.index
  }
})

/** Any config value, chosen by its first token. */
export const value: P<ValueAst> = nested(
  dispatch<ValueAst>('a value', (t, s) => {
    switch (t.kind) {
      case 'jinja':
        return jinja
      case 'number':
        return numberValue
      case 'blockString':
        return blockString
      case 'string':
        return t.problem ? unquoted : quotedString
      case 'punct':
        if (t.text === '{') return mapValue
        if (t.text === '[') return arrayValue
        return unquoted
      case 'word': {
        const n = s.data.tokens[s.index + 1]!
        return n.kind === 'punct' && n.text === '(' && n.start === t.end ? callValue : unquoted
      }
      default:
        return unquoted
    }
  }),
)

/**
 * A number glued to more text (`2024-08-01`, `100abc`) reads as the number and then junk, as in
 * the reference. Returns an expectation that tells the user to quote it.
 */
export function numberContinues(v: ValueAst, next: Token): string | undefined {
  if (v.kind !== 'number' || next.start !== v.span.end || next.kind === 'newline' || next.kind === 'eof') return undefined
  return `the end of the number \`${v.raw}\` (to write text that starts with digits, quote it: \`"${v.raw}${next.text}..."\`)`
}
