// Block-level grammar: class/enum bodies, value blocks (function, test, client, retry_policy,
// generator), type_builder, template_string and type aliases. Bodies recover line by line: a bad
// member or entry is reported and skipped, and parsing goes on with the next line.
import type {
  AttributeAst,
  ExprFnAst,
  Ident,
  MemberAst,
  ParamAst,
  TemplateStringAst,
  TypeAliasAst,
  TypeAst,
  TypeBlockAst,
  TypeBuilderAst,
  ValueAst,
  ValueBlockAst,
  ValueBlockKeyword,
  ValueFieldAst,
} from './ast.ts'
import { failed, errState, gatherDoc, label, okState, prim, punct, run, runLabelled, seq, skipSpacer, spanOf, tokenAt, type Ctx, type P, type St } from './combinators.ts'
import { error, warning } from './diagnostics.ts'
import { attributeFollows, blockAttribute, NO_ATTRS, trailingAttributes } from './parse-attribute.ts'
import { simpleType, startsType, typeChain, type TypeWithTrailing } from './parse-type.ts'
import { blockString, numberContinues, quotedString, value } from './parse-value.ts'
import { failureDiagnostic, lineSpan, looksLikeTopLevelStart, resetFailure, skipEntry, skipLine } from './recovery.ts'
import type { Token } from './tokens.ts'

const isPunct = (t: Token, text: string) => t.kind === 'punct' && t.text === text
const identOf = (ctx: Ctx, t: Token): Ident => ({ name: t.text, span: { file: ctx.file, start: t.start, end: t.end } })

function endOfMember(t: Token): boolean {
  return t.kind === 'newline' || t.kind === 'eof' || t.kind === 'doc' || (t.kind === 'punct' && t.text === '}')
}

function joinDoc(lines: string[]): string | undefined {
  return lines.length ? lines.join('\n') : undefined
}

/** Trailing `/// text` on the member's own line is part of its docstring. */
function takeTrailingDoc(ctx: Ctx, i: number, doc: string[]): number {
  const t = ctx.tokens[i]!
  if (t.kind === 'doc') {
    doc.push(t.text)
    return i + 1
  }
  return i
}

/** Report "the block is never closed" at its opening brace. */
function unclosed(ctx: Ctx, what: string, open: Token): void {
  ctx.diags.push(error(`${what} is missing its closing \`}\``, spanOf(ctx, open.start, open.end)))
}

// ---- class / enum ------------------------------------------------------------------------------

interface BodyResult<M> {
  readonly members: M[]
  readonly blockAttrs: AttributeAst[]
  readonly typeBuilders: TypeBuilderAst[]
  readonly methods: ExprFnAst[]
  /** Index after the closing `}` (or where the body was cut off). */
  readonly end: number
  readonly endOffset: number
}

/** Parses the entry at token `i`; `s` is any state of the parse (only its context is used). */
type EntryParser<M> = (s: St<unknown>, i: number, doc: string[], lineHint: string) => { node?: M; method?: ExprFnAst; next: number } | undefined

/**
 * The shared body loop: `{ (entry | @@attr | type_builder | comment | blank)* }`. `entry` parses one
 * member at a token; it returns undefined when the token cannot start one.
 */
