// Golden suites for ctx.output_format: a baml_src/ project, cases.json (request cases) and the
// reference's expected.json. Each prompt is `{{ q }}\n{{ ctx.output_format(...) }}`, so the format
// text is the first message's text after its first line.
import { loadSuite } from '../../helpers/golden.ts'

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

type RequestResult = { body: { messages: { content: { type: string; text: string }[] }[] } }

export function readSuite(dir: string, name = dir): GoldenSuite {
  const suite = loadSuite<RequestResult>(dir)
  const cases = suite.cases.map((c): GoldenCase => {
    const r = suite.expected.get(c.id)
    if (!r) throw new Error(`${name}: no expected result for ${c.id}`)
    if (r.result) {
      const text = r.result.body.messages[0]!.content[0]!.text
      return { id: c.id, function: c.function, expected: { text: text.slice(text.indexOf('\n') + 1) } }
    }
    const e = r.error ?? ''
    const m = /Error occurred while rendering prompt: (.*) \(in prompt:\d+\)/.exec(e)
    return { id: c.id, function: c.function, expected: { error: m ? m[1]! : e, panic: !m } }
  })
  return { name, files: suite.files, cases }
}
