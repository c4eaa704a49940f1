// A deliberately small reader for the BAML used by the format golden suites: classes, enums,
// type aliases and functions (clients, tests and generators are skipped). It builds IR the way
// the format code expects it (non-recursive aliases expanded, recursive ones as `alias` nodes)
// but leaves unions as written, so the renderer's own union handling is exercised.
// This is test scaffolding until the project loader (core/ir/load.ts) is available.
import type {
  BamlIR,
  ClassIR,
  Constraint,
  EnumIR,
  EnumValueIR,
  FieldIR,
  FunctionIR,
  TypeAliasIR,
  TypeAttrs,
  TypeIR,
} from '../../../core/ir/types.ts'
import { makeIR, span } from './ir.ts'

type Tok =
  | { t: 'id'; v: string }
  | { t: 'str'; v: string }
  | { t: 'raw'; v: string }
  | { t: 'num'; v: string }
  | { t: 'jinja'; v: string }
  | { t: 'at'; v: string; block: boolean }
  | { t: 'p'; v: string }

function lex(src: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (/\s/.test(c)) {
      i++
    } else if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++
    } else if (src.startsWith('{//', i)) {
      i = src.indexOf('//}', i) + 3
    } else if (src.startsWith('{{', i)) {
      const end = src.indexOf('}}', i)
      out.push({ t: 'jinja', v: src.slice(i + 2, end).trim() })
      i = end + 2
    } else if (c === '#' && /^#+"/.test(src.slice(i))) {
      const hashes = /^#+/.exec(src.slice(i))![0]
      const close = '"' + hashes
      const start = i + hashes.length + 1
      const end = src.indexOf(close, start)
      out.push({ t: 'raw', v: src.slice(start, end) })
      i = end + close.length
    } else if (c === '"') {
      const end = src.indexOf('"', i + 1)
      let e = end
      while (src[e - 1] === '\\') e = src.indexOf('"', e + 1)
      out.push({ t: 'str', v: src.slice(i + 1, e) })
      i = e + 1
    } else if (c === '@') {
      const block = src[i + 1] === '@'
      i += block ? 2 : 1
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i))!
      out.push({ t: 'at', v: m[0], block })
      i += m[0].length
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!
      out.push({ t: 'id', v: m[0] })
      i += m[0].length
    } else if (/[-0-9]/.test(c) && !src.startsWith('->', i)) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!
      out.push({ t: 'num', v: m[0] })
      i += m[0].length
    } else if (src.startsWith('->', i) || src.startsWith('[]', i)) {
      out.push({ t: 'p', v: src.slice(i, i + 2) })
      i += 2
    } else {
      out.push({ t: 'p', v: c })
      i++
    }
  }
  return out
}

/** Block strings: drop the common indentation, then trim (as prompts and descriptions are). */
export function dedentTrim(raw: string): string {
  const lines = raw.split('\n')
  let indent = Infinity
  for (const l of lines) if (l.trim() !== '') indent = Math.min(indent, /^[ \t]*/.exec(l)![0].length)
  if (indent === Infinity) indent = 0
  return lines
    .map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)![0].length)))
    .join('\n')
    .trim()
}

// Syntax trees before name resolution.
type TypeAst =
  | { k: 'name'; name: string; attrs?: TypeAttrs }
  | { k: 'lit'; value: string | number | boolean; attrs?: TypeAttrs }
  | { k: 'list'; item: TypeAst; attrs?: TypeAttrs }
  | { k: 'opt'; item: TypeAst; attrs?: TypeAttrs }
  | { k: 'map'; key: TypeAst; value: TypeAst; attrs?: TypeAttrs }
  | { k: 'union'; options: TypeAst[]; attrs?: TypeAttrs }

interface Attr {
  name: string
  args: Tok[]
}

interface FieldAst {
  name: string
  type: TypeAst
  attrs: Attr[]
}

