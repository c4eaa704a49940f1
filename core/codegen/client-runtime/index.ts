// The runtime of a generated TypeScript client: what `baml generate` bundles into
// baml_client/runtime.mjs (or what the client imports from the package). It runs on Node, Bun,
// Deno, browsers and edge runtimes: no `node:` import, no `eval`, no template compilation.
//
// This file is also the runtime's type declaration: every export is typed with an interface
// declared here, so the declaration file emitted from it stands alone (baml_client/runtime.d.mts).
// Assigning the core's classes to these types makes tsc check that they still fit.
import {
  Audio as CoreAudio,
  BAML_VERSION as CORE_BAML_VERSION,
  BamlAbortError as CoreAbortError,
  BamlClientError as CoreClientError,
  BamlClientFinishReasonError as CoreFinishReasonError,
  BamlClientHttpError as CoreHttpError,
  BamlError as CoreBamlError,
  BamlInvalidArgumentError as CoreInvalidArgumentError,
  BamlTemplateError as CoreTemplateError,
  BamlTimeoutError as CoreTimeoutError,
  BamlValidationError as CoreValidationError,
  ClientRegistry as CoreClientRegistry,
  Collector as CoreCollector,
  Image as CoreImage,
  Pdf as CorePdf,
  TypeBuilder as CoreTypeBuilder,
  Video as CoreVideo,
} from '../../index.ts'
import { ClientRuntimeImpl, HTTPRequestImpl, mergeOptions as mergeCallOptions, workerRuntime, type ProjectModule } from './client.ts'
import { serveIfSyncWorker } from './sync.ts'
import * as observe from './observe.ts'

// ---------------------------------------------------------------------------------------------
// Media

interface MediaFields {
  readonly url?: string
  readonly base64?: string
  /** A path, read when the request is built (Node, Bun and Deno only). */
  readonly file?: string
  readonly mediaType?: string
}
export interface Image extends MediaFields {
  readonly __baml_media: 'image'
}
export interface Audio extends MediaFields {
  readonly __baml_media: 'audio'
}
export interface Pdf extends MediaFields {
  readonly __baml_media: 'pdf'
}
export interface Video extends MediaFields {
  readonly __baml_media: 'video'
}

export interface MediaFactory<M> {
  fromUrl(url: string, mediaType?: string): M
  fromBase64(mediaType: string, base64: string): M
  fromFile(file: string, mediaType?: string): M
}

/** PDFs always carry `application/pdf` unless told otherwise. */
export interface PdfFactory {
  fromUrl(url: string, mediaType?: string): Pdf
  fromBase64(base64: string, mediaType?: string): Pdf
  fromFile(file: string, mediaType?: string): Pdf
}

export const Image: MediaFactory<Image> = CoreImage as MediaFactory<Image>
export const Audio: MediaFactory<Audio> = CoreAudio as MediaFactory<Audio>
export const Video: MediaFactory<Video> = CoreVideo as MediaFactory<Video>
export const Pdf: PdfFactory = CorePdf as PdfFactory

// ---------------------------------------------------------------------------------------------
// Errors (the same classes the core throws, so `instanceof` works)

export interface ErrorClass<E, A extends unknown[]> {
  new (...args: A): E
  readonly prototype: E
}

export interface BamlError extends Error {}
export const BamlError: ErrorClass<BamlError, [message?: string]> = CoreBamlError

/** Bad function arguments, unknown function or client, bad options. */
export interface BamlInvalidArgumentError extends BamlError {}
export const BamlInvalidArgumentError: ErrorClass<BamlInvalidArgumentError, [message?: string]> = CoreInvalidArgumentError

/** A prompt template failed to render. */
export interface BamlTemplateError extends BamlError {}
export const BamlTemplateError: ErrorClass<BamlTemplateError, [message?: string]> = CoreTemplateError

/** The model answered, but its output could not be parsed into the return type (or an assert failed). */
export interface BamlValidationError extends BamlError {
  readonly prompt: string
  readonly raw_output: string
  readonly detailed_message: string
}
export const BamlValidationError: ErrorClass<BamlValidationError, [prompt: string, message: string, raw_output: string, detailed_message?: string]> =
  CoreValidationError

/** The model stopped for a reason the client's finish-reason allow/deny list rejects. */
export interface BamlClientFinishReasonError extends BamlError {
  readonly prompt: string
  readonly raw_output: string
  readonly finish_reason: string | undefined
  readonly detailed_message: string
}
export const BamlClientFinishReasonError: ErrorClass<
  BamlClientFinishReasonError,
  [prompt: string, message: string, raw_output: string, finish_reason: string | undefined, detailed_message?: string]
