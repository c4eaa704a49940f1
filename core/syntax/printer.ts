// Syntax tree → BAML text, in a canonical layout (2-space indent, one member per line, one blank
// line between blocks). Comments are put back by position: a comment is written before the first
// node that starts after it, or at the end of the line it trailed. Given the source text, blank
// lines between members are kept (at most one). Reparsing the output gives the same tree (up to
// spans and layout). This is what a formatter stands on.
import type {
  AttributeAst,
  CommentAst,
  FileAst,
  MemberAst,
  ParamAst,
  TemplateStringAst,
  TopItemAst,
  TypeAliasAst,
  TypeAst,
  TypeBlockAst,
  TypeBuilderAst,
  ValueAst,
  ValueBlockAst,
  ValueFieldAst,
} from './ast.ts'
import { quoteString } from './strings.ts'

export interface PrintOptions {
  /** The file's text: lets the printer keep blank lines between members. */
  readonly source?: string
  /** Indentation unit (default two spaces). */
  readonly indent?: string
  /** Line break written between lines (default `\n`); text kept verbatim (block strings) keeps its own. */
  readonly newline?: string
}

/**
 * A comment's lines as printed: trailing blanks dropped, except in `///` doc comments, whose text
 * is the docstring (part of the model).
 */
export function commentLines(text: string): string[] {
  if (text.startsWith('///')) return [text.replace(/\r$/, '')]
  return text.split('\n').map((l) => l.trimEnd())
}

class Out {
  private readonly lines: string[] = []
  private next = 0
  constructor(
    private readonly comments: readonly CommentAst[],
    private readonly source: string | undefined,
    readonly unit: string,
    private readonly newline: string,
  ) {}

  /**
   * Where the last run of comment lines ends in the source, while that run holds a `///` comment:
   * the run would be the docstring of whatever is printed right after it.
   */
  private docRunEnd: number | undefined

  /** `///` comments found inside a printed line: written by the next `leading`, after that line. */
  private readonly deferred: CommentAst[] = []

  line(indent: number, text: string): void {
    this.lines.push(text === '' ? '' : this.unit.repeat(indent) + text)
  }

  blank(): void {
    if (this.lines.length && this.lines[this.lines.length - 1] !== '') this.lines.push('')
    this.docRunEnd = undefined
  }

  /** Write the comments that start before `pos` (and the deferred ones), each on its own line. */
  leading(pos: number, indent: number): void {
    let wrote = false
    for (;;) {
      const c = this.deferred.shift() ?? (this.next < this.comments.length && this.comments[this.next]!.span.start < pos ? this.comments[this.next++] : undefined)
      if (!c) break
      if (this.source && this.lines.length && this.blankBefore(c.span.start)) this.blank()
      this.keepDocApart(c.span.start)
      // The first line is indented; the others (inside a `{// ... //}` comment) are kept as written,
      // so that printing again does not indent them further.
      commentLines(c.text).forEach((l, i) => this.line(i ? 0 : indent, l))
      if (c.text.startsWith('///') || this.docRunEnd !== undefined) this.docRunEnd = c.span.end
      wrote = true
    }
    if (Number.isFinite(pos)) {
      // A blank line between a comment and what follows keeps the author's grouping.
      if (wrote && this.blankBefore(pos)) this.blank()
      this.keepDocApart(pos)
    }
    this.docRunEnd = undefined
  }

  /**
   * A `///` comment documents what follows it on the next line. When the source had it elsewhere
   * (after a blank line, or before some other token such as a `{`), a blank line keeps it from
   * documenting what the printer writes next.
   */
  private keepDocApart(next: number): void {
    if (this.docRunEnd === undefined || !this.source) return
    if (!/^[ \t]*(\r?\n)?[ \t]*$/.test(this.source.slice(this.docRunEnd, next))) this.blank()
  }

  /** `trailing` after the first `ch` at or after `from` (e.g. a block's opening brace). */
  trailingAfter(ch: string, from: number): void {
    if (!this.source) return
    const at = this.source.indexOf(ch, from)
    if (at >= 0) this.trailing(at + 1, { afterOpen: true })
  }