function parseBody<M>(s: St<unknown>, openIndex: number, what: string, lineHint: string, entry: EntryParser<M>, allowTypeBuilder: boolean): BodyResult<M> {
  const ctx = s.data
  const toks = ctx.tokens
  const open = toks[openIndex]!
  const members: M[] = []
  const blockAttrs: AttributeAst[] = []
  const typeBuilders: TypeBuilderAst[] = []
  const methods: ExprFnAst[] = []
  const doc: string[] = []
  let i = openIndex + 1
  for (;;) {
    i = gatherDoc(toks, i, doc)
    const t = toks[i]!
    if (t.kind === 'punct' && t.text === '}') return { members, blockAttrs, typeBuilders, methods, end: i + 1, endOffset: t.end }
    if (t.kind === 'eof' || looksLikeTopLevelStart(ctx, i)) {
      unclosed(ctx, what, open)
      const last = toks[Math.max(openIndex, i - 1)]!
      return { members, blockAttrs, typeBuilders, methods, end: i, endOffset: last.end }
    }
    resetFailure(ctx)
    if (t.kind === 'punct' && t.text === '@@') {
      const r = run(blockAttribute, okState(s, null, i))
      if (r.isError) {
        ctx.diags.push(failureDiagnostic(ctx, i))
        i = skipEntry(ctx, i)
      } else {
        blockAttrs.push(r.result)
        i = afterEntry(ctx, r.index, lineHint)
      }
      doc.length = 0
      continue
    }
    if (allowTypeBuilder && t.kind === 'word' && t.text === 'type_builder' && isPunct(toks[skipSpacer(toks, i + 1)]!, '{')) {
      const r = run(typeBuilderBlock, okState(s, null, i))
      if (r.isError) {
        ctx.diags.push(failureDiagnostic(ctx, i))
        i = skipEntry(ctx, i)
      } else {
        typeBuilders.push(r.result)
        i = r.index
      }
      doc.length = 0
      continue
    }
    // The entry may append its trailing `///` to `doc`; start afresh afterwards.
    const got = entry(s, i, doc, lineHint)
    doc.length = 0
    if (!got) {
      ctx.diags.push(error(lineHint, lineSpan(ctx, i)))
      i = skipEntry(ctx, i)
      continue
    }
    if (got.node) members.push(got.node)
    if (got.method) methods.push(got.method)
    i = got.next
  }
}

/**
 * Whether another entry may start at `t` on the line of the previous one. The reference's body
 * grammar does not need a new line between entries: `@@alias("x") @@description("y")`,
 * `Value @@alias("v")` and `a string b int` all load there.
 */
function nextEntryOnLine(t: Token): boolean {
  return t.kind === 'word' || (t.kind === 'punct' && t.text === '@@')
}

/** After an entry: the line must end (or the block close, or another entry start). Otherwise report and skip the rest. */
function afterEntry(ctx: Ctx, i: number, lineHint: string): number {
  const t = ctx.tokens[i]!
  if (endOfMember(t) || nextEntryOnLine(t)) return i
  ctx.diags.push(error(lineHint, lineSpan(ctx, i)))
  return skipEntry(ctx, i)
}

const CLASS_LINE_HINT =
  'This line is not a valid field or attribute definition. A valid class property looks like: `myProperty string[] @description("This is a description")`'
const ENUM_LINE_HINT = 'This line is not a valid enum value or attribute definition. A valid enum value looks like: `VALUE @description("...")`'

/**
 * `name Type? @attrs` inside a class or enum: the type chain and the attributes are Arcsecond
 * parsers; this entry function strings them together (like `valueEntry`), which spares a parser
 * step and two states per member.
 */
function memberEntry(s: St<unknown>, i: number, doc: string[], hint: string): { node?: MemberAst; method?: ExprFnAst; next: number } | undefined {
  const ctx = s.data
  const toks = ctx.tokens
  const t = toks[i]!
  if (t.kind !== 'word') return undefined
  if (t.text === 'function' && toks[i + 1]!.kind === 'word' && isPunct(toks[i + 2]!, '(')) {
    const close = methodEnd(toks, i + 2)
    if (close >= 0) {
      const end = toks[close]!.end
      const method: ExprFnAst = { kind: 'exprFn', name: identOf(ctx, toks[i + 1]!), text: ctx.src.slice(t.start, end), span: spanOf(ctx, t.start, end) }
      ctx.diags.push(warning(`\`${method.name.name}\` is a method in the expression language, which this implementation does not support; it is ignored`, method.name.span))
      return { method, next: close + 1 }
    }
  }
  let type: TypeAst | undefined
  let attrs: readonly AttributeAst[] = []
  let end: number
  // Most fields have a simple type and no attribute: built directly (see simpleType).
  const simple = simpleType(ctx, i + 1, true)
  if (simple !== undefined) {
    type = simple.type
    attrs = NO_ATTRS
    end = simple.end
    if (simple.attrsFollow) {
      // Plain attributes after the type (checked by simpleType): what typeChain would return as trailing.
      const a = run(trailingAttributes, okState(s, null, end))
      if (a.isError) return badMember(ctx, i)
      attrs = a.result
      end = a.index
    }
  } else {
    let st: St<unknown> = okState(s, null, i + 1)
    if (startsType(st)) {
      const r = run(typeChain, st)
      if (r.isError) return badMember(ctx, i)
      type = r.result.type
      attrs = r.result.trailing
      st = r
    }
    if (attributeFollows(toks, st.index)) {
      const a = run(trailingAttributes, st)
      if (a.isError) return badMember(ctx, i)
      attrs = attrs.concat(a.result)
      st = a
    }
    end = st.index
  }
  const span = spanOf(ctx, t.start, toks[end - 1]!.end)
  let next = takeTrailingDoc(ctx, end, doc)
  const node: MemberAst = doc.length ? { name: identOf(ctx, t), type, attrs, span, docstring: joinDoc(doc) } : { name: identOf(ctx, t), type, attrs, span }
  if (!endOfMember(toks[next]!) && !nextEntryOnLine(toks[next]!)) {
    ctx.diags.push(error(hint, lineSpan(ctx, i)))
    next = skipLine(ctx, next)
  }
  return { node, next }
}