> = CoreFinishReasonError

export interface BamlClientError extends BamlError {}
export const BamlClientError: ErrorClass<BamlClientError, [message?: string]> = CoreClientError

/** The last attempt failed with a non-2xx status or a transport error (status_code -100 if none). */
export interface BamlClientHttpError extends BamlClientError {
  readonly client_name: string
  readonly status_code: number
  readonly raw_response?: string
  readonly detailed_message: string
}
export const BamlClientHttpError: ErrorClass<
  BamlClientHttpError,
  [client_name: string, message: string, status_code: number, raw_response?: string, detailed_message?: string]
> = CoreHttpError

/** A request, time-to-first-token, idle or total timeout expired. */
export interface BamlTimeoutError extends BamlClientHttpError {}
export const BamlTimeoutError: ErrorClass<BamlTimeoutError, [client_name: string, message: string, detailed_message?: string]> = CoreTimeoutError

/** The caller's AbortSignal fired before or during the call. */
export interface BamlAbortError extends BamlError {
  readonly reason?: unknown
  readonly detailed_message: string
}
export const BamlAbortError: ErrorClass<BamlAbortError, [message: string, reason?: unknown, detailed_message?: string]> = CoreAbortError

// ---------------------------------------------------------------------------------------------
// Collector

export interface Usage {
  readonly inputTokens: number | null
  readonly outputTokens: number | null
  readonly cachedInputTokens: number | null
}

/** One attempt of a call (a client tried once); `selected` marks the one whose answer was used. */
export interface LLMCall {
  readonly index: number
  readonly clientName: string
  readonly provider: string
  readonly stream: boolean
  readonly startMs: number
  readonly endMs: number
  readonly firstTokenMs?: number
  readonly request?: { readonly url: string; readonly method: string; readonly headers: Readonly<Record<string, string>>; readonly body: string }
  readonly response?: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string }
  readonly usage?: Usage
  readonly model?: string
  readonly finishReason?: string
  readonly error?: Error
  readonly selected: boolean
}

export interface FunctionLog {
  readonly id: string
  readonly functionName: string
  readonly logType: 'call' | 'stream'
  readonly timing: { readonly startMs: number; readonly endMs: number; readonly durationMs: number }
  readonly usage: Usage
  readonly calls: readonly LLMCall[]
  readonly rawLlmResponse: string | null
  readonly tags: Readonly<Record<string, string>>
  readonly error?: string
}

export interface Collector {
  readonly name: string
  readonly logs: readonly FunctionLog[]
  readonly last: FunctionLog | undefined
  /** Token totals over every logged call. */
  readonly usage: Usage
  id(functionLogId: string): FunctionLog | undefined
  clear(): void
}
export const Collector: { new (name?: string): Collector; readonly prototype: Collector } = CoreCollector

// ---------------------------------------------------------------------------------------------
// ClientRegistry

export interface ClientRegistry {
  /** Add (or replace) a client: `provider` as in a `client<llm>` block, `options` as its options map. */
  addLlmClient(name: string, provider: string, options?: Record<string, unknown>, retryPolicy?: string): void
  /** Use this client (a registered name, a project client, or "provider/model") for every call. */
  setPrimary(name: string): void
}
export const ClientRegistry: { new (): ClientRegistry; readonly prototype: ClientRegistry } = CoreClientRegistry

// ---------------------------------------------------------------------------------------------
// TypeBuilder

/** A type made with a TypeBuilder's methods (`tb.string()`, `tb.list(...)`, `tb.MyClass.type()`). */
export interface FieldType {
  readonly kind: string
}

export interface PropertyBuilder {
  alias(name: string): PropertyBuilder
  description(text: string): PropertyBuilder
}

export interface ClassBuilder<Name extends string = string, Properties extends string = string> {
  readonly name: string
  /** @internal the names of the class and its known properties, for editors */
  readonly __names?: [Name, Properties]
  addProperty(name: string, type: FieldType): PropertyBuilder
  description(text: string): ClassBuilder<Name, Properties>
  type(): FieldType
}

export interface EnumValueBuilder {
  alias(name: string): EnumValueBuilder
  description(text: string): EnumValueBuilder
  skip(skip?: boolean): EnumValueBuilder
}

