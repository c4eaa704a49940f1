// The public API of the portable core.
export { BamlRuntime, type CallOptions, type RequestOptions, type ParseOptions, type Env } from './runtime/runtime.ts'
export { BamlStream } from './runtime/stream.ts'
export { ClientRegistry } from './runtime/client-registry.ts'
export { Collector, type FunctionLog, type Usage } from './runtime/collector.ts'
export { TypeBuilder, ClassBuilder, EnumBuilder } from './runtime/type-builder.ts'
export { promptToText } from './runtime/prompt-text.ts'
// For code generators: the prompt template source each function renders, precompiled, and how a
// generated client registers the precompiled form (so it never compiles templates at run time).
export { precompilePrompts, promptTemplateSource } from './runtime/prompt/index.ts'
export { registerCompiledTemplate, type EtaTemplateFn } from './template/index.ts'
export { loadProject, checkProject } from './project.ts'
export type { LoadResult } from './ir/load.ts'
export type * from './ir/types.ts'
export { formatDiagnostic, location, escapeControls, type Diagnostic, type Severity, type PrintOptions } from './syntax/diagnostics.ts'
export { lineColAt, type SourceFile, type Span, type LineCol } from './syntax/span.ts'
export * from './errors.ts'
export { Image, Audio, Pdf, Video, isMedia, type BamlMedia, type BamlValue, type ChatMessage, type ChatPart, type HttpRequest, type JsonValue, type RenderedPrompt } from './values.ts'
export type { Host } from './host.ts'
export { BAML_VERSION, PACKAGE_VERSION } from './version.ts'
export * from './testing/index.ts'
// Code generation (baml generate): generator blocks → client files.
export { generateClients, needsRuntime, versionMismatch, type GenerateResult, type GeneratedClient, type GeneratorProblem, type RuntimeBundle } from './codegen/index.ts'