/**
 * `function f(self) -> T { ... }` in a class body (the reference's class grammar takes expression
 * functions): the index of the `}` closing its body, or -1 when there is no balanced body.
 */
function methodEnd(toks: readonly Token[], open: number): number {
  let parens = 0
  let braces = 0
  for (let i = open; toks[i]!.kind !== 'eof'; i++) {
    const t = toks[i]!
    if (t.kind !== 'punct') continue
    if (braces === 0 && (t.text === '(' || t.text === ')')) parens += t.text === '(' ? 1 : -1
    else if (t.text === '{' && parens === 0) braces++
    else if (t.text === '}') {
      if (braces === 0) return -1
      if (--braces === 0) return i
    }
  }
  return -1
}

/** A member that failed to parse: report the furthest failure and resume on the next line (members are one line each). */
function badMember(ctx: Ctx, i: number): { next: number } {
  ctx.diags.push(failureDiagnostic(ctx, i))
  return { next: skipLine(ctx, i) }
}

/** `class Name { ... }`, `enum Name { ... }`, or `dynamic class Name { ... }` (type_builder only). */
function typeBlockAt(allowDynamic: boolean): P<TypeBlockAst> {
  return prim((s) => {
    const ctx = s.data
    const toks = ctx.tokens
    let i = s.index
    let dynamic = false
    const first = toks[i]!
    if (first.kind !== 'word') return errState(s, i, '`class` or `enum`')
    if (allowDynamic && first.text === 'dynamic') {
      dynamic = true
      i++
      const k = toks[i]!
      if (!(k.kind === 'word' && (k.text === 'class' || k.text === 'enum'))) {
        return errState(s, i, '`class` or `enum` after `dynamic` (write `dynamic class Name` or `dynamic enum Name`)')
      }
    }
    const kw = toks[i]!
    if (kw.kind !== 'word') return errState(s, i, '`class` or `enum`')
    const nameTok = toks[i + 1]!
    if (nameTok.kind !== 'word') return errState(s, i + 1, `a name after \`${kw.text}\``)
    i += 2
    // `class Name(args) {`: the reference parses (and ignores) an argument list here.
    let params: ParamAst[] | undefined
    if (isPunct(toks[i]!, '(')) {
      const r = run(paramList, okState(s, null, i))
      if (r.isError) return failed(r)
      params = r.result.params
      i = r.index
    }
    i = skipSpacer(toks, i)
    if (!isPunct(toks[i]!, '{')) return errState(s, i, `\`{\` to open the body of \`${nameTok.text}\``)
    const isEnum = kw.text === 'enum'
    const hint = isEnum ? ENUM_LINE_HINT : CLASS_LINE_HINT
    const body = parseBody<MemberAst>(s, i, `\`${kw.text} ${nameTok.text}\``, hint, memberEntry, false)
    const node: TypeBlockAst = {
      kind: 'typeBlock',
      keyword: identOf(ctx, kw),
      dynamic,
      name: identOf(ctx, nameTok),
      ...(params ? { params } : {}),
      members: body.members,
      blockAttrs: body.blockAttrs,
      ...(body.methods.length ? { methods: body.methods } : {}),
      span: spanOf(ctx, first.start, body.endOffset),
    }
    return okState(s, node, body.end)
  })
}

