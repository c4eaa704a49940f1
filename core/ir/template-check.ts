// The hook through which the template engine checks Jinja in a loaded project: every prompt,
// every template_string body, and every `{{ ... }}` expression of @check/@assert. The loader only
// collects the texts and maps offsets back to the .baml file; the checking itself is the engine's.
import type { Diagnostic } from '../syntax/diagnostics.ts'
import { lastAtMost, type Span } from '../syntax/span.ts'
import { dedentBlock } from '../syntax/strings.ts'
import type { BamlIR, Constraint, ParamIR, TemplateText, TypeAttrs, TypeIR } from './types.ts'

interface CheckInputBase {
  /** The text to check: a dedented template, or a constraint's expression. */
  readonly text: string
  /** File offset of an offset in `text` (report errors at their .baml position). */
  readonly toFileOffset: (offset: number) => number
  /** The file holding the text. */
  readonly file: string
  /** The project being loaded (complete except for these checks). */
  readonly ir: BamlIR
}

export type TemplateCheckInput =
  | (CheckInputBase & {
      /** A function prompt or a template_string body: parse `text` as a Jinja template. */
      readonly kind: 'function' | 'template_string'
      readonly name: string
      readonly params: readonly ParamIR[]
      /** The block string as written (raw body and its file span); `text` is its dedented form. */
      readonly template: TemplateText
    })
  | (CheckInputBase & {
      /** A `{{ expr }}` of @check/@assert: parse `text` as a Jinja expression (`this` is the value). */
      readonly kind: 'constraint'
      readonly constraint: Constraint
    })

export type TemplateChecker = (input: TemplateCheckInput) => Diagnostic[]

function templateInput(kind: 'function' | 'template_string', name: string, params: readonly ParamIR[], template: TemplateText, ir: BamlIR) {
  const d = dedentBlock(template.raw)
  return {
    kind,
    name,
    params,
    template,
    text: d.text,
    file: template.span.file,
    toFileOffset: (o: number) => template.span.start + d.toRawOffset(o),
    ir,
  } as const
}

function constraintsOf(attrs: TypeAttrs | undefined, out: Constraint[]): void {
  if (attrs?.constraints) out.push(...attrs.constraints)
}

function typeConstraints(t: TypeIR, out: Constraint[]): void {
  if (t.attrs?.constraints) out.push(...t.attrs.constraints)
  if (t.kind === 'list') typeConstraints(t.item, out)
  else if (t.kind === 'map') {
    typeConstraints(t.key, out)
    typeConstraints(t.value, out)
  } else if (t.kind === 'union') for (const o of t.options) typeConstraints(o, out)
}

/**
 * Whether `span` may hold a constraint written in it: every constraint's expression is a
 * `{{ ... }}` inside the block that declares it (an alias's, expanded into a field, is found on the
 * alias too). Spares walking the field types of the classes that have none (most of them).
 */
function mayDeclareConstraints(ir: BamlIR, span: Span, jinjaStarts: Map<string, number[]>): boolean {
  let starts = jinjaStarts.get(span.file)
  if (starts === undefined) {
    starts = []
    const text = ir.files.get(span.file)?.text
    if (text === undefined) return true
    for (let k = text.indexOf('{{'); k >= 0; k = text.indexOf('{{', k + 2)) starts.push(k)
    jinjaStarts.set(span.file, starts)
  }
  if (starts.length === 0) return false
  const k = starts[lastAtMost(starts, span.end - 1)]!
  return k >= span.start && k < span.end
}

/** Every constraint written in the project (each once, from where it was declared). */
function allConstraints(ir: BamlIR): Constraint[] {
  const out: Constraint[] = []
  const jinjaStarts = new Map<string, number[]>()
  for (const c of ir.classes.values()) {
    if (!mayDeclareConstraints(ir, c.span, jinjaStarts)) continue
    constraintsOf(c.attrs, out)
    for (const f of c.fields) typeConstraints(f.type, out)
  }
  for (const e of ir.enums.values()) constraintsOf(e.attrs, out)
  for (const a of ir.typeAliases.values()) typeConstraints(a.type, out)
  for (const f of ir.functions.values()) {
    typeConstraints(f.returnType, out)
    for (const p of f.params) typeConstraints(p.type, out)
  }
  for (const t of ir.tests) out.push(...t.constraints)
  // Aliases are expanded where used: keep one entry per written constraint.
  const seen = new Set<string>()
  return out.filter((c) => {
    const key = c.span ? `${c.span.file}:${c.span.start}` : `${c.level}:${c.label}:${c.expression}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export function runTemplateChecks(check: TemplateChecker, ir: BamlIR): Diagnostic[] {
  const out: Diagnostic[] = []
  const add = (ds: Diagnostic[]) => {
    for (const d of ds) out.push(d)
  }
  for (const f of ir.functions.values()) add(check(templateInput('function', f.name, f.params, f.prompt, ir)))
  for (const t of ir.templateStrings.values()) add(check(templateInput('template_string', t.name, t.params, t.body, ir)))
  for (const c of allConstraints(ir)) {
    if (!c.span) continue
    const span = c.span
    // The span covers `{{ ... }}`; `expression` is the trimmed text between the braces with
    // backslashes doubled, so walk the source to map an expression offset back (only needed
    // when there is something to report).
    const toFileOffset = (o: number): number => {
      const src = ir.files.get(span.file)?.text ?? ''
      const inner = src.slice(span.start + 2, span.end - 2)
      const base = span.start + 2 + (inner.length - inner.trimStart().length)
      let t = 0
      let k = 0
      while (t < o && base + k < span.end - 2) {
        t += src[base + k] === '\\' ? 2 : 1
        k++
      }
      return base + k
    }
    add(check({ kind: 'constraint', constraint: c, text: c.expression, file: span.file, toFileOffset, ir }))
  }
  return out
}
