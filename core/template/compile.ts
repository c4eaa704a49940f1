// Template compiler: AST → the body of a JS render function.
//
// Every tag becomes JS calling the helpers in ./runtime.ts (`R`); template text becomes a JSON
// string literal appended to the output (`$r += "..."`). Nothing from the template reaches the
// generated code except through `jsStr` (string literals) or as numbers, so no template text, however
// it is spliced together by comments, raw blocks or whitespace control, can become code. Jinja
// scoping is resolved statically: each name assigned in a scope (template, for loop, macro, with) is
// a JS local starting as `R.U` ("unset"), and a read falls back through enclosing scopes to the
// render arguments (`V`) and globals (`G`), as minijinja's frames do. Nothing walks the AST at
// render time. Compiled functions are cached by source text.
import { lastAtMost } from '../syntax/span.ts'
import { targetNames, type CallArg, type Expr, type MacroDecl, type Stmt, type Target } from './ast.ts'
import { parseTemplate } from './parser.ts'
import { FILTERS } from './filters.ts'
import { TESTS } from './tests.ts'
import * as runtime from './runtime.ts'
import { BamlTemplateError } from '../errors.ts'
import { makeFunction } from './make-function.ts'

/** Renders a compiled template with its arguments and extra globals (e.g. `ctx`, `_`, enums). */
export type RenderFn = (vars: Record<string, unknown>, globals?: Record<string, unknown>) => string

/**
 * A compiled template as a JS function: `new Function('it', 'options', compileTemplateToSource(src))`
 * (`options` is unused; the signature is kept for precompiled code).
 */
export type TemplateFn = (it: { R: unknown; V: Record<string, unknown>; G: Record<string, unknown> }, options?: unknown) => string

/** The former name of `TemplateFn` (templates were compiled through Eta); same contract. */
export type EtaTemplateFn = TemplateFn

// ---------------------------------------------------------------------------------------------
// Code generation

interface FnCtx {
  temps: number
  readonly decls: string[]
}

interface Scope {
  readonly parent: Scope | undefined
  /** Jinja name → JS local. */
  readonly vars: Map<string, string>
  /** Locals that are always assigned before use (loop targets, macro params). */
  readonly definite: Set<string>
  readonly fn: FnCtx
  /** JS local holding the `Loop` object of the innermost loop, if this is a loop scope. */
  readonly loop?: string
  /** For recursive loops: JS name of the recursion function. */
  readonly recurse?: string
}

const JS_STR_ESCAPES = /[%\u2028\u2029<>]/g
const JS_STR_ESCAPE: Record<string, string> = { '%': '\\u0025', '<': '\\u003c', '>': '\\u003e', '\u2028': '\\u2028', '\u2029': '\\u2029' }
const escapeChar = (c: string) => JS_STR_ESCAPE[c]!

/**
 * A JS string literal for any string: JSON's escaping, plus `\uXXXX` for line separators and for
 * `<`, `>` and `%`, so that the literal also stays inert if generated code is embedded in HTML or
 * in another template language.
 */
function jsStr(s: string): string {
  return JSON.stringify(s).replace(JS_STR_ESCAPES, escapeChar)
}

/** A JS number literal, NaN, ±Infinity and -0 included (never anything but a number). */
function numJs(n: number): string {
  if (typeof n !== 'number') throw new Error('internal: not a number')
  return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : Object.is(n, -0) ? '-0' : String(n)
}

const ARRAY_INDEX = /^(0|[1-9]\d*)$/

/** The generated function body, statement by statement. */
class Gen {
  private out = ''
  private ids = 0
  private lastLine = -1
  private readonly lineStarts: number[]

  constructor(readonly src: string) {
    this.lineStarts = [0]
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1)
  }

  id(prefix: string): string {
    return `${prefix}${++this.ids}`
  }

  /** Literal template text: always a string literal, whatever it contains. */
  text(s: string): void {
    if (s !== '') this.out += `$r += ${jsStr(s)};\n`
  }

  /** Generated JS (built only from generated names, helpers, `jsStr` literals and numbers). */
  code(js: string): void {
    this.out += js + ';\n'
  }

  /** Append the printed value of the JS expression `js`. */
  emit(js: string): void {
    this.out += `$r += R.out(${js});\n`
  }

  line(offset: number): void {
    const ln = lastAtMost(this.lineStarts, offset) + 1
    if (ln !== this.lastLine) {
      this.lastLine = ln
      this.code(`$ln = ${ln}`)
    }
  }

  forgetLine(): void {
    this.lastLine = -1
  }

  result(): string {
    return this.out
  }

  /** Take what was generated since `mark` out of the buffer. */
  mark(): number {
    return this.out.length
  }
  cut(mark: number): string {
    const s = this.out.slice(mark)
    this.out = this.out.slice(0, mark)
    return s
  }
  append(s: string): void {
    this.out += s
  }
}