export const typeBlock = typeBlockAt(false)

// ---- parameters ---------------------------------------------------------------------------------

/** `(a: T, b: U,)` with new lines allowed after `(` and `,`. */
const paramList: P<{ params: ParamAst[]; span: ReturnType<typeof spanOf> }> = prim((s) => {
  const ctx = s.data
  const toks = ctx.tokens
  const open = tokenAt(s)
  if (!isPunct(open, '(')) return errState(s, s.index, '`(`')
  const params: ParamAst[] = []
  let i = skipSpacer(toks, s.index + 1)
  // The reference's grammar also takes one comma before the first parameter: `(,)`, `(, a: T)`.
  if (isPunct(toks[i]!, ',')) i = skipSpacer(toks, i + 1)
  for (;;) {
    const t = toks[i]!
    if (isPunct(t, ')')) return okState(s, { params, span: spanOf(ctx, open.start, t.end) }, i + 1)
    if (params.length > 0) {
      if (!isPunct(t, ',')) return errState(s, i, '`,` or `)` after the parameter')
      i = skipSpacer(toks, i + 1)
      if (isPunct(toks[i]!, ')')) continue
    }
    const nameTok = toks[i]!
    if (nameTok.kind !== 'word') return errState(s, i, params.length ? 'a parameter name' : 'a parameter name or `)`')
    i++
    let type: TypeAst | undefined
    let attrs: AttributeAst[] = []
    let end = nameTok.end
    if (isPunct(toks[i]!, ':')) {
      i++
      const simple = simpleType(ctx, i)
      if (simple !== undefined) {
        type = simple.type
        end = toks[simple.end - 1]!.end
        i = simple.end
      } else {
        const r = runLabelled(`a type for parameter \`${nameTok.text}\``, typeChain, okState(s, null, i))
        if (r.isError) return failed(r)
        type = r.result.type
        attrs = [...r.result.trailing]
        end = toks[r.index - 1]!.end
        i = r.index
      }
    }
    params.push({ name: identOf(ctx, nameTok), type, attrs, span: spanOf(ctx, nameTok.start, end) })
    i = skipSpacer(toks, i)
  }
})

// ---- value blocks --------------------------------------------------------------------------------

const VALUE_LINE_HINT =
  'This line is not a valid field or attribute definition. A valid property looks like `myProperty "some value"` (no colon)'

