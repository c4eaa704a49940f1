// The validated model of a BAML project: what the loader (core/syntax, then core/ir/load.ts)
// produces and what every later stage (format, template rendering, SAP, providers, codegen)
// consumes. Plain data only: no methods, no classes, so any stage can build one by hand in tests.
import type { Span, SourceFile } from '../syntax/span.ts'

export type PrimitiveName = 'string' | 'int' | 'float' | 'bool' | 'null'
export type MediaKind = 'image' | 'audio' | 'pdf' | 'video'

/** A `@check(name, {{ expr }})` or `@assert(name?, {{ expr }})` attached to a type. */
export interface Constraint {
  readonly level: 'check' | 'assert'
  /** Required for checks, optional for asserts. */
  readonly label?: string
  /**
   * The Jinja expression between `{{` and `}}`, trimmed; `this` is the value. As in the reference,
   * each backslash written in the source is doubled (`"\d"` in .baml reaches Jinja as `"\\d"`).
   */
  readonly expression: string
  readonly span?: Span
}

/** Attributes that sit on a type occurrence (from a field, an alias, a return type or inline). */
export interface TypeAttrs {
  readonly constraints?: readonly Constraint[]
  /** `@stream.done`: the value only appears once complete. */
  readonly streamDone?: boolean
  /** `@stream.not_null`: while streaming, hold back the parent until this is present. */
  readonly streamNotNull?: boolean
  /** `@stream.with_state`: partial results wrap the value as `{state, value}`. */
  readonly streamWithState?: boolean
}

interface TypeBase {
  readonly attrs?: TypeAttrs
}

/**
 * A type. `T?` is represented as `union [T, null]` (null last).
 * Non-recursive type aliases are expanded in place by the loader; an `alias` node only appears for
 * aliases that take part in a cycle (e.g. `type JSON = string | JSON[] | map<string, JSON>`).
 */
export type TypeIR =
  | (TypeBase & { readonly kind: 'primitive'; readonly name: PrimitiveName })
  | (TypeBase & { readonly kind: 'media'; readonly name: MediaKind })
  | (TypeBase & { readonly kind: 'literal'; readonly value: string | number | boolean })
  | (TypeBase & { readonly kind: 'class'; readonly name: string })
  | (TypeBase & { readonly kind: 'enum'; readonly name: string })
  | (TypeBase & { readonly kind: 'alias'; readonly name: string })
  | (TypeBase & { readonly kind: 'list'; readonly item: TypeIR })
  | (TypeBase & { readonly kind: 'map'; readonly key: TypeIR; readonly value: TypeIR })
  | (TypeBase & { readonly kind: 'union'; readonly options: readonly TypeIR[] })

export interface FieldIR {
  /** The real name (what parsed values are keyed by). */
  readonly name: string
  /** `@alias("x")`: the name shown to the model and matched in its output. */
  readonly alias?: string
  readonly description?: string
  /** `@skip`: never rendered, never parsed (the field must be optional). */
  readonly skip?: boolean
  /** The field's type; field-level `@check/@assert/@stream.*` are merged into `type.attrs`. */
  readonly type: TypeIR
  /** `///` comments above the field. */
  readonly docstring?: string
  readonly span: Span
}

export interface ClassIR {
  readonly name: string
  readonly alias?: string
  readonly description?: string
  readonly fields: readonly FieldIR[]
  /** `@@dynamic`: a TypeBuilder may add fields at run time. */
  readonly dynamic?: boolean
  /** `@@check/@@assert/@@stream.done` apply wherever the class is used. */
  readonly attrs?: TypeAttrs
  readonly docstring?: string
  readonly span: Span
}

export interface EnumValueIR {
  readonly name: string
  readonly alias?: string
  readonly description?: string
  readonly skip?: boolean
  readonly docstring?: string
  readonly span: Span
}

export interface EnumIR {
  readonly name: string
  readonly alias?: string
  readonly description?: string
  readonly values: readonly EnumValueIR[]
  readonly dynamic?: boolean
  readonly attrs?: TypeAttrs
  readonly docstring?: string
  readonly span: Span
}

export interface TypeAliasIR {
  readonly name: string
  /** The aliased type, with aliases inside it expanded except recursive ones. */
  readonly type: TypeIR
  /** True when the alias takes part in a cycle (then references stay as `alias` nodes). */
  readonly recursive: boolean
  readonly docstring?: string
  readonly span: Span
}

export interface ParamIR {
  readonly name: string
  readonly type: TypeIR
  readonly span: Span
}

/** The body of a `#"..."#` string as written, with where it sits in its file. */
export interface TemplateText {
  /** The characters between the delimiters, untouched (no dedent, no trim). */
  readonly raw: string
  /** File and offset of `raw[0]`. Use `core/syntax/strings.ts` to dedent and map offsets back. */
  readonly span: Span
}

export interface FunctionIR {
  readonly name: string
  readonly params: readonly ParamIR[]
  readonly returnType: TypeIR
  /** A client name, or a `"provider/model"` shorthand. */
  readonly client: string
  readonly clientSpan: Span
  readonly prompt: TemplateText
  readonly docstring?: string
  readonly span: Span
}

