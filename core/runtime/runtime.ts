// BamlRuntime: the stages joined up. load → render → request → (call | stream) → parse.
// Used by the CLI, the REPL and generated clients; everything here is portable (host access comes in
// through a Host).
import { BamlAbortError, BamlInvalidArgumentError, BamlLoadError, BamlValidationError } from '../errors.ts'
import type { Host } from '../host.ts'
import { loadProject } from '../project.ts'
import type { BamlIR, ClientIR, FunctionIR } from '../ir/types.ts'
import {
  callLlm,
  createRoundRobinState,
  planAttempts,
  streamLlm,
  vertexProjectId,
  type Attempt,
  type AttemptLog,
  type ClientLookup,
  type LlmStreamDelta,
  type RoundRobinState,
} from '../providers/index.ts'
import {
  buildRequest as buildProviderRequest,
  clientRenderContext,
  maskSecrets,
  prepareChatMessages,
  secretValuesOf,
  type BuildRequestOptions,
  type SecretValues,
  type ResolvedLeafClient,
} from '../providers/request/index.ts'
import { createStreamParser, parseLlmOutput } from '../sap/index.ts'
import { formatDiagnostic, type Diagnostic } from '../syntax/diagnostics.ts'
import type { SourceFile } from '../syntax/span.ts'
import type { ChatMessage, HttpRequest, RenderedPrompt } from '../values.ts'
import type { ClientRegistry } from './client-registry.ts'
import type { Collector } from './collector.ts'
import { renderPrompt } from './prompt/index.ts'
import { promptToText } from './prompt-text.ts'
import { sameValue } from './same-value.ts'
import { BamlStream } from './stream.ts'
import type { TypeBuilder } from './type-builder.ts'

export type Env = Readonly<Record<string, string | undefined>>

export interface CallOptions {
  /** Merged over the runtime's environment for this call. */
  readonly env?: Env
  /** A client name or "provider/model" shorthand to use instead of the function's client. */
  readonly client?: string
  readonly clientRegistry?: ClientRegistry
  readonly typeBuilder?: TypeBuilder
  readonly signal?: AbortSignal
  readonly collector?: Collector | readonly Collector[]
  readonly tags?: Readonly<Record<string, string>>
  /** Defaults to the global fetch (model requests and media downloads). */
  readonly fetch?: typeof fetch
  /**
   * `false` refuses to download media URLs whose host is a loopback, private or link-local address (or a
   * name under localhost, .local, .internal), redirects included; so does a client's
   * `allow_private_media_urls false`. Default: allowed, as in the reference.
   *
   * Media URLs are downloaded (and sent as base64) for providers whose `media_url_handler` says so —
   * google-ai, vertex-ai and aws-bedrock by default. As BAML's docs warn, building media from URLs taken
   * from untrusted input exposes you to server-side request forgery: whoever supplies the URL can make your
   * server fetch files on your internal network, reach other networks with your server's identity, or run
   * up your bandwidth bill. Only http, https and data URLs are ever fetched. Host names are not resolved
   * before the check, so this is a guard, not a sandbox: keep URLs from untrusted users to an allow-list.
   */
  readonly allowPrivateMediaUrls?: boolean
}

export interface RequestOptions extends CallOptions {
  readonly stream?: boolean
  /** Keep api keys visible (by default they are masked). */
  readonly exposeSecrets?: boolean
}

export interface ParseOptions {
  readonly partial?: boolean
  readonly typeBuilder?: TypeBuilder
}

function loadError(diagnostics: readonly Diagnostic[], files: Record<string, string>): BamlLoadError {
  const sources = new Map<string, SourceFile>(Object.entries(files).map(([path, text]) => [path, { path, text }]))
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const text = errors.map((d) => formatDiagnostic(d, sources)).join('\n\n')
  return new BamlLoadError(`the BAML project has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${text}`, diagnostics)
}

/** One signal that aborts when either does (AbortSignal.any is missing from Node 20.0–20.2). `unlink` drops the listeners. */
function linkSignals(outer: AbortSignal | undefined, inner: AbortSignal): { signal: AbortSignal; unlink(): void } {
  if (!outer) return { signal: inner, unlink: () => {} }
  const controller = new AbortController()
  const fromOuter = (): void => controller.abort(outer.reason)
  const fromInner = (): void => controller.abort(inner.reason)
  if (outer.aborted) fromOuter()
  else if (inner.aborted) fromInner()
  else {
    outer.addEventListener('abort', fromOuter, { once: true })
    inner.addEventListener('abort', fromInner, { once: true })
  }
  return {
    signal: controller.signal,
    unlink() {
      outer.removeEventListener('abort', fromOuter)
      inner.removeEventListener('abort', fromInner)
    },
  }
}