export interface EnumBuilder<Name extends string = string, Values extends string = string> {
  readonly name: string
  /** @internal */
  readonly __names?: [Name, Values]
  addValue(name: string): EnumValueBuilder
  type(): FieldType
}

/** A class that is not `@@dynamic`: usable as a type, not extensible. */
export interface ClassViewer<Name extends string = string, Properties extends string = string> {
  readonly name: Name
  type(): FieldType
  listProperties(): Properties[]
}

/** An enum that is not `@@dynamic`. */
export interface EnumViewer<Name extends string = string, Values extends string = string> {
  readonly name: Name
  type(): FieldType
  listValues(): Values[]
}

export interface TypeBuilder {
  string(): FieldType
  int(): FieldType
  float(): FieldType
  bool(): FieldType
  null(): FieldType
  literalString(value: string): FieldType
  literalInt(value: number): FieldType
  literalBool(value: boolean): FieldType
  list(item: FieldType): FieldType
  map(key: FieldType, value: FieldType): FieldType
  union(types: readonly FieldType[]): FieldType
  optional(type: FieldType): FieldType
  /** A new class (must not exist in the project). */
  addClass(name: string): ClassBuilder
  /** A new enum (must not exist in the project). */
  addEnum(name: string): EnumBuilder
  /** An existing `@@dynamic` class, to add properties to. */
  class(name: string): ClassBuilder
  /** An existing `@@dynamic` enum, to add values to. */
  enum(name: string): EnumBuilder
  reset(): void
}
export const TypeBuilder: { new (): TypeBuilder; readonly prototype: TypeBuilder } = CoreTypeBuilder

class Viewer {
  constructor(
    readonly name: string,
    private readonly kind: 'class' | 'enum',
    private readonly names: readonly string[],
  ) {}
  type(): FieldType {
    return { kind: this.kind, name: this.name } as FieldType
  }
  listProperties(): string[] {
    return [...this.names]
  }
  listValues(): string[] {
    return [...this.names]
  }
}

export function classViewer<N extends string, P extends string>(name: N, properties: readonly P[]): ClassViewer<N, P> {
  return new Viewer(name, 'class', properties) as unknown as ClassViewer<N, P>
}

export function enumViewer<N extends string, V extends string>(name: N, values: readonly V[]): EnumViewer<N, V> {
  return new Viewer(name, 'enum', values) as unknown as EnumViewer<N, V>
}

// ---------------------------------------------------------------------------------------------
// Streams, requests and the runtime object generated code calls

/** `b.stream.Fn(...)`: partial values as an async iterable; the final value from `getFinalResponse()`. */
export interface BamlStream<Partial, Final> extends AsyncIterable<Partial> {
  [Symbol.asyncIterator](): AsyncIterator<Partial>
  getFinalResponse(): Promise<Final>
  /** A web ReadableStream of JSON lines: `{"partial": ...}` per partial, then `{"final": ...}`. */
  toStreamable(): ReadableStream<Uint8Array>
}

export interface HTTPBody {
  /** The body as parsed JSON. */
  json(): any
  text(): string
  raw(): ArrayBuffer
}

/** `b.request.Fn(...)`: the request the call would send, api keys included (send it yourself). */
export interface HTTPRequest {
  readonly id: string
  readonly url: string
  readonly method: string
  readonly headers: Record<string, string>
  readonly body: HTTPBody
  toJSON(): { url: string; method: string; headers: Record<string, string>; body: unknown }
  toString(): string
}
export const HTTPRequest: { readonly prototype: HTTPRequest } = HTTPRequestImpl

/** Something that holds a TypeBuilder (the generated `TypeBuilder` class). */
export interface TypeBuilderSource {
  __tb(): TypeBuilder
}

/** Options of every generated method, and of `b.withOptions(...)`. */
export interface BamlCallOptions {
  /** Types added at run time to `@@dynamic` classes and enums. */
  tb?: TypeBuilderSource | TypeBuilder
  clientRegistry?: ClientRegistry
  /** A client name or "provider/model" to use instead of the function's client. */
  client?: string
  collector?: Collector | readonly Collector[]
  /** Merged over the process environment for this call. */
  env?: Record<string, string | undefined>
  tags?: Record<string, string>
  signal?: AbortSignal
}

type Args = Record<string, unknown>

/** Options `b` merges: later ones win, `env` maps are merged key by key. */
export function mergeOptions(a: BamlCallOptions | undefined, b: BamlCallOptions | undefined): BamlCallOptions {
  return mergeCallOptions(a, b)
}