  /**
   * Append the comments that sit on the same source line right after offset `end` (and before
   * `limit`). Comments written inside what the last line holds (e.g. between a field's name and
   * its value) go on their own lines above it; `///` ones are deferred to the next `leading`, after it.
   * `hoistIndent`: their indentation when the last line closes a block (they stay inside it).
   * `docs` false: after a block or a block attribute, where a `///` documents what comes next, a
   * `///` is left for the next `leading` too.
   */
  trailing(end: number, opts: { readonly limit?: number; readonly docs?: boolean; readonly hoistIndent?: string; readonly afterOpen?: boolean } = {}): void {
    const { limit = Number.POSITIVE_INFINITY, docs = true } = opts
    if (!this.source) return
    while (this.next < this.comments.length) {
      const c = this.comments[this.next]!
      if (c.span.start >= limit) return
      if (c.span.start < end) {
        if (!this.lines.length) return
        this.next++
        if (c.text.startsWith('///')) {
          this.deferred.push(c)
          continue
        }
        const last = this.lines.pop()!
        const indent = opts.hoistIndent ?? /^[ \t]*/.exec(last)![0]
        commentLines(c.text).forEach((l, i) => this.lines.push(i ? l : indent + l))
        this.lines.push(last)
        continue
      }
      // Only blanks (or the comma the printer writes after an array item) may come between.
      if (!/^[ \t,]*$/.test(this.source.slice(end, c.span.start))) return
      if (!docs && c.text.startsWith('///')) return
      // After an opening brace a `///` documents the first entry: deferred comments come first.
      if (opts.afterOpen && this.deferred.length) return
      this.next++
      // A `{// ... //}` over several lines: its first line trails, the others follow as written.
      const [first, ...more] = commentLines(c.text)
      this.lines[this.lines.length - 1] += ' ' + first
      this.lines.push(...more)
      this.docRunEnd = c.text.startsWith('///') ? c.span.end : undefined
      end = c.span.end
    }
  }

  /** Whether the source has an empty line just before `pos` (to keep the author's grouping). */
  blankBefore(pos: number): boolean {
    if (!this.source) return false
    let i = pos - 1
    while (i >= 0 && (this.source[i] === ' ' || this.source[i] === '\t')) i--
    if (i < 0 || this.source[i] !== '\n') return false
    i--
    if (this.source[i] === '\r') i--
    while (i >= 0 && (this.source[i] === ' ' || this.source[i] === '\t')) i--
    return i >= 0 && this.source[i] === '\n'
  }

  /** Whether a comment not yet written starts between `start` and `end`. */
  commentWithin(start: number, end: number): boolean {
    for (let i = this.next; i < this.comments.length; i++) {
      const at = this.comments[i]!.span.start
      if (at >= end) return false
      if (at >= start) return true
    }
    return false
  }

  /** Drop comments before `end` (they are part of text printed verbatim). */
  skip(end: number): void {
    while (this.next < this.comments.length && this.comments[this.next]!.span.start < end) this.next++
  }

  rest(indent: number): void {
    this.leading(Number.POSITIVE_INFINITY, indent)
  }

  text(): string {
    while (this.lines.length && this.lines[this.lines.length - 1] === '') this.lines.pop()
    return this.lines.length ? this.lines.join(this.newline) + this.newline : ''
  }
}

// ---- types ------------------------------------------------------------------------------------

function attrText(a: AttributeAst): string {
  const head = (a.block ? '@@' : '@') + a.name.name
  return a.args.length ? `${head}(${a.args.map((v) => valueInline(v)).join(', ')})` : head
}

function attrsText(attrs: readonly AttributeAst[]): string {
  return attrs.map((a) => ' ' + attrText(a)).join('')
}

