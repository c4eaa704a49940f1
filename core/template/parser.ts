// Parser for the template language: Arcsecond parsers over the lexer's token array, following
// minijinja's grammar, precedence and error messages. There is no backtracking across consumed
// tokens (like minijinja), so the first error is final and carries the offending offset.
//
// Every rule is an Arcsecond `Parser` whose state transformer reads `state.data.toks[state.index]`;
// states are rebuilt with a fixed key order and no object spread to keep V8's shapes stable.
import { Parser, type ParserState } from 'arcsecond'
import type { BinOp, CallArg, ConstValue, Expr, MacroDecl, Span, Stmt, Target, Template } from './ast.ts'
import { tokenize, type Token } from './lexer.ts'
import { TemplateSyntaxError } from './errors.ts'
import { MAX_EXPRESSION_DEPTH, MAX_PARSER_RECURSION } from './limits.ts'

interface Ctx {
  readonly toks: readonly Token[]
  readonly src: string
  depth: number
}

interface PError {
  readonly message: string
  readonly start: number
  readonly end: number
}

type St<T> = ParserState<T, PError | null, Ctx>

// limits.ts: MAX_PARSER_RECURSION (minijinja's), MAX_EXPRESSION_DEPTH (ours, for chains)
const MAX_RECURSION = MAX_PARSER_RECURSION
const RESERVED = new Set(['true', 'True', 'false', 'False', 'none', 'None', 'loop', 'self'])

function ok<T>(s: St<unknown>, result: T, index: number): St<T> {
  return {
    dataView: s.dataView,
    inputType: s.inputType,
    isError: false,
    error: null,
    result,
    data: s.data,
    index,
  }
}

function fail<T>(s: St<unknown>, error: PError): St<T> {
  return {
    dataView: s.dataView,
    inputType: s.inputType,
    isError: true,
    error,
    result: null as T,
    data: s.data,
    index: s.index,
  }
}

/** `s` carrying `result`; `s` itself when it already does (most precedence levels match nothing). */
function withResult<T>(s: St<unknown>, result: T): St<T> {
  return s.result === result ? (s as St<T>) : ok(s, result, s.index)
}

function peek(s: St<unknown>): Token | undefined {
  return s.data.toks[s.index]
}

function isOp(t: Token | undefined, v: string): boolean {
  return t !== undefined && t.type === 'op' && t.value === v
}

function isIdent(t: Token | undefined, v: string): boolean {
  return t !== undefined && t.type === 'ident' && t.value === v
}

function describe(t: Token): string {
  switch (t.type) {
    case 'data':
      return 'template-data'
    case 'var_start':
      return 'start of variable block'
    case 'var_end':
      return 'end of variable block'
    case 'block_start':
      return 'start of block'
    case 'block_end':
      return 'end of block'
    case 'ident':
      return 'identifier'
    case 'str':
      return 'string'
    case 'int':
      return 'integer'
    case 'float':
      return 'float'
    default:
      return '`' + String(t.value) + '`'
  }
}

// Where errors point when no token is at hand: the end of the last token.
function lastEnd(s: St<unknown>): number {
  const t = s.data.toks[s.index - 1]
  return t ? t.end : 0
}

/** An error at `t`; without one (e.g. at the end of input, as minijinja does) at the last token read. */
function errAt(s: St<unknown>, message: string, t?: Token): PError {
  if (t) return { message, start: t.start, end: t.end }
  const prev = s.data.toks[s.index - 1]
  return prev ? { message, start: prev.start, end: prev.end } : { message, start: 0, end: 0 }
}

// A lexer error token surfaces when the parser reaches it.
function lexError<T>(s: St<unknown>, t: Token): St<T> {
  return fail(s, { message: String(t.value), start: t.start, end: t.end })
}

/** Consume one token satisfying `pred`, or fail with "unexpected X, expected <what>". */
function expect(s: St<unknown>, pred: (t: Token) => boolean, what: string): St<Token> {
  const t = peek(s)
  if (t === undefined) return fail(s, errAt(s, `unexpected end of input, expected ${what}`))
  if (t.type === 'error') return lexError(s, t)
  if (!pred(t)) return fail(s, errAt(s, `unexpected ${describe(t)}, expected ${what}`, t))
  return ok(s, t, s.index + 1)
}

/** `expect` for the operator `op`; `what` (for the message) defaults to the operator in backquotes. */
function expectOp(s: St<unknown>, op: string, what?: string): St<Token> {
  const t = s.data.toks[s.index]
  if (t !== undefined && t.type === 'op' && t.value === op) return ok(s, t, s.index + 1)
  return expect(s, noToken, what ?? '`' + op + '`')
}

/**
 * Before an item of a bracketed, comma-separated list (a trailing comma is allowed): the closing
 * `close` is consumed and the result is true; otherwise a `,` is consumed unless `first`, and the
 * result is false.
 */
function listStep(s: St<unknown>, first: boolean, close: string): St<boolean> {
  if (isOp(peek(s), close)) return ok(s, true, s.index + 1)
  if (first) return withResult(s, false)
  const c = expectOp(s, ',')
  if (c.isError) return c as St<never>
  return isOp(peek(c), close) ? ok(c, true, c.index + 1) : ok(c, false, c.index)
}

const anyToken = () => true
const noToken = () => false
const isBlockEnd = (t: Token) => t.type === 'block_end'
const isVarEnd = (t: Token) => t.type === 'var_end'
const isIdentTok = (t: Token) => t.type === 'ident'

