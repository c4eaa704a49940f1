// Golden suites for ctx.output_format: a baml_src/ project, cases.json (request cases) and the
// reference's expected.json. Each prompt is `{{ q }}\n{{ ctx.output_format(...) }}`, so the format
// text is the first message's text after its first line.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { readProject } from '../../helpers/golden.ts'

export interface GoldenCase {
  readonly id: string
  readonly function: string
  /** The text ctx.output_format printed, or the reference's error. */
  readonly expected: { readonly text: string } | { readonly error: string; readonly panic: boolean }
}

export interface GoldenSuite {
  readonly name: string
  /** `baml_src/<rel>` -> source, in directory order. */
  readonly files: Record<string, string>
  readonly cases: readonly GoldenCase[]
}

interface RawCase {
  id: string
  kind: string
  function: string
}

interface RawResult {
  id: string
  result?: { body: { messages: { content: { type: string; text: string }[] }[] } }
  error?: string
}

export function readSuite(dir: string, name = dir): GoldenSuite {
  const files = readProject(dir)
  const raw = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as RawCase[]
  const results = new Map((JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as RawResult[]).map((r) => [r.id, r]))
  const cases = raw.map((c): GoldenCase => {
    const r = results.get(c.id)
    if (!r) throw new Error(`${name}: no expected result for ${c.id}`)
    if (r.result) {
      const text = r.result.body.messages[0]!.content[0]!.text
      return { id: c.id, function: c.function, expected: { text: text.slice(text.indexOf('\n') + 1) } }
    }
    const e = r.error ?? ''
    const m = /Error occurred while rendering prompt: (.*) \(in prompt:\d+\)/.exec(e)
    return { id: c.id, function: c.function, expected: { error: m ? m[1]! : e, panic: !m } }
  })
  return { name, files, cases }
}

/** Every suite (folder with cases.json) under `root`. */
export function listSuites(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && statSync(join(root, e.name, 'cases.json'), { throwIfNoEntry: false })?.isFile())
    .map((e) => e.name)
    .sort()
    .map((d) => join(root, d))
}
