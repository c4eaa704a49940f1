// Provider names accepted in `client<llm>` blocks and `"provider/model"` shorthands.
import type { ProviderName } from './types.ts'

const CANONICAL: Readonly<Record<string, ProviderName>> = {
  openai: 'openai',
  'baml-openai-chat': 'openai',
  'openai-generic': 'openai-generic',
  'azure-openai': 'azure-openai',
  'baml-azure-chat': 'azure-openai',
  'openai-responses': 'openai-responses',
  ollama: 'ollama',
  'baml-ollama-chat': 'ollama',
  openrouter: 'openrouter',
  anthropic: 'anthropic',
  'baml-anthropic-chat': 'anthropic',
  'google-ai': 'google-ai',
  'vertex-ai': 'vertex-ai',
  'aws-bedrock': 'aws-bedrock',
  fallback: 'fallback',
  'baml-fallback': 'fallback',
  'round-robin': 'round-robin',
  'baml-round-robin': 'round-robin',
}

/** The canonical provider for a name as written (legacy aliases mapped), or undefined. */
export function canonicalProvider(name: string): ProviderName | undefined {
  return Object.prototype.hasOwnProperty.call(CANONICAL, name) ? CANONICAL[name] : undefined
}

/** Names to suggest for a misspelt provider (canonical names only). */
export const PROVIDER_NAMES: readonly ProviderName[] = [
  'openai',
  'openai-generic',
  'openai-responses',
  'azure-openai',
  'ollama',
  'openrouter',
  'anthropic',
  'google-ai',
  'vertex-ai',
  'aws-bedrock',
  'fallback',
  'round-robin',
]