/** Names assigned directly in a scope's statements (not inside nested scopes). */
function assignedNames(stmts: readonly Stmt[], into: Set<string>): Set<string> {
  for (const s of stmts) {
    switch (s.kind) {
      case 'set':
      case 'setblock':
        targetNames(s.target, into)
        if (s.kind === 'setblock') assignedNames(s.body, into)
        break
      case 'macro':
        into.add(s.decl.name)
        break
      case 'if':
        assignedNames(s.then, into)
        assignedNames(s.else_, into)
        break
      case 'for':
        assignedNames(s.else_, into)
        break
      case 'filterblock':
      case 'autoescape':
        assignedNames(s.body, into)
        break
    }
  }
  return into
}

/** Does the macro body mention `caller`? */
function mentionsCaller(stmts: readonly Stmt[]): boolean {
  return JSON.stringify(stmts).includes('"name":"caller"')
}

class Compiler {
  constructor(private readonly g: Gen) {}

  private newScope(parent: Scope | undefined, fn: FnCtx, names: Iterable<string>, extra?: Partial<Scope>): Scope {
    const vars = new Map<string, string>()
    for (const n of names) vars.set(n, this.g.id('v'))
    return { parent, vars, definite: new Set(), fn, ...extra }
  }

  private declareUnset(scope: Scope, skip?: Set<string>): string {
    const ds: string[] = []
    for (const [n, js] of scope.vars) if (!scope.definite.has(n) && !skip?.has(n)) ds.push(`${js} = R.U`)
    return ds.length ? `let ${ds.join(', ')}` : ''
  }

  private temp(scope: Scope): string {
    const t = `$t${scope.fn.temps++}`
    scope.fn.decls.push(t)
    return t
  }

  // --- statements

  template(body: readonly Stmt[]): void {
    const fn: FnCtx = { temps: 0, decls: [] }
    const root = this.newScope(undefined, fn, assignedNames(body, new Set()))
    const mark = this.g.mark()
    this.stmts(body, root)
    const inner = this.g.cut(mark)
    const decl = this.declareUnset(root)
    // `capture` renders a body into a string of its own (macros, set blocks, filter blocks)
    this.g.code(`'use strict'`)
    this.g.code(`const R = it.R, V = it.V, G = it.G; let $r = '', $ln = 1${fn.decls.length ? ', ' + fn.decls.join(', ') : ''}`)
    this.g.code(`const capture = (f) => { const s = $r; $r = ''; try { f(); return R.sized($r) } finally { $r = s } }`)
    if (decl) this.g.code(decl)
    this.g.code('try {')
    this.g.append(inner)
    this.g.code('} catch ($e) { throw R.located($e, $ln) }')
    this.g.code('return R.sized($r)')
  }

  private stmts(stmts: readonly Stmt[], scope: Scope): void {
    for (const s of stmts) this.stmt(s, scope)
  }

