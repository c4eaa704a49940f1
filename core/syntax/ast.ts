// Syntax tree of one .baml file. Every node carries the span it was parsed from. The tree keeps
// what was written (e.g. `T?` stays an `optional` node, unquoted strings remember they were
// unquoted) so that the printer can write it back; meaning is assigned later by core/ir.
import type { Span } from './span.ts'

export interface Ident {
  readonly name: string
  readonly span: Span
}

/** `@name(args)` on a field/type, or `@@name(args)` on a block. Dotted names are joined (`stream.done`). */
export interface AttributeAst {
  readonly kind: 'attribute'
  readonly block: boolean
  readonly name: Ident
  readonly args: readonly ValueAst[]
  /** Written inside parentheses around a type, e.g. `(int @check(..))`: binds to that type only. */
  readonly parenthesized: boolean
  readonly span: Span
}

interface TypeNodeBase {
  /** Attributes bound to this type occurrence. */
  readonly attrs: readonly AttributeAst[]
  readonly span: Span
  /** The type was written inside parentheses. */
  readonly parens?: boolean
}

export type TypeAst =
  /** A name: primitive (`string`), media (`image`), `null`, `true`/`false`, or a class/enum/alias. */
  | (TypeNodeBase & { readonly kind: 'named'; readonly name: string })
  /** A dotted name such as `a.b` (not supported by the reference; kept to report it). */
  | (TypeNodeBase & { readonly kind: 'path'; readonly name: string })
  | (TypeNodeBase & { readonly kind: 'literal'; readonly value: string | number; readonly raw: string })
  | (TypeNodeBase & { readonly kind: 'list'; readonly item: TypeAst })
  | (TypeNodeBase & { readonly kind: 'optional'; readonly inner: TypeAst })
  /** `map<K, V>`; `typeArgs` holds every type written (validation wants exactly two). */
  | (TypeNodeBase & { readonly kind: 'map'; readonly key: TypeAst; readonly value: TypeAst; readonly typeArgs: readonly TypeAst[] })
  | (TypeNodeBase & { readonly kind: 'union'; readonly options: readonly TypeAst[] })
  | (TypeNodeBase & { readonly kind: 'tuple'; readonly items: readonly TypeAst[] })

export interface MapEntryAst {
  readonly key: string
  readonly keySpan: Span
  readonly keyQuoted: boolean
  readonly value: ValueAst
  readonly span: Span
}

export type ValueAst =
  | {
      readonly kind: 'string'
      /** Escapes resolved for quoted strings; the untouched body for block strings; trimmed text for unquoted. */
      readonly value: string
      readonly quoted: 'double' | 'block' | 'none'
      /** For block strings: number of `#` and the offset of the body's first character. */
      readonly hashes: number
      readonly contentStart: number
      readonly span: Span
    }
  | { readonly kind: 'number'; readonly raw: string; readonly value: number; readonly isInt: boolean; readonly span: Span }
  | { readonly kind: 'bool'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'env'; readonly name: string; readonly span: Span }
  /** An unquoted word (`openai`, `constant_delay`, `MyClient`, `a.b`). */
  | { readonly kind: 'ident'; readonly name: string; readonly span: Span }
  /** `{{ expr }}`; `expression` is the text between the braces, untrimmed. */
  | { readonly kind: 'jinja'; readonly expression: string; readonly span: Span }
  | { readonly kind: 'array'; readonly items: readonly ValueAst[]; readonly span: Span }
  /** `Name(args)`: a call, e.g. a template_string used as a test argument; `text` is the source. */
  | { readonly kind: 'call'; readonly name: Ident; readonly args: readonly ValueAst[]; readonly text: string; readonly span: Span }
  | { readonly kind: 'map'; readonly entries: readonly MapEntryAst[]; readonly span: Span }

