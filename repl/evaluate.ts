// Running one parsed entry against the session. Everything is done by the core's public API (the
// runtime renders, builds requests, calls, streams and parses; the test runner's core runs tests);
// this module picks the arguments, and says what happened through an Output. It never throws: a
// failure is shown and the entry reports `false`.
import {
  BamlAbortError,
  Collector,
  editDistance,
  printDefinition,
  type BamlRuntime,
  type CallOptions,
  type ConfigEntry,
  type ConfigValue,
  type FunctionIR,
  type FunctionLog,
  type TypeBuilder,
} from '../core/index.ts'
import { ARGS_HELP, COMMANDS, InputError, type CallKind, type Command, type Fragment, type ListKind, type Target } from './commands.ts'
import { errorView, reportLoad } from './report.ts'
import type { Session } from './session.ts'
import { runTestCommand, testArgs } from './tests.ts'
import { parseArgs, parseValue } from './values.ts'
import { C, columns, curlCommand, duration, jsonText, promptView, requestView, signature, typeText, type Paint } from './view.ts'

/** Redraws a block of text in place (on a terminal). */
export interface LiveArea {
  show(text: string): void
  clear(): void
}

export interface Output {
  /** Results: values, prompts, requests, listings (stdout when piped). */
  data(text: string): void
  /** Messages for the person: notices, summaries, partial values when nothing can be redrawn, errors (stderr when piped). */
  info(text: string): void
  readonly paint: Paint
  /** Whether `paint` colours (diagnostics are coloured by the core's printer). */
  readonly color: boolean
  /** A person at a terminal (hints are shown); false when the input is piped. */
  readonly interactive: boolean
  /** Present on a terminal: partial values are redrawn here while a stream runs. */
  readonly live?: LiveArea
}

export interface EvalContext {
  readonly out: Output
  /** Aborted by Ctrl-C: cancels the running call, stream or test run. */
  readonly signal: AbortSignal
  /** The lines typed after the entry, up to an empty line or the end of input; undefined when cancelled. */
  readPaste(): Promise<string | undefined>
}

/** What `let` needs back from a command: its value, if it made one. */
type Result = { readonly ok: true; readonly value?: unknown } | { readonly ok: false }

const OK: Result = { ok: true }
const FAILED: Result = { ok: false }

/** Run `cmd` (parsed from `entry`). True when it succeeded. */
export async function evaluate(session: Session, cmd: Command, entry: string, ctx: EvalContext): Promise<boolean> {
  try {
    const r = await run(session, cmd, ctx)
    return r.ok
  } catch (e) {
    if (ctx.signal.aborted && (e instanceof BamlAbortError || isAbort(e))) {
      ctx.out.info(ctx.out.paint(C.yellow, 'cancelled'))
      return false
    }
    ctx.out.info(errorView(e, entry, session, ctx.out))
    return false
  }
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'BamlAbortError')
}

async function run(session: Session, cmd: Command, ctx: EvalContext): Promise<Result> {
  const { out } = ctx
  const paint = out.paint
  switch (cmd.kind) {
    case 'empty':
    case 'quit':
      return OK
    case 'help':
      out.data(helpText(cmd.topic, paint))
      return OK
    case 'list':
      out.data(listing(session.runtime(), cmd.what, cmd.filter, paint))
      return OK
    case 'show':
      out.data(show(session.runtime(), cmd.name, paint, session.displayPath))
      return OK
    case 'render':
    case 'request':
    case 'curl':
    case 'call':
    case 'stream':
      return callLike(session, cmd.kind, cmd.target, cmd.args, ctx)
    case 'last-curl': {
      const last = session.lastRequest
      if (!last) throw new InputError('no request yet: `request Fn ARGS` or `:curl Fn ARGS` builds one')
      out.data(curlCommand(last))
      return OK
    }
    case 'parse':
      return parse(session, cmd.fn, cmd.text, ctx)
    case 'test':
      return (await runTestCommand(session, cmd.patterns, ctx)) ? OK : FAILED
    case 'let': {
      const value = 'kind' in cmd.value ? await run(session, cmd.value, ctx) : { ok: true as const, value: parseValue(cmd.value, session.vars, session.env()) }
      if (!value.ok) return FAILED
      if (!('value' in value)) throw new InputError(`that command gives no value to keep in $${cmd.name}`)
      session.vars.set(cmd.name, value.value)
      if (!('kind' in cmd.value)) out.data(jsonText(value.value, paint))
      out.info(paint(C.dim, `$${cmd.name} is set`))
      return { ok: true, value: value.value }
    }
    case 'value': {
      const value = parseValue(cmd.value, session.vars, session.env())
      out.data(jsonText(value, paint))
      return { ok: true, value }
    }
    case 'vars': {
      if (session.vars.size === 0) out.info('no variables yet: `let NAME = call Fn ARGS`; $_ holds the last result')
      for (const [k, v] of session.vars) out.data(`${paint(C.bold, '$' + k)} = ${jsonText(v, paint)}`)
      return OK
    }
    case 'client':
      return setClient(session, cmd.name, out)
    case 'env':
      return setEnv(session, cmd.assignment, out)
    case 'secrets':
      if (cmd.on !== undefined) session.exposeSecrets = cmd.on
      out.info(`secrets are ${session.exposeSecrets ? paint(C.yellow, 'shown') : 'masked'} in requests and curl commands`)
      return OK
    case 'reload': {
      const outcome = session.refresh(true)
      if (outcome) reportLoad(outcome, out, session.displayPath)
      return outcome?.kind === 'loaded' ? OK : FAILED
    }
  }
}

