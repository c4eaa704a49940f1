// Requests for Gemini: the Google AI API (`google-ai`, snake_case media parts) and the Gemini models of
// Vertex AI (camelCase media parts).
import type { ChatMessage, ChatPart, HttpRequest } from '../../values.ts'
import { requireMime, type ResolvedMedia } from './resolve-media.ts'
import { copyAllowedMeta, headerRecord, normalizeUrl, withJsonContentType, type JsonObject } from './request-common.ts'
import type { AllowedRoleMetadata, ResolvedGoogleAIClient } from './types.ts'

export type GeminiDialect = 'google-ai' | 'vertex'

function mediaPart(media: ResolvedMedia, dialect: GeminiDialect): JsonObject {
  if (dialect === 'google-ai') {
    if (media.base64 !== undefined) return { inline_data: { mime_type: requireMime(media), data: media.base64 } }
    const fileData: JsonObject = { file_uri: media.url! }
    if (media.mediaType !== undefined) fileData['mime_type'] = media.mediaType
    return { file_data: fileData }
  }
  if (media.base64 !== undefined) return { inlineData: { data: media.base64, mimeType: requireMime(media) } }
  // Vertex needs a MIME type for file URIs; videos default to mp4.
  const mimeType = media.mediaType ? media.mediaType : media.__baml_media === 'video' ? 'video/mp4' : requireMime(media)
  return { fileData: { fileUri: media.url!, mimeType } }
}

function part(p: ChatPart, allowed: AllowedRoleMetadata, dialect: GeminiDialect): JsonObject {
  const out: JsonObject = p.type === 'text' ? { text: p.text } : mediaPart(p.media as ResolvedMedia, dialect)
  return copyAllowedMeta(out, p.meta, allowed)
}

/** `system_instruction` (when the first message is system) and `contents`. */
export function geminiContentsBody(messages: readonly ChatMessage[], allowed: AllowedRoleMetadata, dialect: GeminiDialect): JsonObject {
  const out: JsonObject = {}
  let rest = messages
  if (messages[0]?.role === 'system') {
    out['system_instruction'] = { parts: messages[0].parts.map((p) => part(p, allowed, dialect)) }
    rest = messages.slice(1)
  }
  out['contents'] = rest.map((m) => ({ role: m.role, parts: m.parts.map((p) => part(p, allowed, dialect)) }))
  return out
}

export function geminiRpc(stream: boolean): string {
  return stream ? 'streamGenerateContent?alt=sse' : 'generateContent'
}

export function buildGoogleAIRequest(client: ResolvedGoogleAIClient, messages: readonly ChatMessage[], stream: boolean): HttpRequest {
  return {
    url: normalizeUrl(`${client.baseUrl}/models/${client.model}:${geminiRpc(stream)}`),
    method: 'POST',
    headers: withJsonContentType(headerRecord(client.headers, { 'x-goog-api-key': client.apiKey })),
    body: { ...client.body, ...geminiContentsBody(messages, client.allowedRoleMetadata, 'google-ai') },
  }
}
