// The files `baml init` writes into baml_src/. Same declarations as the reference's starter project
// (the same generator fields per language, the same clients and retry policies, the same example
// class and function); the comments are our own. With the default client choice, the project loads
// to the same model as the reference's (tests/cli/init-files.test.ts compares them).
import { DEFAULT_CLIENT, OUTPUT_TYPE_INFO, PROVIDERS, usesShorthand, type ClientChoice, type OutputType } from './choices.ts'

export interface GeneratorSettings {
  readonly outputType: OutputType
  /** The BAML version written as `version` (core/version.ts BAML_VERSION). */
  readonly version: string
  /** rest/openapi: the openapi-generator name (`--openapi-client-type`); without it the command is left commented out. */
  readonly openapiClientType?: string
  /** rest/openapi: how openapi-generator is run (see detect.ts openapiGeneratorCommand). */
  readonly openapiCommand?: string
  /** go: the module path from go.mod. */
  readonly goPackage?: string
}

/** Extra `--additional-properties` the reference passes to openapi-generator for some languages. */
const OPENAPI_EXTRA: Readonly<Record<string, string>> = {
  go: ' --additional-properties enumClassPrefix=true,isGoSubmodule=true,packageName=baml_client,withGoMod=false',
  java:
    ' --additional-properties invokerPackage=com.boundaryml.baml_client,modelPackage=com.boundaryml.baml_client.model,apiPackage=com.boundaryml.baml_client.api,java8=true && mvn clean install',
  php: ' --additional-properties composerPackageName=boundaryml/baml-client,invokerPackage=BamlClient',
  ruby: ' --additional-properties gemName=baml_client',
  rust: ' --additional-properties packageName=baml-client,avoidBoxedModels=true',
}

export const DEFAULT_OPENAPI_COMMAND = 'npx @openapitools/openapi-generator-cli'

function openapiOnGenerate(s: GeneratorSettings): string {
  const lang = s.openapiClientType ?? 'OPENAPI_CLIENT_TYPE'
  const cmd = `${s.openapiCommand ?? DEFAULT_OPENAPI_COMMAND} generate -i openapi.yaml -g ${lang} -o .${OPENAPI_EXTRA[lang] ?? ''}`
  return JSON.stringify(cmd)
}

export function generatorsBaml(s: GeneratorSettings): string {
  const info = OUTPUT_TYPE_INFO[s.outputType]
  const parts: string[] = [
    `// \`baml generate\` turns the BAML files in this directory into a client library for your language.
// One generator block per language; give each its own output_dir.
generator target {
  // The client to generate: "typescript", "typescript/react", "python/pydantic", "python/pydantic/v1",
  // "ruby/sorbet", "go", "rust" or "rest/openapi"
  output_type "${s.outputType}"

  // Where baml_client/ is written, relative to this baml_src/ directory
  output_dir "../"

  // The BAML version these files are written for. Keep it equal to the version of the BAML package
  // your code uses (and of the editor extension).
  version "${s.version}"`,
  ]
  if (info.clientMode) {
    parts.push(`  // "sync" or "async": how \`b.FunctionName()\` is called in the generated client
  default_client_mode ${info.clientMode}`)
  }
  if (s.outputType === 'rest/openapi') {
    parts.push(
      s.openapiClientType
        ? `  // Run in <output_dir>/baml_client after openapi.yaml is written: builds a client from it
  on_generate ${openapiOnGenerate(s)}`
        : `  // Run in <output_dir>/baml_client after openapi.yaml is written. To build a client from it,
  // uncomment the line and put an openapi-generator language (go, java, ruby, ...) in place of
  // OPENAPI_CLIENT_TYPE (or run \`baml init --client-type rest/openapi --openapi-client-type LANG\`).
  // on_generate ${openapiOnGenerate(s)}`,
    )
  } else if (info.onGenerate) {
    parts.push(`  // Run in <output_dir>/baml_client after the code is written
  on_generate ${JSON.stringify(info.onGenerate)}`)
  }
  if (s.outputType === 'go') {
    parts.push(`  // Your Go module path (the \`module\` line of go.mod): the generated code imports itself through it
  client_package_name ${JSON.stringify(s.goPackage ?? 'YOUR_PACKAGE_NAME')}`)
  }
  return parts.join('\n\n') + '\n}\n'
}

/** The client block written for a wizard choice that a `"provider/model"` shorthand cannot express. */
export const CHOSEN_CLIENT_NAME = 'DefaultClient'

function chosenClientBlock(c: ClientChoice): string {
  const label = PROVIDERS[c.provider]?.label ?? c.provider
  const key = c.apiKeyEnv ? `\n    api_key env.${c.apiKeyEnv}` : ''
  return `// The client ExtractResume uses (chosen at \`baml init\`): ${label}
client<llm> ${CHOSEN_CLIENT_NAME} {
  provider ${c.provider}
  options {
    model ${JSON.stringify(c.model)}${key}
  }
}

`
}