// ---- listing ----------------------------------------------------------------------------------

function matches(name: string, filter: string | undefined): boolean {
  return filter === undefined || name.toLowerCase().includes(filter.toLowerCase())
}

function listing(rt: BamlRuntime, what: ListKind, filter: string | undefined, paint: Paint): string {
  const ir = rt.ir
  const none = (kind: string) => paint(C.dim, filter === undefined ? `no ${kind}` : `no ${kind} matching \`${filter}\``)
  switch (what) {
    case 'functions': {
      const fns = [...ir.functions.values()].filter((f) => matches(f.name, filter))
      return fns.length ? fns.map((f) => signature(f, paint)).join('\n') : none('functions')
    }
    case 'classes': {
      const rows = [...ir.classes.values()].filter((c) => matches(c.name, filter)).map((c) => [c.name, paint(C.dim, c.fields.map((f) => `${f.name}: ${typeText(f.type)}`).join(', '))] as const)
      return rows.length ? columns(rows, paint) : none('classes')
    }
    case 'enums': {
      const rows = [...ir.enums.values()].filter((e) => matches(e.name, filter)).map((e) => [e.name, paint(C.dim, e.values.map((v) => v.name).join(' | '))] as const)
      return rows.length ? columns(rows, paint) : none('enums')
    }
    case 'clients': {
      const rows = [...ir.clients.values()].filter((c) => matches(c.name, filter)).map((c) => [c.name, clientDescription(c.provider, c.options.entries, paint)] as const)
      return rows.length ? columns(rows, paint) : none('clients')
    }
    case 'tests': {
      const keys: string[] = []
      for (const t of ir.tests) for (const f of t.functions) if (ir.functions.has(f.name)) keys.push(`${f.name}::${t.name}`)
      const shown = [...new Set(keys)].filter((k) => matches(k, filter)).sort()
      return shown.length ? shown.join('\n') : none('tests')
    }
  }
}

function clientDescription(provider: string, entries: readonly ConfigEntry[], paint: Paint): string {
  const word = (v: ConfigValue): string => (v.kind === 'string' ? v.value : v.kind === 'ident' ? v.name : '?')
  const model = entries.find((e) => e.key === 'model')?.value
  const strategy = entries.find((e) => e.key === 'strategy')?.value
  let detail = ''
  if (model) detail = ` ${model.kind === 'env' ? `env.${model.name}` : word(model)}`
  else if (strategy?.kind === 'array') detail = ` [${strategy.items.map(word).join(', ')}]`
  return paint(C.dim, provider + detail)
}

/** Every definition called `name`, as BAML. */
function show(rt: BamlRuntime, name: string, paint: Paint, display: (file: string) => string): string {
  const ir = rt.ir
  const found: { span: { file: string; start: number; end: number } }[] = []
  const add = (x: { span: { file: string; start: number; end: number } } | undefined) => {
    if (x) found.push(x)
  }
  const [fnName, testName] = name.includes('::') ? name.split('::') : [undefined, name]
  if (fnName === undefined) {
    add(ir.functions.get(name))
    add(ir.classes.get(name))
    add(ir.enums.get(name))
    add(ir.typeAliases.get(name))
    add(ir.clients.get(name))
    add(ir.templateStrings.get(name))
    add(ir.retryPolicies.get(name))
    for (const g of ir.generators) if (g.name === name) add(g)
  }
  for (const t of ir.tests) if (t.name === testName && (fnName === undefined || t.functions.some((f) => f.name === fnName))) add(t)
  if (found.length === 0) throw new InputError(`nothing is called \`${name}\`${suggest(name, allNames(rt))}`)
  return found
    .map((x) => {
      const file = ir.files.get(x.span.file)
      const text = file ? printDefinition(file, x.span) : undefined
      const where = paint(C.dim, `// ${display(x.span.file)}`)
      return text ? `${where}\n${highlight(text.trimEnd(), paint)}` : where
    })
    .join('\n\n')
}

