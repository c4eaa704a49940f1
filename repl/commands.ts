// The REPL's commands: what can be typed, its help, and parsing an entry into a Command (plain data).
// Parsing needs no project; names are checked when the command runs.
import { editDistance } from '../core/index.ts'

/** A function, or one of its tests (`Fn::Test`), whose arguments a command uses. */
export interface Target {
  readonly fn: string
  readonly test?: string
  /** Where the name was typed in the entry (for errors). */
  readonly start: number
  readonly end: number
}

/** The part of the entry that holds arguments (or pasted text), with its offset in the entry. */
export interface Fragment {
  readonly text: string
  readonly offset: number
}

export type CallKind = 'render' | 'request' | 'curl' | 'call' | 'stream'
export type ListKind = 'functions' | 'classes' | 'enums' | 'clients' | 'tests'

export type Command =
  | { readonly kind: 'empty' }
  | { readonly kind: 'list'; readonly what: ListKind; readonly filter?: string }
  | { readonly kind: 'show'; readonly name: string }
  | { readonly kind: CallKind; readonly target: Target; readonly args: Fragment }
  /** `:curl` with nothing after it: the last request built, as curl. */
  | { readonly kind: 'last-curl' }
  /** `parse Fn` then pasted text; `parse Fn TEXT` takes the rest of the entry. */
  | { readonly kind: 'parse'; readonly fn: Target; readonly text?: Fragment }
  | { readonly kind: 'test'; readonly patterns: readonly string[] }
  | { readonly kind: 'let'; readonly name: string; readonly value: Command | Fragment }
  | { readonly kind: 'value'; readonly value: Fragment }
  | { readonly kind: 'vars' }
  | { readonly kind: 'client'; readonly name?: string }
  | { readonly kind: 'env'; readonly assignment?: string }
  | { readonly kind: 'secrets'; readonly on?: boolean }
  | { readonly kind: 'reload' }
  | { readonly kind: 'help'; readonly topic?: string }
  | { readonly kind: 'quit' }

/** A mistake in the entry itself; `start`/`end` are offsets into it. */
export class InputError extends Error {
  override name = 'InputError'
  constructor(
    message: string,
    readonly start?: number,
    readonly end?: number,
  ) {
    super(message)
  }
}

export interface CommandHelp {
  readonly name: string
  readonly usage: string
  readonly summary: string
}

/** Every command, in the order `:help` lists them. */
export const COMMANDS: readonly CommandHelp[] = [
  { name: 'functions', usage: 'functions [TEXT]', summary: 'the functions, with their signatures (those whose name contains TEXT)' },
  { name: 'classes', usage: 'classes [TEXT]', summary: 'the classes' },
  { name: 'enums', usage: 'enums [TEXT]', summary: 'the enums' },
  { name: 'clients', usage: 'clients [TEXT]', summary: 'the clients, with provider and model' },
  { name: 'tests', usage: 'tests [TEXT]', summary: 'the tests, as Function::Test' },
  { name: 'show', usage: 'show NAME', summary: 'the definition of NAME (function, class, enum, client, test...) as BAML' },
  { name: 'render', usage: 'render Fn ARGS | render Fn::Test', summary: 'the prompt the function renders, by role' },
  { name: 'request', usage: 'request Fn ARGS', summary: 'the HTTP request a call would send' },
  { name: ':curl', usage: ':curl [Fn ARGS]', summary: 'that request as a curl command (no ARGS: the last request shown)' },
  { name: 'call', usage: 'call Fn ARGS', summary: 'call the model; the parsed value, latency and tokens' },
  { name: 'stream', usage: 'stream Fn ARGS', summary: 'call with streaming; partial values drawn as they arrive' },
  { name: 'parse', usage: 'parse Fn [TEXT]', summary: 'parse model output (pasted after, ended by an empty line or Ctrl-D) into the return type' },
  { name: 'test', usage: 'test [PATTERN...]', summary: 'run tests: Fn::Test, Fn::, ::Test, wildcards (*); none: all' },
  { name: 'let', usage: 'let NAME = call|stream|parse ... | VALUE', summary: 'keep a result as $NAME for later arguments ($_ is the last result)' },
  { name: ':vars', usage: ':vars', summary: 'the variables set with let, and $_' },
  { name: ':client', usage: ':client [NAME | provider/model | default]', summary: 'call through another client (no NAME: show the current one)' },
  { name: ':env', usage: ':env [KEY=VALUE | KEY=]', summary: 'set or unset an environment variable for calls (no argument: list the ones set here)' },
  { name: ':secrets', usage: ':secrets on|off', summary: 'show api keys in requests and curl commands (off by default)' },
  { name: ':reload', usage: ':reload', summary: 'load the .baml files again (this also happens on its own when they change)' },
  { name: ':help', usage: ':help [COMMAND]', summary: 'this list' },
  { name: ':quit', usage: ':quit', summary: 'leave (also Ctrl-D)' },
]

/** ARGS: `{ name "Ada" langs ["en"] }` (BAML value syntax, as in test blocks) or JSON, `$var`s allowed inside. */
export const ARGS_HELP =
  'ARGS are written as in a test block, `{ name "Ada" langs ["en"] }`, or as JSON, `{"name": "Ada"}`; `$x` and `$x.field` use a variable; ' +
  'with one parameter, a bare value is enough (`call Greet "Ada"`). `Fn::Test` takes the test\'s arguments (ARGS after it override them).'

