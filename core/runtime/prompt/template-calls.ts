// Calls of template_strings inside a prompt or template_string body: the argument checks of the
// reference's Jinja type checker (warnings only; the template still loads and renders).
// `{{ Greeting() }}` for `template_string Greeting(name: string)` warns "Function 'Greeting'
// expects 1 arguments, but got 0". Argument types are not checked.
import type { TemplateCheckInput } from '../../ir/template-check.ts'
import { isOptional } from '../../ir/resolve-type.ts'
import { editDistance } from '../../ir/suggest.ts'
import type { TemplateStringIR } from '../../ir/types.ts'
import type { CallArg, Expr } from '../../template/ast.ts'
import type { TemplateIssue } from '../../template/check.ts'
import { parseTemplate } from '../../template/parser.ts'

type Call = Expr & { readonly kind: 'call' }

function isCall(x: unknown): x is Call {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'call' && 'args' in x && 'expr' in x
}

/** Every call expression anywhere in a syntax tree (statements and expressions alike). */
function collectCalls(node: unknown, out: Call[]): void {
  if (Array.isArray(node)) {
    for (const x of node) collectCalls(x, out)
    return
  }
  if (typeof node !== 'object' || node === null) return
  if (isCall(node)) out.push(node)
  for (const v of Object.values(node)) if (typeof v === 'object' && v !== null) collectCalls(v, out)
}

/** The reference's rules (check_function_args): the count first, then names of missing and unknown keyword arguments. */
function checkCall(call: Call, fn: TemplateStringIR): string[] {
  const args: readonly CallArg[] = call.args
  // Splats count as one positional argument each, as in the reference.
  const positional = args.filter((a) => a.kind !== 'kw').length
  const kwargs = args.filter((a): a is Extract<CallArg, { kind: 'kw' }> => a.kind === 'kw').map((a) => a.name)
  const params = fn.params
  let optionalTail = 0
  for (let i = params.length - 1; i >= 0 && isOptional(params[i]!.type); i--) optionalTail++
  const got = positional + kwargs.length
  if (got < params.length - optionalTail || got > params.length) return [`Function '${fn.name}' expects ${params.length} arguments, but got ${got}`]
  const out: string[] = []
  params.forEach((p, i) => {
    if (i >= positional && !kwargs.includes(p.name) && !isOptional(p.type)) out.push(`Function '${fn.name}' expects argument '${p.name}'`)
  })
  const unused = params.filter((p, i) => i >= positional && !kwargs.includes(p.name)).map((p) => p.name)
  for (const k of kwargs) if (!params.some((p) => p.name === k)) out.push(unknownArg(fn.name, k, unused))
  return out
}

/** Like the reference: up to 3 of the parameters not given yet (closest first, within distance 20), listed alphabetically. */
function unknownArg(fn: string, name: string, unused: readonly string[]): string {
  const close = unused
    .map((u, i) => [editDistance(u.toLowerCase(), name.toLowerCase()), i, u] as const)
    .filter((x) => x[0] <= 20)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, 3)
    .map((x) => x[2])
    .sort()
  const base = `Function '${fn}' does not have an argument '${name}'.`
  if (close.length === 0) return base
  if (close.length === 1) return `${base} Did you mean '${close[0]}'?`
  return `${base} Did you mean one of these: '${close.join("', '")}'?`
}

/** Argument problems in calls of the project's template_strings (the text's syntax is checked elsewhere). */
export function templateCallIssues(input: TemplateCheckInput): TemplateIssue[] {
  if (input.kind === 'constraint') return []
  const fns = input.ir.templateStrings
  if (fns.size === 0) return []
  let mentioned = false
  for (const name of fns.keys()) if (input.text.includes(name)) mentioned = true
  if (!mentioned) return []
  let tree: unknown
  try {
    tree = parseTemplate(input.text)
  } catch {
    return [] // a syntax error, reported by the template check
  }
  const calls: Call[] = []
  collectCalls(tree, calls)
  const out: TemplateIssue[] = []
  for (const c of calls) {
    const fn = c.expr.kind === 'var' ? fns.get(c.expr.name) : undefined
    if (!fn) continue
    for (const message of checkCall(c, fn)) out.push({ offset: c.start, end: c.end, message, severity: 'warning' })
  }
  return out
}