function valueEntry(s: St<unknown>, i: number, doc: string[]): { node?: ValueFieldAst; next: number } | undefined {
  const ctx = s.data
  const toks = ctx.tokens
  const keyTok = toks[i]!
  if (keyTok.kind !== 'word') return undefined
  let st: St<unknown> = okState(s, null, i + 1)
  let v: ValueAst | undefined
  let t = toks[i + 1]!
  if (isPunct(t, ':')) {
    ctx.diags.push(error(`Remove the \`:\` after \`${keyTok.text}\`: block fields are written \`${keyTok.text} value\`, without a colon`, spanOf(ctx, t.start, t.end)))
    st = okState(st, null, i + 2)
    t = toks[i + 2]!
  }
  if (!(endOfMember(t) || isPunct(t, '@'))) {
    const r = runLabelled(`a value for \`${keyTok.text}\``, value, st)
    if (r.isError) {
      ctx.diags.push(failureDiagnostic(ctx, i + 1))
      return { next: skipEntry(ctx, i) }
    }
    v = r.result
    st = r
  }
  const a = run(trailingAttributes, st)
  if (a.isError) {
    ctx.diags.push(failureDiagnostic(ctx, st.index))
    return { next: skipEntry(ctx, i) }
  }
  let next = takeTrailingDoc(ctx, a.index, doc)
  const end = toks[a.index - 1]!.end
  const node: { -readonly [K in keyof ValueFieldAst]: ValueFieldAst[K] } = { name: identOf(ctx, keyTok), value: v, attrs: a.result, span: spanOf(ctx, keyTok.start, end) }
  if (doc.length) node.docstring = joinDoc(doc)
  const after = toks[next]!
  if (!endOfMember(after) && !nextEntryOnLine(after)) {
    resetFailure(ctx)
    const hint = v ? numberContinues(v, after) : undefined
    ctx.diags.push(error(`Expected ${hint ?? `the end of the line after \`${keyTok.text}\`'s value`}, found ${describeShort(after)}`, lineSpan(ctx, next)))
    next = skipEntry(ctx, next)
  }
  return { node, next }
}

/** A token that cannot follow a value (never the end of the line or file: those end the entry). */
function describeShort(t: Token): string {
  return '`' + (t.text.length > 30 ? t.text.slice(0, 27) + '...' : t.text).split('\n')[0] + '`'
}

const VALUE_KEYWORDS: ReadonlySet<string> = new Set(['function', 'test', 'client', 'retry_policy', 'generator'])

/** Words that start a statement in the expression language (used to spot expression functions). */
const EXPR_STARTERS: ReadonlySet<string> = new Set(['let', 'return', 'if', 'for', 'while', 'watch', 'assert', 'break', 'continue'])

/**
 * Whether the `{ ... }` body at `open` is written in the expression language (the reference tries
 * that grammar first). An LLM function body is `key value` lines: if a line at the top of the body
 * is `client`/`prompt`, it is one; otherwise a body that starts with a statement keyword, with
 * something other than a name, or with a name used as code (`f(x)`, `a.b`, `x = ...`), or that
 * holds a `;`, is expression code.
 */
function isExpressionBody(ctx: Ctx, open: number): { close: number } | undefined {
  const toks = ctx.tokens
  let depth = 0
  let sawSemicolon = false
  let sawLlmKey = false
  let close = -1
  let lineStart = true
  for (let i = open; toks[i]!.kind !== 'eof'; i++) {
    const t = toks[i]!
    if (t.kind === 'newline') {
      lineStart = true
      continue
    }
    if (lineStart && depth === 1 && t.kind === 'word' && (t.text === 'client' || t.text === 'prompt')) sawLlmKey = true
    lineStart = false
    if (t.kind !== 'punct') continue
    if (t.text === '{') depth++
    else if (t.text === '}') {
      depth--
      if (depth === 0) {
        close = i
        break
      }
    } else if (t.text === ';' && depth === 1) sawSemicolon = true
  }
  if (close < 0 || sawLlmKey) return undefined
  const j = skipSpacer(toks, open + 1)
  const first = toks[j]!
  const next = toks[j + 1]!
  let exprish = sawSemicolon
  if (first.kind === 'word') {
    if (EXPR_STARTERS.has(first.text)) exprish = true
    else if ((next.kind === 'punct' && next.text !== '@' && next.text !== '{' && next.text !== '[') || next.kind === 'other') exprish = true
    // A lone name (`{ n }`) is an expression; as an LLM-function field it would lack a value anyway.
    else if (next.kind === 'newline' || next.kind === 'eof') exprish = true
  } else if (!(first.kind === 'punct' && (first.text === '}' || first.text === '@@'))) exprish = true
  return exprish ? { close } : undefined
}

export const valueBlock: P<ValueBlockAst | ExprFnAst> = prim((s) => {
  const ctx = s.data
  const toks = ctx.tokens
  const kwTok = tokenAt(s)
  if (kwTok.kind !== 'word' || !VALUE_KEYWORDS.has(kwTok.text)) return errState(s, s.index, 'a block keyword')
  const keyword = kwTok.text as ValueBlockKeyword
  let i = s.index + 1
  let clientType: Ident | undefined
  if (keyword === 'client' && isPunct(toks[i]!, '<')) {
    const inner = toks[i + 1]!
    if (inner.kind !== 'word') return errState(s, i + 1, '`llm` in `client<llm>`')
    if (!isPunct(toks[i + 2]!, '>')) return errState(s, i + 2, '`>` to close `client<llm`')
    clientType = identOf(ctx, inner)
    i += 3
  }
  const nameTok = toks[i]!
  if (nameTok.kind !== 'word') return errState(s, i, `a name after \`${keyword}\``)
  i++
  let params: ParamAst[] | undefined
  let paramsSpan: ReturnType<typeof spanOf> | undefined
  if (isPunct(toks[i]!, '(')) {
    const r = run(paramList, okState(s, null, i))
    if (r.isError) return failed(r)
    params = r.result.params
    paramsSpan = r.result.span
    i = r.index
  }
  let arrow: ReturnType<typeof spanOf> | undefined
  let returnType: TypeAst | undefined
  let returnAttrs: AttributeAst[] = []
  const j = skipSpacer(toks, i)
  if (isPunct(toks[j]!, '->')) {
    arrow = spanOf(ctx, toks[j]!.start, toks[j]!.end)
    i = skipSpacer(toks, j + 1)
    const simple = simpleType(ctx, i)
    if (simple !== undefined) {
      returnType = simple.type
      i = simple.end
    } else {
      const r = runLabelled('a type after `->`', typeChain, okState(s, null, i))
      if (r.isError) return failed(r)
      returnType = r.result.type
      returnAttrs = [...r.result.trailing]
      i = r.index
    }
  } else if (startsType(okState(s, null, i))) {
    // `function F(x: string) string {`: the reference's grammar makes `->` optional before a
    // return type written on the same line (validation warns about the missing arrow).
    const r = runLabelled('a return type', typeChain, okState(s, null, i))
    if (r.isError) return failed(r)
    returnType = r.result.type
    returnAttrs = [...r.result.trailing]
    i = r.index
  }
  i = skipSpacer(toks, i)
  if (!isPunct(toks[i]!, '{')) {
    const what = keyword === 'function' && !arrow && params ? '`->` and a return type, or `{`' : '`{`'
    return errState(s, i, what)
  }
  if (keyword === 'function') {
    const expr = isExpressionBody(ctx, i)
    if (expr) {
      const end = toks[expr.close]!.end
      return okState(s, { kind: 'exprFn', name: identOf(ctx, nameTok), text: ctx.src.slice(kwTok.start, end), span: spanOf(ctx, kwTok.start, end) } as ExprFnAst, expr.close + 1)
    }
  }
  const body = parseBody<ValueFieldAst>(s, i, `\`${keyword} ${nameTok.text}\``, VALUE_LINE_HINT, valueEntry, true)
  const node: ValueBlockAst = {
    kind: 'valueBlock',
    keyword,
    keywordSpan: spanOf(ctx, kwTok.start, clientType ? toks[s.index + 3]!.end : kwTok.end),
    ...(clientType ? { clientType } : {}),
    name: identOf(ctx, nameTok),
    ...(params ? { params, paramsSpan } : {}),
    ...(arrow ? { arrow } : {}),
    ...(returnType ? { returnType } : {}),
    returnAttrs,
    fields: body.members,
    blockAttrs: body.blockAttrs,
    typeBuilders: body.typeBuilders,
    span: spanOf(ctx, kwTok.start, body.endOffset),
  }
  return okState(s, node, body.end)
})

