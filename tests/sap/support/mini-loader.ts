// A deliberately small reader for the BAML subset the SAP golden suites use (classes, enums, type
// aliases, functions' return types, field/block attributes). Test support only: it stands in for
// core/ir/load.ts until that lands, and is used to cross-check it afterwards.
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

const SPAN = { file: 'x', start: 0, end: 0 }

interface Tok {
  k: 'id' | 'str' | 'num' | 'p' | 'expr' | 'raw'
  v: string
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++
      continue
    }
    if (src.startsWith('{{', i)) {
      const e = src.indexOf('}}', i)
      out.push({ k: 'expr', v: src.slice(i + 2, e).trim() })
      i = e + 2
      continue
    }
    if (c === '#' && src[i + 1] === '"') {
      const e = src.indexOf('"#', i + 2)
      out.push({ k: 'raw', v: src.slice(i + 2, e) })
      i = e + 2
      continue
    }
    if (c === '"') {
      let j = i + 1
      let s = ''
      while (src[j] !== '"') {
        if (src[j] === '\\') {
          s += src[j + 1]
          j += 2
        } else s += src[j++]
      }
      out.push({ k: 'str', v: s })
      i = j + 1
      continue
    }
    if (/[0-9-]/.test(c) && /[0-9]/.test(src[i + 1] ?? c)) {
      let j = i + 1
      while (/[0-9.]/.test(src[j] ?? '')) j++
      out.push({ k: 'num', v: src.slice(i, j) })
      i = j
      continue
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i
      while (/[A-Za-z0-9_.]/.test(src[j] ?? '')) j++
      out.push({ k: 'id', v: src.slice(i, j) })
      i = j
      continue
    }
    if (src.startsWith('@@', i)) {
      out.push({ k: 'p', v: '@@' })
      i += 2
      continue
    }
    if (src.startsWith('->', i)) {
      out.push({ k: 'p', v: '->' })
      i += 2
      continue
    }
    out.push({ k: 'p', v: c })
    i++
  }
  return out
}

class P {
  i = 0
  constructor(readonly t: Tok[]) {}
  peek(o = 0): Tok | undefined {
    return this.t[this.i + o]
  }
  next(): Tok {
    return this.t[this.i++]!
  }
  is(v: string, o = 0): boolean {
    const t = this.peek(o)
    return t !== undefined && (t.k === 'p' || t.k === 'id') && t.v === v
  }
  eat(v: string): void {
    if (!this.is(v)) throw new Error(`expected ${v} got ${JSON.stringify(this.peek())}`)
    this.i++
  }
  skipBlock(): void {
    this.eat('{')
    let d = 1
    while (d > 0) {
      const t = this.next()
      if (t.k === 'p' && t.v === '{') d++
      if (t.k === 'p' && t.v === '}') d--
    }
  }
}

interface Attr {
  name: string
  args: Tok[]
}

function parseAttr(p: P): Attr {
  const name = p.next().v
  const args: Tok[] = []
  if (p.is('(')) {
    p.eat('(')
    let d = 1
    while (true) {
      const t = p.next()
      if (t.k === 'p' && t.v === '(') d++
      if (t.k === 'p' && t.v === ')') {
        d--
        if (d === 0) break
      }
      if (!(t.k === 'p' && t.v === ',')) args.push(t)
    }
  }
  return { name, args }
}

function parsePrimaryType(p: P, aliases: Set<string>, classes: Set<string>, enums: Set<string>): TypeIR {
  const t = p.next()
  let ty: TypeIR
  if (t.k === 'p' && t.v === '(') {
    ty = parseUnion(p, aliases, classes, enums)
    p.eat(')')
  } else if (t.k === 'str') ty = { kind: 'literal', value: t.v }
  else if (t.k === 'num') ty = { kind: 'literal', value: Number(t.v) }
  else if (t.v === 'true' || t.v === 'false') ty = { kind: 'literal', value: t.v === 'true' }
  else if (t.v === 'map') {
    p.eat('<')
    const key = parseUnion(p, aliases, classes, enums)
    p.eat(',')
    const value = parseUnion(p, aliases, classes, enums)
    p.eat('>')
    ty = { kind: 'map', key, value }
  } else if (['string', 'int', 'float', 'bool', 'null'].includes(t.v)) {
    ty = { kind: 'primitive', name: t.v as 'string' }
  } else if (['image', 'audio', 'pdf', 'video'].includes(t.v)) ty = { kind: 'media', name: t.v as 'image' }
  else if (enums.has(t.v)) ty = { kind: 'enum', name: t.v }
  else if (aliases.has(t.v)) ty = { kind: 'alias', name: t.v }
  else ty = { kind: 'class', name: t.v }
  for (;;) {
    if (p.is('[') && p.is(']', 1)) {
      p.i += 2
      ty = { kind: 'list', item: ty }
    } else if (p.is('?')) {
      p.i++
      ty = { kind: 'union', options: [ty, { kind: 'primitive', name: 'null' }] }
    } else break
  }
  return ty
}