// ---------------------------------------------------------------------------------------------
// Expressions

function startOf(s: St<unknown>): number {
  const t = peek(s)
  return t ? t.start : s.data.src.length
}

const exprParser: Parser<Expr, PError | null, Ctx> = new Parser((s) => parseExpr(s as St<unknown>))

function parseExpr(s: St<unknown>): St<Expr> {
  const ctx = s.data
  if (++ctx.depth > MAX_RECURSION) return fail(s, errAt(s, 'template exceeds maximum recursion limits'))
  const r = parseIfExpr(s)
  ctx.depth--
  return r
}

// The expression path below runs for every expression of every prompt, mostly in a cold engine
// where each call costs: tokens are read and tested in place rather than through peek/isOp/isIdent.

function parseIfExpr(s0: St<unknown>): St<Expr> {
  // `a if c else b if d else e`: each `else` continues the loop (nested from the last one at the end)
  const pending: { then: Expr; test: Expr; start: number }[] = []
  let s: St<unknown> = s0
  let expr: Expr
  for (;;) {
    const start = startOf(s)
    const first = parseBinary(s, OR, start)
    if (first.isError) return first
    s = first
    expr = first.result
    let elseFollows = false
    for (;;) {
      const kw = s.data.toks[s.index]
      if (kw === undefined || kw.type !== 'ident' || kw.value !== 'if') break
      const t = parseOr(ok(s, null, s.index + 1))
      if (t.isError) return t
      s = t
      if (isIdent(peek(s), 'else')) {
        pending.push({ then: expr, test: t.result, start })
        s = ok(s, null, s.index + 1)
        elseFollows = true
        break
      }
      expr = { kind: 'ifexpr', test: t.result, then: expr, else_: undefined, start, end: lastEnd(s) }
    }
    if (!elseFollows) break
  }
  const end = lastEnd(s)
  for (let i = pending.length - 1; i >= 0; i--) {
    const p = pending[i]!
    expr = { kind: 'ifexpr', test: p.test, then: p.then, else_: expr, start: p.start, end }
  }
  return withResult(s, expr)
}

// Binary operators by precedence climbing, loosest level first. `not` is a prefix operator between
// `and` and the comparisons (`not a == b` is `not (a == b)`); every binary level is left-associative.
const OR = 0
const AND = 1
const NOT = 2
const COMPARE = 3
const MATH1 = 4
const CONCAT = 5
const MATH2 = 6
const POW = 7

/** The level of the binary operator at `t` (`not` as in `not in`), or -1. Its BinOp is the token text. */
function binaryLevel(t: Token | undefined): number {
  if (t === undefined) return -1
  if (t.type === 'op') {
    switch (t.value) {
      case '==': case '!=': case '<': case '<=': case '>': case '>=':
        return COMPARE
      case '+': case '-':
        return MATH1
      case '~':
        return CONCAT
      case '*': case '/': case '//': case '%':
        return MATH2
      case '**':
        return POW
    }
  } else if (t.type === 'ident') {
    switch (t.value) {
      case 'or':
        return OR
      case 'and':
        return AND
      case 'in': case 'not':
        return COMPARE
    }
  }
  return -1
}

/** Operators of level `min` and tighter, over unary operands (`start`: where the first one starts). */
function parseBinary(s0: St<unknown>, min: number, start: number = startOf(s0)): St<Expr> {
  let s: St<Expr>
  const first = s0.data.toks[s0.index]
  if (min <= NOT && first !== undefined && first.type === 'ident' && first.value === 'not') {
    // `not not … x`: count the prefixes instead of recursing once per `not`
    const toks = s0.data.toks
    let i = s0.index
    while (isIdent(toks[i], 'not')) i++
    const r = parseBinary(ok(s0, null, i), NOT)
    if (r.isError) return r
    let e = r.result
    const end = lastEnd(r)
    for (let k = i - 1; k >= s0.index; k--) e = { kind: 'unary', op: 'not', expr: e, start: k === s0.index ? start : toks[k]!.start, end }
    s = ok(r, e, r.index)
  } else {
    s = parseUnary(s0, start)
    if (s.isError) return s
  }
  let left = s.result
  for (;;) {
    const t = s.data.toks[s.index]
    const level = binaryLevel(t)
    if (t === undefined || level < min) break
    let op = t.value as BinOp
    let negated = false
    let at: St<unknown>
    if (t.value === 'not') {
      const i = expect(ok(s, null, s.index + 1), (x) => isIdent(x, 'in'), 'in')
      if (i.isError) return i as St<never>
      at = i // past `in`
      op = 'in'
      negated = true
    } else at = ok(s, null, s.index + 1)
    const r = parseBinary(at, level + 1)
    if (r.isError) return r
    s = r
    left = { kind: 'binop', op, left, right: r.result, start, end: lastEnd(s) }
    if (negated) left = { kind: 'unary', op: 'not', expr: left, start, end: lastEnd(s) }
  }
  return withResult(s, left)
}

function parseOr(s: St<unknown>): St<Expr> {
  return parseBinary(s, OR)
}

function parseUnaryOnly(s: St<unknown>): St<Expr> {
  const toks = s.data.toks
  if (!isOp(toks[s.index], '-')) return parsePrimary(s)
  // `- - … x`: count the prefixes instead of recursing once per `-`
  let i = s.index
  while (isOp(toks[i], '-')) i++
  const r = parsePrimary(ok(s, null, i))
  if (r.isError) return r
  let e = r.result
  const end = lastEnd(r)
  for (let k = i - 1; k >= s.index; k--) e = { kind: 'unary', op: 'neg', expr: e, start: toks[k]!.start, end }
  return ok(r, e, r.index)
}

