// Requests for Vertex AI: Gemini models (generateContent) and Claude models (rawPredict with the
// Anthropic body). Authentication (an OAuth2 bearer token) is added by the transport layer unless
// `query_params.key` carries an API key.
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { ChatMessage, HttpRequest } from '../../values.ts'
import { anthropicMessagesBody } from './anthropic-request.ts'
import { geminiContentsBody, geminiRpc } from './google-request.ts'
import { appendQuery, headerRecord, normalizeUrl, withJsonContentType, type JsonObject } from './request-common.ts'
import type { ResolvedVertexClient } from './types.ts'

/** Finds the project for a location-based URL when `project_id` is not set. */
export type GcpProjectLookup = (client: ResolvedVertexClient) => Promise<string | undefined>

/** `project_id` of inline service-account credentials, if any. */
function projectIdFromCredentials(client: ResolvedVertexClient): string | undefined {
  const c = client.credentials
  if (c.kind === 'object') return c.value['project_id']
  if (c.kind === 'json') {
    try {
      const parsed: unknown = JSON.parse(c.json)
      if (parsed && typeof parsed === 'object' && 'project_id' in parsed) {
        const id = (parsed as { project_id: unknown }).project_id
        if (typeof id === 'string') return id
      }
    } catch {
      // not JSON: leave it to the auth layer
    }
  }
  return undefined
}

async function modelsBaseUrl(client: ResolvedVertexClient, lookupProject?: GcpProjectLookup): Promise<string> {
  if (client.baseUrl !== undefined) return client.baseUrl
  const location = client.location!
  let project = client.projectId
  if (project === undefined) {
    if (client.usesApiKeyQuery)
      throw new BamlInvalidArgumentError(
        "options.project_id is required when using API key auth with Vertex 'location' URLs;",
      )
    project = projectIdFromCredentials(client) ?? (lookupProject && (await lookupProject(client)))
    if (project === undefined)
      throw new BamlInvalidArgumentError(
        `vertex-ai client ${client.name}: set options.project_id (or GOOGLE_CLOUD_PROJECT); it could not be read from the credentials`,
      )
  }
  const host = location === 'global' ? 'aiplatform.googleapis.com' : `${location}-aiplatform.googleapis.com`
  const publisher = client.anthropicVersion !== undefined ? 'anthropic' : 'google'
  return `https://${host}/v1/projects/${project}/locations/${location}/publishers/${publisher}/models`
}

export async function buildVertexRequest(
  client: ResolvedVertexClient,
  messages: readonly ChatMessage[],
  stream: boolean,
  lookupProject?: GcpProjectLookup,
): Promise<HttpRequest> {
  const base = await modelsBaseUrl(client, lookupProject)
  const claude = client.anthropicVersion !== undefined
  const rpc = claude ? (stream ? 'streamRawPredict' : 'rawPredict') : geminiRpc(stream)
  let body: JsonObject
  if (claude) {
    // Role metadata (e.g. cache_control) is not forwarded to Claude on Vertex.
    body = { ...client.body, ...anthropicMessagesBody(messages, 'none') }
    if (stream) body['stream'] = true
  } else body = { ...client.body, ...geminiContentsBody(messages, client.allowedRoleMetadata, 'vertex') }
  return {
    url: normalizeUrl(appendQuery(`${base}/${client.model}:${rpc}`, client.queryParams)),
    method: 'POST',
    headers: withJsonContentType(headerRecord(client.headers)),
    body,
  }
}