function parseUnion(p: P, aliases: Set<string>, classes: Set<string>, enums: Set<string>): TypeIR {
  const opts = [parsePrimaryType(p, aliases, classes, enums)]
  while (p.is('|')) {
    p.i++
    opts.push(parsePrimaryType(p, aliases, classes, enums))
  }
  return opts.length === 1 ? opts[0]! : { kind: 'union', options: opts }
}

function attrsToTypeAttrs(attrs: Attr[]): TypeAttrs | undefined {
  const constraints: Constraint[] = []
  let streamDone = false
  let streamNotNull = false
  let streamWithState = false
  for (const a of attrs) {
    if (a.name === 'check' || a.name === 'assert') {
      const expr = a.args.find((x) => x.k === 'expr')!.v
      const label = a.args.find((x) => x.k === 'id' || x.k === 'str')?.v
      constraints.push({ level: a.name, label, expression: expr })
    }
    if (a.name === 'stream.done') streamDone = true
    if (a.name === 'stream.not_null') streamNotNull = true
    if (a.name === 'stream.with_state') streamWithState = true
  }
  if (!constraints.length && !streamDone && !streamNotNull && !streamWithState) return undefined
  const out: { -readonly [K in keyof TypeAttrs]: TypeAttrs[K] } = {}
  if (constraints.length) out.constraints = constraints
  if (streamDone) out.streamDone = true
  if (streamNotNull) out.streamNotNull = true
  if (streamWithState) out.streamWithState = true
  return out
}

function withAttrs(t: TypeIR, a: TypeAttrs | undefined): TypeIR {
  if (!a) return t
  const merged: TypeAttrs = {
    ...t.attrs,
    ...a,
    constraints: [...(t.attrs?.constraints ?? []), ...(a.constraints ?? [])],
  }
  return { ...t, attrs: merged } as TypeIR
}

function strArg(a: Attr): string | undefined {
  return a.args.find((x) => x.k === 'str' || x.k === 'raw')?.v
}

function trimDesc(s: string | undefined): string | undefined {
  return s === undefined ? undefined : s
}