export class BamlRuntime {
  private readonly roundRobin: RoundRobinState = createRoundRobinState()

  private constructor(
    /** The directory the .baml files were loaded from (as given, e.g. `baml_src`). */
    readonly root: string,
    readonly ir: BamlIR,
    /** Warnings found while loading. */
    readonly diagnostics: readonly Diagnostic[],
    private readonly baseEnv: Env,
    private readonly host: Host,
  ) {}

  /**
   * Load from file contents keyed by path (e.g. `baml_src/main.baml`), as the reference's
   * `BamlRuntime.fromFiles('baml_src', files, env)`. Throws BamlLoadError.
   */
  static fromFiles(root: string, files: Record<string, string>, env: Env = {}, host: Host = {}): BamlRuntime {
    const { ir, diagnostics } = loadProject(files)
    if (!ir) throw loadError(diagnostics, files)
    return new BamlRuntime(root, ir, diagnostics, env, host)
  }

  /**
   * A runtime over an IR that was already loaded and validated elsewhere (a generated client ships
   * its project as a serialized IR, so it parses no .baml at run time).
   */
  static fromIR(root: string, ir: BamlIR, env: Env = {}, host: Host = {}): BamlRuntime {
    return new BamlRuntime(root, ir, [], env, host)
  }

  /** Load every .baml file under `dir` through the host. Throws BamlLoadError. */
  static async fromDirectory(dir: string, host: Host, env?: Env): Promise<BamlRuntime> {
    if (!host.listBamlFiles) throw new BamlInvalidArgumentError('this host cannot list files')
    const files = await host.listBamlFiles(dir)
    return BamlRuntime.fromFiles(dir, files, env ?? host.env?.() ?? {}, host)
  }

  /** The host's clock (timings in collectors and attempt logs). */
  private now(): number {
    return this.host.now ? this.host.now() : Date.now()
  }

  functionNames(): string[] {
    return [...this.ir.functions.keys()]
  }

  private fn(name: string): FunctionIR {
    const fn = this.ir.functions.get(name)
    if (!fn) {
      const known = this.functionNames()
      throw new BamlInvalidArgumentError(`function \`${name}\` does not exist${known.length ? ` (known: ${known.join(', ')})` : ''}`)
    }
    return fn
  }

  private irFor(tb: TypeBuilder | undefined): BamlIR {
    return tb ? tb.apply(this.ir) : this.ir
  }

  private envFor(opts: CallOptions): Env {
    return opts.env ? { ...this.baseEnv, ...opts.env } : this.baseEnv
  }

  /** Project clients plus the registry's; the client name to call. */
  private clients(fn: FunctionIR, opts: CallOptions): { lookup: ClientLookup; clientName: string } {
    const reg = opts.clientRegistry
    const lookup: ClientLookup = reg?.clients.size
      ? { clients: new Map([...this.ir.clients, ...reg.clients]), retryPolicies: this.ir.retryPolicies }
      : this.ir
    return { lookup, clientName: opts.client ?? reg?.primary ?? fn.client }
  }

  /** The leaf client a render/request uses when no call is made: the first planned attempt's. */
  private firstLeaf(lookup: ClientLookup, clientName: string, env: Env): ResolvedLeafClient {
    const first = planAttempts(lookup, clientName, createRoundRobinState(), { env })[0]
    if (!first) throw new BamlInvalidArgumentError(`client ${clientName} has no clients to call`)
    if (first.resolveError) throw first.resolveError
    return first.resolved!
  }

  private render(ir: BamlIR, fn: FunctionIR, args: Readonly<Record<string, unknown>>, resolved: ResolvedLeafClient, tags?: Readonly<Record<string, string>>) {
    const prompt = renderPrompt(ir, fn.name, args, clientRenderContext(resolved), tags ? { tags } : {})
    return { prompt, resolved }
  }

  /** Render for the client a call would try first (no call is made). */
  private preview(fnName: string, args: Readonly<Record<string, unknown>>, opts: CallOptions) {
    const fn = this.fn(fnName)
    const env = this.envFor(opts)
    const { lookup, clientName } = this.clients(fn, opts)
    return { ...this.render(this.irFor(opts.typeBuilder), fn, args, this.firstLeaf(lookup, clientName, env), opts.tags), env }
  }