function parseUnary(s0: St<unknown>, start: number): St<Expr> {
  const u = parseUnaryOnly(s0)
  if (u.isError) return u
  const p = parsePostfix(u, u.result, start)
  if (p.isError) return p
  return parseFilters(p, p.result, start)
}

function parsePostfix(s0: St<unknown>, expr0: Expr, start: number): St<Expr> {
  let s = s0
  let expr = expr0
  for (;;) {
    const t = s.data.toks[s.index]
    if (t === undefined || t.type !== 'op') break
    if (t.value === '.') {
      const n = expect(ok(s, null, s.index + 1), isIdentTok, 'identifier')
      if (n.isError) return n as St<never>
      s = n
      expr = { kind: 'getattr', expr, name: n.result.value as string, start, end: lastEnd(s) }
    } else if (t.value === '[') {
      s = ok(s, null, s.index + 1)
      let a: Expr | undefined
      let b: Expr | undefined
      let c: Expr | undefined
      let isSlice = false
      if (!isOp(peek(s), ':')) {
        const r = parseExpr(s)
        if (r.isError) return r
        s = r
        a = r.result
      }
      if (isOp(peek(s), ':')) {
        isSlice = true
        s = ok(s, null, s.index + 1)
        if (!isOp(peek(s), ']') && !isOp(peek(s), ':')) {
          const r = parseExpr(s)
          if (r.isError) return r
          s = r
          b = r.result
        }
        if (isOp(peek(s), ':')) {
          s = ok(s, null, s.index + 1)
          if (!isOp(peek(s), ']')) {
            const r = parseExpr(s)
            if (r.isError) return r
            s = r
            c = r.result
          }
        }
      }
      const close = expectOp(s, ']')
      if (close.isError) return close as St<never>
      s = close
      if (!isSlice) {
        if (!a) return fail(s, errAt(s, 'empty subscript'))
        expr = { kind: 'getitem', expr, key: a, start, end: lastEnd(s) }
      } else expr = { kind: 'slice', expr, start_: a, stop: b, step: c, start, end: lastEnd(s) }
    } else if (t.value === '(') {
      const r = parseArgs(s)
      if (r.isError) return r as St<never>
      s = r
      expr = { kind: 'call', expr, args: r.result, start, end: lastEnd(s) }
    } else break
  }
  return withResult(s, expr)
}

function parseFilters(s0: St<unknown>, expr0: Expr, start: number): St<Expr> {
  let s = s0
  let expr = expr0
  for (;;) {
    const t = s.data.toks[s.index]
    if (t === undefined) break
    if (t.type === 'op' && t.value === '|') {
      const n = expect(ok(s, null, s.index + 1), isIdentTok, 'identifier')
      if (n.isError) return n as St<never>
      s = n
      let args: readonly CallArg[] = []
      if (isOp(peek(s), '(')) {
        const r = parseArgs(s)
        if (r.isError) return r as St<never>
        s = r
        args = r.result
      }
      expr = { kind: 'filter', name: n.result.value as string, expr, args, start, end: lastEnd(s) }
    } else if (t.type === 'ident' && t.value === 'is') {
      s = ok(s, null, s.index + 1)
      const negated = isIdent(peek(s), 'not')
      if (negated) s = ok(s, null, s.index + 1)
      const n = expect(s, isIdentTok, 'identifier')
      if (n.isError) return n as St<never>
      s = n
      let args: readonly CallArg[] = []
      const nt = peek(s)
      if (isOp(nt, '(')) {
        const r = parseArgs(s)
        if (r.isError) return r as St<never>
        s = r
        args = r.result
      } else if (
        nt &&
        (nt.type === 'ident' || nt.type === 'str' || nt.type === 'int' || nt.type === 'float' || isOp(nt, '+') || isOp(nt, '-') || isOp(nt, '[') || isOp(nt, '{')) &&
        !(nt.type === 'ident' && (nt.value === 'and' || nt.value === 'or' || nt.value === 'else' || nt.value === 'is'))
      ) {
        const argStart = startOf(s)
        const u = parseUnaryOnly(s)
        if (u.isError) return u
        const p = parsePostfix(u, u.result, argStart)
        if (p.isError) return p
        s = p
        args = [{ kind: 'pos', expr: p.result }]
      }
      expr = { kind: 'test', name: n.result.value as string, expr, args, start, end: lastEnd(s) }
      if (negated) expr = { kind: 'unary', op: 'not', expr, start, end: lastEnd(s) }
    } else break
  }
  return withResult(s, expr)
}

function parseArgs(s0: St<unknown>): St<CallArg[]> {
  const open = expectOp(s0, '(')
  if (open.isError) return open as St<never>
  let s: St<unknown> = open
  const args: CallArg[] = []
  let hasKwargs = false
  for (;;) {
    const step = listStep(s, args.length === 0, ')')
    if (step.isError) return step as St<never>
    s = step
    if (step.result) break
    let kind: 'pos' | 'splat' | 'kwsplat' = 'pos'
    if (isOp(peek(s), '**')) {
      kind = 'kwsplat'
      s = ok(s, null, s.index + 1)
    } else if (isOp(peek(s), '*')) {
      kind = 'splat'
      s = ok(s, null, s.index + 1)
    }
    const e = parseExpr(s)
    if (e.isError) return e as St<never>
    s = e
    if (kind === 'pos') {
      if (e.result.kind === 'var' && isOp(peek(s), '=')) {
        hasKwargs = true
        const v = parseOr(ok(s, null, s.index + 1))
        if (v.isError) return v as St<never>
        s = v
        args.push({ kind: 'kw', name: e.result.name, expr: v.result })
      } else if (hasKwargs) return fail(s, errAt(s, 'non-keyword arg after keyword arg'))
      else args.push({ kind: 'pos', expr: e.result })
    } else {
      args.push({ kind, expr: e.result })
      if (kind === 'kwsplat') hasKwargs = true
    }
    if (args.length > 2000) return fail(s, errAt(s, 'Too many arguments in function call'))
  }
  return ok(s, args, s.index)
}