export interface TemplateStringIR {
  readonly name: string
  readonly params: readonly ParamIR[]
  readonly body: TemplateText
  readonly docstring?: string
  readonly span: Span
}

/** A value as written in config blocks (client options, generator fields, test args). */
export type ConfigValue =
  | { readonly kind: 'string'; readonly value: string; readonly quoted: 'double' | 'block' | 'none'; readonly span: Span }
  | { readonly kind: 'number'; readonly value: number; readonly isInt: boolean; readonly span: Span }
  | { readonly kind: 'bool'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'null'; readonly span: Span }
  /** `env.NAME`, resolved per call from the environment. */
  | { readonly kind: 'env'; readonly name: string; readonly span: Span }
  /** A bare word that is not a string/bool/env (e.g. `openai`, `constant_delay`, `ClientA`). */
  | { readonly kind: 'ident'; readonly name: string; readonly span: Span }
  | { readonly kind: 'array'; readonly items: readonly ConfigValue[]; readonly span: Span }
  | { readonly kind: 'map'; readonly entries: readonly ConfigEntry[]; readonly span: Span }

export interface ConfigEntry {
  readonly key: string
  readonly keySpan: Span
  readonly value: ConfigValue
}

export type ProviderName =
  | 'openai'
  | 'openai-generic'
  | 'openai-responses'
  | 'azure-openai'
  | 'ollama'
  | 'openrouter'
  | 'anthropic'
  | 'google-ai'
  | 'vertex-ai'
  | 'aws-bedrock'
  | 'fallback'
  | 'round-robin'

export interface ClientIR {
  readonly name: string
  /** Canonical provider name (legacy aliases such as `baml-openai-chat` are mapped). */
  readonly provider: ProviderName
  readonly retryPolicy?: string
  /** The `options { ... }` map, unresolved (env refs stay `env` nodes). Empty map if absent. */
  readonly options: Extract<ConfigValue, { kind: 'map' }>
  readonly docstring?: string
  readonly span: Span
}

export type RetryStrategyIR =
  | { readonly type: 'constant_delay'; readonly delayMs: number }
  | { readonly type: 'exponential_backoff'; readonly delayMs: number; readonly multiplier: number; readonly maxDelayMs: number }

export interface RetryPolicyIR {
  readonly name: string
  readonly maxRetries: number
  readonly strategy: RetryStrategyIR
  readonly options?: Extract<ConfigValue, { kind: 'map' }>
  readonly span: Span
}

export interface GeneratorIR {
  readonly name: string
  readonly outputType: string
  /** Relative to the directory holding the generator's file's baml_src root; default `../`. */
  readonly outputDir: string
  readonly version: string
  readonly defaultClientMode?: 'sync' | 'async'
  readonly onGenerate?: string
  readonly moduleFormat?: 'cjs' | 'esm'
  readonly clientPackageName?: string
  readonly project?: string
  readonly span: Span
}

/** `type_builder { ... }` inside a test. */
export interface TestTypeBuilderIR {
  /** New classes and enums (`class X {}` / `enum Y {}`). */
  readonly classes: readonly ClassIR[]
  readonly enums: readonly EnumIR[]
  /** `dynamic class X { extra string }`: fields added to an existing `@@dynamic` class. */
  readonly extendClasses: readonly { readonly name: string; readonly fields: readonly FieldIR[]; readonly span: Span }[]
  /** `dynamic enum Y { NEW }`: values added to an existing `@@dynamic` enum. */
  readonly extendEnums: readonly { readonly name: string; readonly values: readonly EnumValueIR[]; readonly span: Span }[]
  readonly typeAliases: readonly TypeAliasIR[]
  readonly span: Span
}

export interface TestIR {
  readonly name: string
  readonly functions: readonly { readonly name: string; readonly span: Span }[]
  /** `args { name value ... }` in order. */
  readonly args: readonly ConfigEntry[]
  readonly typeBuilder?: TestTypeBuilderIR
  /** `@@check` / `@@assert` on the test block (see `_.result`, `_.checks`, args by name). */
  readonly constraints: readonly Constraint[]
  readonly docstring?: string
  readonly span: Span
}

/** A whole validated project. Maps keep declaration order (file order, then position). */
export interface BamlIR {
  readonly files: ReadonlyMap<string, SourceFile>
  readonly classes: ReadonlyMap<string, ClassIR>
  readonly enums: ReadonlyMap<string, EnumIR>
  readonly typeAliases: ReadonlyMap<string, TypeAliasIR>
  readonly functions: ReadonlyMap<string, FunctionIR>
  readonly templateStrings: ReadonlyMap<string, TemplateStringIR>
  readonly clients: ReadonlyMap<string, ClientIR>
  readonly retryPolicies: ReadonlyMap<string, RetryPolicyIR>
  readonly generators: readonly GeneratorIR[]
  readonly tests: readonly TestIR[]
  /** Classes that can reach themselves through fields (always hoisted in ctx.output_format). */
  readonly recursiveClasses: ReadonlySet<string>
}
