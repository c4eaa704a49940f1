// parseFile: tokens → FileAst plus diagnostics. The top level recovers at block boundaries: a
// block whose header is broken is reported once and skipped up to the next line that starts a
// top-level block in column 1. Never throws.
import type { CommentAst, FileAst, TopItemAst } from './ast.ts'
import { gatherDoc, initialState, okState, run, skipSpacer, spanOf, type Ctx, type P } from './combinators.ts'
import { error, warning, type Diagnostic } from './diagnostics.ts'
import { tokenize, type LexedComment } from './lexer.ts'
import { templateString, typeAlias, typeBlock, valueBlock } from './parse-blocks.ts'
import { failureDiagnostic, lineSpan, resetFailure, skipEntry, skipToNextTopLevel } from './recovery.ts'
import type { SourceFile } from './span.ts'

export interface ParseResult {
  readonly ast: FileAst
  readonly diagnostics: Diagnostic[]
}

function parserFor(ctx: Ctx, i: number): P<TopItemAst> | undefined {
  const t = ctx.tokens[i]!
  if (t.kind !== 'word') return undefined
  switch (t.text) {
    case 'function':
    case 'test':
    case 'client':
    case 'retry_policy':
    case 'generator':
      return valueBlock
    case 'template_string':
    case 'string_template':
      return templateString
    case 'type':
      if (ctx.tokens[i + 1]!.kind === 'word' && ctx.tokens[i + 2]!.kind === 'punct' && ctx.tokens[i + 2]!.text === '=') return typeAlias
      return typeBlock
    case 'dynamic':
      return undefined
    default: {
      // `word Name {` (or `word Name(args) {`) is a type block: class, enum, or an unknown keyword reported later.
      const b = ctx.tokens[i + 1]!
      if (b.kind === 'word' && ctx.tokens[i + 2]!.kind === 'punct' && ctx.tokens[i + 2]!.text === '(') return typeBlock
      const c = ctx.tokens[skipSpacer(ctx.tokens, i + 2)]!
      return b.kind === 'word' && c.kind === 'punct' && c.text === '{' ? typeBlock : undefined
    }
  }
}

export interface ParseOptions {
  /** Collect the comments into `FileAst.comments` (for the printer); default true. */
  readonly comments?: boolean
}

export function parseFile(file: SourceFile, opts: ParseOptions = {}): ParseResult {
  const diagnostics: Diagnostic[] = []
  const items: TopItemAst[] = []
  const span = { file: file.path, start: 0, end: file.text.length }
  const lexed: LexedComment[] | undefined = opts.comments === false ? undefined : []
  let unquoted: number[] = []
  try {
    const tokens = tokenize(file.text, lexed)
    const ctx: Ctx = { file: file.path, src: file.text, tokens, comments: lexed, diags: diagnostics, farIndex: -1, farExpected: [], unquotedRanges: [], depth: 0 }
    unquoted = ctx.unquotedRanges
    const base = initialState(ctx)
    const doc: string[] = []
    let i = 0
    for (;;) {
      i = gatherDoc(tokens, i, doc)
      const t = tokens[i]!
      if (t.kind === 'eof') break
      // A stray block string at the top level is accepted and ignored, as in the reference.
      if (t.kind === 'blockString' && !t.problem) {
        i++
        continue
      }
      if (t.kind === 'word' && t.text === 'let') {
        // Expression-language globals: skipped. Like the reference, the statement must end with `;`.
        const end = skipEntry(ctx, i)
        const last = tokens[end - 1]!
        if (last.kind === 'punct' && last.text === ';') diagnostics.push(warning('Top-level `let` statements belong to the expression language and are ignored', spanOf(ctx, t.start, t.end)))
        else diagnostics.push(error('A top-level `let` statement must end with `;`', spanOf(ctx, t.start, last.end)))
        i = end
        continue
      }
      const parser = parserFor(ctx, i)
      if (!parser && t.kind === 'punct' && t.text === '}') {
        diagnostics.push(error('Unexpected `}`: there is no open block to close here', spanOf(ctx, t.start, t.end)))
        i = skipToNextTopLevel(ctx, i)
        continue
      }
      if (!parser && t.kind === 'word' && t.text === 'dynamic') {
        diagnostics.push(error('`dynamic class` / `dynamic enum` are only allowed inside a test\'s `type_builder` block', lineSpan(ctx, i)))
        i = skipToNextTopLevel(ctx, i)
        doc.length = 0
        continue
      }
      if (!parser) {
        diagnostics.push(error('This line is invalid: it does not start with a BAML block keyword (`class`, `enum`, `function`, `client<llm>`, `test`, `generator`, `retry_policy`, `template_string`, `type`)', lineSpan(ctx, i)))
        i = skipToNextTopLevel(ctx, i)
        doc.length = 0
        continue
      }
      resetFailure(ctx)
      const r = run(parser, okState(base, null, i))
      if (r.isError) {
        diagnostics.push(failureDiagnostic(ctx, i))
        i = skipToNextTopLevel(ctx, i)
        doc.length = 0
        continue
      }
      const item = r.result
      items.push(doc.length && item.kind !== 'exprFn' ? ({ ...item, docstring: doc.join('\n') } as TopItemAst) : item)
      if (item.kind === 'exprFn') {
        diagnostics.push(warning(`\`${item.name.name}\` is an expression function, which this implementation does not support; it is ignored`, item.name.span))
      }
      doc.length = 0
      i = r.index > i ? r.index : i + 1
      // Another block may follow on the same line (`} class B {`); anything else is reported by the loop.
    }
  } catch (e) {
    // Defensive: the parser must never throw; report the crash as a diagnostic.
    diagnostics.push(error(`Internal parser error: ${e instanceof Error ? e.message : String(e)}`, { file: file.path, start: 0, end: 0 }))
  }
  return { ast: { kind: 'file', path: file.path, items, comments: lexed ? keepComments(file, lexed, unquoted) : [], span }, diagnostics }
}

/** Comments as written, minus `//` runs that were really inside unquoted strings (`http://x`). */
function keepComments(file: SourceFile, lexed: readonly LexedComment[], unquoted: readonly number[]): CommentAst[] {
  const out: CommentAst[] = []
  const ranges: [number, number][] = []
  for (let i = 0; i < unquoted.length; i += 2) ranges.push([unquoted[i]!, unquoted[i + 1]!])
  ranges.sort((a, b) => a[0] - b[0])
  let r = 0
  for (const c of lexed) {
    while (r < ranges.length && ranges[r]![1] <= c.start) r++
    if (r < ranges.length && ranges[r]![0] <= c.start) continue
    out.push({ text: file.text.slice(c.start, c.end), span: { file: file.path, start: c.start, end: c.end } })
  }
  return out
}
