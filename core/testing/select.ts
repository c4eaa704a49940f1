// Which tests run: every (function, test) pair of the project, filtered with the reference's
// `-i/--include` and `-x/--exclude` syntax, in the reference's order (by function, then test name).
import { BamlInvalidArgumentError } from '../errors.ts'
import type { BamlIR, TestIR } from '../ir/types.ts'
import { lineColAt } from '../syntax/span.ts'

/** One test to run: a test block paired with one of the functions it lists. */
export interface SelectedTest {
  readonly function: string
  readonly test: string
  /** `Function::Test`, how selections, reports and recordings name it. */
  readonly key: string
  readonly ir: TestIR
  /** The project file holding the test block, as keyed in the IR (e.g. `baml_src/tests/a.baml`). */
  readonly file: string
  /** 1-based line of the `test` keyword. */
  readonly line: number
}

/** A selection pattern split at its first `::`; an empty part matches anything. */
export interface TestPattern {
  readonly function: RegExp | undefined
  readonly test: RegExp | undefined
  /** As typed, for messages. */
  readonly source: string
}

export interface TestFilter {
  readonly include: readonly TestPattern[]
  readonly exclude: readonly TestPattern[]
}

// As in the reference, a part becomes an anchored regex with `*` turned into `.*`; other regex
// syntax is passed through (a pattern that is not a valid regex is an argument error here).
function partRegex(part: string, source: string): RegExp | undefined {
  if (part === '') return undefined
  try {
    return new RegExp(`^(?:${part.replaceAll('*', '.*')})$`)
  } catch {
    throw new BamlInvalidArgumentError(`invalid test pattern \`${source}\`: use names, \`*\` wildcards and \`Function::Test\``)
  }
}

/**
 * `Fn::Test`, `Fn::`, `::Test` and wildcards (`Get*::*Bar`) name a function part and a test part; a
 * bare `name` is two patterns, one for functions and one for tests.
 */
export function parsePatterns(patterns: readonly string[]): TestPattern[] {
  const out: TestPattern[] = []
  for (const p of patterns) {
    const at = p.indexOf('::')
    if (at >= 0) out.push({ function: partRegex(p.slice(0, at), p), test: partRegex(p.slice(at + 2), p), source: p })
    else {
      const re = partRegex(p, p)
      out.push({ function: re, test: undefined, source: p }, { function: undefined, test: re, source: p })
    }
  }
  return out
}

export function parseTestFilter(include: readonly string[] = [], exclude: readonly string[] = []): TestFilter {
  return { include: parsePatterns(include), exclude: parsePatterns(exclude) }
}

function matches(p: TestPattern, fn: string, test: string): boolean {
  return (p.function === undefined || p.function.test(fn)) && (p.test === undefined || p.test.test(test))
}

/** Exclusion wins; with no include patterns everything not excluded is in. */
export function filterIncludes(filter: TestFilter, fn: string, test: string): boolean {
  if (filter.exclude.some((p) => matches(p, fn, test))) return false
  return filter.include.length === 0 || filter.include.some((p) => matches(p, fn, test))
}

function byName(a: SelectedTest, b: SelectedTest): number {
  if (a.function !== b.function) return a.function < b.function ? -1 : 1
  return a.test < b.test ? -1 : a.test > b.test ? 1 : 0
}

/**
 * Every (function, test) pair the filter admits, sorted by function then test. A test naming a
 * function the project does not define is skipped for that function (loading warned about it).
 */
export function selectTests(ir: BamlIR, filter: TestFilter = { include: [], exclude: [] }): SelectedTest[] {
  const out: SelectedTest[] = []
  const seen = new Set<string>()
  for (const t of ir.tests) {
    const file = ir.files.get(t.span.file)
    const line = file ? lineColAt(file, t.span.start).line : 0
    for (const ref of t.functions) {
      const key = `${ref.name}::${t.name}`
      if (seen.has(key) || !ir.functions.has(ref.name) || !filterIncludes(filter, ref.name, t.name)) continue
      seen.add(key)
      out.push({ function: ref.name, test: t.name, key, ir: t, file: t.span.file, line })
    }
  }
  return out.sort(byName)
}
