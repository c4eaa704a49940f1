// Writes the schema text of `ctx.output_format` from the models a target uses.
//
// Layout: hoisted enum blocks, hoisted class definitions, recursive alias definitions, each group
// followed by a blank line, then the prefix ("Answer in JSON using this schema:\n") and the
// target's own schema. Trailing newlines are dropped.
import { rustLines, rustTrim, utf8ByteLength } from '../rust-str.ts'
import type { ClassIR, TypeIR } from '../ir/types.ts'
import { BamlTemplateError } from '../errors.ts'
import type { EnumModel, UsedModels } from './collect.ts'
import type { ResolvedOptions } from './options.ts'
import { simplifyTop, unionView } from './union-view.ts'

/** Inline enum text longer than this (in UTF-8 bytes) puts a list of that enum on its own lines. */
const INLINE_LIST_ENUM_MAX_BYTES = 15

function fail(message: string): never {
  throw new BamlTemplateError(`could not serialize to value: ${message}`)
}

interface Ctx {
  readonly used: UsedModels
  readonly o: ResolvedOptions
  readonly hoistedEnums: ReadonlySet<string>
  readonly hoistedClasses: ReadonlySet<string>
  /** Class bodies already written in this rendering (a class used twice is written once). */
  readonly bodies: Map<string, string>
}

export function renderSchema(used: UsedModels, rawTarget: TypeIR, o: ResolvedOptions): string {
  const target = simplifyTop(rawTarget)
  const hoistedEnums = new Set<string>()
  for (const e of used.enums.values()) if (e.hoistByDefault || o.alwaysHoistEnums) hoistedEnums.add(e.name)
  const ctx: Ctx = { used, o, hoistedEnums, hoistedClasses: hoistedClassSet(used, o), bodies: new Map() }

  const prefix = o.prefix === undefined ? autoPrefix(ctx, target) : o.prefix
  const targetIsHoistedEnum = target.kind === 'enum' && hoistedEnums.has(target.name)

  let message: string | null
  if (target.kind === 'primitive' && target.name === 'string' && prefix === null) message = null
  else if (target.kind === 'enum') message = targetIsHoistedEnum ? null : enumBlock(ctx, enumOf(ctx, target.name))
  else if (target.kind === 'class' && ctx.hoistedClasses.has(target.name)) message = target.name
  else message = renderType(ctx, target)

  let out = ''
  if (hoistedEnums.size > 0) {
    const blocks: string[] = []
    for (const name of hoistedEnums) {
      const block = enumBlock(ctx, enumOf(ctx, name))
      blocks.push(targetIsHoistedEnum && target.name === name && prefix !== null ? prefix + block : block)
    }
    out += blocks.join('\n\n')
    // The reference leaves out this separator when the target enum carries the prefix.
    if (!targetIsHoistedEnum) out += '\n\n'
  }
  if (ctx.hoistedClasses.size > 0) {
    const defs: string[] = []
    for (const name of ctx.hoistedClasses) defs.push(namePrefix(o) + name + ' ' + classBody(ctx, classOf(ctx, name)))
    out += defs.join('\n\n') + '\n\n'
  }
  if (used.recursiveAliases.size > 0) {
    const defs: string[] = []
    for (const [name, def] of used.recursiveAliases) defs.push(namePrefix(o) + name + ' = ' + renderType(ctx, def))
    out += defs.join('\n') + '\n\n'
  }
  if (prefix !== null && !targetIsHoistedEnum) out += prefix
  if (message !== null) out += message

  let end = out.length
  while (end > 0 && out.charCodeAt(end - 1) === 10) end--
  return end === out.length ? out : out.slice(0, end)
}

function namePrefix(o: ResolvedOptions): string {
  return o.hoistedClassPrefix === '' ? '' : o.hoistedClassPrefix + ' '
}

/** Recursive classes first, then the requested ones (which must be among the used classes). */
function hoistedClassSet(used: UsedModels, o: ResolvedOptions): Set<string> {
  const out = new Set(used.recursiveClasses)
  const hc = o.hoistClasses
  if (hc === true) {
    for (const name of used.classes.keys()) out.add(name)
  } else if (hc !== 'auto') {
    const missing: string[] = []
    for (const name of hc) {
      if (used.classes.has(name)) out.add(name)
      else if (!missing.includes(name)) missing.push(name)
    }
    if (missing.length > 0) {
      const list = missing.map((n) => `"${n}"`).join(', ')
      fail(
        missing.length === 1
          ? `Cannot hoist class ${list} because it does not exist`
          : `Cannot hoist classes ${list} because they do not exist`,
      )
    }
  }
  return out
}

function autoPrefix(ctx: Ctx, t: TypeIR): string | null {
  switch (t.kind) {
    case 'primitive':
      if (t.name === 'string') return null
      if (t.name === 'null') return `Answer ONLY with ${ctx.o.nullText}:\n`
      return `Answer as ${article(t.name)} `
    case 'media':
      return `Answer as ${article(t.name)} `
    case 'literal':
      return 'Answer using this specific value:\n'
    case 'enum':
      return 'Answer with any of the categories:\n'
    case 'class':
      return `Answer in JSON using this ${ctx.o.hoistedClassPrefix || 'schema'}:${ctx.hoistedClasses.has(t.name) ? ' ' : '\n'}`
    case 'alias':
      return `Answer in JSON using this ${ctx.o.hoistedClassPrefix || 'schema'}: `
    case 'list':
      return 'Answer with a JSON Array using this schema:\n'
    case 'map':
      return 'Answer in JSON using this schema:\n'
    case 'union': {
      const v = unionView(t)
      if (v.members.length === 0) return `Answer ONLY with ${ctx.o.nullText}:\n`
      if (v.members.length === 1) return 'Answer in JSON using this schema:\n'
      return 'Answer in JSON using any of these schemas:\n'
    }
  }
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a'
}