// ---- type_builder ---------------------------------------------------------------------------------

const dynamicOrStaticBlock = typeBlockAt(true)

/** `type_builder { class ..., dynamic class ..., enum ..., dynamic enum ..., type X = ... }` */
const typeBuilderBlock: P<TypeBuilderAst> = prim((s) => {
  const ctx = s.data
  const toks = ctx.tokens
  const kw = tokenAt(s)
  const open = skipSpacer(toks, s.index + 1)
  const items: (TypeBlockAst | TypeAliasAst)[] = []
  let i = open + 1
  const doc: string[] = []
  for (;;) {
    i = gatherDoc(toks, i, doc)
    const t = toks[i]!
    if (isPunct(t, '}')) return okState(s, { kind: 'typeBuilder', items, span: spanOf(ctx, kw.start, t.end) } as TypeBuilderAst, i + 1)
    if (t.kind === 'eof') {
      unclosed(ctx, '`type_builder`', toks[open]!)
      return okState(s, { kind: 'typeBuilder', items, span: spanOf(ctx, kw.start, toks[i - 1]!.end) } as TypeBuilderAst, i)
    }
    resetFailure(ctx)
    const st = okState(s, null, i)
    const parser = t.kind === 'word' && t.text === 'type' ? typeAlias : dynamicOrStaticBlock
    const r = run(parser as P<TypeBlockAst | TypeAliasAst>, st)
    if (r.isError) {
      ctx.diags.push(failureDiagnostic(ctx, i))
      i = skipEntry(ctx, i)
      // A broken block inside: skip its body as well.
      if (isPunct(toks[i]!, '{')) i = skipEntry(ctx, i + 1)
    } else {
      items.push(doc.length ? { ...r.result, docstring: joinDoc(doc) } : r.result)
      i = r.index
    }
    doc.length = 0
  }
})

