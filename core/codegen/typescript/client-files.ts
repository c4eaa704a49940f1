// The call surface: async_client.ts (`b`), sync_client.ts, async_request.ts and sync_request.ts
// (`b.request`, `b.streamRequest`), parser.ts (`b.parse`, `b.parseStream`). Every method takes the
// function's parameters positionally, then the call options, and hands a named-argument object to
// the runtime (globals.ts).
import type { FunctionIR } from '../../index.ts'
import { file, type TsContext } from './context.ts'
import { docComment, key, localName, str } from './names.ts'
import { MEDIA_TYPES, finalType, isOptional, partialType, type TypeNames } from './type-expr.ts'

const NAMES: TypeNames = { types: 'types.', partial: 'partial_types.' }
const OPTIONS = '__baml_options__?: BamlCallOptions'

const WIDTH = 110

/** `head(a, b, c)tail` on one line, or with one item per line when that is too long (pushed onto `out`). */
function wrapped(out: string[], indent: string, head: string, items: readonly string[], tail: string): void {
  const one = `${indent}${head}(${items.join(', ')})${tail}`
  if (one.length <= WIDTH || items.length === 0) {
    out.push(one)
    return
  }
  out.push(`${indent}${head}(`)
  for (let i = 0; i < items.length; i++) out.push(`${indent}  ${items[i]},`)
  out.push(`${indent})${tail}`)
}

function pushAll(out: string[], lines: readonly string[]): void {
  for (let i = 0; i < lines.length; i++) out.push(lines[i]!)
}

interface Method {
  readonly fn: FunctionIR
  /** `a: string`, `b?: number | null`, the options */
  readonly params: readonly string[]
  /** `{ a, "b": b ?? null }` */
  readonly args: string
  readonly returns: string
  readonly partial: string
}

function method(fn: FunctionIR, ctx: TsContext): Method {
  const ps = fn.params.map((p) => ({ name: p.name, local: localName(p.name), type: finalType(p.type, ctx.ir, NAMES), optional: isOptional(p.type) }))
  // A parameter may be left out only if every one after it may be too.
  let trailingOptional = ps.length
  while (trailingOptional > 0 && ps[trailingOptional - 1]!.optional) trailingOptional--
  const params = ps.map((p, i) => `${p.local}${p.optional && i >= trailingOptional ? '?' : ''}: ${p.type}`)
  const args = ps.map((p) => {
    const value = p.optional ? `${p.local} ?? null` : p.local
    return value === p.name ? p.name : `${key(p.name)}: ${value}`
  })
  return {
    fn,
    params: [...params, OPTIONS],
    args: args.length ? `{ ${args.join(', ')} }` : '{}',
    returns: finalType(fn.returnType, ctx.ir, NAMES),
    partial: partialType(fn.returnType, ctx.ir, NAMES),
  }
}

const methodCache = new WeakMap<TsContext, Method[]>()

/** Every function's method shape (computed once per generated client: five files use them). */
function methods(ctx: TsContext): Method[] {
  let ms = methodCache.get(ctx)
  if (!ms) methodCache.set(ctx, (ms = [...ctx.ir.functions.values()].map((f) => method(f, ctx))))
  return ms
}

/** Whether `text` mentions `name` as a whole word (not as part of a longer name or a property). */
export function mentions(text: string, name: string): boolean {
  const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 32
    const after = text.charCodeAt(at + name.length)
    if (!isWord(before) && before !== 46 && (name.endsWith('.') || !isWord(after))) return true
  }
  return false
}

/**
 * The import lines a file body needs: `values` and `types` from the runtime (each kept only if the
 * body mentions it), the media types, and the generated `types` / `partial_types` modules.
 */
function importsFor(ctx: TsContext, body: readonly string[], values: readonly string[], types: readonly string[]): string[] {
  const text = body.join('\n')
  const uses = (name: string) => mentions(text, name)
  const media = Object.values(MEDIA_TYPES)
  const typeNames = [...types, ...media].filter(uses).sort()
  const valueNames = values.filter(uses).sort()
  const out: string[] = []
  if (typeNames.length) out.push(`import type { ${typeNames.join(', ')} } from ${str(ctx.runtimeModule)}`)
  if (valueNames.length) out.push(`import { ${valueNames.join(', ')} } from ${str(ctx.runtimeModule)}`)
  if (uses('types.')) out.push(`import type * as types from ${str(ctx.rel('types'))}`)
  if (uses('partial_types.')) out.push(`import type { partial_types } from ${str(ctx.rel('partial_types'))}`)
  return out
}

function doc(m: Method): string[] {
  return docComment(m.fn.docstring, '  ')
}