function enumOf(ctx: Ctx, name: string): EnumModel {
  return ctx.used.enums.get(name) ?? fail(`Enum ${name} not found`)
}

function classOf(ctx: Ctx, name: string): ClassIR {
  return ctx.used.classes.get(name) ?? fail(`Class ${name} not found`)
}

/** `Name\n----\n- A\n- B: described` */
function enumBlock(ctx: Ctx, e: EnumModel): string {
  let s = e.shownName + '\n----'
  const p = ctx.o.enumValuePrefix
  for (const v of e.values) {
    s += '\n' + p + v.shown
    if (v.description !== undefined) s += ': ' + v.description.replaceAll('\n', '\n  ')
  }
  return s
}

/** A nested type: a hoisted class by name, anything else spelled out. */
function renderRef(ctx: Ctx, t: TypeIR): string {
  return t.kind === 'class' && ctx.hoistedClasses.has(t.name) ? t.name : renderType(ctx, t)
}

function renderType(ctx: Ctx, type: TypeIR): string {
  const t = simplifyTop(type)
  switch (t.kind) {
    case 'primitive':
      return t.name === 'null' ? ctx.o.nullText : t.name
    case 'media':
      return fail(`type '${t.name}' is not supported in outputs`)
    case 'literal':
      return typeof t.value === 'string' ? `"${t.value}"` : String(t.value)
    case 'enum': {
      const e = enumOf(ctx, t.name)
      if (ctx.hoistedEnums.has(t.name)) return e.shownName
      let s = ''
      for (let i = 0; i < e.values.length; i++) {
        if (i > 0) s += ctx.o.orSplitter
        s += "'" + e.values[i]!.shown + "'"
      }
      return s
    }
    case 'class':
      return classBody(ctx, classOf(ctx, t.name))
    case 'alias':
      return t.name
    case 'list':
      return renderList(ctx, simplifyTop(t.item))
    case 'map': {
      const k = renderRef(ctx, t.key)
      const v = renderRef(ctx, t.value)
      return ctx.o.objectMaps ? `{${k}: ${v}}` : `map<${k}, ${v}>`
    }
    case 'union': {
      const v = unionView(t)
      let s = ''
      for (let i = 0; i < v.members.length; i++) {
        if (i > 0) s += ctx.o.orSplitter
        s += renderRef(ctx, v.members[i]!)
      }
      if (v.optional) s += (v.members.length > 0 ? ctx.o.orSplitter : '') + ctx.o.nullText
      return s
    }
  }
}

function renderList(ctx: Ctx, item: TypeIR): string {
  const byName =
    (item.kind === 'class' && ctx.hoistedClasses.has(item.name)) ||
    (item.kind === 'alias' && ctx.used.recursiveAliases.has(item.name))
  const inner = renderRef(ctx, item)
  if (!byName && itemNeedsBlock(item, inner)) return '[\n  ' + inner.replaceAll('\n', '\n  ') + '\n]'
  return item.kind === 'union' ? `(${inner})[]` : inner + '[]'
}

/** Lists of anything but primitives, short inline enums and unions with a primitive go on their own lines. */
function itemNeedsBlock(item: TypeIR, inner: string): boolean {
  switch (item.kind) {
    case 'primitive':
    case 'media':
      return false
    case 'enum':
      return utf8ByteLength(inner) > INLINE_LIST_ENUM_MAX_BYTES
    case 'union': {
      const v = unionView(item)
      return !v.optional && v.members.every((m) => !isPrimitiveLike(simplifyTop(m)))
    }
    default:
      return true
  }
}

/** Primitives (media included) and lists of them. */
function isPrimitiveLike(t: TypeIR): boolean {
  return t.kind === 'primitive' || t.kind === 'media' || (t.kind === 'list' && isPrimitiveLike(simplifyTop(t.item)))
}

function classBody(ctx: Ctx, c: ClassIR): string {
  let s = ctx.bodies.get(c.name)
  if (s === undefined) {
    s = writeClassBody(ctx, c)
    ctx.bodies.set(c.name, s)
  }
  return s
}

function writeClassBody(ctx: Ctx, c: ClassIR): string {
  let s = '{\n'
  if (c.description !== undefined) {
    const d = rustTrim(c.description)
    if (d !== '') {
      for (const line of rustLines(d)) s += '  // ' + line + '\n'
      s += '\n'
    }
  }
  const q = ctx.o.quoteClassFields
  for (const f of c.fields) {
    if (f.skip) continue
    if (f.description !== undefined) s += '  // ' + f.description.replaceAll('\n', '\n  // ') + '\n'
    const name = f.alias ?? f.name
    s += q ? '  "' + name + '": ' : '  ' + name + ': '
    s += renderRef(ctx, f.type).replaceAll('\n', '\n  ') + ',\n'
  }
  return s + '}'
}

