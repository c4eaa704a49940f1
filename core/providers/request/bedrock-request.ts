// Requests for AWS Bedrock's Converse / ConverseStream API (JSON body; SigV4 signing is done by the
// transport layer). Role metadata is not copied into blocks; an allowed `cache_control` becomes a
// Converse cache point after the block.
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { ChatMessage, ChatPart, HttpRequest, JsonValue } from '../../values.ts'
import { uriEscape } from '../auth/sigv4.ts'
import type { ResolvedMedia } from './resolve-media.ts'
import { isMetadataAllowed, mimeSubtype, normalizeUrl, type JsonObject } from './request-common.ts'
import { stripTrailingSlash } from './resolve-common.ts'
import type { AllowedRoleMetadata, ResolvedBedrockClient } from './types.ts'

function mediaBlock(media: ResolvedMedia): JsonObject {
  const block: JsonObject = {}
  if (media.mediaType !== undefined) block['format'] = mimeSubtype(media.mediaType)
  if (media.url !== undefined) {
    if (!media.url.startsWith('s3://'))
      throw new BamlInvalidArgumentError(`AWS Bedrock requires s3:// URIs, but got: ${media.url}`)
    block['source'] = { s3Location: { uri: media.url } }
  } else block['source'] = { bytes: media.base64! }
  switch (media.__baml_media) {
    case 'pdf':
      block['name'] = 'document'
      return { document: block }
    default:
      return { [media.__baml_media]: block }
  }
}

function contentBlock(part: ChatPart): JsonObject {
  return part.type === 'text' ? { text: part.text } : mediaBlock(part.media as ResolvedMedia)
}

function systemBlock(part: ChatPart): JsonObject {
  if (part.type !== 'text') throw new BamlInvalidArgumentError('AWS Bedrock only supports text system blocks')
  return { text: part.text }
}

const CACHE_POINT: JsonObject = { cachePoint: { type: 'default' } }

function blocks(parts: readonly ChatPart[], toBlock: (p: ChatPart) => JsonObject, allowed: AllowedRoleMetadata): JsonObject[] {
  const out: JsonObject[] = []
  for (const p of parts) {
    out.push(toBlock(p))
    if (p.meta && 'cache_control' in p.meta && isMetadataAllowed(allowed, 'cache_control')) out.push(CACHE_POINT)
  }
  return out
}

function bedrockConverseBody(client: ResolvedBedrockClient, messages: readonly ChatMessage[]): JsonObject {
  const body: JsonObject = {}
  let rest = messages
  if (messages[0]?.role === 'system') {
    body['system'] = blocks(messages[0].parts, systemBlock, client.allowedRoleMetadata)
    rest = messages.slice(1)
  }
  body['messages'] = rest.map((m) => ({ role: m.role, content: blocks(m.parts, contentBlock, client.allowedRoleMetadata) }))
  const inf = client.inferenceConfig
  const cfg: JsonObject = {}
  if (inf.maxTokens !== undefined) cfg['maxTokens'] = inf.maxTokens
  if (inf.temperature !== undefined) cfg['temperature'] = inf.temperature
  if (inf.topP !== undefined) cfg['topP'] = inf.topP
  if (inf.stopSequences !== undefined) cfg['stopSequences'] = [...inf.stopSequences]
  if (Object.keys(cfg).length > 0) body['inferenceConfig'] = cfg
  if (Object.keys(client.additionalModelRequestFields).length > 0)
    body['additionalModelRequestFields'] = client.additionalModelRequestFields as { [key: string]: JsonValue }
  return body
}

export function buildBedrockRequest(client: ResolvedBedrockClient, messages: readonly ChatMessage[], stream: boolean): HttpRequest {
  if (!client.region)
    throw new BamlInvalidArgumentError(
      'AWS region is required to build modular request. Set it in the client options or via AWS_REGION.',
    )
  const origin = client.endpointUrl
    ? stripTrailingSlash(client.endpointUrl)
    : `https://bedrock-runtime.${client.region}.amazonaws.com`
  const action = stream ? 'converse-stream' : 'converse'
  return {
    // The model id is one path segment, percent-encoded as SigV4 expects (only A-Z a-z 0-9 - _ . ~ stay).
    url: normalizeUrl(`${origin}/model/${uriEscape(client.model)}/${action}`),
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json',
    },
    body: bedrockConverseBody(client, messages),
  }
}