export function miniLoad(files: Record<string, string>): BamlIR {
  const all = Object.values(files).join('\n')
  const toks = tokenize(all)
  // first pass: names
  const classes = new Set<string>()
  const enums = new Set<string>()
  const aliases = new Set<string>()
  for (let i = 0; i < toks.length - 1; i++) {
    const t = toks[i]!
    if (t.k !== 'id') continue
    if (t.v === 'class' && toks[i + 1]!.k === 'id') classes.add(toks[i + 1]!.v)
    if (t.v === 'enum' && toks[i + 1]!.k === 'id') enums.add(toks[i + 1]!.v)
    if (t.v === 'type' && toks[i + 1]!.k === 'id' && toks[i + 2]?.v === '=') aliases.add(toks[i + 1]!.v)
  }
  const p = new P(toks)
  const classMap = new Map<string, ClassIR>()
  const enumMap = new Map<string, EnumIR>()
  const aliasRaw = new Map<string, TypeIR>()
  const fns = new Map<string, FunctionIR>()
  while (p.i < toks.length) {
    const t = p.next()
    if (t.v === 'class') {
      const name = p.next().v
      p.eat('{')
      const fields: FieldIR[] = []
      const blockAttrs: Attr[] = []
      while (!p.is('}')) {
        if (p.is('@@')) {
          p.i++
          blockAttrs.push(parseAttr(p))
          continue
        }
        const fname = p.next().v
        let ty = parseUnion(p, aliases, classes, enums)
        const attrs: Attr[] = []
        while (p.is('@')) {
          p.i++
          attrs.push(parseAttr(p))
        }
        ty = withAttrs(ty, attrsToTypeAttrs(attrs))
        const alias = attrs.find((a) => a.name === 'alias')
        const desc = attrs.find((a) => a.name === 'description')
        fields.push({
          name: fname,
          alias: alias ? strArg(alias) : undefined,
          description: desc ? trimDesc(strArg(desc)) : undefined,
          skip: attrs.some((a) => a.name === 'skip') || undefined,
          type: ty,
          span: SPAN,
        })
      }
      p.eat('}')
      const ba = attrsToTypeAttrs(blockAttrs)
      classMap.set(name, {
        name,
        fields,
        dynamic: blockAttrs.some((a) => a.name === 'dynamic') || undefined,
        attrs: ba,
        span: SPAN,
      })
    } else if (t.v === 'enum') {
      const name = p.next().v
      p.eat('{')
      const values: EnumValueIR[] = []
      const blockAttrs: Attr[] = []
      while (!p.is('}')) {
        if (p.is('@@')) {
          p.i++
          blockAttrs.push(parseAttr(p))
          continue
        }
        const vname = p.next().v
        const attrs: Attr[] = []
        while (p.is('@')) {
          p.i++
          attrs.push(parseAttr(p))
        }
        const alias = attrs.find((a) => a.name === 'alias')
        const desc = attrs.find((a) => a.name === 'description')
        values.push({
          name: vname,
          alias: alias ? strArg(alias) : undefined,
          description: desc ? strArg(desc) : undefined,
          skip: attrs.some((a) => a.name === 'skip') || undefined,
          span: SPAN,
        })
      }
      p.eat('}')
      enumMap.set(name, { name, values, attrs: attrsToTypeAttrs(blockAttrs), dynamic: blockAttrs.some((a) => a.name === 'dynamic') || undefined, span: SPAN })
    } else if (t.v === 'type' && p.is('=', 1)) {
      const name = p.next().v
      p.eat('=')
      let ty = parseUnion(p, aliases, classes, enums)
      const attrs: Attr[] = []
      while (p.is('@')) {
        p.i++
        attrs.push(parseAttr(p))
      }
      ty = withAttrs(ty, attrsToTypeAttrs(attrs))
      aliasRaw.set(name, ty)
    } else if (t.v === 'function') {
      const name = p.next().v
      p.eat('(')
      let d = 1
      while (d > 0) {
        const x = p.next()
        if (x.k === 'p' && x.v === '(') d++
        if (x.k === 'p' && x.v === ')') d--
      }
      p.eat('->')
      let ty = parseUnion(p, aliases, classes, enums)
      const attrs: Attr[] = []
      while (p.is('@')) {
        p.i++
        attrs.push(parseAttr(p))
      }
      ty = withAttrs(ty, attrsToTypeAttrs(attrs))
      p.skipBlock()
      fns.set(name, {
        name,
        params: [],
        returnType: ty,
        client: '',
        clientSpan: SPAN,
        prompt: { raw: '', span: SPAN },
        span: SPAN,
      })
    } else if (t.k === 'id' && (t.v === 'client' || t.v === 'generator' || t.v === 'test' || t.v === 'retry_policy' || t.v === 'template_string')) {
      while (!p.is('{')) p.i++
      p.skipBlock()
    } else if (t.k === 'p' && t.v === '<') {
      // client<llm>
      while (!p.is('{')) p.i++
      p.skipBlock()
    }
  }
  // aliases: recursive ones stay alias nodes, others expand in place
  const recursive = new Set<string>()
  const refs = (t: TypeIR, acc: Set<string>): void => {
    if (t.kind === 'alias') acc.add(t.name)
    if (t.kind === 'list') refs(t.item, acc)
    if (t.kind === 'map') {
      refs(t.key, acc)
      refs(t.value, acc)
    }
    if (t.kind === 'union') t.options.forEach((o) => refs(o, acc))
  }
  for (const name of aliasRaw.keys()) {
    const seen = new Set<string>()
    const stack = [name]
    while (stack.length) {
      const n = stack.pop()!
      const acc = new Set<string>()
      refs(aliasRaw.get(n)!, acc)
      for (const a of acc) {
        if (a === name) recursive.add(name)
        if (!seen.has(a)) {
          seen.add(a)
          stack.push(a)
        }
      }
    }
  }
  const expand = (t: TypeIR): TypeIR => {
    switch (t.kind) {
      case 'alias':
        return recursive.has(t.name) ? t : withAttrs(expand(aliasRaw.get(t.name)!), t.attrs)
      case 'list':
        return { ...t, item: expand(t.item) }
      case 'map':
        return { ...t, key: expand(t.key), value: expand(t.value) }
      case 'union':
        return { ...t, options: t.options.map(expand) }
      default:
        return t
    }
  }
  for (const [n, c] of classMap) classMap.set(n, { ...c, fields: c.fields.map((f) => ({ ...f, type: expand(f.type) })) })
  for (const [n, f] of fns) fns.set(n, { ...f, returnType: expand(f.returnType) })
  const typeAliases = new Map<string, TypeAliasIR>()
  for (const [n, t] of aliasRaw) typeAliases.set(n, { name: n, type: expand(t), recursive: recursive.has(n), span: SPAN })
  return {
    files: new Map(),
    classes: classMap,
    enums: enumMap,
    typeAliases,
    functions: fns,
    templateStrings: new Map(),
    clients: new Map(),
    retryPolicies: new Map(),
    generators: [],
    tests: [],
    recursiveClasses: new Set(),
  }
}