  private stmt(s: Stmt, scope: Scope): void {
    const g = this.g
    switch (s.kind) {
      case 'data':
        g.text(s.text)
        return
      case 'emit':
        g.line(s.start)
        g.emit(this.expr(s.expr, scope))
        return
      case 'if': {
        g.line(s.start)
        g.code(`if (R.t(${this.expr(s.test, scope)})) {`)
        this.stmts(s.then, scope)
        if (s.else_.length) {
          g.code('} else {')
          g.forgetLine()
          this.stmts(s.else_, scope)
        }
        g.code('}')
        g.forgetLine()
        return
      }
      case 'for':
        this.forLoop(s, scope)
        return
      case 'set': {
        g.line(s.start)
        g.code(this.assign(s.target, this.expr(s.expr, scope), scope))
        return
      }
      case 'setblock': {
        g.line(s.start)
        const captured = this.capture(s.body, scope)
        const value = s.filter ? this.expr(s.filter, scope, captured) : captured
        g.code(this.assign(s.target, value, scope))
        return
      }
      case 'with': {
        g.line(s.start)
        const names = new Set<string>()
        for (const [t] of s.assignments) targetNames(t, names)
        assignedNames(s.body, names)
        const inner = this.newScope(scope, scope.fn, names)
        const d = g.id('$d')
        g.code(`{ const ${d} = R.push(); ${this.declareUnset(inner)}`)
        for (const [t, e] of s.assignments) g.code(this.assign(t, this.expr(e, inner), inner))
        this.stmts(s.body, inner)
        g.code(`R.pop(${d}) }`)
        g.forgetLine()
        return
      }
      case 'macro': {
        g.line(s.start)
        const js = scope.vars.get(s.decl.name)!
        g.code(`${js} = ${this.macro(s.decl, scope)}`)
        return
      }
      case 'callblock': {
        g.line(s.start)
        const callerMacro = this.macro(s.decl, scope)
        g.emit(this.call(s.call, scope, callerMacro))
        return
      }
      case 'filterblock': {
        g.line(s.start)
        g.emit(this.expr(s.filter, scope, this.capture(s.body, scope)))
        return
      }
      case 'autoescape':
        this.stmts(s.body, scope)
        return
      case 'do':
        g.line(s.start)
        g.code(this.call(s.call, scope))
        return
    }
  }

  /** JS for `capture(() => { body })`, generated out of line. */
  private capture(body: readonly Stmt[], scope: Scope): string {
    const g = this.g
    const mark = g.mark()
    g.forgetLine()
    this.stmts(body, scope)
    const inner = g.cut(mark)
    g.forgetLine()
    const fnName = this.g.id('$cap')
    // the body is statements, so it becomes a local function defined before the current statement
    g.code(`const ${fnName} = () => {`)
    g.append(inner)
    g.code('}')
    return `capture(${fnName})`
  }

  private assign(t: Target, valueJs: string, scope: Scope): string {
    switch (t.kind) {
      case 'name': {
        const js = this.localFor(t.name, scope)
        return `${js} = ${valueJs}`
      }
      case 'attr':
        return `R.setAttr(${this.expr(t.expr, scope)}, ${jsStr(t.name)}, ${valueJs})`
      case 'tuple': {
        const u = this.g.id('$u')
        const parts = t.items.map((item, i) => this.assign(item, `${u}[${i}]`, scope))
        return `{ const ${u} = R.unpack(${valueJs}, ${t.items.length}); ${parts.join('; ')} }`
      }
    }
  }

  private localFor(name: string, scope: Scope): string {
    // assignments always target the innermost scope, which declared the name
    const js = scope.vars.get(name)
    if (js) return js
    throw new Error(`internal: undeclared assignment target ${name}`)
  }

  private forLoop(s: Stmt & { kind: 'for' }, scope: Scope): void {
    const g = this.g
    g.line(s.start)
    const L = g.id('$L')
    const names = new Set<string>()
    targetNames(s.target, names)
    const bodyNames = assignedNames(s.body, new Set(names))
    let iterJs = this.expr(s.iter, scope)
    if (s.filter) iterJs = this.loopFilter(iterJs, s.target, s.filter, scope)
    const recurse = s.recursive ? g.id('$rec') : undefined
    const inner = this.newScope(scope, scope.fn, bodyNames, { loop: L, recurse })
    targetNames(s.target, inner.definite)
    const i = g.id('$i')
    const targetJs = [...names].map((n) => inner.vars.get(n)!)
    const d = g.id('$d')
    const head = `let ${targetJs.join(', ')}; ${this.declareUnset(inner)}; for (let ${i} = 0; ${i} < ${L}.n; ${i}++) { ${L}.i = ${i}; ${this.assign(s.target, `${L}.items[${i}]`, inner)};`
    // each iteration checks the output size, so that no loop can grow it without bound
    const tail = `if ($r.length > R.MAX_STRING_LENGTH) R.tooLong() }`
    if (recurse) {
      // recursive loops render through a function so `loop(children)` can re-enter them
      g.code(`const ${recurse} = ($it, $dep) => capture(() => { const ${L} = R.loop($it, $dep), ${d} = R.push(); ${head}`)
      g.forgetLine()
      this.stmts(s.body, inner)
      g.code(tail)
      if (s.else_.length) {
        g.code(`if (${L}.n === 0) {`)
        this.stmts(s.else_, scope)
        g.code('}')
      }
      g.code(`R.pop(${d}) })`)
      g.code(`$r += ${recurse}(${iterJs}, 0)`)
      g.forgetLine()
      return
    }
    g.code(`{ const ${L} = R.loop(${iterJs}, 0), ${d} = R.push(); ${head}`)
    g.forgetLine()
    this.stmts(s.body, inner)
    g.code(tail)
    g.forgetLine()
    if (s.else_.length) {
      g.code(`if (${L}.n === 0) {`)
      this.stmts(s.else_, scope)
      g.code('}')
      g.forgetLine()
    }
    g.code(`R.pop(${d}) }`)
  }