function constExpr(value: ConstValue, t: Token): Expr {
  return { kind: 'const', value, start: t.start, end: t.end }
}

function parsePrimary(s: St<unknown>): St<Expr> {
  const ctx = s.data
  if (++ctx.depth > MAX_RECURSION) return fail(s, errAt(s, 'template exceeds maximum recursion limits'))
  const r = parsePrimaryImpl(s)
  ctx.depth--
  return r
}

function parsePrimaryImpl(s: St<unknown>): St<Expr> {
  const t = s.data.toks[s.index]
  if (t === undefined) return fail(s, errAt(s, 'unexpected end of input, expected expression'))
  const next = s.index + 1
  switch (t.type) {
    case 'error':
      return lexError(s, t)
    case 'ident':
      switch (t.value) {
        case 'true':
        case 'True':
          return ok(s, constExpr({ type: 'bool', value: true }, t), next)
        case 'false':
        case 'False':
          return ok(s, constExpr({ type: 'bool', value: false }, t), next)
        case 'none':
        case 'None':
          return ok(s, constExpr({ type: 'none' }, t), next)
        default:
          return ok(s, { kind: 'var', name: t.value as string, start: t.start, end: t.end } as Expr, next)
      }
    case 'str': {
      // adjacent string literals concatenate
      let v = t.value as string
      let i = next
      let end = t.end
      for (let u = s.data.toks[i]; u && u.type === 'str'; u = s.data.toks[++i]) {
        v += u.value as string
        end = u.end
      }
      return ok(s, { kind: 'const', value: { type: 'str', value: v }, start: t.start, end } as Expr, i)
    }
    case 'int':
      return ok(s, constExpr({ type: 'int', value: t.value as number }, t), next)
    case 'float':
      return ok(s, constExpr({ type: 'float', value: t.value as number }, t), next)
    case 'op':
      if (t.value === '(') return parseTupleOrExpr(ok(s, null, next), t.start)
      if (t.value === '[') return parseList(ok(s, null, next), t.start)
      if (t.value === '{') return parseMap(ok(s, null, next), t.start)
  }
  return fail(s, errAt(s, `unexpected ${describe(t)}`, t))
}

function parseList(s0: St<unknown>, start: number): St<Expr> {
  let s = s0
  const items: Expr[] = []
  for (;;) {
    const step = listStep(s, items.length === 0, ']')
    if (step.isError) return step as St<never>
    s = step
    if (step.result) break
    const e = parseExpr(s)
    if (e.isError) return e
    s = e
    items.push(e.result)
  }
  return ok(s, { kind: 'list', items, start, end: lastEnd(s) } as Expr, s.index)
}

function parseMap(s0: St<unknown>, start: number): St<Expr> {
  let s = s0
  const keys: Expr[] = []
  const values: Expr[] = []
  for (;;) {
    const step = listStep(s, keys.length === 0, '}')
    if (step.isError) return step as St<never>
    s = step
    if (step.result) break
    const k = parseExpr(s)
    if (k.isError) return k
    const colon = expectOp(k, ':')
    if (colon.isError) return colon as St<never>
    const v = parseExpr(colon)
    if (v.isError) return v
    s = v
    keys.push(k.result)
    values.push(v.result)
  }
  return ok(s, { kind: 'map', keys, values, start, end: lastEnd(s) } as Expr, s.index)
}

function parseTupleOrExpr(s0: St<unknown>, start: number): St<Expr> {
  if (isOp(peek(s0), ')')) {
    const s = ok(s0, null, s0.index + 1)
    return ok(s, { kind: 'list', items: [], start, end: lastEnd(s) } as Expr, s.index)
  }
  const e = parseExpr(s0)
  if (e.isError) return e
  let s: St<unknown> = e
  if (isOp(peek(s), ',')) {
    const items: Expr[] = [e.result]
    for (;;) {
      const step = listStep(s, false, ')')
      if (step.isError) return step as St<never>
      s = step
      if (step.result) break
      const x = parseExpr(s)
      if (x.isError) return x
      s = x
      items.push(x.result)
    }
    return ok(s, { kind: 'list', items, start, end: lastEnd(s) } as Expr, s.index)
  }
  const close = expectOp(s, ')')
  if (close.isError) return close as St<never>
  return ok(close, e.result, close.index)
}

// ---------------------------------------------------------------------------------------------
// Statements

type EndCheck = (t: Token) => boolean

/** Identifiers that `parsePrimary` does not read as a variable (or that start a prefix operator). */
const NOT_A_VAR = new Set(['true', 'True', 'false', 'False', 'none', 'None', 'not'])

/**
 * The index of the `}}` when the tag at `i` is `{{ name }}` or `{{ a.b.c }}` (most of what prompts
 * emit), else -1. `simpleExpr` then builds the node `parseExpr` would, without its ten levels of calls.
 */
