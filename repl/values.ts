// Values typed in the REPL: function arguments and `let` values, as JSON or in BAML value syntax
// (parsed by the core's grammar), with `$name` / `$name.path` variables filled in.
import { parseValueLiteral, type Env, type FunctionIR } from '../core/index.ts'
import { InputError, type Fragment } from './commands.ts'

export type Vars = ReadonlyMap<string, unknown>

/** `$name.a.0.b` → the value at that path in a variable; throws when there is none. */
export function lookupVar(vars: Vars, word: string): unknown {
  const [head, ...path] = word.slice(1).split('.')
  if (!vars.has(head!)) {
    const known = [...vars.keys()].map((k) => `$${k}`)
    throw new Error(`there is no variable $${head}${known.length ? ` (set: ${known.join(', ')})` : ' (set one with `let NAME = ...`; $_ holds the last result)'}`)
  }
  let v = vars.get(head!)
  for (const [i, key] of path.entries()) {
    const here = `$${[head, ...path.slice(0, i)].join('.')}`
    if (Array.isArray(v) && /^\d+$/.test(key)) {
      if (Number(key) >= v.length) throw new Error(`${here} has ${v.length} item${v.length === 1 ? '' : 's'}; there is no item ${key}`)
      v = v[Number(key)]
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, key)) {
      v = (v as Record<string, unknown>)[key]
    } else {
      throw new Error(`${here} has no field \`${key}\``)
    }
  }
  return v
}

/**
 * A typed value: JSON when it is JSON, else BAML value syntax. Errors carry offsets into the entry
 * (the fragment's offset added).
 */
export function parseValue(f: Fragment, vars: Vars, env: Env): unknown {
  const text = f.text
  if (/^[[{"\d-]|^(true|false|null)$/.test(text)) {
    try {
      return JSON.parse(text)
    } catch {
      // not JSON: BAML syntax below
    }
  }
  const r = parseValueLiteral(text, { env, resolveWord: (w) => (w.startsWith('$') ? lookupVar(vars, w) : undefined) })
  if (!r.ok) {
    const d = r.diagnostics.find((x) => x.severity === 'error') ?? r.diagnostics[0]!
    throw new InputError(d.message, f.offset + d.span.start, f.offset + Math.max(d.span.end, d.span.start + 1))
  }
  return r.value
}

/**
 * The arguments for `fn`: a map keyed by parameter name, or, for a function with one parameter, a
 * bare value for it. Nothing typed: no arguments.
 */
export function parseArgs(f: Fragment, fn: FunctionIR, vars: Vars, env: Env): Record<string, unknown> {
  if (f.text === '') return {}
  const v = parseValue(f, vars, env)
  const isMap = v !== null && typeof v === 'object' && !Array.isArray(v)
  // A map whose keys are the parameters' is the arguments; a lone parameter takes anything else.
  if (isMap && (fn.params.length !== 1 || Object.keys(v).every((k) => fn.params.some((p) => p.name === k)))) {
    const unknown = Object.keys(v).filter((k) => !fn.params.some((p) => p.name === k))
    if (unknown.length) {
      const params = fn.params.map((p) => p.name).join(', ') || 'none'
      throw new InputError(`${fn.name} has no parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `\`${k}\``).join(', ')} (parameters: ${params})`, f.offset, f.offset + f.text.length)
    }
    return v as Record<string, unknown>
  }
  if (fn.params.length === 1) return { [fn.params[0]!.name]: v }
  throw new InputError(`arguments are a map keyed by parameter name, e.g. { ${fn.params.map((p) => `${p.name} ...`).join(' ') || '...'} }`, f.offset, f.offset + f.text.length)
}