  /** `for x in xs if cond`: the items passing `cond`, computed first (no `loop` inside). */
  private loopFilter(iterJs: string, target: Target, cond: Expr, scope: Scope): string {
    const fn: FnCtx = { temps: 0, decls: [] }
    const names = new Set<string>()
    targetNames(target, names)
    const inner = this.newScope(scope, fn, names)
    targetNames(target, inner.definite)
    const x = this.g.id('$x')
    const condJs = this.expr(cond, inner)
    const targetJs = [...names].map((n) => inner.vars.get(n)!)
    const temps = fn.decls.length ? `let ${fn.decls.join(', ')};` : ''
    return `R.loop(${iterJs}, 0).items.filter((${x}) => { ${temps} let ${targetJs.join(', ')}; ${this.assign(target, x, inner)}; return R.t(${condJs}) })`
  }

  private macro(d: MacroDecl, scope: Scope): string {
    const g = this.g
    const fn: FnCtx = { temps: 0, decls: [] }
    const names = new Set(d.params)
    const callerRef = mentionsCaller(d.body)
    if (callerRef) names.add('caller')
    assignedNames(d.body, names)
    const inner = this.newScope(scope, fn, names)
    for (const p of d.params) inner.definite.add(p)
    if (callerRef) inner.definite.add('caller')
    const args = g.id('$a')
    const callerArg = g.id('$c')
    const mark = g.mark()
    g.forgetLine()
    this.stmts(d.body, inner)
    const body = g.cut(mark)
    g.forgetLine()
    const firstDefault = d.params.length - d.defaults.length
    let prologue = d.params.map((p, i) => `let ${inner.vars.get(p)} = ${args}[${i}]`).join('; ')
    if (callerRef) prologue += `; let ${inner.vars.get('caller')} = ${callerArg}`
    for (let i = 0; i < d.defaults.length; i++) {
      const js = inner.vars.get(d.params[firstDefault + i]!)!
      prologue += `; if (${js} === undefined) ${js} = ${this.expr(d.defaults[i]!, inner)}`
    }
    const fnName = g.id('$m')
    const temps = fn.decls.length ? `let ${fn.decls.join(', ')};` : ''
    g.code(`const ${fnName} = (${args}, ${callerArg}) => { ${temps} ${prologue}; ${this.declareUnset(inner, new Set(d.params))}; return capture(() => {`)
    g.append(body)
    g.code('}) }')
    return `R.macro(${jsStr(d.name)}, [${d.params.map(jsStr).join(', ')}], ${fnName}, ${callerRef})`
  }

  // --- expressions