function simpleEmitEnd(toks: readonly Token[], i: number, depth: number): number {
  const first = toks[i + 1]
  if (first === undefined || first.type !== 'ident' || NOT_A_VAR.has(first.value as string) || depth + 2 > MAX_RECURSION) return -1
  let j = i + 2
  for (;;) {
    const t = toks[j]
    if (t === undefined) return -1
    if (t.type === 'var_end') return j
    if (t.type !== 'op' || t.value !== '.') return -1
    const name = toks[j + 1]
    if (name === undefined || name.type !== 'ident') return -1
    j += 2
  }
}

function simpleExpr(toks: readonly Token[], i: number, close: number): Expr {
  const first = toks[i + 1]!
  let expr: Expr = { kind: 'var', name: first.value as string, start: first.start, end: first.end }
  for (let j = i + 3; j < close; j += 2) {
    const name = toks[j]!
    expr = { kind: 'getattr', expr, name: name.value as string, start: first.start, end: name.end }
  }
  return expr
}

/** Statements until EOF or a `{% <end> %}` keyword accepted by `end` (the keyword is not consumed). */
function subparse(s0: St<unknown>, end: EndCheck | undefined): St<Stmt[]> {
  const out: Stmt[] = []
  const toks = s0.data.toks
  // Only the index moves between statements; a state is built when a sub-parser needs one.
  let i = s0.index
  for (;;) {
    const t = toks[i]
    if (t === undefined) break
    switch (t.type) {
      case 'data':
        out.push({ kind: 'data', text: t.value as string, start: t.start, end: t.end })
        i++
        continue
      case 'var_start': {
        const simple = simpleEmitEnd(toks, i, s0.data.depth)
        if (simple >= 0) {
          out.push({ kind: 'emit', expr: simpleExpr(toks, i, simple), start: t.start, end: toks[simple]!.end })
          i = simple + 1
          continue
        }
        const e = parseExpr(ok(s0, null, i + 1))
        if (e.isError) return e as St<never>
        const close = toks[e.index]
        // Anything but `}}` is reported by `expect`.
        if (close === undefined || close.type !== 'var_end') return expect(e, isVarEnd, 'end of variable block') as St<never>
        out.push({ kind: 'emit', expr: e.result, start: t.start, end: close.end })
        i = e.index + 1
        continue
      }
      case 'block_start': {
        const kw = toks[i + 1]
        if (kw === undefined) return fail(ok(s0, null, i), errAt(s0, 'unexpected end of input, expected keyword', t))
        if (end && end(kw)) return ok(s0, out, i + 1)
        const st = parseStmt(ok(s0, null, i + 1), t.start)
        if (st.isError) return st as St<never>
        const close = expect(st, isBlockEnd, 'end of block')
        if (close.isError) return close as St<never>
        out.push(st.result)
        i = close.index
        continue
      }
      case 'error':
        return lexError(ok(s0, null, i), t)
      default: {
        const s = ok(s0, null, i)
        return fail(s, errAt(s, `unexpected ${describe(t)}`, t))
      }
    }
  }
  return ok(s0, out, i)
}

function parseStmt(s: St<unknown>, start: number): St<Stmt> {
  const ctx = s.data
  if (++ctx.depth > MAX_RECURSION) return fail(s, errAt(s, 'template exceeds maximum recursion limits'))
  const r = parseStmtImpl(s, start)
  ctx.depth--
  return r
}

function parseStmtImpl(s0: St<unknown>, start: number): St<Stmt> {
  const kw = expect(s0, anyToken, 'block keyword')
  if (kw.isError) return kw as St<never>
  const t = kw.result
  if (t.type !== 'ident') return fail(s0, errAt(s0, `unknown ${describe(t)}, expected statement`, t))
  const s = kw
  switch (t.value) {
    case 'for':
      return parseFor(s, start)
    case 'if':
      return parseIf(s, start)
    case 'with':
      return parseWith(s, start)
    case 'set':
      return parseSet(s, start)
    case 'autoescape': {
      const e = parseExpr(s)
      if (e.isError) return e as St<never>
      const b = block(e, (x) => isIdent(x, 'endautoescape'))
      if (b.isError) return b as St<never>
      return ok(b, { kind: 'autoescape', enabled: e.result, body: b.result, start, end: lastEnd(b) } as Stmt, b.index)
    }
    case 'filter': {
      const f = parseFilterChain(s)
      if (f.isError) return f as St<never>
      const b = block(f, (x) => isIdent(x, 'endfilter'))
      if (b.isError) return b as St<never>
      return ok(b, { kind: 'filterblock', filter: f.result, body: b.result, start, end: lastEnd(b) } as Stmt, b.index)
    }
    case 'macro':
      return parseMacro(s, start)
    case 'call':
      return parseCallBlock(s, start)
    case 'do': {
      const e = parseExpr(s)
      if (e.isError) return e as St<never>
      if (e.result.kind !== 'call') return fail(e, errAt(e, `expected call expression in call block, got ${exprDescription(e.result)}`))
      return ok(e, { kind: 'do', call: e.result, start, end: lastEnd(e) } as Stmt, e.index)
    }
    default:
      return fail(s, errAt(s, `unknown statement ${t.value}`, t))
  }
}

function exprDescription(e: Expr): string {
  switch (e.kind) {
    case 'var':
      return 'variable'
    case 'const':
      return 'constant'
    case 'call':
      return 'call'
    case 'list':
      return 'list literal'
    case 'map':
      return 'map literal'
    case 'test':
      return 'test expression'
    case 'filter':
      return 'filter expression'
    default:
      return 'expression'
  }
}