export function clientsBaml(c: ClientChoice = DEFAULT_CLIENT): string {
  return `// LLM clients. A function names one with \`client CustomSonnet4\`, or names a model directly with
// \`client "openai/gpt-5-mini"\`. All providers and options:
// https://docs.boundaryml.com/docs/snippets/clients/overview

${usesShorthand(c) ? '' : chosenClientBlock(c)}// OpenAI through the Responses API
client<llm> CustomGPT5 {
  provider openai-responses
  options {
    model "gpt-5"
    api_key env.OPENAI_API_KEY
  }
}

client<llm> CustomGPT5Mini {
  provider openai-responses
  retry_policy Exponential
  options {
    model "gpt-5-mini"
    api_key env.OPENAI_API_KEY
  }
}

// OpenAI through Chat Completions
client<llm> CustomGPT5Chat {
  provider openai
  options {
    model "gpt-5"
    api_key env.OPENAI_API_KEY
  }
}

// Anthropic's Claude models
client<llm> CustomOpus4 {
  provider anthropic
  options {
    model "claude-opus-4-1-20250805"
    api_key env.ANTHROPIC_API_KEY
  }
}

client<llm> CustomSonnet4 {
  provider anthropic
  options {
    model "claude-sonnet-4-20250514"
    api_key env.ANTHROPIC_API_KEY
  }
}

client<llm> CustomHaiku {
  provider anthropic
  retry_policy Constant
  options {
    model "claude-3-5-haiku-20241022"
    api_key env.ANTHROPIC_API_KEY
  }
}

// Other providers: uncomment a block and adjust it.
//
// Google AI (Gemini)
// client<llm> CustomGemini {
//   provider google-ai
//   options {
//     model "gemini-2.5-pro"
//     api_key env.GOOGLE_API_KEY
//   }
// }
//
// AWS Bedrock (credentials come from the AWS_* environment variables)
// client<llm> CustomBedrock {
//   provider aws-bedrock
//   options {
//     model "anthropic.claude-sonnet-4-20250514-v1:0"
//     region "us-east-1"
//   }
// }
//
// Azure OpenAI (put your resource and deployment in base_url)
// client<llm> CustomAzure {
//   provider azure-openai
//   options {
//     model "gpt-5"
//     api_key env.AZURE_OPENAI_API_KEY
//     base_url "https://MY_RESOURCE_NAME.openai.azure.com/openai/deployments/MY_DEPLOYMENT_ID"
//     api_version "2024-10-01-preview"
//   }
// }
//
// Vertex AI (Google Cloud credentials)
// client<llm> CustomVertex {
//   provider vertex-ai
//   options {
//     model "gemini-2.5-pro"
//     location "us-central1"
//   }
// }
//
// A local model behind Ollama's OpenAI-compatible API (no key)
// client<llm> CustomOllama {
//   provider openai-generic
//   options {
//     base_url "http://localhost:11434/v1"
//     model "llama4"
//     default_role "user" // local models tend to expect the user role
//   }
// }

// Round-robin: each call goes to the next client in the list
// https://docs.boundaryml.com/docs/snippets/clients/round-robin
client<llm> CustomFast {
  provider round-robin
  options {
    strategy [CustomGPT5Mini, CustomHaiku]
  }
}

// Fallback: the clients are tried in order until one succeeds
// https://docs.boundaryml.com/docs/snippets/clients/fallback
client<llm> OpenaiFallback {
  provider fallback
  options {
    strategy [CustomGPT5Mini, CustomGPT5]
  }
}

// Retry policies, attached to a client with \`retry_policy Name\`
// https://docs.boundaryml.com/docs/snippets/clients/retry
retry_policy Constant {
  max_retries 3
  strategy {
    type constant_delay
    delay_ms 200
  }
}

retry_policy Exponential {
  max_retries 2
  strategy {
    type exponential_backoff
    delay_ms 300
    multiplier 1.5
    max_delay_ms 10000
  }
}
`
}

function clientLine(c: ClientChoice): string {
  const target = usesShorthand(c) ? JSON.stringify(`${c.provider}/${c.model}`) : CHOSEN_CLIENT_NAME
  const note = c.apiKeyEnv ? `Needs ${c.apiKeyEnv} set in the environment.` : 'Needs no API key.'
  return `  client ${target} // ${note}`
}

export function resumeBaml(c: ClientChoice = DEFAULT_CLIENT): string {
  return `// The shape of the data to extract.
class Resume {
  name string
  email string
  experience string[]
  skills string[]
}

// A function: the prompt goes to the client's model, and the answer is parsed into a Resume.
function ExtractResume(resume: string) -> Resume {
  // A "provider/model" string, or the name of a client from clients.baml (e.g. client CustomSonnet4)
${clientLine(c)}
  prompt #"
    Extract from this content:
    {{ resume }}

    {{ ctx.output_format }}
  "#
}

// A test case for ExtractResume: run it from the editor's playground (or \`baml test\`).
test sample_resume {
  functions [ExtractResume]
  args {
    resume #"
      Ada Example
      ada@example.com

      Experience:
      - Staff Engineer at Example Corp
      - Software Engineer at Sample Labs

      Skills:
      - TypeScript
      - Python
    "#
  }
}
`
}

export interface ProjectFiles {
  readonly [name: string]: string
}

/** The three files of a new baml_src/, keyed by file name, in the order they are written. */
export function projectFiles(gen: GeneratorSettings, client: ClientChoice = DEFAULT_CLIENT): ProjectFiles {
  return {
    'clients.baml': clientsBaml(client),
    'resume.baml': resumeBaml(client),
    'generators.baml': generatorsBaml(gen),
  }
}