/** A class field or an enum value (the grammar is the same: `name Type? @attrs`). */
export interface MemberAst {
  readonly name: Ident
  readonly type?: TypeAst
  /** Attributes written after the whole type (or after the name when there is no type). */
  readonly attrs: readonly AttributeAst[]
  readonly docstring?: string
  readonly span: Span
}

export interface TypeBlockAst {
  readonly kind: 'typeBlock'
  /** `class`, `enum`, or whatever word was written (reported by validation). */
  readonly keyword: Ident
  /** Written as `dynamic class X` / `dynamic enum X` inside a test's type_builder. */
  readonly dynamic: boolean
  readonly name: Ident
  /** `class Name(args)`: accepted (and ignored) like the reference does. */
  readonly params?: readonly ParamAst[]
  readonly members: readonly MemberAst[]
  readonly blockAttrs: readonly AttributeAst[]
  /** `function f(self) -> T { ... }` inside a class: the expression language, kept as written and ignored. */
  readonly methods?: readonly ExprFnAst[]
  readonly docstring?: string
  readonly span: Span
}

export interface ParamAst {
  readonly name: Ident
  readonly type?: TypeAst
  readonly attrs: readonly AttributeAst[]
  readonly span: Span
}

export interface ValueFieldAst {
  readonly name: Ident
  readonly value?: ValueAst
  readonly attrs: readonly AttributeAst[]
  readonly docstring?: string
  readonly span: Span
}

export type ValueBlockKeyword = 'function' | 'test' | 'client' | 'retry_policy' | 'generator'

export interface TypeBuilderAst {
  readonly kind: 'typeBuilder'
  readonly items: readonly (TypeBlockAst | TypeAliasAst)[]
  readonly span: Span
}

/** function / test / client / retry_policy / generator: `keyword Name (params)? (-> Type)? { key value ... }`. */
export interface ValueBlockAst {
  readonly kind: 'valueBlock'
  readonly keyword: ValueBlockKeyword
  readonly keywordSpan: Span
  /** `client<llm>` was written with its type parameter. */
  readonly clientType?: Ident
  readonly name: Ident
  readonly params?: readonly ParamAst[]
  readonly paramsSpan?: Span
  readonly arrow?: Span
  readonly returnType?: TypeAst
  readonly returnAttrs: readonly AttributeAst[]
  readonly fields: readonly ValueFieldAst[]
  readonly blockAttrs: readonly AttributeAst[]
  readonly typeBuilders: readonly TypeBuilderAst[]
  readonly docstring?: string
  readonly span: Span
}

export interface TemplateStringAst {
  readonly kind: 'templateString'
  /** `template_string` or `string_template`. */
  readonly keyword: Ident
  readonly name: Ident
  readonly params?: readonly ParamAst[]
  readonly body?: ValueAst
  readonly docstring?: string
  readonly span: Span
}

export interface TypeAliasAst {
  readonly kind: 'typeAlias'
  readonly name: Ident
  readonly type: TypeAst
  readonly attrs: readonly AttributeAst[]
  readonly docstring?: string
  readonly span: Span
}

/** `function f(x: int) -> int { let ... }`: the expression language, recognised but not supported. */
export interface ExprFnAst {
  readonly kind: 'exprFn'
  readonly name: Ident
  /** The whole definition as written (printed back verbatim). */
  readonly text: string
  readonly span: Span
}

export type TopItemAst = TypeBlockAst | ValueBlockAst | TemplateStringAst | TypeAliasAst | ExprFnAst

/** A comment as written (`// x`, `/// x`, `{// x //}`); kept so the printer can put it back. */
export interface CommentAst {
  readonly text: string
  readonly span: Span
}

export interface FileAst {
  readonly kind: 'file'
  readonly path: string
  readonly items: readonly TopItemAst[]
  /** Every comment in source order (doc comments too: they are also in `docstring` fields); empty when parsed with `comments: false`. */
  readonly comments: readonly CommentAst[]
  readonly span: Span
}