/** `%}`, the body up to the end keyword, and the end keyword itself (left before its `%}`). */
function block(s0: St<unknown>, end: EndCheck): St<Stmt[]> {
  const close = expect(s0, isBlockEnd, 'end of block')
  if (close.isError) return close as St<never>
  const body = subparse(close, end)
  if (body.isError) return body
  // consume the end keyword (missing at EOF: the caller's `%}` check reports it)
  const kw = body.data.toks[body.index]
  return ok(body, body.result, kw && end(kw) ? body.index + 1 : body.index)
}

function parseAssignName(s: St<unknown>, dotted: boolean): St<Target> {
  const n = expect(s, isIdentTok, 'identifier')
  if (n.isError) return n as St<never>
  const t = n.result
  const id = t.value as string
  if (RESERVED.has(id)) return fail(n, errAt(n, `cannot assign to reserved variable name ${id}`, t))
  let target: Target = { kind: 'name', name: id, start: t.start, end: t.end }
  let cur: St<unknown> = n
  if (dotted) {
    while (isOp(peek(cur), '.')) {
      const a = expect(ok(cur, null, cur.index + 1), isIdentTok, 'identifier')
      if (a.isError) return a as St<never>
      cur = a
      const obj: Expr = targetToExpr(target)
      target = { kind: 'attr', expr: obj, name: a.result.value as string, start: t.start, end: a.result.end }
    }
  }
  return ok(cur, target, cur.index)
}

function targetToExpr(t: Target): Expr {
  if (t.kind === 'name') return { kind: 'var', name: t.name, start: t.start, end: t.end }
  if (t.kind === 'attr') return { kind: 'getattr', expr: t.expr, name: t.name, start: t.start, end: t.end }
  return { kind: 'list', items: t.items.map(targetToExpr), start: t.start, end: t.end }
}

function parseAssignment(s0: St<unknown>, dotted: boolean): St<Target> {
  const start = startOf(s0)
  let s = s0
  const items: Target[] = []
  let isTuple = false
  for (;;) {
    if (items.length > 0) {
      const c = expectOp(s, ',')
      if (c.isError) return c as St<never>
      s = c
    }
    const t = peek(s)
    if (isOp(t, ')') || (t && (t.type === 'var_end' || t.type === 'block_end')) || isIdent(t, 'in')) break
    if (isOp(t, '(')) {
      const ctx = s.data
      if (++ctx.depth > MAX_RECURSION) return fail(s, errAt(s, 'template exceeds maximum recursion limits'))
      const inner = parseAssignment(ok(s, null, s.index + 1), dotted)
      ctx.depth--
      if (inner.isError) return inner
      const close = expectOp(inner, ')')
      if (close.isError) return close as St<never>
      s = close
      items.push(inner.result)
    } else {
      const n = parseAssignName(s, dotted)
      if (n.isError) return n
      s = n
      items.push(n.result)
    }
    if (isOp(peek(s), ',')) isTuple = true
    else break
  }
  if (!isTuple && items.length === 1) return ok(s, items[0]!, s.index)
  return ok(s, { kind: 'tuple', items, start, end: lastEnd(s) } as Target, s.index)
}

function parseFor(s0: St<unknown>, start: number): St<Stmt> {
  const target = parseAssignment(s0, false)
  if (target.isError) return target as St<never>
  const inKw = expect(target, (t) => isIdent(t, 'in'), 'in')
  if (inKw.isError) return inKw as St<never>
  const iter = parseOr(inKw)
  if (iter.isError) return iter as St<never>
  let s: St<unknown> = iter
  let filter: Expr | undefined
  if (isIdent(peek(s), 'if')) {
    const f = parseExpr(ok(s, null, s.index + 1))
    if (f.isError) return f as St<never>
    s = f
    filter = f.result
  }
  let recursive = false
  if (isIdent(peek(s), 'recursive')) {
    recursive = true
    s = ok(s, null, s.index + 1)
  }
  const close = expect(s, isBlockEnd, 'end of block')
  if (close.isError) return close as St<never>
  const body = subparse(close, (t) => isIdent(t, 'endfor') || isIdent(t, 'else'))
  if (body.isError) return body as St<never>
  s = body
  let elseBody: Stmt[] = []
  if (isIdent(peek(s), 'else')) {
    const e = block(ok(s, null, s.index + 1), (t) => isIdent(t, 'endfor'))
    if (e.isError) return e as St<never>
    s = e
    elseBody = e.result
  } else if (peek(s)) s = ok(s, null, s.index + 1) // endfor
  return ok(
    s,
    { kind: 'for', target: target.result, iter: iter.result, filter, recursive, body: body.result, else_: elseBody, start, end: lastEnd(s) } as Stmt,
    s.index,
  )
}