  private lookup(name: string, scope: Scope): string {
    if (name === 'loop') {
      for (let s: Scope | undefined = scope; s; s = s.parent) if (s.loop) return s.loop
    }
    const chain: string[] = []
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const js = s.vars.get(name)
      if (js) {
        if (s.definite.has(name)) {
          chain.push(js)
          return fallback(chain)
        }
        chain.push(js)
      }
    }
    return fallback(chain, `R.lk(V, G, ${jsStr(name)})`)
  }

  /** `pipeInput`: the value a filter chain without a base expression applies to (filter blocks). */
  expr(e: Expr, scope: Scope, pipeInput?: string): string {
    if (e.kind === 'binop' || e.kind === 'unary') {
      const c = foldConst(e)
      if (c !== undefined) {
        const js = constJs(c.v)
        if (js !== undefined) return js
      }
    }
    switch (e.kind) {
      case 'const': {
        const c = e.value
        switch (c.type) {
          case 'str':
            return jsStr(c.value)
          case 'int':
            return numJs(c.value)
          case 'float':
            return Number.isInteger(c.value) ? `R.fl(${numJs(c.value)})` : numJs(c.value)
          case 'bool':
            return c.value ? 'true' : 'false'
          case 'none':
            return 'null'
        }
      }
      // falls through (unreachable)
      case 'var':
        return this.lookup(e.name, scope)
      case 'list':
        return `[${e.items.map((x) => this.expr(x, scope)).join(', ')}]`
      case 'map': {
        const simple = e.keys.every((k) => k.kind === 'const' && k.value.type === 'str' && k.value.value !== '__proto__' && !ARRAY_INDEX.test(k.value.value))
        if (simple) return `{ ${e.keys.map((k, i) => `${jsStr((k as { value: { value: string } }).value.value)}: ${this.expr(e.values[i]!, scope)}`).join(', ')} }`
        return `R.mapOf([${e.keys.map((k, i) => `${this.expr(k, scope)}, ${this.expr(e.values[i]!, scope)}`).join(', ')}])`
      }
      case 'getattr': {
        if (e.expr.kind === 'var' && e.expr.name === 'loop') {
          const L = this.lookup('loop', scope)
          if (L.startsWith('$L')) {
            switch (e.name) {
              case 'index':
                return `(${L}.i + 1)`
              case 'index0':
                return `${L}.i`
              case 'first':
                return `(${L}.i === 0)`
              case 'last':
                return `(${L}.i === ${L}.n - 1)`
              case 'length':
                return `${L}.n`
              case 'revindex':
                return `(${L}.n - ${L}.i)`
              case 'revindex0':
                return `(${L}.n - ${L}.i - 1)`
            }
          }
        }
        return `R.ga(${this.expr(e.expr, scope)}, ${jsStr(e.name)})`
      }
      case 'getitem':
        return `R.gi(${this.expr(e.expr, scope)}, ${this.expr(e.key, scope)})`
      case 'slice':
        return `R.slice(${this.expr(e.expr, scope)}, ${e.start_ ? this.expr(e.start_, scope) : 'null'}, ${e.stop ? this.expr(e.stop, scope) : 'null'}, ${e.step ? this.expr(e.step, scope) : 'null'})`
      case 'unary': {
        if (e.op === 'not') return `!R.t(${this.expr(e.expr, scope)})`
        const inner = e.expr
        if (inner.kind === 'const' && (inner.value.type === 'int' || inner.value.type === 'float')) {
          const v = -inner.value.value
          if (inner.value.type === 'float' && Number.isInteger(v)) return `R.fl(${numJs(v)})`
          return `(${Object.is(v, -0) ? '0' : numJs(v)})`
        }
        return `R.neg(${this.expr(inner, scope)})`
      }
      case 'binop':
        return this.binop(e, scope)
      case 'ifexpr':
        return `(R.t(${this.expr(e.test, scope)}) ? ${this.expr(e.then, scope)} : ${e.else_ ? this.expr(e.else_, scope) : 'undefined'})`
      case 'filter': {
        const value = e.expr ? this.expr(e.expr, scope, pipeInput) : (pipeInput ?? 'undefined')
        const [args, kw] = this.args(e.args, scope)
        if (!(e.name in FILTERS)) return `R.noFilter(${jsStr(e.name)}, ${value}, ${args})`
        return `R.F[${jsStr(e.name)}](${value}, ${args}, ${kw})`
      }
      case 'test': {
        const value = this.expr(e.expr, scope)
        const [args, kw] = this.args(e.args, scope)
        if (!(e.name in TESTS)) return `R.noTest(${jsStr(e.name)}, ${value}, ${args})`
        return `R.T[${jsStr(e.name)}](${value}, ${args}, ${kw})`
      }
      case 'call':
        return this.call(e, scope)
    }
  }

  private binop(e: Expr & { kind: 'binop' }, scope: Scope): string {
    const a = this.expr(e.left, scope)
    if (e.op === 'and' || e.op === 'or') {
      const t = this.temp(scope)
      const b = this.expr(e.right, scope)
      return e.op === 'and' ? `(R.t(${t} = ${a}) ? ${b} : ${t})` : `(R.t(${t} = ${a}) ? ${t} : ${b})`
    }
    const b = this.expr(e.right, scope)
    const fn = BINOPS[e.op]
    if (e.op === 'in') return `R.contains(${b}, ${a})`
    return `R.${fn}(${a}, ${b})`
  }

  /** [positional args JS, kwargs JS] */
  private args(args: readonly CallArg[], scope: Scope, extraKw?: [string, string]): [string, string] {
    if (args.length === 0 && !extraKw) return ['R.E', 'undefined']
    const pos: string[] = []
    const spreads: boolean[] = []
    const kwParts: string[] = []
    let kwPairs: string[] = []
    let hasSplat = false
    for (const a of args) {
      switch (a.kind) {
        case 'pos':
          pos.push(this.expr(a.expr, scope))
          spreads.push(false)
          break
        case 'splat':
          pos.push(this.expr(a.expr, scope))
          spreads.push(true)
          hasSplat = true
          break
        case 'kw':
          kwPairs.push(jsStr(a.name), this.expr(a.expr, scope))
          break
        case 'kwsplat':
          if (kwPairs.length) kwParts.push(`R.kw([${kwPairs.join(', ')}])`)
          kwPairs = []
          kwParts.push(this.expr(a.expr, scope))
          break
      }
    }
    if (extraKw) kwPairs.push(extraKw[0], extraKw[1])
    let kw = 'undefined'
    if (kwParts.length) {
      if (kwPairs.length) kwParts.push(`R.kw([${kwPairs.join(', ')}])`)
      kw = `R.kwMerge([${kwParts.join(', ')}])`
    } else if (kwPairs.length) kw = `R.kw([${kwPairs.join(', ')}])`
    const posJs = hasSplat ? `R.splat([${pos.join(', ')}], [${spreads.join(', ')}])` : pos.length ? `[${pos.join(', ')}]` : 'R.E'
    return [posJs, kw]
  }

  call(e: Expr & { kind: 'call' }, scope: Scope, callerMacro?: string): string {
    const [args, kw] = this.args(e.args, scope, callerMacro ? ['"caller"', callerMacro] : undefined)
    const callee = e.expr
    if (callee.kind === 'var') {
      if (callee.name === 'loop') {
        for (let s: Scope | undefined = scope; s; s = s.parent) {
          if (s.recurse) return `${s.recurse}(R.unpack(${args}, 1)[0], ${s.loop}.depth + 1)`
          if (s.loop) break
        }
      }
      return `R.callFn(${this.lookup(callee.name, scope)}, ${jsStr(callee.name)}, ${args}, ${kw})`
    }
    if (callee.kind === 'getattr') return `R.callMethod(${this.expr(callee.expr, scope)}, ${jsStr(callee.name)}, ${args}, ${kw})`
    return `R.call(${this.expr(callee, scope)}, ${args}, ${kw})`
  }
}

