// Test-only stand-in for the BAML loader: reads just the `client<llm>` blocks (into ClientIR) and the
// `function` blocks (name, params, client, raw prompt) of a project. Other blocks are skipped.
// The real loader (core/ir/load.ts) replaces this once it lands.
import type { ClientIR, ConfigEntry, ConfigValue, ProviderName } from '../../core/ir/types.ts'
import type { Span } from '../../core/syntax/span.ts'

export interface MiniFunction {
  readonly name: string
  readonly params: readonly string[]
  readonly client: string
  readonly prompt: string
}

export interface MiniProject {
  readonly clients: Map<string, ClientIR>
  readonly functions: Map<string, MiniFunction>
}

const ALIASES: Record<string, ProviderName> = {
  'baml-openai-chat': 'openai',
  'baml-azure-chat': 'azure-openai',
  'baml-ollama-chat': 'ollama',
  'baml-anthropic-chat': 'anthropic',
  'baml-fallback': 'fallback',
  'baml-round-robin': 'round-robin',
}

class Reader {
  pos = 0
  constructor(
    readonly text: string,
    readonly file: string,
  ) {}

  span(start: number): Span {
    return { file: this.file, start, end: this.pos }
  }

  /** Skips spaces, newlines (if `lines`) and `//` comments. */
  skip(lines = true): void {
    for (;;) {
      const c = this.text[this.pos]
      if (c === ' ' || c === '\t' || c === '\r' || (lines && c === '\n') || c === ',') this.pos++
      else if (c === '/' && this.text[this.pos + 1] === '/') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++
      else return
    }
  }

  peek(): string | undefined {
    return this.text[this.pos]
  }

  word(): string {
    const m = /^[A-Za-z0-9_.\-<>]+/.exec(this.text.slice(this.pos))
    if (!m) throw new Error(`${this.file}: expected a word at ${this.pos}: ${this.text.slice(this.pos, this.pos + 30)}`)
    this.pos += m[0].length
    return m[0]
  }

  quoted(): string {
    const m = /^"((?:[^"\\]|\\.)*)"/.exec(this.text.slice(this.pos))
    if (!m) throw new Error(`${this.file}: expected a string at ${this.pos}`)
    this.pos += m[0].length
    return JSON.parse(`"${m[1]}"`) as string
  }

  block(): string {
    const m = /^(#+)"/.exec(this.text.slice(this.pos))!
    const close = `"${m[1]}`
    const start = this.pos + m[0].length
    const end = this.text.indexOf(close, start)
    this.pos = end + close.length
    return this.text.slice(start, end)
  }

  skipBraces(): void {
    let depth = 0
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++]
      if (c === '#' && /^#*"/.test(this.text.slice(this.pos - 1))) {
        this.pos--
        this.block()
      } else if (c === '"') {
        this.pos--
        this.quoted()
      } else if (c === '{') depth++
      else if (c === '}' && --depth === 0) return
    }
  }

  value(): ConfigValue {
    this.skip(false)
    const start = this.pos
    const c = this.peek()
    if (c === '"') return { kind: 'string', value: this.quoted(), quoted: 'double', span: this.span(start) }
    if (c === '#') return { kind: 'string', value: this.block(), quoted: 'block', span: this.span(start) }
    if (c === '[') {
      this.pos++
      const items: ConfigValue[] = []
      for (;;) {
        this.skip()
        if (this.peek() === ']') {
          this.pos++
          break
        }
        items.push(this.value())
      }
      return { kind: 'array', items, span: this.span(start) }
    }
    if (c === '{') return this.map()
    const w = this.word()
    const span = this.span(start)
    if (/^-?\d+(\.\d+)?$/.test(w)) return { kind: 'number', value: Number(w), isInt: !w.includes('.'), span }
    if (w === 'true' || w === 'false') return { kind: 'bool', value: w === 'true', span }
    if (w === 'null') return { kind: 'null', span }
    if (w.startsWith('env.')) return { kind: 'env', name: w.slice(4), span }
    return { kind: 'ident', name: w, span }
  }

  map(): Extract<ConfigValue, { kind: 'map' }> {
    const start = this.pos
    this.pos++ // {
    const entries: ConfigEntry[] = []
    for (;;) {
      this.skip()
      if (this.peek() === '}') {
        this.pos++
        break
      }
      const ks = this.pos
      const key = this.peek() === '"' ? this.quoted() : this.word()
      const keySpan = this.span(ks)
      entries.push({ key, keySpan, value: this.value() })
    }
    return { kind: 'map', entries, span: this.span(start) }
  }
}

export function readMiniProject(files: Record<string, string>): MiniProject {
  const clients = new Map<string, ClientIR>()
  const functions = new Map<string, MiniFunction>()
  for (const [file, text] of Object.entries(files)) {
    const r = new Reader(text, file)
    for (;;) {
      r.skip()
      if (r.pos >= text.length) break
      const start = r.pos
      const kw = r.word()
      if (kw === 'client<llm>') {
        r.skip()
        const name = r.word()
        r.skip()
        const body = r.map()
        let provider: ProviderName = 'openai'
        let retryPolicy: string | undefined
        let options: Extract<ConfigValue, { kind: 'map' }> = { kind: 'map', entries: [], span: r.span(start) }
        for (const e of body.entries) {
          if (e.key === 'provider') {
            const v = e.value.kind === 'ident' ? e.value.name : e.value.kind === 'string' ? e.value.value : ''
            provider = ALIASES[v] ?? (v as ProviderName)
          } else if (e.key === 'retry_policy' && e.value.kind === 'ident') retryPolicy = e.value.name
          else if (e.key === 'options' && e.value.kind === 'map') options = e.value
        }
        clients.set(name, { name, provider, retryPolicy, options, span: r.span(start) })
      } else if (kw === 'function') {
        r.skip()
        const name = r.word()
        const open = text.indexOf('(', r.pos)
        const close = text.indexOf(')', open)
        const params = text
          .slice(open + 1, close)
          .split(',')
          .map((p) => p.split(':')[0]!.trim())
          .filter((p) => p)
        r.pos = text.indexOf('{', close) + 1
        let client = ''
        let prompt = ''
        for (;;) {
          r.skip()
          if (r.peek() === '}') {
            r.pos++
            break
          }
          const field = r.word()
          r.skip(false)
          if (field === 'client') client = r.peek() === '"' ? r.quoted() : r.word()
          else if (field === 'prompt') prompt = r.block()
          else r.value()
        }
        functions.set(name, { name, params, client, prompt })
      } else {
        // class / enum / test / retry_policy / generator: skip the braces; template_string: its #"..."#.
        while (r.pos < text.length && text[r.pos] !== '{' && !/^#+"/.test(text.slice(r.pos))) r.pos++
        if (text[r.pos] === '{') r.skipBraces()
        else r.block()
      }
    }
  }
  return { clients, functions }
}
