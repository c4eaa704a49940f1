// The portable core under Deno: load a project from strings, render an output format.
// Run: npx deno run --allow-read=. --allow-env scripts/smoke-deno.ts
import { loadProject } from '../core/ir/load.ts'
import { renderOutputFormat } from '../core/format/index.ts'

const files = {
  'baml_src/main.baml': `
class Person {
  name string
  age int?
}
function Extract(text: string) -> Person {
  client "openai/gpt-4o-mini"
  prompt #"{{ text }} {{ ctx.output_format }}"#
}
`,
}

function assertEq(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

const { ir, diagnostics } = loadProject(files)
assertEq(diagnostics.filter((d) => d.severity === 'error').length, 0, 'load errors')
const fn = ir!.functions.get('Extract')!
assertEq(
  renderOutputFormat(ir!, fn.returnType),
  'Answer in JSON using this schema:\n{\n  name: string,\n  age: int or null,\n}',
  'output format',
)
console.log('deno smoke OK')