const ALIASES: Readonly<Record<string, string>> = {
  ':q': ':quit',
  ':exit': ':quit',
  quit: ':quit',
  exit: ':quit',
  ':h': ':help',
  help: ':help',
  '?': ':help',
  ':functions': 'functions',
  ':classes': 'classes',
  ':enums': 'enums',
  ':clients': 'clients',
  ':tests': 'tests',
  ':show': 'show',
  ':let': 'let',
  curl: ':curl',
  vars: ':vars',
  reload: ':reload',
}

/** The first word and the offset where the rest starts (blanks skipped). */
function firstWord(text: string, from: number): { word: string; start: number; rest: number } {
  let i = from
  while (i < text.length && /\s/.test(text[i]!)) i++
  const start = i
  while (i < text.length && !/\s/.test(text[i]!)) i++
  const word = text.slice(start, i)
  while (i < text.length && /\s/.test(text[i]!)) i++
  return { word, start, rest: i }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** A function or `Function::Test` at the start of the text, before `{`, `[`, `"`, `$` or a blank. */
const TARGET = /^([A-Za-z_][A-Za-z0-9_]*)(?:::([A-Za-z_][A-Za-z0-9_-]*))?/

function fragment(text: string, from: number): Fragment {
  return { text: text.slice(from).trim(), offset: from + (text.slice(from).length - text.slice(from).trimStart().length) }
}

function parseTarget(text: string, at: number, command: string): { target: Target; next: number } {
  const m = TARGET.exec(text.slice(at))
  if (!m) throw new InputError(`\`${command}\` needs a function name: ${command} Fn ARGS (or Fn::Test)`, at, Math.max(at + 1, text.length))
  const where = { start: at, end: at + m[0].length }
  const target: Target = m[2] !== undefined ? { fn: m[1]!, test: m[2], ...where } : { fn: m[1]!, ...where }
  return { target, next: at + m[0].length }
}

/** Parse one entry (possibly several lines). Throws InputError for a malformed entry. */
export function parseCommand(text: string): Command {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed.startsWith('//') || (trimmed.startsWith('#') && !trimmed.startsWith('#"'))) return { kind: 'empty' }
  const { word: raw, start, rest } = firstWord(text, 0)
  if (raw.startsWith('$')) return { kind: 'value', value: fragment(text, start) }
  const word = ALIASES[raw] ?? raw
  const restText = text.slice(rest).trim()
  switch (word) {
    case 'functions':
    case 'classes':
    case 'enums':
    case 'clients':
    case 'tests':
      return restText ? { kind: 'list', what: word, filter: restText } : { kind: 'list', what: word }
    case 'show': {
      if (!restText) throw new InputError('`show` needs a name: show NAME', start, rest)
      return { kind: 'show', name: restText }
    }
    case 'render':
    case 'request':
    case 'call':
    case 'stream':
    case ':curl': {
      if (word === ':curl' && !restText) return { kind: 'last-curl' }
      const kind: CallKind = word === ':curl' ? 'curl' : word
      const { target, next } = parseTarget(text, rest, raw)
      return { kind, target, args: fragment(text, next) }
    }
    case 'parse': {
      const { target, next } = parseTarget(text, rest, raw)
      if (target.test !== undefined) throw new InputError('`parse` takes a function, not a test', rest, next)
      const f = fragment(text, next)
      return f.text ? { kind: 'parse', fn: target, text: f } : { kind: 'parse', fn: target }
    }
    case 'test':
      return { kind: 'test', patterns: restText ? restText.split(/\s+/) : [] }
    case 'let': {
      const m = /^\s*\$?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(text.slice(rest))
      if (!m) throw new InputError('write `let NAME = call Fn ARGS` (or stream, parse, or a value)', start, text.trimEnd().length)
      const name = m[1]!
      if (name === '_') throw new InputError('`$_` is set by every result; choose another name', rest, rest + m[0].length)
      const after = rest + m[0].length
      const inner = firstWord(text, after).word
      const innerWord = ALIASES[inner] ?? inner
      if (innerWord === 'call' || innerWord === 'stream' || innerWord === 'parse' || innerWord === 'render' || innerWord === 'request') {
        const sub = parseCommand(' '.repeat(after) + text.slice(after))
        return { kind: 'let', name, value: sub }
      }
      const f = fragment(text, after)
      if (!f.text) throw new InputError(`\`let ${name} =\` needs a command or a value`, start, text.length)
      return { kind: 'let', name, value: f }
    }
    case ':vars':
      return { kind: 'vars' }
    case ':client':
      return restText ? { kind: 'client', name: restText } : { kind: 'client' }
    case ':env':
      return restText ? { kind: 'env', assignment: restText } : { kind: 'env' }
    case ':secrets': {
      if (!restText) return { kind: 'secrets' }
      if (restText === 'on' || restText === 'off') return { kind: 'secrets', on: restText === 'on' }
      throw new InputError('write `:secrets on` or `:secrets off`', rest, text.trimEnd().length)
    }
    case ':reload':
      return { kind: 'reload' }
    case ':help':
      return restText ? { kind: 'help', topic: restText } : { kind: 'help' }
    case ':quit':
      return { kind: 'quit' }
    default: {
      if (raw.startsWith('{') || raw.startsWith('[') || raw.startsWith('"')) return { kind: 'value', value: fragment(text, start) }
      const known = [...COMMANDS.map((c) => c.name), 'let']
      const close = known.filter((k) => editDistance(k.replace(/^:/, ''), raw.replace(/^:/, '')) <= 2)
      const hint = close.length ? ` Did you mean \`${close[0]}\`?` : ''
      throw new InputError(`unknown command \`${raw}\`.${hint} Type :help for the list.`, start, start + raw.length)
    }
  }
}

export function isName(s: string): boolean {
  return NAME.test(s)
}