// ---------------------------------------------------------------------------------------------
// Tracing and logging (baml_client/tracing.ts and config.ts). This runtime sends no traces and writes
// no logs: the trace wrappers call straight through, and `onLogEvent` is how to observe calls.

export interface LogEventMetadata {
  readonly eventId: string
  readonly parentId?: string
  readonly rootEventId: string
}

/** One finished function call, as `onLogEvent` callbacks get it. */
export interface BamlLogEvent {
  readonly metadata: LogEventMetadata
  /** The rendered prompt: the chat messages as JSON. */
  readonly prompt?: string
  /** The raw response body of the attempt whose answer was used (else of the last one answered). */
  readonly rawOutput?: string
  /** The parsed value as JSON (absent when the call failed). */
  readonly parsedOutput?: string
  /** When the call started (ISO 8601). */
  readonly startTime: string
}

/** `fn`, wrapped; no trace span is recorded. */
export const traceAsync: <F extends (...args: never[]) => Promise<unknown>>(name: string, fn: F) => F = observe.traceAsync
export const traceSync: <F extends (...args: never[]) => unknown>(name: string, fn: F) => F = observe.traceSync
/** Accepted for compatibility (no trace spans to tag); give calls `{ tags }` to tag their logs. */
export const setTags: (tags: Record<string, string>) => void = observe.setTags
/** Accepted for compatibility (nothing is buffered). */
export const flush: () => void = observe.flush
/** Kept and reported by `getLogLevel` (this runtime writes no logs). */
export const setLogLevel: (level: string) => void = observe.setLogLevel
/** The level set with `setLogLevel`, else `BAML_LOG`, else INFO. */
export const getLogLevel: () => string = observe.getLogLevel
export const setLogJsonMode: (useJson: boolean) => void = observe.setLogJsonMode
export const setLogMaxChunkLength: (length: number) => void = observe.setLogMaxChunkLength

/** What generated code calls: one per generated project. */
export interface ClientRuntime {
  call(fn: string, args: Args, defaults?: BamlCallOptions, options?: BamlCallOptions): Promise<unknown>
  stream(fn: string, args: Args, defaults?: BamlCallOptions, options?: BamlCallOptions): BamlStream<unknown, unknown>
  buildRequest(fn: string, args: Args, stream: boolean, defaults?: BamlCallOptions, options?: BamlCallOptions): Promise<HTTPRequest>
  parse(fn: string, text: string, partial: boolean, defaults?: BamlCallOptions, options?: BamlCallOptions): unknown
  /** Blocks until the call is done (a worker thread runs it); throws where blocking is impossible. */
  callSync(fn: string, args: Args, defaults?: BamlCallOptions, options?: BamlCallOptions): unknown
  buildRequestSync(fn: string, args: Args, stream: boolean, defaults?: BamlCallOptions, options?: BamlCallOptions): HTTPRequest
  /** Environment values every later call sees (under its own `env` option). */
  resetEnv(env: Record<string, string | undefined>): void
  /** `callback` gets one event per finished function call; `undefined` stops the events. */
  onLogEvent(callback: ((event: BamlLogEvent) => void) | undefined): void
}

/** A generated project module (baml_client/project.mjs): serialized IR and precompiled prompts. */
export interface CompiledProject {
  readonly bamlVersion: string
  readonly moduleUrl: string
  readonly ir: object
  readonly templates: object
}

/** The BAML version this runtime implements. */
export const BAML_VERSION: string = CORE_BAML_VERSION

const RUNTIME_URL: string = import.meta.url

export function createRuntime(project: CompiledProject): ClientRuntime {
  return new ClientRuntimeImpl(project as unknown as ProjectModule, RUNTIME_URL)
}

/**
 * Throws when a client generated for BAML `generatedBy` runs on a runtime of another major.minor
 * version (only possible when the runtime comes from the package rather than baml_client/).
 */
export function checkVersion(generatedBy: string): void {
  const mm = (v: string) => v.split('.').slice(0, 2).join('.')
  if (mm(generatedBy) !== mm(BAML_VERSION))
    throw new CoreBamlError(
      `baml_client was generated by BAML ${generatedBy}, but the runtime it imports is ${BAML_VERSION}: major and minor versions must match. Run \`baml generate\` again, or install the matching runtime.`,
    )
}

// Started as the sync client's worker thread: serve calls.
serveIfSyncWorker(async (job) => (await workerRuntime(job.projectUrl, RUNTIME_URL)).runJob(job))