const KEYWORDS = /^(\s*)(class|enum|function|client<llm>|client|test|generator|retry_policy|template_string|type)\b/gm

/** A light touch of colour on BAML text: keywords and comments. */
function highlight(text: string, paint: Paint): string {
  return text.replace(KEYWORDS, (_m, ws: string, kw: string) => ws + paint(C.magenta, kw)).replace(/^(\s*)(\/\/.*)$/gm, (_m, ws: string, c: string) => ws + paint(C.dim, c))
}

export function allNames(rt: BamlRuntime): string[] {
  const ir = rt.ir
  return [
    ...ir.functions.keys(),
    ...ir.classes.keys(),
    ...ir.enums.keys(),
    ...ir.typeAliases.keys(),
    ...ir.clients.keys(),
    ...ir.templateStrings.keys(),
    ...ir.retryPolicies.keys(),
    ...ir.tests.map((t) => t.name),
  ]
}

function suggest(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase()
  const close = known.filter((k) => {
    const l = k.toLowerCase()
    return l.includes(lower) || lower.includes(l) || editDistance(l, lower) <= Math.max(1, Math.floor(lower.length / 4))
  })
  return close.length ? ` (did you mean ${close.slice(0, 3).map((c) => `\`${c}\``).join(', ')}?)` : ''
}

function fnOf(rt: BamlRuntime, target: Target): FunctionIR {
  const fn = rt.ir.functions.get(target.fn)
  if (!fn) throw new InputError(`there is no function \`${target.fn}\`${suggest(target.fn, [...rt.ir.functions.keys()])}`, target.start, target.start + target.fn.length)
  return fn
}

// ---- render, request, call, stream --------------------------------------------------------------

/** The call options every command passes: the session's client, environment and fetch. */
function callOptions(session: Session, extra: { signal?: AbortSignal; typeBuilder?: TypeBuilder; collector?: Collector } = {}): CallOptions {
  const env = session.envOverrides
  return {
    ...(Object.keys(env).length ? { env } : {}),
    ...(session.client ? { client: session.client } : {}),
    ...(session.opts.fetch ? { fetch: session.opts.fetch } : {}),
    ...(extra.signal ? { signal: extra.signal } : {}),
    ...(extra.typeBuilder ? { typeBuilder: extra.typeBuilder } : {}),
    ...(extra.collector ? { collector: extra.collector } : {}),
  }
}

/** The arguments (and test type_builder) for a target: typed ARGS, or a test's args with ARGS over them. */
function argsFor(session: Session, rt: BamlRuntime, target: Target, fragment: Fragment): { fn: FunctionIR; args: Record<string, unknown>; typeBuilder?: TypeBuilder } {
  const fn = fnOf(rt, target)
  const typed = parseArgs(fragment, fn, session.vars, session.env())
  if (target.test === undefined) return { fn, args: typed }
  const t = testArgs(session, rt, fn, target)
  return { fn, args: { ...t.args, ...typed }, ...(t.typeBuilder ? { typeBuilder: t.typeBuilder } : {}) }
}

async function callLike(session: Session, kind: CallKind, target: Target, fragment: Fragment, ctx: EvalContext): Promise<Result> {
  const { out } = ctx
  const paint = out.paint
  const rt = session.runtime()
  const { fn, args, typeBuilder } = argsFor(session, rt, target, fragment)
  const tb = typeBuilder ? { typeBuilder } : {}
  if (kind === 'render') {
    const prompt = rt.renderPrompt(fn.name, args, callOptions(session, tb))
    out.data(promptView(prompt, paint))
    return { ok: true, value: prompt }
  }
  if (kind === 'request' || kind === 'curl') {
    const req = await rt.buildRequest(fn.name, args, { ...callOptions(session, tb), exposeSecrets: session.exposeSecrets })
    session.lastRequest = req
    out.data(kind === 'curl' ? curlCommand(req) : requestView(req, paint))
    return { ok: true, value: req }
  }
  const collector = new Collector()
  const opts = callOptions(session, { ...tb, signal: ctx.signal, collector })
  let value: unknown
  if (kind === 'call') {
    out.live?.show(paint(C.dim, `calling ${fn.name}…`))
    try {
      value = await rt.call(fn.name, args, opts)
    } finally {
      out.live?.clear()
    }
  } else {
    const stream = rt.stream(fn.name, args, opts)
    out.live?.show(paint(C.dim, `streaming ${fn.name}…`))
    try {
      for await (const partial of stream) {
        if (out.live) out.live.show(jsonText(partial, paint))
        else out.info(paint(C.dim, '… ') + JSON.stringify(partial))
      }
      value = await stream.getFinalResponse()
    } finally {
      out.live?.clear()
    }
  }
  session.vars.set('_', value)
  out.data(jsonText(value, paint))
  out.info(callSummary(collector.last, paint))
  return { ok: true, value }
}