/** A type as text. Parentheses are written where the tree says they were. */
export function printType(t: TypeAst): string {
  let core: string
  switch (t.kind) {
    case 'named':
    case 'path':
      core = t.name
      break
    case 'literal':
      core = t.raw
      break
    case 'list':
      core = `${postfixOperand(t.item)}[]`
      break
    case 'optional':
      core = `${postfixOperand(t.inner)}?`
      break
    case 'map':
      core = `map<${t.typeArgs.map(printType).join(', ')}>`
      break
    case 'union':
      core = t.options.map((o, i) => unionMember(o, i === t.options.length - 1)).join(' | ')
      break
    case 'tuple':
      core = `(${t.items.map(printType).join(', ')})`
      return core + attrsText(t.attrs)
  }
  if (t.parens) {
    const inside = t.attrs.filter((a) => a.parenthesized)
    const outside = t.attrs.filter((a) => !a.parenthesized)
    return `(${core}${attrsText(inside)})${attrsText(outside)}`
  }
  return core + attrsText(t.attrs)
}

/** The operand of `[]` / `?`: a union or an attributed type needs parentheses. */
function postfixOperand(t: TypeAst): string {
  const s = printType(t)
  return !t.parens && (t.kind === 'union' || t.attrs.length > 0) ? `(${s})` : s
}

/** A union member: nested unions, and attributes on the last member, need parentheses to keep their binding. */
function unionMember(t: TypeAst, last: boolean): string {
  const s = printType(t)
  if (t.parens) return s
  if (t.kind === 'union' || (last && t.attrs.length > 0)) return `(${s})`
  return s
}

// ---- values -----------------------------------------------------------------------------------

function blockString(value: string, hashes: number): string {
  const h = '#'.repeat(Math.max(1, hashes))
  return `${h}"${value}"${h}`
}

/** A value on one line (maps and arrays in compact form). */
function valueInline(v: ValueAst): string {
  switch (v.kind) {
    case 'string':
      return v.quoted === 'block' ? blockString(v.value, v.hashes) : v.quoted === 'double' ? quoteString(v.value) : v.value
    case 'number':
      return v.raw
    case 'bool':
      return String(v.value)
    case 'env':
      return `env.${v.name}`
    case 'ident':
      return v.name
    case 'jinja':
      return `{{${v.expression}}}`
    case 'call':
      return v.text
    case 'array':
      return `[${v.items.map(valueInline).join(', ')}]`
    case 'map':
      return v.entries.length ? `{ ${v.entries.map((e) => `${entryKey(e.key, e.keyQuoted, e.value)}${valueInline(e.value)}`).join(', ')} }` : '{}'
  }
}

function mapKey(key: string, quoted: boolean): string {
  return quoted ? `"${key}"` : key
}

/** `key ` before a map value; an unquoted value that starts with `:` needs the optional colon. */
function entryKey(key: string, quoted: boolean, v: ValueAst): string {
  const colon = (v.kind === 'string' && v.quoted === 'none' && v.value.startsWith(':')) || (v.kind === 'ident' && v.name.startsWith(':'))
  return mapKey(key, quoted) + (colon ? ': ' : ' ')
}

/** Unquoted text with a quote in it (`"open`, `a"b`): only a line end or a banned character may follow it. */
function quoteInText(v: ValueAst): boolean {
  return (v.kind === 'string' && v.quoted === 'none' && v.value.includes('"')) || (v.kind === 'ident' && v.name.includes('"'))
}

function isMultiline(v: ValueAst): boolean {
  if (v.kind === 'map') return v.entries.length > 0
  // Inline, text such as `"c d` would be closed by a later quote on its line: one item a line then.
  if (v.kind === 'array') return v.items.some((i) => isMultiline(i) || quoteInText(i)) || valueInline(v).length > 80
  return false
}

/**
 * Write `prefix value` starting on the current line; maps and long arrays open a nested block.
 * `limit`: where the enclosing map or array closes (a comment after it is not this value's).
 */
