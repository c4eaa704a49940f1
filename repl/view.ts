// How the REPL shows things: values as (coloured) JSON, prompts by role, requests and curl
// commands, signatures. Display only: what is shown comes from the runtime.
import { promptToText, type FunctionIR, type HttpRequest, type RenderedPrompt, type TypeIR } from '../core/index.ts'

export type Paint = (code: string, text: string) => string

export function painter(color: boolean): Paint {
  return color ? (code, text) => `\x1b[${code}m${text}\x1b[0m` : (_code, text) => text
}

export const C = {
  dim: '2',
  bold: '1',
  red: '31',
  green: '32',
  yellow: '33',
  blue: '34',
  magenta: '35',
  cyan: '36',
  boldRed: '1;31',
  boldGreen: '1;32',
  boldYellow: '1;33',
} as const

/** `value` as indented JSON, coloured by kind (keys, strings, numbers, literals). */
export function jsonText(value: unknown, paint: Paint, indent = ''): string {
  if (value === undefined || value === null) return paint(C.magenta, 'null')
  if (typeof value === 'string') return paint(C.green, JSON.stringify(value))
  if (typeof value === 'number' || typeof value === 'bigint') return paint(C.yellow, String(value))
  if (typeof value === 'boolean') return paint(C.magenta, String(value))
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const inner = indent + '  '
    return `[\n${value.map((v) => inner + jsonText(v, paint, inner)).join(',\n')}\n${indent}]`
  }
  if (typeof value === 'object') {
    // Values with their own JSON form (media objects, boxed numbers) print as that.
    const withJson = value as { toJSON?: () => unknown }
    if (typeof withJson.toJSON === 'function') return jsonText(withJson.toJSON(), paint, indent)
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    if (entries.length === 0) return '{}'
    const inner = indent + '  '
    return `{\n${entries.map(([k, v]) => `${inner}${paint(C.cyan, JSON.stringify(k))}: ${jsonText(v, paint, inner)}`).join(',\n')}\n${indent}}`
  }
  return JSON.stringify(String(value))
}

const ROLE_COLORS: Readonly<Record<string, string>> = { system: C.magenta, user: C.cyan, assistant: C.yellow }

/** The rendered prompt, one `[role]` header per message; media as placeholders (from promptToText). */
export function promptView(prompt: RenderedPrompt, paint: Paint): string {
  if (prompt.kind === 'completion') return prompt.text
  return prompt.messages
    .map((m) => {
      const text = promptToText({ kind: 'chat', messages: [m] })
      const body = text.slice(text.indexOf('\n') + 1)
      const header = paint(`1;${ROLE_COLORS[m.role] ?? C.blue}`, `[${m.role}]`)
      // Media placeholders (`<image ...>` lines) dimmed so they stand apart from the text.
      return `${header}\n${body.replace(/^<(image|audio|pdf|video)( [^\n]*)?>$/gm, (s) => paint(C.dim, s))}`
    })
    .join('\n\n')
}

/** The request as HTTP: the request line, headers, and the JSON body. */
export function requestView(req: HttpRequest, paint: Paint): string {
  const head = `${paint(C.bold, req.method)} ${req.url}`
  const headers = Object.entries(req.headers).map(([k, v]) => `${paint(C.cyan, k)}: ${v}`)
  return [head, ...headers, '', jsonText(req.body, paint)].join('\n')
}

/** POSIX shell single quoting. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}

/** The request as a curl command one can paste into a shell. */
export function curlCommand(req: HttpRequest): string {
  const parts = [`curl -sS -X ${req.method} ${shellQuote(req.url)}`]
  for (const [k, v] of Object.entries(req.headers)) parts.push(`-H ${shellQuote(`${k}: ${v}`)}`)
  if (req.method !== 'GET') parts.push(`--data-raw ${shellQuote(JSON.stringify(req.body))}`)
  return parts.join(' \\\n  ')
}

/** A type as BAML writes it (`string[]`, `map<string, int>`, `Recipe?`, `"a" | "b"`). */
export function typeText(t: TypeIR): string {
  switch (t.kind) {
    case 'primitive':
    case 'media':
    case 'class':
    case 'enum':
    case 'alias':
      return t.name
    case 'literal':
      return typeof t.value === 'string' ? JSON.stringify(t.value) : String(t.value)
    case 'list': {
      const inner = typeText(t.item)
      return (t.item.kind === 'union' ? `(${inner})` : inner) + '[]'
    }
    case 'map':
      return `map<${typeText(t.key)}, ${typeText(t.value)}>`
    case 'union': {
      const nonNull = t.options.filter((o) => !(o.kind === 'primitive' && o.name === 'null'))
      if (nonNull.length === t.options.length - 1 && nonNull.length === 1) {
        const inner = typeText(nonNull[0]!)
        return (nonNull[0]!.kind === 'union' ? `(${inner})` : inner) + '?'
      }
      return t.options.map(typeText).join(' | ')
    }
  }
}

export function signature(fn: FunctionIR, paint: Paint): string {
  const params = fn.params.map((p) => `${p.name}: ${paint(C.cyan, typeText(p.type))}`).join(', ')
  return `${paint(C.bold, fn.name)}(${params}) -> ${paint(C.cyan, typeText(fn.returnType))}`
}

/** Milliseconds for people: `840 ms`, `1.24 s`. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`
}

/** Table rows with the first column padded. */
export function columns(rows: readonly (readonly [string, string])[], paint: Paint, code: string = C.bold): string {
  const width = Math.max(0, ...rows.map((r) => r[0].length))
  return rows.map(([a, b]) => (b ? `${paint(code, a.padEnd(width))}  ${b}` : paint(code, a))).join('\n')
}

/** Drop ANSI colour codes (to measure what a line shows). */
export function stripAnsi(s: string): string {
  return s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
}