/** The `R` helper each binary operator compiles to (the functions of `runtime.BINARY`). */
const BINOPS: Record<string, string> = {
  '==': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '//': 'fdiv',
  '%': 'mod',
  '**': 'pow',
  '~': 'cat',
}

// minijinja folds operators over constant operands at compile time, with its own rules (notably
// `a and b` folds to `false`, not `a`, when falsy). Errors leave the expression to run time.
const FOLD_OPS: Record<string, (a: unknown, b: unknown) => unknown> = {
  ...runtime.BINARY,
  in: (a, b) => runtime.contains(b, a),
  and: (a, b) => (runtime.t(a) && runtime.t(b) ? b : false),
  or: (a, b) => (runtime.t(a) ? a : b),
}

function foldConst(e: Expr): { v: unknown } | undefined {
  switch (e.kind) {
    case 'const': {
      const c = e.value
      if (c.type === 'none') return { v: null }
      if (c.type === 'float') return { v: Number.isInteger(c.value) ? runtime.fl(c.value) : c.value }
      return { v: c.value }
    }
    case 'list':
      if (!e.items.every((x) => x.kind === 'const')) return undefined
      return { v: e.items.map((x) => foldConst(x)!.v) }
    case 'map':
      return undefined
    case 'unary': {
      const x = foldConst(e.expr)
      if (!x) return undefined
      if (e.op === 'not') return { v: !runtime.t(x.v) }
      try {
        return { v: runtime.neg(x.v) }
      } catch {
        return undefined
      }
    }
    case 'binop': {
      const a = foldConst(e.left)
      const b = a && foldConst(e.right)
      if (!a || !b) return undefined
      // no repetition at compile time beyond what could be inlined
      if (e.op === '*' && (typeof a.v === 'string' || typeof b.v === 'string' || Array.isArray(a.v) || Array.isArray(b.v))) {
        const n = typeof a.v === 'number' ? a.v : typeof b.v === 'number' ? b.v : 0
        if (n > MAX_FOLDED) return undefined
      }
      try {
        return { v: FOLD_OPS[e.op]!(a.v, b.v) }
      } catch {
        return undefined
      }
    }
    default:
      return undefined
  }
}

