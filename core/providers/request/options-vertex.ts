// Options of the `vertex-ai` provider (Gemini, and Claude models through Anthropic's wire format).
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { ConfigEntry } from '../../ir/types.ts'
import { envRef, resolveJson, resolveString, typeName, type EnvReader, type StringLike } from './config-values.ts'
import {
  pushError,
  takeAny,
  takeHttpConfig,
  takeQueryParams,
  takeString,
  type OptionBag,
} from './options-common.ts'
import { leafFields, resolveLeafCommon, takeLeafCommon, type LeafSpecBase } from './options-leaf.ts'
import { DEFAULT_ANTHROPIC_MAX_TOKENS, DEFAULT_ANTHROPIC_VERSION } from './options-anthropic.ts'
import { resolveStringPairs, STANDARD_ROLES, stripTrailingSlash, userPreferredDefault } from './resolve-common.ts'
import type { ResolvedVertexClient, VertexCredentials } from './types.ts'

type CredentialsSpec =
  | { readonly kind: 'string'; readonly value: StringLike }
  | { readonly kind: 'map'; readonly entries: readonly ConfigEntry[] }
  | { readonly kind: 'content'; readonly value: StringLike }
  | { readonly kind: 'default' }

export interface VertexSpec extends LeafSpecBase {
  readonly family: 'vertex'
  readonly model?: StringLike
  readonly baseUrl?: StringLike
  readonly location?: StringLike
  readonly projectId: StringLike
  readonly credentials: CredentialsSpec
  readonly queryParams: readonly (readonly [string, StringLike])[]
  readonly anthropicVersion?: StringLike
}

export function parseVertexOptions(bag: OptionBag): VertexSpec {
  const credentials = takeCredentials(bag)
  const model = takeString(bag, 'model', true)?.value

  const url = takeString(bag, 'base_url')
  const location = takeString(bag, 'location')
  if (url && location)
    for (const t of [url, location])
      pushError(
        bag,
        "vertex-ai clients may specify either location or base_url, but not both (try removing 'base_url' from options).",
        t.keySpan,
      )
  else if (!url && !location)
    pushError(bag, 'vertex-ai clients must specify a GCP region in options.location (e.g. us-central1)')

  const projectId = takeString(bag, 'project_id')?.value ?? envRef('GOOGLE_CLOUD_PROJECT', bag.span)
  const common = takeLeafCommon(bag)
  const queryParams = takeQueryParams(bag) ?? []
  const anthropicVersion = takeString(bag, 'anthropic_version')?.value
  const http = takeHttpConfig(bag, false)
  return {
    family: 'vertex',
    model,
    baseUrl: url && !location ? url.value : undefined,
    location: location && !url ? location.value : undefined,
    projectId,
    credentials,
    queryParams,
    anthropicVersion,
    common,
    http,
    body: [...bag.rest.values()],
  }
}

function takeCredentials(bag: OptionBag): CredentialsSpec {
  const creds = takeAny(bag, 'credentials')
  const content = takeString(bag, 'credentials_content')
  if (!creds) return content ? { kind: 'content', value: content.value } : { kind: 'default' }
  if (content) {
    const msg = "Both 'credentials' and 'credentials_content' provided. Please only set one or the other."
    pushError(bag, msg, creds.keySpan)
    pushError(bag, msg, content.keySpan)
  }
  const v = creds.value
  if (v.kind === 'string' || v.kind === 'ident' || v.kind === 'env') return { kind: 'string', value: v }
  if (v.kind === 'map') return { kind: 'map', entries: v.entries }
  pushError(bag, `credentials must be a string or an object. Got: ${typeName(v)}`, v.span)
  return { kind: 'default' }
}

/** `"{\"type\":...}"` (a JSON string holding JSON, as some env tools write it) → the inner JSON. */
function unwrapQuotedJson(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    try {
      const inner: unknown = JSON.parse(s)
      if (typeof inner === 'string' && isJson(inner)) return inner
    } catch {
      // not a JSON string: keep as is
    }
  }
  return s
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s)
    return true
  } catch {
    return false
  }
}

function jsonOrPath(s: string): VertexCredentials {
  const text = unwrapQuotedJson(s)
  return isJson(text) ? { kind: 'json', json: text } : { kind: 'file', path: text }
}

function resolveCredentials(spec: CredentialsSpec, env: EnvReader): VertexCredentials {
  switch (spec.kind) {
    case 'string':
      return jsonOrPath(resolveString(spec.value, env))
    case 'content':
      return { kind: 'json', json: unwrapQuotedJson(resolveString(spec.value, env)) }
    case 'map': {
      const value: Record<string, string> = {}
      for (const e of spec.entries) {
        const v = resolveJson(e.value, env)
        if (typeof v !== 'string') throw new BamlInvalidArgumentError('Expected a string')
        value[e.key] = v
      }
      return { kind: 'object', value }
    }
    case 'default': {
      const path = env.peek('GOOGLE_APPLICATION_CREDENTIALS')
      if (path !== undefined) return jsonOrPath(path)
      const content = env.peek('GOOGLE_APPLICATION_CREDENTIALS_CONTENT')
      if (content !== undefined) return { kind: 'json', json: unwrapQuotedJson(content) }
      return { kind: 'default' }
    }
  }
}

export function resolveVertexOptions(
  name: string,
  retryPolicy: string | undefined,
  spec: VertexSpec,
  env: EnvReader,
): ResolvedVertexClient {
  if (!spec.model) throw new BamlInvalidArgumentError('Missing required property: model')
  const baseUrl = spec.baseUrl && stripTrailingSlash(resolveString(spec.baseUrl, env))
  const location = spec.location && resolveString(spec.location, env)
  const model = resolveString(spec.model, env)
  const c = resolveLeafCommon(spec, env, {
    image: 'send_url_add_mime_type',
    audio: 'send_url_add_mime_type',
    pdf: 'send_url',
    video: 'send_url',
  })
  const queryParams = resolveStringPairs(spec.queryParams, env)
  // A missing GOOGLE_CLOUD_PROJECT resolves to "$GOOGLE_CLOUD_PROJECT": treat that as unset.
  const project = resolveString(spec.projectId, env)
  const projectId = project === '' || project.startsWith('$') ? undefined : project
  const credentials = resolveCredentials(spec.credentials, env)

  let anthropicVersion = spec.anthropicVersion && resolveString(spec.anthropicVersion, env)
  if (anthropicVersion === undefined && model.startsWith('claude')) anthropicVersion = DEFAULT_ANTHROPIC_VERSION
  const body = c.body
  if (anthropicVersion !== undefined) {
    if (!('anthropic_version' in body)) body['anthropic_version'] = anthropicVersion
    if (!('max_tokens' in body)) body['max_tokens'] = DEFAULT_ANTHROPIC_MAX_TOKENS
  }

  const allowedRoles = c.roles.allowed ?? STANDARD_ROLES
  const secrets = 'key' in queryParams ? [queryParams['key']!] : []
  return {
    name,
    retryPolicy,
    provider: 'vertex-ai',
    family: 'vertex',
    ...leafFields(c),
    baseUrl,
    location,
    projectId,
    model,
    queryParams,
    anthropicVersion,
    credentials,
    usesApiKeyQuery: 'key' in queryParams,
    allowedRoles,
    defaultRole: c.roles.default ?? userPreferredDefault(allowedRoles),
    remapRoles: c.roles.remap ?? {},
    supportsStreaming: spec.common.supportsStreaming ?? true,
    responseType: anthropicVersion !== undefined ? 'anthropic' : 'vertex',
    maxOneSystemPrompt: true,
    secrets,
  }
}
