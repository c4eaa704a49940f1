// Which reader handles a provider's responses, and what model name to report when the response has none.
import type { JsonValue } from '../../values.ts'
import type { LeafProviderName, ResponseFormat } from '../types.ts'

const OPENAI_FAMILY = new Set<LeafProviderName>(['openai', 'openai-generic', 'azure-openai', 'ollama', 'openrouter', 'openai-responses'])

/**
 * `clientResponseType` is the `client_response_type` option (openai family only):
 * openai | openai-responses | anthropic | google | vertex.
 * vertex-ai requests to `:rawPredict` / `:streamRawPredict` are Claude on Vertex and read as Anthropic.
 */
export function responseFormatFor(provider: LeafProviderName, opts: { readonly clientResponseType?: string | undefined; readonly url?: string | undefined } = {}): ResponseFormat {
  if (OPENAI_FAMILY.has(provider) && opts.clientResponseType) {
    switch (opts.clientResponseType) {
      case 'openai': return 'openai'
      case 'openai-responses': return 'openai-responses'
      case 'anthropic': return 'anthropic'
      case 'google':
      case 'vertex': return 'google'
      default: break
    }
  }
  switch (provider) {
    case 'openai-responses': return 'openai-responses'
    case 'anthropic': return 'anthropic'
    case 'google-ai': return 'google'
    case 'vertex-ai': return opts.url && /:(rawPredict|streamRawPredict)\b/.test(opts.url) ? 'anthropic' : 'google'
    case 'aws-bedrock': return 'bedrock'
    default: return 'openai'
  }
}

/** `model` from the body, else from a Google/Vertex (`/models/{m}:rpc`) or Bedrock (`/model/{id}/converse`) URL. */
export function modelHintFor(url: string, body: JsonValue): string | undefined {
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && typeof body['model'] === 'string') return body['model']
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return undefined
  }
  const google = /\/models\/([^/:]+):[A-Za-z]+$/.exec(path)
  if (google) return safeDecode(google[1]!)
  const bedrock = /\/model\/([^/]+)\/converse(-stream)?$/.exec(path)
  if (bedrock) return safeDecode(bedrock[1]!)
  return undefined
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
