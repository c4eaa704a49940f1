// Requests for Anthropic's Messages API (also used for Claude models on Vertex AI).
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { ChatMessage, ChatPart, HttpRequest } from '../../values.ts'
import { requireMime, type ResolvedMedia } from './resolve-media.ts'
import { copyAllowedMeta, headerRecord, normalizeUrl, withJsonContentType, type JsonObject } from './request-common.ts'
import type { AllowedRoleMetadata, ResolvedAnthropicClient } from './types.ts'

function mediaBlock(media: ResolvedMedia): JsonObject {
  if (media.__baml_media === 'video')
    throw new BamlInvalidArgumentError(
      'Video input is not yet supported by Anthropic Claude models. Consider extracting frames from the video as images instead. See: https://docs.anthropic.com/en/docs/vision',
    )
  const type = media.__baml_media === 'pdf' ? 'document' : media.__baml_media
  const source: JsonObject =
    media.url !== undefined
      ? { type: 'url', url: media.url }
      : { type: 'base64', media_type: requireMime(media), data: media.base64! }
  return { type, source }
}

function block(part: ChatPart, allowed: AllowedRoleMetadata): JsonObject {
  const b: JsonObject = part.type === 'text' ? { type: 'text', text: part.text } : mediaBlock(part.media as ResolvedMedia)
  return copyAllowedMeta(b, part.meta, allowed)
}

/** `system` (when the first message is system) and `messages`, in Anthropic's block format. */
export function anthropicMessagesBody(messages: readonly ChatMessage[], allowed: AllowedRoleMetadata): JsonObject {
  const out: JsonObject = {}
  let rest = messages
  if (messages[0]?.role === 'system') {
    out['system'] = messages[0].parts.map((p) => block(p, allowed))
    rest = messages.slice(1)
  }
  out['messages'] = rest.map((m) => ({ role: m.role, content: m.parts.map((p) => block(p, allowed)) }))
  return out
}

export function buildAnthropicRequest(client: ResolvedAnthropicClient, messages: readonly ChatMessage[], stream: boolean): HttpRequest {
  const body: JsonObject = { ...client.body, ...anthropicMessagesBody(messages, client.allowedRoleMetadata) }
  if (stream) body['stream'] = true
  return {
    url: normalizeUrl(`${client.baseUrl}/v1/messages`),
    method: 'POST',
    headers: withJsonContentType(
      headerRecord(client.headers, { 'x-api-key': client.apiKey, 'baml-original-url': client.baseUrl }),
    ),
    body,
  }
}