function parseIf(s0: St<unknown>, start0: number): St<Stmt> {
  // `elif` chains are read in a loop (then nested from the last one), not one recursion per branch
  const branches: { test: Expr; then: Stmt[]; start: number }[] = []
  let s: St<unknown> = s0
  let start = start0
  let elseBody: Stmt[] = []
  for (;;) {
    const test = parseOr(s)
    if (test.isError) return test as St<never>
    const close = expect(test, isBlockEnd, 'end of block')
    if (close.isError) return close as St<never>
    const then = subparse(close, (t) => isIdent(t, 'endif') || isIdent(t, 'else') || isIdent(t, 'elif'))
    if (then.isError) return then as St<never>
    s = then
    branches.push({ test: test.result, then: then.result, start })
    const kw = peek(s)
    if (isIdent(kw, 'elif')) {
      s = ok(s, null, s.index + 1)
      start = kw!.start
      continue
    }
    if (isIdent(kw, 'else')) {
      const e = block(ok(s, null, s.index + 1), (t) => isIdent(t, 'endif'))
      if (e.isError) return e as St<never>
      s = e
      elseBody = e.result
    } else if (kw) s = ok(s, null, s.index + 1) // endif
    break
  }
  const end = lastEnd(s)
  let stmt: Stmt | undefined
  for (let i = branches.length - 1; i >= 0; i--) {
    const b = branches[i]!
    stmt = { kind: 'if', test: b.test, then: b.then, else_: stmt ? [stmt] : elseBody, start: b.start, end }
  }
  return ok(s, stmt!, s.index)
}

function parseWith(s0: St<unknown>, start: number): St<Stmt> {
  let s = s0
  const assignments: [Target, Expr][] = []
  while (!(peek(s) && peek(s)!.type === 'block_end')) {
    if (peek(s) === undefined) break
    if (assignments.length > 0) {
      const c = expectOp(s, ',', 'comma')
      if (c.isError) return c as St<never>
      s = c
    }
    let target: St<Target>
    if (isOp(peek(s), '(')) {
      const a = parseAssignment(ok(s, null, s.index + 1), false)
      if (a.isError) return a as St<never>
      const close = expectOp(a, ')')
      if (close.isError) return close as St<never>
      target = ok(close, a.result, close.index)
    } else target = parseAssignName(s, false)
    if (target.isError) return target as St<never>
    const eq = expectOp(target, '=', 'assignment operator')
    if (eq.isError) return eq as St<never>
    const e = parseExpr(eq)
    if (e.isError) return e as St<never>
    s = e
    assignments.push([target.result, e.result])
  }
  const b = block(s, (t) => isIdent(t, 'endwith'))
  if (b.isError) return b as St<never>
  return ok(b, { kind: 'with', assignments, body: b.result, start, end: lastEnd(b) } as Stmt, b.index)
}

function parseSet(s0: St<unknown>, start: number): St<Stmt> {
  const target = parseAssignment(s0, true)
  if (target.isError) return target as St<never>
  let s: St<unknown> = target
  const t = peek(s)
  if ((t && t.type === 'block_end') || isOp(t, '|')) {
    let filter: Expr | undefined
    if (isOp(t, '|')) {
      const f = parseFilterChain(ok(s, null, s.index + 1))
      if (f.isError) return f as St<never>
      s = f
      filter = f.result
    }
    const b = block(s, (x) => isIdent(x, 'endset'))
    if (b.isError) return b as St<never>
    return ok(b, { kind: 'setblock', target: target.result, filter, body: b.result, start, end: lastEnd(b) } as Stmt, b.index)
  }
  const eq = expectOp(s, '=', 'assignment operator')
  if (eq.isError) return eq as St<never>
  const e = parseExpr(eq)
  if (e.isError) return e as St<never>
  s = e
  let expr = e.result
  if (isOp(peek(s), ',')) {
    s = ok(s, null, s.index + 1)
    const listStart = startOf(s)
    const items: Expr[] = [expr]
    for (;;) {
      if (peek(s) && peek(s)!.type === 'block_end') break
      const x = parseExpr(s)
      if (x.isError) return x as St<never>
      s = x
      items.push(x.result)
      if (!isOp(peek(s), ',')) break
      s = ok(s, null, s.index + 1)
    }
    expr = { kind: 'list', items, start: listStart, end: lastEnd(s) }
  }
  return ok(s, { kind: 'set', target: target.result, expr, start, end: lastEnd(s) } as Stmt, s.index)
}

function parseFilterChain(s0: St<unknown>): St<Expr> {
  let s = s0
  let filter: Expr | undefined
  while (!(peek(s) && peek(s)!.type === 'block_end')) {
    if (peek(s) === undefined) break
    if (filter) {
      const p = expectOp(s, '|')
      if (p.isError) return p as St<never>
      s = p
    }
    const n = expect(s, isIdentTok, 'identifier')
    if (n.isError) return n as St<never>
    s = n
    let args: readonly CallArg[] = []
    if (isOp(peek(s), '(')) {
      const a = parseArgs(s)
      if (a.isError) return a as St<never>
      s = a
      args = a.result
    }
    filter = { kind: 'filter', name: n.result.value as string, expr: filter, args, start: n.result.start, end: lastEnd(s) }
  }
  if (!filter) return fail(s, errAt(s, 'expected a filter'))
  return ok(s, filter, s.index)
}

interface MacroParams {
  readonly params: string[]
  readonly spans: Span[]
  readonly defaults: Expr[]
}

function parseMacroParams(s0: St<unknown>): St<MacroParams> {
  let s = s0
  const params: string[] = []
  const spans: Span[] = []
  const defaults: Expr[] = []
  for (;;) {
    const step = listStep(s, params.length === 0, ')')
    if (step.isError) return step as St<never>
    s = step
    if (step.result) break
    const n = parseAssignName(s, false)
    if (n.isError) return n as St<never>
    s = n
    params.push((n.result as { name: string }).name)
    spans.push({ start: n.result.start, end: n.result.end })
    if (isOp(peek(s), '=')) {
      const d = parseExpr(ok(s, null, s.index + 1))
      if (d.isError) return d as St<never>
      s = d
      defaults.push(d.result)
    } else if (defaults.length > 0) {
      const eq = expectOp(s, '=')
      if (eq.isError) return eq as St<never>
    }
  }
  return ok(s, { params, spans, defaults }, s.index)
}