class Reader {
  i = 0
  constructor(readonly toks: Tok[]) {}
  peek(o = 0): Tok | undefined {
    return this.toks[this.i + o]
  }
  next(): Tok {
    return this.toks[this.i++]!
  }
  isP(v: string, o = 0): boolean {
    const t = this.peek(o)
    return t?.t === 'p' && t.v === v
  }
  expectP(v: string): void {
    const t = this.next()
    if (t.t !== 'p' || t.v !== v) throw new Error(`expected ${v}, got ${JSON.stringify(t)}`)
  }
  id(): string {
    const t = this.next()
    if (t.t !== 'id') throw new Error(`expected identifier, got ${JSON.stringify(t)}`)
    return t.v
  }
  skipBlock(): void {
    while (!this.isP('{')) this.next()
    let depth = 0
    do {
      const t = this.next()
      if (t.t === 'p' && t.v === '{') depth++
      if (t.t === 'p' && t.v === '}') depth--
    } while (depth > 0)
  }
  attrs(block: boolean): Attr[] {
    const out: Attr[] = []
    for (;;) {
      const t = this.peek()
      if (t?.t !== 'at' || t.block !== block) return out
      this.next()
      const args: Tok[] = []
      if (this.isP('(')) {
        this.next()
        let depth = 1
        for (;;) {
          const a = this.next()
          if (a.t === 'p' && a.v === '(') depth++
          if (a.t === 'p' && a.v === ')' && --depth === 0) break
          if (!(a.t === 'p' && a.v === ',')) args.push(a)
        }
      }
      out.push({ name: t.v, args })
    }
  }
  /** A type; attributes after the last member are returned to the caller. */
  type(): { type: TypeAst; trailing: Attr[] } {
    const options: TypeAst[] = []
    for (;;) {
      const member = this.postfix()
      const attrs = this.attrs(false)
      if (this.isP('|')) {
        this.next()
        options.push(withAttrs(member, attrs))
        continue
      }
      if (options.length === 0) return { type: member, trailing: attrs }
      options.push(member)
      return { type: { k: 'union', options }, trailing: attrs }
    }
  }
  postfix(): TypeAst {
    let t = this.primary()
    for (;;) {
      if (this.isP('[]')) {
        this.next()
        t = { k: 'list', item: t }
      } else if (this.isP('?')) {
        this.next()
        t = { k: 'opt', item: t }
      } else return t
    }
  }
  primary(): TypeAst {
    const t = this.next()
    if (t.t === 'p' && t.v === '(') {
      const inner = this.type()
      this.expectP(')')
      return withAttrs(inner.type, inner.trailing)
    }
    if (t.t === 'str') return { k: 'lit', value: t.v }
    if (t.t === 'num') return { k: 'lit', value: Number(t.v) }
    if (t.t === 'id' && (t.v === 'true' || t.v === 'false')) return { k: 'lit', value: t.v === 'true' }
    if (t.t === 'id' && t.v === 'map' && this.isP('<')) {
      this.next()
      const key = this.type()
      this.expectP(',')
      const value = this.type()
      this.expectP('>')
      return { k: 'map', key: withAttrs(key.type, key.trailing), value: withAttrs(value.type, value.trailing) }
    }
    if (t.t === 'id') return { k: 'name', name: t.v }
    throw new Error(`unexpected ${JSON.stringify(t)} in type`)
  }
}

function typeAttrsOf(attrs: Attr[]): TypeAttrs | undefined {
  const constraints: Constraint[] = []
  const out: { constraints?: Constraint[]; streamDone?: boolean; streamNotNull?: boolean; streamWithState?: boolean } = {}
  for (const a of attrs) {
    if (a.name === 'check' || a.name === 'assert') {
      const label = a.args.find((x) => x.t === 'id')?.v
      const expr = a.args.find((x) => x.t === 'jinja')?.v ?? ''
      constraints.push({ level: a.name, ...(label ? { label } : {}), expression: expr })
    } else if (a.name === 'stream.done') out.streamDone = true
    else if (a.name === 'stream.not_null') out.streamNotNull = true
    else if (a.name === 'stream.with_state') out.streamWithState = true
  }
  if (constraints.length > 0) out.constraints = constraints
  return Object.keys(out).length > 0 ? out : undefined
}