export function asyncClientFile(ctx: TsContext): string {
  const ms = methods(ctx)
  const calls: string[] = []
  const streams: string[] = []
  for (const m of ms) {
    pushAll(calls, doc(m))
    wrapped(calls, '  ', `async ${m.fn.name}`, m.params, `: Promise<${m.returns}> {`)
    wrapped(calls, '    ', 'return (await runtime.call', [str(m.fn.name), m.args, 'this.options', '__baml_options__'], `) as ${m.returns}`)
    calls.push('  }', '')
    pushAll(streams, doc(m))
    wrapped(streams, '  ', m.fn.name, m.params, `: BamlStream<${m.partial}, ${m.returns}> {`)
    wrapped(streams, '    ', 'return runtime.stream', [str(m.fn.name), m.args, 'this.options', '__baml_options__'], ` as BamlStream<${m.partial}, ${m.returns}>`)
    streams.push('  }', '')
  }
  const example = ms[0]?.fn.name ?? 'MyFunction'
  const body = [
    'export type { BamlCallOptions }',
    '',
    `/** Calls BAML functions and waits for their results: \`await b.${example}(...)\`. */`,
    'export class BamlAsyncClient {',
    '  private readonly options: BamlCallOptions',
    '  /** `b.stream.Fn(...)`: partial values as they arrive, then the final one. */',
    '  readonly stream: BamlStreamClient',
    '  /** `b.request.Fn(...)`: the HTTP request a call would send. */',
    '  readonly request: AsyncHttpRequest',
    '  /** `b.streamRequest.Fn(...)`: the HTTP request a streaming call would send. */',
    '  readonly streamRequest: AsyncHttpStreamRequest',
    "  /** `b.parse.Fn(text)`: a model's answer parsed into the function's return type. */",
    '  readonly parse: LlmResponseParser',
    '  /** `b.parseStream.Fn(text)`: a partial answer parsed into the streaming type. */',
    '  readonly parseStream: LlmStreamParser',
    '',
    '  constructor(options: BamlCallOptions = {}) {',
    '    this.options = options',
    '    this.stream = new BamlStreamClient(options)',
    '    this.request = new AsyncHttpRequest(options)',
    '    this.streamRequest = new AsyncHttpStreamRequest(options)',
    '    this.parse = new LlmResponseParser(options)',
    '    this.parseStream = new LlmStreamParser(options)',
    '  }',
    '',
    "  /** A client whose calls use these options (merged over this client's; a call's own options win). */",
    '  withOptions(options: BamlCallOptions): BamlAsyncClient {',
    '    return new BamlAsyncClient(mergeOptions(this.options, options))',
    '  }',
    '',
    '  /** The name the docs use for `streamRequest`. */',
    '  get stream_request(): AsyncHttpStreamRequest {',
    '    return this.streamRequest',
    '  }',
    '',
    '  /** The name the docs use for `parseStream`. */',
    '  get parse_stream(): LlmStreamParser {',
    '    return this.parseStream',
    '  }',
    '',
    ...calls,
    '}',
    '',
    'export class BamlStreamClient {',
    '  constructor(readonly options: BamlCallOptions = {}) {}',
    '',
    ...streams,
    '}',
    '',
    'export const b = new BamlAsyncClient()',
  ]
  return file([
    ...importsFor(ctx, body, ['mergeOptions'], ['BamlCallOptions', 'BamlStream']),
    `import { AsyncHttpRequest, AsyncHttpStreamRequest } from ${str(ctx.rel('async_request'))}`,
    ...(calls.length ? [`import { runtime } from ${str(ctx.rel('globals'))}`] : []),
    `import { LlmResponseParser, LlmStreamParser } from ${str(ctx.rel('parser'))}`,
    '',
    ...body,
  ])
}

