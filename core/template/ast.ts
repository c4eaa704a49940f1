// Syntax tree of a template, modelled on minijinja's AST. Plain data (plus `targetNames`, which
// the compiler and the checker share); `start`/`end` are UTF-16 offsets into the template source.

export interface Span {
  readonly start: number
  readonly end: number
}

export type Expr =
  | (Span & { readonly kind: 'var'; readonly name: string })
  | (Span & { readonly kind: 'const'; readonly value: ConstValue })
  | (Span & { readonly kind: 'list'; readonly items: readonly Expr[] })
  | (Span & { readonly kind: 'map'; readonly keys: readonly Expr[]; readonly values: readonly Expr[] })
  | (Span & { readonly kind: 'getattr'; readonly expr: Expr; readonly name: string })
  | (Span & { readonly kind: 'getitem'; readonly expr: Expr; readonly key: Expr })
  | (Span & {
      readonly kind: 'slice'
      readonly expr: Expr
      readonly start_: Expr | undefined
      readonly stop: Expr | undefined
      readonly step: Expr | undefined
    })
  | (Span & { readonly kind: 'unary'; readonly op: 'not' | 'neg'; readonly expr: Expr })
  | (Span & { readonly kind: 'binop'; readonly op: BinOp; readonly left: Expr; readonly right: Expr })
  | (Span & { readonly kind: 'ifexpr'; readonly test: Expr; readonly then: Expr; readonly else_: Expr | undefined })
  | (Span & { readonly kind: 'filter'; readonly name: string; readonly expr: Expr | undefined; readonly args: readonly CallArg[] })
  | (Span & { readonly kind: 'test'; readonly name: string; readonly expr: Expr; readonly args: readonly CallArg[] })
  | (Span & { readonly kind: 'call'; readonly expr: Expr; readonly args: readonly CallArg[] })

/** Literal values: strings, ints, floats (`isFloat`), bools and none. */
export type ConstValue =
  | { readonly type: 'str'; readonly value: string }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'none' }

export type BinOp =
  | 'and'
  | 'or'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | '+'
  | '-'
  | '*'
  | '/'
  | '//'
  | '%'
  | '**'
  | '~'

export type CallArg =
  | { readonly kind: 'pos'; readonly expr: Expr }
  | { readonly kind: 'kw'; readonly name: string; readonly expr: Expr }
  | { readonly kind: 'splat'; readonly expr: Expr }
  | { readonly kind: 'kwsplat'; readonly expr: Expr }

/** Assignment targets: a name, `ns.attr` (set only), or a tuple of targets. */
export type Target =
  | (Span & { readonly kind: 'name'; readonly name: string })
  | (Span & { readonly kind: 'attr'; readonly expr: Expr; readonly name: string })
  | (Span & { readonly kind: 'tuple'; readonly items: readonly Target[] })

/** Add the names a target binds (`ns.attr` binds none) to `into`. */
export function targetNames(t: Target, into: Set<string>): void {
  if (t.kind === 'name') into.add(t.name)
  else if (t.kind === 'tuple') for (const x of t.items) targetNames(x, into)
}

export interface MacroDecl extends Span {
  readonly name: string
  readonly params: readonly string[]
  readonly paramSpans: readonly Span[]
  /** Defaults for the last `defaults.length` params. */
  readonly defaults: readonly Expr[]
  readonly body: readonly Stmt[]
}

export type Stmt =
  | (Span & { readonly kind: 'data'; readonly text: string })
  | (Span & { readonly kind: 'emit'; readonly expr: Expr })
  | (Span & { readonly kind: 'if'; readonly test: Expr; readonly then: readonly Stmt[]; readonly else_: readonly Stmt[] })
  | (Span & {
      readonly kind: 'for'
      readonly target: Target
      readonly iter: Expr
      readonly filter: Expr | undefined
      readonly recursive: boolean
      readonly body: readonly Stmt[]
      readonly else_: readonly Stmt[]
    })
  | (Span & { readonly kind: 'set'; readonly target: Target; readonly expr: Expr })
  | (Span & { readonly kind: 'setblock'; readonly target: Target; readonly filter: Expr | undefined; readonly body: readonly Stmt[] })
  | (Span & { readonly kind: 'with'; readonly assignments: readonly (readonly [Target, Expr])[]; readonly body: readonly Stmt[] })
  | (Span & { readonly kind: 'macro'; readonly decl: MacroDecl })
  | (Span & { readonly kind: 'callblock'; readonly call: Expr & { kind: 'call' }; readonly decl: MacroDecl })
  | (Span & { readonly kind: 'filterblock'; readonly filter: Expr; readonly body: readonly Stmt[] })
  | (Span & { readonly kind: 'autoescape'; readonly enabled: Expr; readonly body: readonly Stmt[] })
  | (Span & { readonly kind: 'do'; readonly call: Expr & { kind: 'call' } })

export interface Template {
  readonly body: readonly Stmt[]
}
