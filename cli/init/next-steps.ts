// What `baml init` tells the user to do next, for the language chosen.
import type { ClientChoice, OutputType } from './choices.ts'
import { bamlSrcDisplay } from './write.ts'

export interface NextStepsInput {
  /** The destination as typed ('.' for the working directory). */
  readonly dest: string
  readonly outputType: OutputType
  readonly client: ClientChoice
  /** True when this CLI's `baml generate` can generate this output type. */
  readonly canGenerate: boolean
  /** True when the client was generated during init. */
  readonly generated: boolean
  /** go: false when client_package_name is the placeholder. */
  readonly goPackageKnown?: boolean
  readonly openapiClientType?: string
}

const SAMPLE_ARGS = `'{"resume": "Ada Example, ada@example.com, Staff Engineer. Skills: TypeScript, Python"}'`

/**
 * How the reference's own toolchain generates (and runs) a client this version cannot generate
 * (`typescript` is generated here; for `typescript/react` the plain TypeScript client is the way).
 */
const REFERENCE_GENERATE: Readonly<Record<Exclude<OutputType, 'typescript'>, readonly string[]>> = {
  'typescript/react': ['set output_type "typescript" in generators.baml, then: baml generate   # the same client, without the React hooks'],
  'python/pydantic': ['pip install baml-py', 'baml-cli generate'],
  'python/pydantic/v1': ['pip install baml-py', 'baml-cli generate'],
  'ruby/sorbet': ['bundle add baml sorbet-runtime', 'bundle exec baml-cli generate'],
  go: ['go install github.com/boundaryml/baml/baml-cli@latest', 'go get github.com/boundaryml/baml', 'baml-cli generate'],
  rust: ['cargo install baml-cli', 'cargo add baml', 'baml-cli generate'],
  'rest/openapi': ["baml-cli dev --preview   # BoundaryML's own CLI: serves the functions on localhost:2024, writes baml_client/openapi.yaml"],
}

/** A line or two of code calling the example function from the generated client. */
const USAGE: Readonly<Record<OutputType, readonly string[]>> = {
  typescript: [`import { b } from './baml_client'`, 'const resume = await b.ExtractResume(text)'],
  'typescript/react': [`import { b } from './baml_client'`, 'const resume = await b.ExtractResume(text)   // and React hooks under baml_client/react'],
  'python/pydantic': ['from baml_client.sync_client import b', 'resume = b.ExtractResume(text)'],
  'python/pydantic/v1': ['from baml_client.sync_client import b', 'resume = b.ExtractResume(text)'],
  'ruby/sorbet': ['require_relative "baml_client/client"', 'resume = Baml.Client.ExtractResume(resume: text)'],
  go: ['import b "<your module>/baml_client"', 'resume, err := b.ExtractResume(ctx, text)'],
  rust: ['use baml_client::B;', 'let resume = B.ExtractResume.call(text)?;'],
  'rest/openapi': ['the routes are listed at http://localhost:2024/docs; openapi-generator builds a client from openapi.yaml'],
}

export function nextSteps(n: NextStepsInput): string[] {
  const from = n.dest === '.' ? '' : ` --from ${quoteArg(bamlSrcDisplay(n.dest))}`
  const out: string[] = ['Next steps:']
  const generators = `${bamlSrcDisplay(n.dest)}/generators.baml`
  let i = 0
  const step = (what: string, ...cmds: string[]) => out.push(`  ${++i}. ${what}`, ...cmds.map((c) => `       ${c}`))
  if (n.outputType === 'go' && n.goPackageKnown === false)
    step(`Set client_package_name in ${generators} to your Go module path (the module line of go.mod).`)
  if (n.outputType === 'rest/openapi' && !n.openapiClientType)
    step(`To build a client from openapi.yaml, uncomment on_generate in ${generators} and name a language.`)
  step('See the prompt ExtractResume sends (offline, no API key needed):', `baml render ExtractResume${from} --args ${SAMPLE_ARGS}`)
  if (n.client.apiKeyEnv) step(`Put your API key in ${n.client.apiKeyEnv} and call the model:`, `baml call ExtractResume${from} --args ${SAMPLE_ARGS}`)
  else step('Start the model server and call the model:', `baml call ExtractResume${from} --args ${SAMPLE_ARGS}`)
  if (n.generated) {
    step('Call the function from your code (the client is in baml_client/):', ...USAGE[n.outputType])
  } else if (n.canGenerate || n.outputType === 'typescript') {
    step('Generate the client (baml_client/, next to baml_src/):', `baml generate${from}`)
    step('Call the function from your code:', ...USAGE[n.outputType])
  } else {
    step(
      `Generate the client: \`baml generate\` of ${n.outputType} clients is not supported by this version. The files are the reference BAML CLI's, so its toolchain can:`,
      ...REFERENCE_GENERATE[n.outputType],
    )
    step('Call the function from your code:', ...USAGE[n.outputType])
  }
  out.push('', 'Docs: https://docs.boundaryml.com/ref/overview')
  return out
}

function quoteArg(s: string): string {
  return /^[\w./@:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}