function withAttrs(t: TypeAst, attrs: Attr[]): TypeAst {
  const a = typeAttrsOf(attrs)
  return a ? { ...t, attrs: mergeAttrs(t.attrs, a) } : t
}

function mergeAttrs(a: TypeAttrs | undefined, b: TypeAttrs | undefined): TypeAttrs | undefined {
  if (!a) return b
  if (!b) return a
  return { ...a, ...b, constraints: [...(a.constraints ?? []), ...(b.constraints ?? [])] }
}

function strArg(a: Attr | undefined): string | undefined {
  const t = a?.args[0]
  if (!t) return undefined
  if (t.t === 'str') return t.v
  if (t.t === 'raw') return dedentTrim(t.v)
  return undefined
}

const find = (attrs: Attr[], name: string) => attrs.find((a) => a.name === name)

/** Read every file (in the given order) into one IR. */
export function loadMiniProject(files: Record<string, string>): BamlIR {
  const classAst: { name: string; fields: FieldAst[]; attrs: Attr[] }[] = []
  const enums: EnumIR[] = []
  const aliasAst = new Map<string, TypeAst>()
  const fnAst: { name: string; ret: TypeAst; prompt: string; client: string }[] = []

  for (const src of Object.values(files)) {
    const r = new Reader(lex(src))
    while (r.peek()) {
      const kw = r.id()
      if (kw === 'class') {
        const name = r.id()
        r.expectP('{')
        const fields: FieldAst[] = []
        const attrs: Attr[] = []
        while (!r.isP('}')) {
          if (r.peek()?.t === 'at') {
            attrs.push(...r.attrs(true))
            continue
          }
          const fname = r.id()
          const { type, trailing } = r.type()
          fields.push({ name: fname, type, attrs: [...trailing, ...r.attrs(false)] })
        }
        r.next()
        classAst.push({ name, fields, attrs })
      } else if (kw === 'enum') {
        const name = r.id()
        r.expectP('{')
        const values: EnumValueIR[] = []
        const attrs: Attr[] = []
        while (!r.isP('}')) {
          if (r.peek()?.t === 'at') {
            attrs.push(...r.attrs(true))
            continue
          }
          const vname = r.id()
          const va = r.attrs(false)
          const alias = strArg(find(va, 'alias'))
          const description = strArg(find(va, 'description'))
          values.push({
            name: vname,
            span,
            ...(alias !== undefined ? { alias } : {}),
            ...(description !== undefined ? { description } : {}),
            ...(find(va, 'skip') ? { skip: true } : {}),
          })
        }
        r.next()
        const alias = strArg(find(attrs, 'alias'))
        const description = strArg(find(attrs, 'description'))
        enums.push({
          name,
          values,
          span,
          ...(alias !== undefined ? { alias } : {}),
          ...(description !== undefined ? { description } : {}),
        })
      } else if (kw === 'type') {
        const name = r.id()
        r.expectP('=')
        const { type, trailing } = r.type()
        aliasAst.set(name, withAttrs(type, trailing))
      } else if (kw === 'function') {
        const name = r.id()
        while (!r.isP('->')) r.next()
        r.next()
        const { type, trailing } = r.type()
        r.expectP('{')
        let prompt = ''
        let client = ''
        while (!r.isP('}')) {
          const k = r.id()
          const v = r.next()
          if (k === 'prompt') prompt = v.v
          if (k === 'client') client = v.v
        }
        r.next()
        fnAst.push({ name, ret: withAttrs(type, trailing), prompt, client })
      } else {
        // client<llm>, generator, test, retry_policy, template_string: not needed here.
        r.skipBlock()
      }
    }
  }

  const classNames = new Set(classAst.map((c) => c.name))
  const enumNames = new Set(enums.map((e) => e.name))
  const recursiveAliases = findRecursiveAliases(aliasAst)

  const resolve = (t: TypeAst): TypeIR => {
    const attrs = t.attrs ? { attrs: t.attrs } : {}
    switch (t.k) {
      case 'lit':
        return { kind: 'literal', value: t.value, ...attrs }
      case 'list':
        return { kind: 'list', item: resolve(t.item), ...attrs }
      case 'opt':
        return { kind: 'union', options: [resolve(t.item), { kind: 'primitive', name: 'null' }], ...attrs }
      case 'map':
        return { kind: 'map', key: resolve(t.key), value: resolve(t.value), ...attrs }
      case 'union':
        return { kind: 'union', options: t.options.map(resolve), ...attrs }
      case 'name': {
        const n = t.name
        if (n === 'string' || n === 'int' || n === 'float' || n === 'bool' || n === 'null')
          return { kind: 'primitive', name: n, ...attrs }
        if (n === 'image' || n === 'audio' || n === 'pdf' || n === 'video') return { kind: 'media', name: n, ...attrs }
        if (classNames.has(n)) return { kind: 'class', name: n, ...attrs }
        if (enumNames.has(n)) return { kind: 'enum', name: n, ...attrs }
        if (recursiveAliases.has(n)) return { kind: 'alias', name: n, ...attrs }
        const def = aliasAst.get(n)
        if (def) {
          const r = resolve(def)
          return t.attrs ? { ...r, attrs: mergeAttrs(r.attrs, t.attrs)! } : r
        }
        throw new Error(`unknown type ${n}`)
      }
    }
  }

  const classes: ClassIR[] = classAst.map((c) => {
    const fields: FieldIR[] = c.fields.map((f) => {
      const alias = strArg(find(f.attrs, 'alias'))
      const description = strArg(find(f.attrs, 'description'))
      const base = resolve(f.type)
      const ta = typeAttrsOf(f.attrs)
      return {
        name: f.name,
        type: ta ? { ...base, attrs: mergeAttrs(base.attrs, ta)! } : base,
        span,
        ...(alias !== undefined ? { alias } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(find(f.attrs, 'skip') ? { skip: true } : {}),
      }
    })
    const alias = strArg(find(c.attrs, 'alias'))
    const description = strArg(find(c.attrs, 'description'))
    return {
      name: c.name,
      fields,
      span,
      ...(alias !== undefined ? { alias } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(find(c.attrs, 'dynamic') ? { dynamic: true } : {}),
    }
  })

  const aliases: TypeAliasIR[] = [...aliasAst].map(([name, t]) => ({
    name,
    type: resolve(t),
    recursive: recursiveAliases.has(name),
    span,
  }))
  const functions: FunctionIR[] = fnAst.map((f) => ({
    name: f.name,
    params: [],
    returnType: resolve(f.ret),
    client: f.client,
    clientSpan: span,
    prompt: { raw: f.prompt, span },
    span,
  }))
  return makeIR({ classes, enums, aliases, functions })
}

/** Aliases that can reach themselves through other aliases. */
function findRecursiveAliases(aliases: Map<string, TypeAst>): Set<string> {
  const refs = new Map<string, string[]>()
  for (const [name, t] of aliases) {
    const out: string[] = []
    const walk = (x: TypeAst): void => {
      if (x.k === 'name') {
        if (aliases.has(x.name)) out.push(x.name)
      } else if (x.k === 'list' || x.k === 'opt') walk(x.item)
      else if (x.k === 'map') {
        walk(x.key)
        walk(x.value)
      } else if (x.k === 'union') x.options.forEach(walk)
    }
    walk(t)
    refs.set(name, out)
  }
  const rec = new Set<string>()
  for (const start of aliases.keys()) {
    const seen = new Set<string>()
    const stack = [...refs.get(start)!]
    while (stack.length) {
      const n = stack.pop()!
      if (n === start) {
        rec.add(start)
        break
      }
      if (seen.has(n)) continue
      seen.add(n)
      stack.push(...refs.get(n)!)
    }
  }
  return rec
}
