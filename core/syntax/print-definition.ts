// One top-level definition (a class, function, client, test...) printed as BAML text: the block
// whose span starts at `span.start` in `file`, with its comments, through the printer.
import type { CommentAst, TopItemAst } from './ast.ts'
import { parseFile } from './parser.ts'
import { printFile } from './printer.ts'
import type { SourceFile, Span } from './span.ts'

/** Comments that belong to `item`: those inside it, and the run of comments right above it. */
function commentsOf(source: string, comments: readonly CommentAst[], item: TopItemAst): CommentAst[] {
  const inside = comments.filter((c) => c.span.start >= item.span.start && c.span.start < item.span.end)
  // Walk back over comments separated from the item (or the next comment) by whitespace only.
  // A blank line ends the run, as it does for docstrings.
  const above: CommentAst[] = []
  let edge = item.span.start
  for (let i = comments.length - 1; i >= 0; i--) {
    const c = comments[i]!
    if (c.span.end > edge) continue
    const between = source.slice(c.span.end, edge)
    if (between.trim() !== '' || (between.match(/\n/g)?.length ?? 0) > 1) break
    above.unshift(c)
    edge = c.span.start
  }
  // Trailing comments on the closing line.
  const lineEnd = source.indexOf('\n', item.span.end)
  const trailing = comments.filter((c) => c.span.start >= item.span.end && (lineEnd < 0 || c.span.start < lineEnd))
  return [...above, ...inside, ...trailing]
}

/**
 * The definition that starts at `span` (a span from the IR: `FunctionIR.span`, `ClassIR.span`...),
 * printed in the canonical layout with its comments; undefined when no block starts there.
 */
export function printDefinition(file: SourceFile, span: Span): string | undefined {
  const { ast } = parseFile(file)
  const item = ast.items.find((i) => i.span.start === span.start)
  if (!item) return undefined
  return printFile({ ...ast, items: [item], comments: commentsOf(file.text, ast.comments, item) }, { source: file.text })
}
