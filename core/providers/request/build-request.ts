// Entry point: a rendered prompt + a resolved client → the exact HTTP request for the provider.
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { HttpRequest, RenderedPrompt } from '../../values.ts'
import { buildAnthropicRequest } from './anthropic-request.ts'
import { buildBedrockRequest } from './bedrock-request.ts'
import { buildGoogleAIRequest } from './google-request.ts'
import { buildOpenAIRequest } from './openai-request.ts'
import { prepareChatMessages } from './prepare-messages.ts'
import { resolveMessageMedia } from './resolve-media.ts'
import type { ResolvedClient } from './types.ts'
import { buildVertexRequest, type GcpProjectLookup } from './vertex-request.ts'

export interface BuildRequestOptions {
  /** Build the streaming variant (SSE / ConverseStream). */
  readonly stream: boolean
  /** Reads `file` media arguments; without it, file media is an error. */
  readonly readFile?: (path: string) => Promise<Uint8Array>
  /** Downloads media URLs that must be sent as base64 (defaults to the global fetch). */
  readonly fetch?: typeof fetch
  /**
   * False refuses media downloads from loopback, private and link-local hosts (server-side request forgery
   * through media URLs taken from untrusted input). The client's `allow_private_media_urls false` refuses
   * them too: either one is enough. Default: allowed, as in the reference.
   */
  readonly allowPrivateMediaUrls?: boolean
  /** Aborts media downloads. */
  readonly signal?: AbortSignal
  /** vertex-ai with `location` but no project_id: asks the auth layer for the credentials' project. */
  readonly gcpProjectId?: GcpProjectLookup
}

/**
 * Builds the request the reference runtime would send: messages are prepared (merged, completion →
 * chat, single-system rules), media resolved per `media_url_handler`, then the provider's JSON body,
 * URL and headers are produced. Authentication that needs signing or tokens (vertex-ai OAuth2,
 * aws-bedrock SigV4) is left to the transport. Throws BamlInvalidArgumentError for unsupported media
 * or missing options.
 */
export async function buildRequest(client: ResolvedClient, prompt: RenderedPrompt, opts: BuildRequestOptions): Promise<HttpRequest> {
  if (client.family === 'strategy')
    throw new BamlInvalidArgumentError(
      `Client ${client.name} is a ${client.provider} strategy: build the request for one of its clients instead`,
    )
  const prepared = prepareChatMessages(prompt, client)
  const allowPrivateUrls = client.allowPrivateMediaUrls !== false && opts.allowPrivateMediaUrls !== false
  const messages = await resolveMessageMedia(prepared, client.mediaUrlHandlers, { ...opts, allowPrivateUrls })
  switch (client.family) {
    case 'openai':
      return buildOpenAIRequest(client, messages, opts.stream)
    case 'anthropic':
      return buildAnthropicRequest(client, messages, opts.stream)
    case 'google':
      return buildGoogleAIRequest(client, messages, opts.stream)
    case 'vertex':
      return buildVertexRequest(client, messages, opts.stream, opts.gcpProjectId)
    case 'bedrock':
      return buildBedrockRequest(client, messages, opts.stream)
  }
}
