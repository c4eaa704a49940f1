// renderPrompt: a function's prompt template + arguments + client → RenderedPrompt.
// Per the reference: template_string macros are prepended, the prompt is dedented and trimmed,
// arguments are converted by parameter type, and the output is split into chat messages.
import { isWhitespace, rustTrim } from '../../rust-str.ts'
import { BamlInvalidArgumentError, BamlTemplateError } from '../../errors.ts'
import type { BamlIR, FunctionIR, ParamIR, TemplateText } from '../../ir/types.ts'
import type { RenderedPrompt } from '../../values.ts'
import type { ClientRenderContext } from '../../providers/request/types.ts'
import { dedentBlock } from '../../syntax/strings.ts'
import { compileTemplate, compileTemplateToSource, type RenderFn } from '../../template/compile.ts'
import { convertArgs } from './args.ts'
import { clientValue, enumGlobals, OutputFormatValue, UNDERSCORE } from './globals.ts'
import { splitPrompt } from './split.ts'

export interface RenderPromptOptions {
  /** `ctx.tags` (the call's tags). */
  readonly tags?: Readonly<Record<string, unknown>>
}

/** The reference's render-time dedent (by the smallest indentation of non-blank lines) and trim. */
export function dedentAndTrim(template: string): string {
  const lines = template.split('\n')
  let min = Infinity
  for (const l of lines) {
    if (rustTrim(l) === '') continue
    let n = 0
    for (const c of l) {
      if (!isWhitespace(c.codePointAt(0)!)) break
      n++
    }
    if (n < min) min = n
  }
  const out = min === Infinity || min === 0 ? template : lines.map((l) => Array.from(l).slice(min).join('')).join('\n')
  return rustTrim(out)
}

const macrosByIr = new WeakMap<BamlIR, readonly string[]>()

/** `{% macro Name(a, b) %}body{% endmacro %}` for every template_string (cached per IR). */
export function templateStringMacros(ir: BamlIR): readonly string[] {
  let out = macrosByIr.get(ir)
  if (!out) {
    out = [...ir.templateStrings.values()].map(
      (t) => `{% macro ${t.name}(${t.params.map((p: ParamIR) => p.name).join(', ')}) %}${dedentBlock(t.body.raw).text}{% endmacro %}`,
    )
    macrosByIr.set(ir, out)
  }
  return out
}

/** The full template source rendered for a prompt: macros, then the dedented, trimmed prompt. */
export function promptTemplateSource(ir: BamlIR, prompt: TemplateText): string {
  return [...templateStringMacros(ir), dedentAndTrim(dedentBlock(prompt.raw).text)].join('\n')
}

interface Prepared {
  readonly render: RenderFn
  readonly outputFormat: OutputFormatValue
  readonly globalsByClient: WeakMap<ClientRenderContext, Record<string, unknown>>
}

const prepared = new WeakMap<BamlIR, WeakMap<FunctionIR, Prepared>>()

function prepare(ir: BamlIR, fn: FunctionIR): Prepared {
  let perIr = prepared.get(ir)
  if (!perIr) prepared.set(ir, (perIr = new WeakMap()))
  let p = perIr.get(fn)
  if (!p) {
    let render: RenderFn
    try {
      render = compileTemplate(promptTemplateSource(ir, fn.prompt))
    } catch (e) {
      throw wrap(e)
    }
    p = { render, outputFormat: new OutputFormatValue(ir, fn.returnType), globalsByClient: new WeakMap() }
    perIr.set(fn, p)
  }
  return p
}

function wrap(e: unknown): unknown {
  if (e instanceof BamlTemplateError) {
    const w = new BamlTemplateError(`Error occurred while rendering prompt: ${e.message}`)
    w.cause = e
    return w
  }
  return e
}

/** Enum objects, `ctx` (with `output_format` when given) and `_`. */
function promptGlobals(
  ir: BamlIR,
  client: ClientRenderContext,
  tags: Readonly<Record<string, unknown>> | undefined,
  outputFormat?: OutputFormatValue,
): Record<string, unknown> {
  const g = Object.assign(Object.create(null) as Record<string, unknown>, enumGlobals(ir))
  const ctx = new Map<string, unknown>([
    ['client', clientValue(client)],
    ['tags', new Map(Object.entries(tags ?? {}))],
  ])
  if (outputFormat) ctx.set('output_format', outputFormat)
  g.ctx = ctx
  g._ = UNDERSCORE
  return g
}

function globalsFor(ir: BamlIR, p: Prepared, client: ClientRenderContext, tags: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  if (tags) return promptGlobals(ir, client, tags, p.outputFormat)
  let g = p.globalsByClient.get(client)
  if (!g) p.globalsByClient.set(client, (g = promptGlobals(ir, client, undefined, p.outputFormat)))
  return g
}

/** Render `fnName`'s prompt. Throws BamlInvalidArgumentError for bad arguments, BamlTemplateError for template errors. */
export function renderPrompt(
  ir: BamlIR,
  fnName: string,
  args: Readonly<Record<string, unknown>>,
  client: ClientRenderContext,
  opts: RenderPromptOptions = {},
): RenderedPrompt {
  const fn = ir.functions.get(fnName)
  if (!fn) throw new BamlInvalidArgumentError(`Function ${fnName} not found`)
  const p = prepare(ir, fn)
  const vars = convertArgs(ir, fn, args)
  let text: string
  try {
    text = p.render(vars, globalsFor(ir, p, client, opts.tags))
  } catch (e) {
    throw wrap(e)
  }
  return splitPrompt(text, client)
}

/**
 * Render a template_string by name as text (macros available, arguments converted by its
 * parameter types). Useful for tooling; prompts use `renderPrompt`.
 */
export function renderTemplateString(ir: BamlIR, name: string, args: Readonly<Record<string, unknown>>, client: ClientRenderContext): string {
  const t = ir.templateStrings.get(name)
  if (!t) throw new BamlInvalidArgumentError(`Template string ${name} not found`)
  const src = [...templateStringMacros(ir), `{{ ${name}(${t.params.map((p) => p.name).join(', ')}) }}`].join('\n')
  const vars = convertArgs(ir, t, args)
  try {
    return compileTemplate(src)(vars, promptGlobals(ir, client, undefined))
  } catch (e) {
    throw wrap(e)
  }
}

/**
 * For code generators: every function's full template source (what `renderPrompt` compiles) with
 * its precompiled function body. Ship `registerCompiledTemplate(source, new-function-from(code))`
 * calls (e.g. as `function (it, options) { <code> }`) to render without `eval` at run time.
 */
export function precompilePrompts(ir: BamlIR): { readonly function: string; readonly source: string; readonly code: string }[] {
  const out: { function: string; source: string; code: string }[] = []
  for (const fn of ir.functions.values()) {
    const source = promptTemplateSource(ir, fn.prompt)
    out.push({ function: fn.name, source, code: compileTemplateToSource(source) })
  }
  return out
}