// ---- template_string / type alias -------------------------------------------------------------

/** `template_string Name(params) #"..."#` (also `string_template`). */
export const templateString: P<TemplateStringAst> = prim((s) => {
  const ctx = s.data
  const toks = ctx.tokens
  const kw = tokenAt(s)
  if (kw.kind !== 'word' || (kw.text !== 'template_string' && kw.text !== 'string_template')) return errState(s, s.index, '`template_string`')
  const nameTok = toks[s.index + 1]!
  if (nameTok.kind !== 'word') return errState(s, s.index + 1, 'a name after `template_string`')
  let i = s.index + 2
  if (isPunct(toks[i]!, '=')) i++
  let params: ParamAst[] | undefined
  if (isPunct(toks[i]!, '(')) {
    const r = run(paramList, okState(s, null, i))
    if (r.isError) return failed(r)
    params = r.result.params
    i = r.index
  }
  const b = run(blockString, okState(s, null, i))
  let body = b.isError ? undefined : b.result
  if (b.isError) {
    const t = toks[i]!
    if (t.kind === 'blockString' && t.problem) return errState(s, i, `a block string (${t.problem})`)
    // A quoted body is taken (and rejected by validation) rather than left as a stray line.
    const q = run(quotedString, okState(s, null, i))
    if (!q.isError) {
      body = q.result
      i = q.index
    }
  } else i = b.index
  const end = body ? body.span.end : toks[Math.max(s.index + 1, i - 1)]!.end
  return okState(s, {
    kind: 'templateString',
    keyword: identOf(ctx, kw),
    name: identOf(ctx, nameTok),
    ...(params ? { params } : {}),
    ...(body ? { body } : {}),
    span: spanOf(ctx, kw.start, end),
  } as TemplateStringAst, i)
})

/** A word token (a name); `what` says what the name is for in error messages. */
function nameToken(what: string): P<Token> {
  return prim((s) => {
    const t = tokenAt(s)
    return t.kind === 'word' ? okState(s, t, s.index + 1) : errState(s, s.index, what)
  })
}

const typeKeyword: P<Token> = prim((s) => {
  const t = tokenAt(s)
  return t.kind === 'word' && t.text === 'type' ? okState(s, t, s.index + 1) : errState(s, s.index, '`type`')
})

/** `type Name = Type @check(..)` */
export const typeAlias: P<TypeAliasAst> = seq<[Token, Token, Token, TypeWithTrailing]>([
  typeKeyword,
  nameToken('a name after `type`'),
  label('`=` after the alias name', punct('=')),
  label('a type after `=`', typeChain),
]).map(([kw, name, , chain]) => {
  const file = chain.type.span.file
  const last = chain.trailing.length ? chain.trailing[chain.trailing.length - 1]!.span.end : chain.type.span.end
  return {
    kind: 'typeAlias',
    name: { name: name.text, span: { file, start: name.start, end: name.end } },
    type: chain.type,
    attrs: [...chain.trailing],
    span: { file, start: kw.start, end: last },
  } as TypeAliasAst
})
