// Test helpers for the formatter: the corpora, and what formatting must keep (comments, block
// strings, the syntax tree, the model), each computed from the parser or lexer independently of the
// formatter's own checks.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tokenize } from '../../core/syntax/lexer.ts'
import { parseFile } from '../../core/syntax/parser.ts'
import { bamlFiles } from '../syntax/baml-files.ts'
import { shape } from '../syntax/shape.ts'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Every folder of .baml test data in the repository. */
export const CORPORA = ['tests/golden', 'tests/testing/fixtures', 'scripts/demo']

/** Every .baml file of the corpora (absolute paths, sorted). */
export function corpusFiles(): string[] {
  return CORPORA.flatMap((c) => bamlFiles(join(ROOT, c)))
}

/** Every folder that holds a `baml_src/` in the corpora (a project root). */
export function projectRoots(): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f)
      if (!statSync(p).isDirectory()) continue
      if (f === 'baml_src') out.push(d)
      else walk(p)
    }
  }
  for (const c of CORPORA) walk(join(ROOT, c))
  return out
}

export function syntaxErrors(path: string, text: string): string[] {
  return parseFile({ path, text }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)
}

/**
 * The comments of a file as a sorted list of texts. Trailing blanks do not count, except in `///`
 * comments (their text is a docstring).
 */
export function commentTexts(path: string, text: string): string[] {
  const norm = (c: string) => (c.startsWith('///') ? c : c.split('\n').map((l) => l.trimEnd()).join('\n'))
  return parseFile({ path, text }).ast.comments.map((c) => norm(c.text)).sort()
}

/** The block strings (prompts) of a file, exactly as written, in order. */
export function blockStrings(text: string): string[] {
  return tokenize(text).filter((t) => t.kind === 'blockString').map((t) => t.text)
}

/** The syntax tree without positions and without comments (those are compared as texts). */
export function tree(path: string, text: string): unknown {
  const s = shape(parseFile({ path, text }).ast) as Record<string, unknown>
  delete s.comments
  return s
}

/** A loaded model as plain data without positions, so that two loads can be compared. */
export function model(v: unknown): unknown {
  if (v instanceof Map) return [...v].map(([k, x]) => [k, model(x)])
  if (v instanceof Set) return [...v].sort()
  if (Array.isArray(v)) return v.map(model)
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) if (k !== 'span' && k !== 'keySpan' && k !== 'clientSpan' && k !== 'files') out[k] = model(x)
    return out
  }
  return v
}