  /** The rendered prompt (chat messages or completion text) for the function's (or the given) client. */
  renderPrompt(fnName: string, args: Readonly<Record<string, unknown>>, opts: CallOptions = {}): RenderedPrompt {
    return this.preview(fnName, args, opts).prompt
  }

  /**
   * The chat messages as the first client would be sent them, each with the role it is sent with:
   * same-role neighbours merged, a prompt without roles as one message in the client's default role,
   * and for providers that take one system message, later system messages as user messages.
   */
  renderMessages(fnName: string, args: Readonly<Record<string, unknown>>, opts: CallOptions = {}): ChatMessage[] {
    const { prompt, resolved } = this.preview(fnName, args, opts)
    return prepareChatMessages(prompt, resolved)
  }

  /** The HTTP request the call would send (first attempt), api keys masked unless `exposeSecrets`. */
  async buildRequest(fnName: string, args: Readonly<Record<string, unknown>>, opts: RequestOptions = {}): Promise<HttpRequest> {
    const { prompt, resolved, env } = this.preview(fnName, args, opts)
    const req = await buildProviderRequest(resolved, prompt, this.requestIO(opts, env, opts.stream ?? false))
    return opts.exposeSecrets ? req : maskSecrets(req, resolved)
  }

  /** What building a request may need from outside: files, fetch, and a Vertex project read from credentials. */
  private requestIO(opts: CallOptions, env: Env, stream: boolean, signal?: AbortSignal): BuildRequestOptions {
    const fetch = opts.fetch
    const readTextFile = this.host.readTextFile
    return {
      stream,
      ...(opts.allowPrivateMediaUrls !== undefined ? { allowPrivateMediaUrls: opts.allowPrivateMediaUrls } : {}),
      ...(signal ? { signal } : {}),
      ...(this.host.readFile ? { readFile: this.host.readFile } : {}),
      ...(fetch ? { fetch } : {}),
      gcpProjectId: (vertex) => vertexProjectId(vertex, { env, ...(fetch ? { fetch } : {}), ...(readTextFile ? { readTextFile } : {}) }),
    }
  }

  /** Parse model output against the function's return type (final, or partial while streaming). */
  parse(fnName: string, text: string, opts: ParseOptions = {}): unknown {
    const fn = this.fn(fnName)
    return parseLlmOutput(this.irFor(opts.typeBuilder), fn.returnType, text, { partial: opts.partial === true })
  }

  /** An incremental parser: push chunks, get partial values; end() gives the final value. */
  streamParser(fnName: string, opts: Omit<ParseOptions, 'partial'> = {}) {
    const fn = this.fn(fnName)
    return createStreamParser(this.irFor(opts.typeBuilder), fn.returnType)
  }