// Folded values bigger than this stay computed at run time (the source must not balloon).
const MAX_FOLDED = 4096

/** JS source for a folded constant, or undefined if it has no (small) literal form. */
function constJs(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return v.length <= MAX_FOLDED ? jsStr(v) : undefined
    case 'boolean':
      return v ? 'true' : 'false'
    case 'number':
      return `(${numJs(v)})`
    case 'object': {
      if (v === null) return 'null'
      if (v instanceof runtime.Float) return `R.fl(${numJs(v.value)})`
      if (Array.isArray(v)) {
        if (v.length > MAX_FOLDED) return undefined
        const items = v.map(constJs)
        return items.every((x) => x !== undefined) ? `[${items.join(', ')}]` : undefined
      }
      return undefined
    }
    default:
      return undefined
  }
}

function fallback(chain: string[], last?: string): string {
  if (chain.length === 0) return last!
  if (last === undefined && chain.length === 1) return chain[0]!
  let js = last ?? chain[chain.length - 1]!
  const n = last === undefined ? chain.length - 1 : chain.length
  for (let i = n - 1; i >= 0; i--) js = `(${chain[i]} !== R.U ? ${chain[i]} : ${js})`
  return js
}

/** JS source of a function body evaluating a standalone expression: `(R, V, G) => value`. */
export function compileExpressionBody(e: Expr, src: string): string {
  const g = new Gen(src)
  const c = new Compiler(g)
  const fn: FnCtx = { temps: 0, decls: [] }
  const scope: Scope = { parent: undefined, vars: new Map(), definite: new Set(), fn }
  const js = c.expr(e, scope)
  return `${fn.decls.length ? `let ${fn.decls.join(', ')};` : ''} return ${js}`
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * The JS function body of a template, to ship precompiled: `new Function('it', 'options', source)` or
 * `export function render(it, options) { <source> }`. Instantiate with `templateFromFunction` /
 * `templateFromSource`. Template text appears in it only as JSON string literals.
 */
export function compileTemplateToSource(src: string): string {
  const tpl = parseTemplate(src)
  const g = new Gen(src)
  new Compiler(g).template(tpl.body)
  return g.result()
}

/** Wrap a compiled template function (see `compileTemplateToSource`) as a render function. */
export function templateFromFunction(fn: TemplateFn): RenderFn {
  return (vars, globals) => {
    const saved = runtime.beginRender()
    try {
      return fn({ R: runtime, V: vars, G: globals ?? runtime.NO_GLOBALS })
    } finally {
      runtime.endRender(saved)
    }
  }
}

/**
 * Instantiate template source from `compileTemplateToSource`. Needs code generation: where the host
 * forbids it, throws BamlTemplateError (ship the template precompiled instead).
 */
export function templateFromSource(source: string): RenderFn {
  const fn = makeFunction(['it', 'options'], source)
  if (!fn) throw new BamlTemplateError(NO_CODEGEN)
  return templateFromFunction(fn as TemplateFn)
}

const NO_CODEGEN =
  'cannot compile this prompt template here: the runtime does not allow generating code (a generated client ships its templates precompiled: run `baml generate` again)'

const cache = new Map<string, RenderFn>()
const MAX_CACHE = 2000

/** Compile (cached by source) a template into a render function. Throws `TemplateSyntaxError`. */
export function compileTemplate(src: string): RenderFn {
  let fn = cache.get(src)
  if (fn) return fn
  fn = templateFromSource(compileTemplateToSource(src))
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value!)
  cache.set(src, fn)
  return fn
}

/**
 * Register a precompiled template (from `compileTemplateToSource`) for its source text, so that
 * `compileTemplate(src)` uses it without parsing or generating code (no `eval` needed at run time).
 */
export function registerCompiledTemplate(src: string, fn: TemplateFn): void {
  cache.set(src, templateFromFunction(fn))
}

/** Parse, compile and render in one go (compilation is cached). */
export function renderTemplate(src: string, vars: Record<string, unknown>, globals?: Record<string, unknown>): string {
  return compileTemplate(src)(vars, globals)
}