export function syncClientFile(ctx: TsContext): string {
  const ms = methods(ctx)
  const calls: string[] = []
  for (const m of ms) {
    pushAll(calls, doc(m))
    wrapped(calls, '  ', m.fn.name, m.params, `: ${m.returns} {`)
    wrapped(calls, '    ', 'return runtime.callSync', [str(m.fn.name), m.args, 'this.options', '__baml_options__'], ` as ${m.returns}`)
    calls.push('  }', '')
  }
  const body = [
    'export type { BamlCallOptions }',
    '',
    '/**',
    ' * Calls BAML functions and blocks until their results arrive: `b.Fn(...)` returns the value',
    ' * itself. Runs on Node, Bun and Deno (a worker thread makes the call); in a browser or an edge',
    ' * runtime, where a thread may not block, use the async client.',
    ' */',
    'export class BamlSyncClient {',
    '  private readonly options: BamlCallOptions',
    '  readonly request: HttpRequest',
    '  readonly streamRequest: HttpStreamRequest',
    '  readonly parse: LlmResponseParser',
    '  readonly parseStream: LlmStreamParser',
    '',
    '  constructor(options: BamlCallOptions = {}) {',
    '    this.options = options',
    '    this.request = new HttpRequest(options)',
    '    this.streamRequest = new HttpStreamRequest(options)',
    '    this.parse = new LlmResponseParser(options)',
    '    this.parseStream = new LlmStreamParser(options)',
    '  }',
    '',
    "  /** A client whose calls use these options (merged over this client's; a call's own options win). */",
    '  withOptions(options: BamlCallOptions): BamlSyncClient {',
    '    return new BamlSyncClient(mergeOptions(this.options, options))',
    '  }',
    '',
    '  /** Streaming needs the async client. */',
    '  get stream(): never {',
    '    throw new BamlError("stream is not available in the sync client; use `import { b } from \'./baml_client/async_client\'`")',
    '  }',
    '',
    '  get stream_request(): HttpStreamRequest {',
    '    return this.streamRequest',
    '  }',
    '',
    '  get parse_stream(): LlmStreamParser {',
    '    return this.parseStream',
    '  }',
    '',
    ...calls,
    '}',
    '',
    'export const b = new BamlSyncClient()',
  ]
  return file([
    ...importsFor(ctx, body, ['BamlError', 'mergeOptions'], ['BamlCallOptions']),
    ...(calls.length ? [`import { runtime } from ${str(ctx.rel('globals'))}`] : []),
    `import { LlmResponseParser, LlmStreamParser } from ${str(ctx.rel('parser'))}`,
    `import { HttpRequest, HttpStreamRequest } from ${str(ctx.rel('sync_request'))}`,
    '',
    ...body,
  ])
}

function requestFile(ctx: TsContext, sync: boolean): string {
  const ms = methods(ctx)
  const body: string[] = []
  const cls = (name: string, stream: boolean) => {
    body.push(
      `/** The HTTP request${stream ? ' a streaming call' : ' a call'} would send, with the real API key: send it yourself. */`,
      `export class ${name} {`,
      '  constructor(readonly options: BamlCallOptions = {}) {}',
      '',
    )
    for (const m of ms) {
      pushAll(body, doc(m))
      wrapped(body, '  ', `${sync ? '' : 'async '}${m.fn.name}`, m.params, sync ? ': HTTPRequest {' : ': Promise<HTTPRequest> {')
      wrapped(body, '    ', `return runtime.${sync ? 'buildRequestSync' : 'buildRequest'}`, [str(m.fn.name), m.args, String(stream), 'this.options', '__baml_options__'], '')
      body.push('  }', '')
    }
    body.push('}', '')
  }
  cls(sync ? 'HttpRequest' : 'AsyncHttpRequest', false)
  cls(sync ? 'HttpStreamRequest' : 'AsyncHttpStreamRequest', true)
  return file([
    ...importsFor(ctx, body, [], ['BamlCallOptions', 'HTTPRequest']),
    ...(ms.length ? [`import { runtime } from ${str(ctx.rel('globals'))}`] : []),
    '',
    ...body,
  ])
}

export function asyncRequestFile(ctx: TsContext): string {
  return requestFile(ctx, false)
}

export function syncRequestFile(ctx: TsContext): string {
  return requestFile(ctx, true)
}

export function parserFile(ctx: TsContext): string {
  const ms = methods(ctx)
  const parse = (partial: boolean) => {
    const out: string[] = []
    for (const m of ms) {
      pushAll(out, docComment(m.fn.docstring, '  '))
      wrapped(out, '  ', m.fn.name, ['llmResponse: string', OPTIONS], `: ${partial ? m.partial : m.returns} {`)
      wrapped(out, '    ', 'return runtime.parse', [str(m.fn.name), 'llmResponse', String(partial), 'this.options', '__baml_options__'], ` as ${partial ? m.partial : m.returns}`)
      out.push('  }', '')
    }
    return out
  }
  const body = [
    "/** Parses a model's complete answer into the function's return type (as a call would). */",
    'export class LlmResponseParser {',
    '  constructor(readonly options: BamlCallOptions = {}) {}',
    '',
    ...parse(false),
    '}',
    '',
    '/** Parses a partial answer (text streamed so far) into the streaming type. */',
    'export class LlmStreamParser {',
    '  constructor(readonly options: BamlCallOptions = {}) {}',
    '',
    ...parse(true),
    '}',
  ]
  return file([
    ...importsFor(ctx, body, [], ['BamlCallOptions']),
    ...(ms.length ? [`import { runtime } from ${str(ctx.rel('globals'))}`] : []),
    '',
    ...body,
  ])
}
