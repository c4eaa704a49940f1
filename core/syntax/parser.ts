// parseFile: tokens → FileAst plus diagnostics. The top level recovers at block boundaries: a
// block whose header is broken is reported once and skipped up to the next line that starts a
// top-level block in column 1. Never throws.
import type { FileAst, TopItemAst } from './ast.ts'
import { initialState, okState, run, spanOf, type Ctx, type P } from './combinators.ts'
import { error, warning, type Diagnostic } from './diagnostics.ts'
import { tokenize } from './lexer.ts'
import { templateString, typeAlias, typeBlock, valueBlock } from './parse-blocks.ts'
import { failureDiagnostic, looksLikeTopLevelStart, resetFailure, skipEntry, skipToNextTopLevel } from './recovery.ts'
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
    default: {
      // `word word {` is a type block (class, enum, or an unknown keyword reported later).
      const b = ctx.tokens[i + 1]!
      return b.kind === 'word' ? typeBlock : undefined
    }
  }
}

export function parseFile(file: SourceFile): ParseResult {
  const diagnostics: Diagnostic[] = []
  const items: TopItemAst[] = []
  const span = spanOf({ file: file.path } as Ctx, 0, file.text.length)
  try {
    const tokens = tokenize(file.text)
    const ctx: Ctx = { file: file.path, src: file.text, tokens, diags: diagnostics, farIndex: -1, farExpected: [] }
    const base = initialState(ctx)
    let doc: string[] = []
    let i = 0
    for (;;) {
      const t = tokens[i]!
      if (t.kind === 'eof') break
      if (t.kind === 'newline') {
        if (t.blank) doc = []
        i++
        continue
      }
      if (t.kind === 'doc') {
        doc.push(t.text)
        i++
        continue
      }
      // A stray block string at the top level is accepted and ignored, as in the reference.
      if (t.kind === 'blockString' && !t.problem) {
        i++
        continue
      }
      if (t.kind === 'word' && t.text === 'let') {
        diagnostics.push(warning('Top-level `let` statements belong to the expression language and are ignored', spanOf(ctx, t.start, t.end)))
        i = skipEntry(ctx, i)
        continue
      }
      const parser = parserFor(ctx, i)
      if (!parser) {
        diagnostics.push(error('This line is invalid: it does not start with a BAML block keyword (`class`, `enum`, `function`, `client<llm>`, `test`, `generator`, `retry_policy`, `template_string`, `type`)', lineSpanAt(ctx, i)))
        i = skipToNextTopLevel(ctx, i)
        doc = []
        continue
      }
      resetFailure(ctx)
      const r = run(parser, okState(base, null, i))
      if (r.isError) {
        diagnostics.push(failureDiagnostic(ctx, i))
        i = skipToNextTopLevel(ctx, i)
        doc = []
        continue
      }
      const item = r.result
      items.push(doc.length && item.kind !== 'exprFn' ? ({ ...item, docstring: doc.join('\n') } as TopItemAst) : item)
      if (item.kind === 'exprFn') {
        diagnostics.push(warning(`\`${item.name.name}\` is an expression function, which this implementation does not support; it is ignored`, item.name.span))
      }
      doc = []
      i = r.index > i ? r.index : i + 1
      // Whatever follows a block on its closing line is junk.
      const after = tokens[i]!
      if (after.kind !== 'newline' && after.kind !== 'eof' && after.kind !== 'doc' && !looksLikeTopLevelStart(ctx, i)) {
        diagnostics.push(error(`Unexpected \`${after.text.split('\n')[0]}\` after the end of the block; put the next block on its own line`, spanOf(ctx, after.start, after.end)))
        i = skipToNextTopLevel(ctx, i)
      }
    }
  } catch (e) {
    // Defensive: the parser must never throw; report the crash as a diagnostic.
    diagnostics.push(error(`Internal parser error: ${e instanceof Error ? e.message : String(e)}`, { file: file.path, start: 0, end: 0 }))
  }
  return { ast: { kind: 'file', path: file.path, items, span }, diagnostics }
}

function lineSpanAt(ctx: Ctx, i: number) {
  const toks = ctx.tokens
  let j = i
  while (toks[j]!.kind !== 'newline' && toks[j]!.kind !== 'eof') j++
  const last = toks[Math.max(i, j - 1)]!
  return spanOf(ctx, toks[i]!.start, Math.max(toks[i]!.end, last.end))
}