  private callSetup(fnName: string, args: Readonly<Record<string, unknown>>, opts: CallOptions, signal: AbortSignal | undefined = opts.signal) {
    const fn = this.fn(fnName)
    if (opts.signal?.aborted) throw new BamlAbortError('the call was aborted before it started', opts.signal.reason)
    const env = this.envFor(opts)
    const ir = this.irFor(opts.typeBuilder)
    const { lookup, clientName } = this.clients(fn, opts)
    let promptText = ''
    // What collector logs' JSON form masks: the keys and env values of every client this call built.
    const secrets = new Set<string>()
    const envValues = new Set<string>()
    const common = {
      lookup,
      clientName,
      roundRobin: this.roundRobin,
      env,
      buildRequest: async (_client: ClientIR, ctx: { readonly stream: boolean; readonly attempt: Attempt; readonly signal: AbortSignal }) => {
        // The strategy runner resolved the attempt's client (an attempt whose options fail never gets here).
        const { prompt, resolved } = this.render(ir, fn, args, ctx.attempt.resolved!, opts.tags)
        const sv = secretValuesOf(resolved)
        for (const s of sv.secrets) secrets.add(s)
        for (const v of sv.envValues) envValues.add(v)
        const missing = resolved.missingEnv
        if (missing?.length) {
          const many = missing.length > 1
          throw new BamlInvalidArgumentError(`client ${resolved.name} needs environment variable${many ? 's' : ''} ${missing.join(', ')}, which ${many ? 'are' : 'is'} not set`)
        }
        promptText = promptToText(prompt)
        return buildProviderRequest(resolved, prompt, this.requestIO(opts, env, ctx.stream, ctx.signal))
      },
      parse: (response: { content: string }) => {
        try {
          return parseLlmOutput(ir, fn.returnType, response.content)
        } catch (e) {
          if (e instanceof BamlValidationError) throw new BamlValidationError(promptText, e.message, response.content, e.detailed_message)
          throw e
        }
      },
      get prompt() {
        return promptText
      },
      ...(signal ? { signal } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(this.host.readTextFile ? { readTextFile: this.host.readTextFile } : {}),
      ...(this.host.now ? { now: this.host.now } : {}),
    }
    const secretValues = (): SecretValues => ({ secrets: [...secrets], envValues: [...envValues] })
    return { fn, ir, common, secretValues }
  }

  private record(
    opts: CallOptions,
    fnName: string,
    logType: 'call' | 'stream',
    startMs: number,
    log: readonly AttemptLog[],
    secrets: SecretValues,
    error?: Error,
  ): void {
    if (!opts.collector) return
    const collectors = Array.isArray(opts.collector) ? opts.collector : [opts.collector as Collector]
    const endMs = this.now()
    const selected = log.find((l) => l.selected)
    for (const c of collectors)
      c.record({
        functionName: fnName,
        logType,
        timing: { startMs, endMs, durationMs: endMs - startMs },
        calls: log,
        rawLlmResponse: selected?.response?.body ?? null,
        tags: opts.tags ?? {},
        ...(error ? { error: error.message } : {}),
      }, secrets)
  }

  /** Call the function: render, send (with retries and fallbacks), parse. */
  async call(fnName: string, args: Readonly<Record<string, unknown>>, opts: CallOptions = {}): Promise<unknown> {
    const startMs = this.now()
    const { common, secretValues } = this.callSetup(fnName, args, opts)
    const outcome = await callLlm(common)
    this.record(opts, fnName, 'call', startMs, outcome.log, secretValues(), outcome.ok ? undefined : outcome.error)
    if (!outcome.ok) throw outcome.error
    return outcome.value
  }

  /**
   * Stream the function: an async iterable of partial values (each emitted as chunks arrive, equal
   * consecutive values dropped), then `getFinalResponse()` for the final parsed value.
   */
  stream(fnName: string, args: Readonly<Record<string, unknown>>, opts: CallOptions = {}): BamlStream<unknown, unknown> {
    return new BamlStream((emit, cancelled) => this.runStream(fnName, args, opts, emit, cancelled))
  }

  private async runStream(
    fnName: string,
    args: Readonly<Record<string, unknown>>,
    opts: CallOptions,
    emit: (partial: unknown) => void,
    cancelled: AbortSignal,
  ): Promise<unknown> {
    const startMs = this.now()
    // Aborts when the caller's signal does or when the consumer leaves the stream early.
    const link = linkSignals(opts.signal, cancelled)
    try {
      return await this.streamWith(fnName, args, opts, emit, startMs, link.signal)
    } finally {
      link.unlink()
    }
  }

  private async streamWith(
    fnName: string,
    args: Readonly<Record<string, unknown>>,
    opts: CallOptions,
    emit: (partial: unknown) => void,
    startMs: number,
    signal: AbortSignal,
  ): Promise<unknown> {
    const { fn, ir, common, secretValues } = this.callSetup(fnName, args, opts, signal)
    let parser = createStreamParser(ir, fn.returnType)
    let attemptIndex = -1
    let last: unknown = undefined
    const onEvent = (ev: LlmStreamDelta, attempt: { readonly index: number }) => {
      if (attempt.index !== attemptIndex || ev.replaced) {
        // A new attempt (or a provider that replaced the text) starts over.
        attemptIndex = attempt.index
        parser = createStreamParser(ir, fn.returnType)
        last = undefined
      }
      const text = ev.replaced ? ev.content : ev.delta
      if (!text) return
      const v = parser.push(text)
      if (v !== undefined && !sameValue(v, last)) emit((last = v))
    }
    // Object.assign keeps `common.prompt` a live getter (a spread would freeze it at '').
    const outcome = await streamLlm(Object.assign(common, { onEvent }))
    this.record(opts, fnName, 'stream', startMs, outcome.log, secretValues(), outcome.ok ? undefined : outcome.error)
    if (!outcome.ok) throw outcome.error
    return outcome.value
  }
}
