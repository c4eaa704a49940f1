// Tab completion: commands, then what each command takes (functions, `Fn::Test`, clients, names),
// and inside a function's arguments its parameter names and `$variables`.
import type { BamlRuntime } from '../core/index.ts'
import { COMMANDS } from './commands.ts'
import { allNames } from './evaluate.ts'
import type { Vars } from './values.ts'

export interface CompletionSource {
  readonly rt: BamlRuntime | undefined
  readonly vars: Vars
}

const COMMAND_WORDS = [...COMMANDS.map((c) => c.name), 'let']
const TARGET_COMMANDS = new Set(['render', 'request', 'call', 'stream', ':curl', 'parse'])
const LET_COMMANDS = ['call', 'stream', 'parse', 'render', 'request']

/** The candidates that start with `prefix`, sorted; `space`: a blank follows a whole word (not a `Fn::` prefix). */
function startsWith(list: Iterable<string>, prefix: string, space = true): string[] {
  const out = new Set<string>()
  for (const s of list) if (s.startsWith(prefix)) out.add(space && !s.endsWith('::') ? s + ' ' : s)
  return [...out].sort()
}

function testKeys(rt: BamlRuntime): string[] {
  const out: string[] = []
  for (const t of rt.ir.tests) for (const f of t.functions) if (rt.ir.functions.has(f.name)) out.push(`${f.name}::${t.name}`)
  return out
}

/**
 * Where the cursor is in a function's argument map: `key` when a parameter name may be typed there
 * (at the top level of the map, where a key goes), with the keys already written.
 */
function argPosition(args: string): { key: boolean; used: Set<string> } {
  let depth = 0
  let count = 0
  const used = new Set<string>()
  let i = 0
  const n = args.length
  const item = (text: string) => {
    if (depth === 1) {
      if (count % 2 === 0) used.add(text.replace(/^"|"$/g, ''))
      count++
    }
  }
  while (i < n) {
    const c = args[i]!
    if (c === '"') {
      let j = i + 1
      while (j < n && args[j] !== '"' && args[j] !== '\n') j += args[j] === '\\' ? 2 : 1
      item(args.slice(i, j + 1))
      i = j + 1
    } else if (c === '{' || c === '[') {
      if (depth === 1) item(c)
      depth++
      if (depth === 1) count = 0
      i++
    } else if (c === '}' || c === ']') {
      depth = Math.max(0, depth - 1)
      i++
    } else if (depth === 1 && (c === ',' || c === '\n')) {
      count = 0
      i++
    } else if (/\s|:/.test(c)) {
      i++
    } else {
      let j = i
      while (j < n && !/[\s{}[\],:"]/.test(args[j]!)) j++
      item(args.slice(i, j))
      i = j
    }
  }
  return { key: depth === 1 && count % 2 === 0, used }
}

/** `$x.a.` → the keys of that value, as completions of the whole word. */
function varCompletions(vars: Vars, word: string): string[] {
  const dot = word.lastIndexOf('.')
  if (dot < 0) return startsWith([...vars.keys()].map((k) => `$${k}`), word, false)
  const [head, ...path] = word.slice(1, dot).split('.')
  let v: unknown = vars.get(head!)
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined
  if (v === null || typeof v !== 'object') return []
  return startsWith(Object.keys(v as object).map((k) => `${word.slice(0, dot + 1)}${k}`), word, false)
}

/**
 * Completions for the text before the cursor: `pending` holds the earlier lines of an entry that
 * continues, `line` the current one. Returns the candidates and the word they replace.
 */
export function complete(src: CompletionSource, pending: string, line: string): [string[], string] {
  const full = pending + line
  const word = /[A-Za-z0-9_$.:/*-]*$/.exec(line)![0]
  const before = full.slice(0, full.length - word.length)
  const rt = src.rt
  if (before.trim() === '') return [startsWith(COMMAND_WORDS, word), word]
  if (word.startsWith('$')) return [varCompletions(src.vars, word), word]

  // The command, after `let NAME =` if there is one.
  let head = before.trimStart()
  const letMatch = /^let\s+\$?[A-Za-z_][A-Za-z0-9_]*\s*=\s*/.exec(head)
  if (letMatch) {
    head = head.slice(letMatch[0].length)
    if (head.trim() === '') return [startsWith(LET_COMMANDS, word), word]
  }
  const cmd = /^\S+/.exec(head)?.[0] ?? ''
  const rest = head.slice(cmd.length)
  const atSecondWord = rest.trim() === ''
  if (!rt) return [[], word]
  const ir = rt.ir

  if (TARGET_COMMANDS.has(cmd)) {
    if (atSecondWord) {
      if (word.includes('::') && cmd !== 'parse') return [startsWith(testKeys(rt), word), word]
      return [startsWith(ir.functions.keys(), word), word]
    }
    const target = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(rest)?.[1]
    const fn = target ? ir.functions.get(target) : undefined
    if (!fn || cmd === 'parse') return [[], word]
    const argsText = rest.slice(rest.indexOf(target!) + target!.length).replace(/^::[A-Za-z0-9_-]*/, '')
    const pos = argPosition(argsText)
    if (!pos.key) return [[], word]
    return [startsWith(fn.params.map((p) => p.name).filter((p) => !pos.used.has(p)), word), word]
  }
  if (!atSecondWord) return [[], word]
  switch (cmd) {
    case 'show':
      return [startsWith([...allNames(rt), ...testKeys(rt)], word), word]
    case 'test':
      return [startsWith([...testKeys(rt), ...[...ir.functions.keys()].map((f) => `${f}::`)], word), word]
    case ':client':
      return [startsWith([...ir.clients.keys(), 'default'], word), word]
    case ':help':
      return [startsWith(COMMAND_WORDS, word), word]
    case ':secrets':
      return [startsWith(['on', 'off'], word), word]
    case 'functions':
      return [startsWith(ir.functions.keys(), word), word]
    case 'classes':
      return [startsWith(ir.classes.keys(), word), word]
    case 'enums':
      return [startsWith(ir.enums.keys(), word), word]
    case 'clients':
      return [startsWith(ir.clients.keys(), word), word]
    default:
      return [[], word]
  }
}
