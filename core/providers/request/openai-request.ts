// Requests for the OpenAI-compatible providers: chat completions (openai, openai-generic, azure-openai,
// ollama, openrouter) and the Responses API (openai-responses).
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { ChatMessage, ChatPart, HttpRequest, JsonValue } from '../../values.ts'
import type { ResolvedMedia } from './resolve-media.ts'
import { requireMime } from './resolve-media.ts'
import {
  appendQuery,
  copyAllowedMeta,
  dataUrl,
  headerRecord,
  normalizeUrl,
  withJsonContentType,
  type JsonObject,
} from './request-common.ts'
import type { ResolvedOpenAIClient } from './types.ts'

function chatMediaBlock(media: ResolvedMedia): JsonObject {
  switch (media.__baml_media) {
    case 'image':
      return {
        type: 'image_url',
        image_url: { url: media.url ?? dataUrl(requireMime(media), media.base64!) },
      }
    case 'audio': {
      if (media.base64 !== undefined) {
        const mime = requireMime(media)
        const format = mime.startsWith('audio/') ? mime.slice(6) : mime
        return { type: 'input_audio', input_audio: { data: media.base64, format: format === 'mpeg' ? 'mp3' : format } }
      }
      // An audio URL (media_url_handler audio "send_url"): the format is the MIME type as given
      // (unstripped), else the URL's extension.
      const ext = media.mediaType ?? media.url!.slice(media.url!.lastIndexOf('.') + 1)
      return { type: 'input_audio', input_audio: { data: media.url!, format: ext === 'mpeg' ? 'mp3' : ext } }
    }
    case 'pdf':
      return media.url !== undefined
        ? { type: 'file', file: { type: 'input_file', file_url: media.url, filename: 'document.pdf' } }
        : { type: 'file', file: { filename: 'document.pdf', file_data: dataUrl(requireMime(media), media.base64!) } }
    case 'video':
      throw new BamlInvalidArgumentError(
        "Video input is only supported on OpenAI's Realtime API (/v1/realtime), not on chat completions. Consider extracting frames from the video as images instead. See: https://platform.openai.com/docs/guides/realtime",
      )
  }
}

function chatPart(part: ChatPart, client: ResolvedOpenAIClient): JsonObject {
  const block: JsonObject =
    part.type === 'text' ? { type: 'text', text: part.text } : chatMediaBlock(part.media as ResolvedMedia)
  return copyAllowedMeta(block, part.meta, client.allowedRoleMetadata)
}

function chatContent(m: ChatMessage, client: ResolvedOpenAIClient): JsonValue {
  // openai-generic servers often only accept string content: send plain text messages as one string.
  if (client.provider === 'openai-generic' && m.parts.every((p) => p.type === 'text' && p.meta === undefined))
    return m.parts.map((p) => (p.type === 'text' ? p.text : '')).join(' ')
  return m.parts.map((p) => chatPart(p, client))
}

function responsesMediaBlock(media: ResolvedMedia): JsonObject {
  switch (media.__baml_media) {
    case 'image':
      return { type: 'input_image', detail: 'auto', image_url: media.url ?? dataUrl(requireMime(media), media.base64!) }
    case 'audio': {
      if (media.base64 === undefined)
        throw new BamlInvalidArgumentError(
          'BAML internal error (openai-responses): audio must be base64 encoded for Responses API',
        )
      const mime = requireMime(media)
      return { type: 'input_audio', input_audio: { data: media.base64, format: mime.startsWith('audio/') ? mime.slice(6) : mime } }
    }
    case 'pdf':
      return media.url !== undefined
        ? { type: 'input_file', file_url: media.url, filename: 'document.pdf' }
        : { type: 'input_file', file_data: dataUrl(requireMime(media), media.base64!), filename: 'document.pdf' }
    case 'video':
      throw new BamlInvalidArgumentError(
        'BAML internal error (openai-responses): video is not yet supported by OpenAI Responses API',
      )
  }
}

/** Responses API input items (assistant text is `output_text`; assistant media is not allowed). */
function responsesInput(messages: readonly ChatMessage[], client: ResolvedOpenAIClient): JsonValue {
  return messages.map((m) => ({
    role: m.role,
    content: m.parts.map((p): JsonObject => {
      let block: JsonObject
      if (p.type === 'text') block = { type: m.role === 'assistant' ? 'output_text' : 'input_text', text: p.text }
      else if (m.role === 'assistant')
        throw new BamlInvalidArgumentError(
          'BAML internal error (openai-responses): assistant messages must be text; media not supported for assistant in Responses API',
        )
      else block = responsesMediaBlock(p.media as ResolvedMedia)
      return copyAllowedMeta(block, p.meta, client.allowedRoleMetadata)
    }),
  }))
}

export function buildOpenAIRequest(client: ResolvedOpenAIClient, messages: readonly ChatMessage[], stream: boolean): HttpRequest {
  const responses = client.provider === 'openai-responses'
  const body: JsonObject = { ...client.body }
  if (responses) body['input'] = responsesInput(messages, client)
  else body['messages'] = messages.map((m) => ({ role: m.role, content: chatContent(m, client) }))
  if (stream) {
    body['stream'] = true
    // Only OpenAI itself is known to accept stream_options (usage in the last chunk).
    if (client.provider === 'openai') body['stream_options'] = { include_usage: true }
  }
  const path = responses ? '/responses' : '/chat/completions'
  const auth = client.apiKey !== undefined ? { authorization: `Bearer ${client.apiKey}` } : undefined
  return {
    url: normalizeUrl(appendQuery(client.baseUrl + path, client.queryParams)),
    method: 'POST',
    headers: withJsonContentType(headerRecord(client.headers, auth, { 'baml-original-url': client.baseUrl })),
    body,
  }
}