/** `✓ 1.24 s · first token 310 ms · 12 in / 7 out tokens · Fast (openai gpt-4o-mini)` */
export function callSummary(log: FunctionLog | undefined, paint: Paint): string {
  if (!log) return ''
  const selected = log.calls.find((c) => c.selected) ?? log.calls[log.calls.length - 1]
  const parts = [duration(log.timing.durationMs)]
  if (selected?.firstTokenMs !== undefined && log.logType === 'stream') parts.push(`first token ${duration(selected.firstTokenMs - selected.startMs)}`)
  const u = log.usage
  if (u.inputTokens !== null || u.outputTokens !== null) {
    const cached = u.cachedInputTokens ? ` (${u.cachedInputTokens} cached)` : ''
    parts.push(`${u.inputTokens ?? '?'} in${cached} / ${u.outputTokens ?? '?'} out tokens`)
  }
  if (selected) parts.push(`${selected.clientName} (${selected.provider}${selected.model ? ` ${selected.model}` : ''})`)
  if (log.calls.length > 1) parts.push(`${log.calls.length} attempts`)
  return paint(C.dim, `${paint(C.green, '✓')} ${parts.join(' · ')}`)
}

// ---- parse --------------------------------------------------------------------------------------

async function parse(session: Session, target: Target, text: Fragment | undefined, ctx: EvalContext): Promise<Result> {
  const rt = session.runtime()
  const fnName = fnOf(rt, target).name
  let raw = text?.text
  if (raw === undefined) {
    if (ctx.out.interactive) ctx.out.info(ctx.out.paint(C.dim, `paste the model output for ${fnName}; end with an empty line or Ctrl-D`))
    raw = await ctx.readPaste()
    if (raw === undefined) {
      ctx.out.info(ctx.out.paint(C.yellow, 'cancelled'))
      return FAILED
    }
  }
  // The project may have changed while the text was pasted: parse with the runtime of now.
  const value = session.runtime().parse(fnName, raw)
  session.vars.set('_', value)
  ctx.out.data(jsonText(value, ctx.out.paint))
  return { ok: true, value }
}

// ---- settings -------------------------------------------------------------------------------------

function setClient(session: Session, name: string | undefined, out: Output): Result {
  const paint = out.paint
  if (name === undefined) {
    out.info(session.client ? `calls use client ${paint(C.bold, session.client)}` : "calls use each function's own client")
    return OK
  }
  if (name === 'default' || name === '-' || name === 'reset') {
    session.client = undefined
    out.info("calls use each function's own client again")
    return OK
  }
  const rt = session.runtime()
  if (!rt.ir.clients.has(name) && !/^[a-z][a-z0-9-]*\/\S+$/.test(name)) {
    throw new InputError(`there is no client \`${name}\`${suggest(name, [...rt.ir.clients.keys()])}; give a client of the project or provider/model (e.g. openai/gpt-4o-mini)`)
  }
  session.client = name
  out.info(`calls use client ${paint(C.bold, name)}`)
  return OK
}

function setEnv(session: Session, assignment: string | undefined, out: Output): Result {
  if (assignment === undefined) {
    const keys = Object.keys(session.envOverrides)
    if (!keys.length) out.info('no variables set here (`:env KEY=VALUE` sets one for calls)')
    // Values are not shown: they are often keys.
    for (const k of keys) out.info(session.envOverrides[k] === undefined ? `${k} (unset)` : `${k} is set`)
    return OK
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(assignment)
  if (!m) throw new InputError('write `:env KEY=VALUE` (or `:env KEY=` to unset it)')
  const [, key, value] = m
  session.envOverrides[key!] = value === '' ? undefined : value
  out.info(value === '' ? `${key} is unset for calls` : `${key} is set for calls`)
  return OK
}

// ---- help and load reports ----------------------------------------------------------------------

function helpText(topic: string | undefined, paint: Paint): string {
  if (topic !== undefined) {
    const t = topic.replace(/^:?/, '')
    const c = COMMANDS.find((x) => x.name.replace(/^:/, '') === t)
    if (!c) throw new InputError(`no command \`${topic}\`; :help lists them`)
    return `${paint(C.bold, c.usage)}\n  ${c.summary}${/ARGS/.test(c.usage) ? `\n\n${ARGS_HELP}` : ''}`
  }
  const rows = COMMANDS.map((c) => [c.usage, c.summary] as const)
  return `${columns(rows, paint)}\n\n${ARGS_HELP}\nAn open brace continues an entry on the next line. Tab completes; Ctrl-C cancels a running call.`
}