function writeValue(out: Out, indent: number, prefix: string, v: ValueAst, suffix: string, limit = Number.POSITIVE_INFINITY, end = v.span.end): void {
  // An array with comments inside is written one item a line, so that the comments stay inside.
  if (!isMultiline(v) && !(v.kind === 'array' && out.commentWithin(v.span.start, v.span.end))) {
    out.line(indent, prefix + valueInline(v) + suffix)
    out.trailing(end, { limit })
    return
  }
  if (v.kind === 'map') {
    out.line(indent, prefix + '{')
    for (const e of v.entries) {
      out.leading(e.span.start, indent + 1)
      if (out.blankBefore(e.span.start)) out.blank()
      writeValue(out, indent + 1, entryKey(e.key, e.keyQuoted, e.value), e.value, '', v.span.end - 1)
    }
    out.leading(v.span.end - 1, indent + 1)
    out.line(indent, '}' + suffix)
    out.trailing(end, { limit, hoistIndent: out.unit.repeat(indent + 1) })
    return
  }
  if (v.kind === 'array') {
    out.line(indent, prefix + '[')
    for (const item of v.items) {
      out.leading(item.span.start, indent + 1)
      writeValue(out, indent + 1, '', item, ',', v.span.end - 1)
    }
    out.leading(v.span.end - 1, indent + 1)
    out.line(indent, ']' + suffix)
    out.trailing(end, { limit, hoistIndent: out.unit.repeat(indent + 1) })
  }
}

// ---- blocks -----------------------------------------------------------------------------------

function docLines(out: Out, indent: number, doc: string | undefined, useDocstrings: boolean): void {
  if (useDocstrings && doc !== undefined) for (const l of doc.split('\n')) out.line(indent, l ? `/// ${l}` : '///')
}

function memberText(m: MemberAst): string {
  return m.name.name + (m.type ? ' ' + printType(m.type) : '') + attrsText(m.attrs)
}

function writeTypeBlock(out: Out, indent: number, b: TypeBlockAst, useDoc: boolean): void {
  docLines(out, indent, b.docstring, useDoc)
  out.line(indent, `${b.dynamic ? 'dynamic ' : ''}${b.keyword.name} ${b.name.name}${paramsText(b.params)} {`)
  out.trailingAfter('{', b.name.span.end)
  let first = true
  // Members and methods in source order: a method's text holds its comments, written once.
  for (const m of [...b.members, ...(b.methods ?? [])].sort((x, y) => x.span.start - y.span.start)) {
    out.leading(m.span.start, indent + 1)
    if (!first && out.blankBefore(m.span.start)) out.blank()
    first = false
    if ('kind' in m) {
      const lines = m.text.split('\n')
      out.line(indent + 1, lines[0]!.replace(/\r$/, ''))
      for (const l of lines.slice(1)) out.line(0, l.replace(/\r$/, ''))
      out.skip(m.span.end)
      continue
    }
    docLines(out, indent + 1, m.docstring, useDoc)
    out.line(indent + 1, memberText(m))
    out.trailing(m.span.end)
  }
  for (const a of b.blockAttrs) {
    out.leading(a.span.start, indent + 1)
    if (out.blankBefore(a.span.start)) out.blank()
    out.line(indent + 1, attrText(a))
    out.trailing(a.span.end, { docs: false })
  }
  out.leading(b.span.end - 1, indent + 1)
  out.line(indent, '}')
  out.trailing(b.span.end, { docs: false })
}

function paramsText(params: readonly ParamAst[] | undefined): string {
  if (!params) return ''
  return `(${params.map((p) => p.name.name + (p.type ? ': ' + printType(p.type) : '') + attrsText(p.attrs)).join(', ')})`
}

function writeField(out: Out, indent: number, f: ValueFieldAst, useDoc: boolean): void {
  out.leading(f.span.start, indent)
  docLines(out, indent, f.docstring, useDoc)
  if (!f.value) {
    out.line(indent, f.name.name + attrsText(f.attrs))
    out.trailing(f.span.end)
    return
  }
  // Comments after the attributes trail the line; those before them are not the field's docstring.
  writeValue(out, indent, f.name.name + ' ', f.value, attrsText(f.attrs), undefined, f.attrs.at(-1)?.span.end)
}

function writeTypeBuilder(out: Out, indent: number, tb: TypeBuilderAst, useDoc: boolean): void {
  out.leading(tb.span.start, indent)
  out.line(indent, 'type_builder {')
  for (const item of tb.items) {
    out.leading(item.span.start, indent + 1)
    if (item.kind === 'typeAlias') writeAlias(out, indent + 1, item, useDoc)
    else writeTypeBlock(out, indent + 1, item, useDoc)
  }
  out.leading(tb.span.end - 1, indent + 1)
  out.line(indent, '}')
}