function parseMacroBody(s: St<unknown>, start: number, name: string, p: MacroParams, endKw: string): St<MacroDecl> {
  const b = block(s, (t) => isIdent(t, endKw))
  if (b.isError) return b as St<never>
  return ok(b, { name, params: p.params, paramSpans: p.spans, defaults: p.defaults, body: b.result, start, end: lastEnd(b) }, b.index)
}

function parseMacro(s0: St<unknown>, start: number): St<Stmt> {
  const n = expect(s0, isIdentTok, 'identifier')
  if (n.isError) return n as St<never>
  const open = expectOp(n, '(')
  if (open.isError) return open as St<never>
  const p = parseMacroParams(open)
  if (p.isError) return p as St<never>
  const d = parseMacroBody(p, start, n.result.value as string, p.result, 'endmacro')
  if (d.isError) return d as St<never>
  return ok(d, { kind: 'macro', decl: d.result, start, end: lastEnd(d) } as Stmt, d.index)
}

function parseCallBlock(s0: St<unknown>, start: number): St<Stmt> {
  let s = s0
  let params: MacroParams = { params: [], spans: [], defaults: [] }
  if (isOp(peek(s), '(')) {
    const p = parseMacroParams(ok(s, null, s.index + 1))
    if (p.isError) return p as St<never>
    s = p
    params = p.result
  }
  const e = parseExpr(s)
  if (e.isError) return e as St<never>
  if (e.result.kind !== 'call') return fail(e, errAt(e, `expected call expression in call block, got ${exprDescription(e.result)}`))
  const d = parseMacroBody(e, start, 'caller', params, 'endcall')
  if (d.isError) return d as St<never>
  return ok(d, { kind: 'callblock', call: e.result, decl: d.result, start, end: lastEnd(d) } as Stmt, d.index)
}

// ---------------------------------------------------------------------------------------------
// Entry points

const templateParser: Parser<Stmt[], PError | null, Ctx> = new Parser((s) => subparse(s as St<unknown>, undefined))

function initialState(toks: readonly Token[], src: string): St<null> {
  return {
    dataView: { byteLength: toks.length } as DataView,
    inputType: 'string',
    isError: false,
    error: null,
    result: null,
    data: { toks, src, depth: 0 },
    index: 0,
  }
}

function raise(src: string, e: PError): never {
  throw new TemplateSyntaxError(e.message, src, e.start, e.end)
}

/**
 * Operator, filter, postfix and `elif` chains are parsed by loops, so only their length bounds how
 * deep the tree gets; everything that walks it (compiler, checker, constant folding, the JS engine
 * parsing generated code) recurses. Past MAX_EXPRESSION_DEPTH levels of nodes (expressions,
 * statements, arguments), a syntax error. A tree that deep needs more tokens than that, so short
 * templates skip this (iterative) walk.
 */
function checkNestingDepth(root: unknown, src: string): void {
  const nodes: unknown[] = [root]
  const depths: number[] = [0]
  while (nodes.length > 0) {
    const n = nodes.pop()
    let d = depths.pop()!
    if (typeof n !== 'object' || n === null) continue
    if (Array.isArray(n)) {
      for (const x of n) if (typeof x === 'object' && x !== null) (nodes.push(x), depths.push(d))
      continue
    }
    const node = n as { kind?: string; start?: number; end?: number }
    if (typeof node.kind === 'string' && ++d > MAX_EXPRESSION_DEPTH)
      raise(src, { message: `template nesting exceeds the limit of ${MAX_EXPRESSION_DEPTH} levels`, start: node.start ?? 0, end: node.end ?? 0 })
    for (const k in node) {
      const v = (node as Record<string, unknown>)[k]
      if (typeof v === 'object' && v !== null) (nodes.push(v), depths.push(d))
    }
  }
}

// Templates parsed lately, by source: loading a project checks every prompt (and looks for
// template_string calls in it) and `generate` then compiles the same texts. ASTs are never
// modified after parsing, so one can be shared. Failures are not kept (they throw again).
const parsed = new Map<string, Template>()
const MAX_PARSED = 2000

/** Parse a template. Throws `TemplateSyntaxError`. */
export function parseTemplate(src: string): Template {
  const hit = parsed.get(src)
  if (hit !== undefined) return hit
  const toks = tokenize(src)
  const r = templateParser.p(initialState(toks, src)) as St<Stmt[]>
  if (r.isError) raise(src, r.error!)
  if (toks.length > MAX_EXPRESSION_DEPTH) checkNestingDepth(r.result, src)
  const tpl: Template = { body: r.result }
  if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value!)
  parsed.set(src, tpl)
  return tpl
}

/** Parse a standalone expression (no `{{ }}`). Throws `TemplateSyntaxError`. */
export function parseExpression(src: string): Expr {
  const toks = tokenize(src, true)
  const r = exprParser.p(initialState(toks, src)) as St<Expr>
  if (r.isError) raise(src, r.error!)
  const rest = toks[r.index]
  if (rest !== undefined) {
    if (rest.type === 'error') raise(src, { message: String(rest.value), start: rest.start, end: rest.end })
    raise(src, { message: 'unexpected input after expression', start: rest.start, end: rest.end })
  }
  if (toks.length > MAX_EXPRESSION_DEPTH) checkNestingDepth(r.result, src)
  return r.result
}
