// What `baml init` can set up: the generator output types (the reference's `--client-type` values) and
// the providers the wizard offers for the example function's client. Plain data, shared by the
// templates, the wizard and the command.

/** The reference's `--client-type` values, in the order its usage message lists them. */
export const OUTPUT_TYPES = [
  'rest/openapi',
  'python/pydantic',
  'python/pydantic/v1',
  'typescript',
  'typescript/react',
  'ruby/sorbet',
  'go',
  'rust',
] as const

export type OutputType = (typeof OUTPUT_TYPES)[number]

export function isOutputType(s: string): s is OutputType {
  return (OUTPUT_TYPES as readonly string[]).includes(s)
}

interface OutputTypeInfo {
  /** Shown in the wizard and in "Created ... for <clients>". */
  readonly label: string
  /** `default_client_mode` written into generators.baml (the reference's recommendation), if any. */
  readonly clientMode?: 'sync' | 'async'
  /** `on_generate` for languages whose generated code wants a formatter run (not openapi: see templates). */
  readonly onGenerate?: string
}

export const OUTPUT_TYPE_INFO: Readonly<Record<OutputType, OutputTypeInfo>> = {
  'rest/openapi': { label: 'REST (OpenAPI)' },
  'python/pydantic': { label: 'Python', clientMode: 'sync' },
  'python/pydantic/v1': { label: 'Python (Pydantic v1)', clientMode: 'sync' },
  typescript: { label: 'TypeScript', clientMode: 'async' },
  'typescript/react': { label: 'TypeScript React', clientMode: 'async' },
  'ruby/sorbet': { label: 'Ruby' },
  go: { label: 'Go', onGenerate: 'gofmt -w . && goimports -w .' },
  rust: { label: 'Rust', clientMode: 'async', onGenerate: 'cargo fmt' },
}

/** The default client of the example function: a provider, a model and the env var holding its key. */
export interface ClientChoice {
  readonly provider: string
  readonly model: string
  /** null for providers that need no key (a local Ollama). */
  readonly apiKeyEnv: string | null
}

interface ProviderInfo {
  readonly label: string
  readonly model: string
  /** The variable the provider reads when a client names none (what a `"provider/model"` shorthand uses). */
  readonly keyEnv: string | null
}

/** Offered by the wizard, the first being the default (the reference's example uses it). */
export const PROVIDERS: Readonly<Record<string, ProviderInfo>> = {
  'openai-responses': { label: 'OpenAI (Responses API)', model: 'gpt-5-mini', keyEnv: 'OPENAI_API_KEY' },
  openai: { label: 'OpenAI (Chat Completions)', model: 'gpt-5-mini', keyEnv: 'OPENAI_API_KEY' },
  anthropic: { label: 'Anthropic', model: 'claude-sonnet-4-20250514', keyEnv: 'ANTHROPIC_API_KEY' },
  'google-ai': { label: 'Google AI (Gemini)', model: 'gemini-2.5-flash', keyEnv: 'GOOGLE_API_KEY' },
  openrouter: { label: 'OpenRouter', model: 'openai/gpt-5-mini', keyEnv: 'OPENROUTER_API_KEY' },
  ollama: { label: 'Ollama (a local model, no API key)', model: 'llama4', keyEnv: null },
}

export const DEFAULT_CLIENT: ClientChoice = { provider: 'openai-responses', model: 'gpt-5-mini', apiKeyEnv: 'OPENAI_API_KEY' }

/** True when the choice can be written as a `"provider/model"` shorthand (its key is in the provider's default variable). */
export function usesShorthand(c: ClientChoice): boolean {
  return PROVIDERS[c.provider]?.keyEnv === c.apiKeyEnv
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
// A model name goes inside a BAML string: no quotes, backslashes or whitespace (no model id has them).
const MODEL_NAME = /^[^"\\\s]+$/
// An openapi-generator generator name (go, typescript-axios, ...): it is written into a shell command.
const OPENAPI_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

export function envNameProblem(s: string): string | undefined {
  return ENV_NAME.test(s) ? undefined : 'an environment variable name: letters, digits and _, not starting with a digit'
}

export function modelNameProblem(s: string): string | undefined {
  return MODEL_NAME.test(s) ? undefined : 'a model name without spaces, quotes or backslashes'
}

export function openapiNameProblem(s: string): string | undefined {
  return OPENAPI_NAME.test(s) ? undefined : 'an openapi-generator name such as go, java or typescript-axios'
}