function writeValueBlock(out: Out, indent: number, b: ValueBlockAst, useDoc: boolean): void {
  docLines(out, indent, b.docstring, useDoc)
  const kw = b.keyword === 'client' && b.clientType ? `client<${b.clientType.name}>` : b.keyword
  let head = `${kw} ${b.name.name}${paramsText(b.params)}`
  if (b.returnType) head += `${b.arrow ? ' -> ' : ' '}${printType(b.returnType)}${attrsText(b.returnAttrs)}`
  out.line(indent, head + ' {')
  out.trailingAfter('{', (b.returnType ?? b.name).span.end)
  // In source order, so that comments stay beside what they were written next to.
  const entries = [...b.fields, ...b.typeBuilders, ...b.blockAttrs].sort((x, y) => x.span.start - y.span.start)
  let first = true
  for (const e of entries) {
    out.leading(e.span.start, indent + 1)
    if (!first && out.blankBefore(e.span.start)) out.blank()
    first = false
    if ('kind' in e && e.kind === 'typeBuilder') writeTypeBuilder(out, indent + 1, e, useDoc)
    else if ('kind' in e && e.kind === 'attribute') {
      out.line(indent + 1, attrText(e))
      out.trailing(e.span.end, { docs: false })
    } else writeField(out, indent + 1, e, useDoc)
  }
  out.leading(b.span.end - 1, indent + 1)
  out.line(indent, '}')
  out.trailing(b.span.end, { docs: false })
}

function writeTemplate(out: Out, indent: number, t: TemplateStringAst, useDoc: boolean): void {
  docLines(out, indent, t.docstring, useDoc)
  const body = t.body ? ' ' + valueInline(t.body) : ''
  out.line(indent, `${t.keyword.name} ${t.name.name}${paramsText(t.params)}${body}`)
  out.trailing(t.span.end, { docs: false })
}

function writeAlias(out: Out, indent: number, a: TypeAliasAst, useDoc: boolean): void {
  docLines(out, indent, a.docstring, useDoc)
  out.line(indent, `type ${a.name.name} = ${printType(a.type)}${attrsText(a.attrs)}`)
  out.trailing(a.span.end, { docs: false })
}

function writeItem(out: Out, item: TopItemAst, useDoc: boolean): void {
  switch (item.kind) {
    case 'typeBlock':
      return writeTypeBlock(out, 0, item, useDoc)
    case 'valueBlock':
      return writeValueBlock(out, 0, item, useDoc)
    case 'templateString':
      return writeTemplate(out, 0, item, useDoc)
    case 'typeAlias':
      return writeAlias(out, 0, item, useDoc)
    case 'exprFn':
      for (const l of item.text.split('\n')) out.line(0, l.replace(/\r$/, ''))
      out.skip(item.span.end)
      return
  }
}

/**
 * Print a file. Comments come from `ast.comments` when present (doc comments included, so
 * docstrings are not written twice); a tree built by hand, with no comments, gets its
 * docstrings written as `///` lines.
 */
export function printFile(ast: FileAst, opts: PrintOptions = {}): string {
  const useDoc = ast.comments.length === 0
  // A call value (`Name(args)`) is printed as written, comments inside included.
  const calls: ValueAst[] = []
  collectCalls(ast.items, calls)
  const comments = ast.comments.filter((c) => !calls.some((v) => v.span.start <= c.span.start && c.span.end <= v.span.end))
  const out = new Out(comments, opts.source, opts.indent ?? '  ', opts.newline ?? '\n')
  for (const item of ast.items) {
    out.leading(item.span.start, 0)
    writeItem(out, item, useDoc)
    out.blank()
  }
  out.rest(0)
  return out.text()
}

function collectCalls(node: unknown, out: ValueAst[]): void {
  if (Array.isArray(node)) for (const n of node) collectCalls(n, out)
  else if (node && typeof node === 'object') {
    if ((node as { kind?: unknown }).kind === 'call') out.push(node as ValueAst)
    else for (const v of Object.values(node)) collectCalls(v, out)
  }
}
