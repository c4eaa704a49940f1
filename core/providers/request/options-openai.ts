// Options of the OpenAI-compatible providers: openai, openai-generic, openai-responses, azure-openai,
// ollama, openrouter.
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { JsonValue } from '../../values.ts'
import { envRef, literal, resolveString, type EnvReader, type StringLike } from './config-values.ts'
import {
  pushError,
  takeClientResponseType,
  takeHttpConfig,
  takeQueryParams,
  takeString,
  type OptionBag,
} from './options-common.ts'
import { leafFields, resolveLeafCommon, takeLeafCommon, type LeafSpecBase } from './options-leaf.ts'
import { resolveStringPairs, STANDARD_ROLES, stripTrailingSlash } from './resolve-common.ts'
import type { OpenAIFamilyProvider, ResolvedOpenAIClient, ResponseType } from './types.ts'

export interface OpenAISpec extends LeafSpecBase {
  readonly family: 'openai'
  readonly provider: OpenAIFamilyProvider
  readonly baseUrl?: StringLike | { readonly resource: StringLike; readonly deployment: StringLike }
  readonly apiKey?: StringLike
  readonly queryParams: readonly (readonly [string, StringLike])[]
  readonly responseType?: ResponseType
  /** azure-openai: the `api-key` header (added unless `headers` already has one). */
  readonly azureApiKey?: StringLike
}

const DEFAULT_BASE: Partial<Record<OpenAIFamilyProvider, string>> = {
  openai: 'https://api.openai.com/v1',
  'openai-responses': 'https://api.openai.com/v1',
  ollama: 'http://localhost:11434/v1',
  openrouter: 'https://openrouter.ai/api/v1',
}

const DEFAULT_KEY_ENV: Partial<Record<OpenAIFamilyProvider, string>> = {
  openai: 'OPENAI_API_KEY',
  'openai-responses': 'OPENAI_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
}

export function parseOpenAIOptions(provider: OpenAIFamilyProvider, bag: OptionBag): OpenAISpec {
  let baseUrl: OpenAISpec['baseUrl']
  let apiKey: StringLike | undefined
  let azureApiKey: StringLike | undefined
  let queryParams: (readonly [string, StringLike])[] | undefined

  if (provider === 'azure-openai') {
    const url = takeString(bag, 'base_url')
    const resource = takeString(bag, 'resource_name')
    const deployment = takeString(bag, 'deployment_id')
    if (url && !resource && !deployment) baseUrl = url.value
    else if (!url && resource && deployment) baseUrl = { resource: resource.value, deployment: deployment.value }
    else if (!resource && deployment)
      pushError(bag, 'resource_name must be provided when deployment_id is provided', deployment.keySpan)
    else if (resource && !deployment)
      pushError(bag, 'deployment_id must be provided when resource_name is provided', resource.keySpan)
    else if (url && resource && deployment)
      for (const t of [url, resource, deployment])
        pushError(bag, 'Only one of base_url or both (resource_name, deployment_id) must be provided', t.keySpan)
    else pushError(bag, 'Missing either base_url or both (resource_name, deployment_id)')
    azureApiKey = takeString(bag, 'api_key')?.value ?? envRef('AZURE_OPENAI_API_KEY', bag.span)
  } else if (provider === 'openai-generic') {
    baseUrl = takeString(bag, 'base_url', true)?.value
    apiKey = takeString(bag, 'api_key')?.value
  } else {
    baseUrl = takeString(bag, 'base_url')?.value ?? literal(DEFAULT_BASE[provider]!, bag.span)
    apiKey = takeString(bag, 'api_key')?.value
    const keyEnv = DEFAULT_KEY_ENV[provider]
    if (!apiKey && keyEnv) apiKey = envRef(keyEnv, bag.span)
  }

  const http = takeHttpConfig(bag, false)
  if (provider === 'azure-openai') {
    // An explicit query_params replaces the api_version shorthand.
    queryParams = takeQueryParams(bag)
    if (!queryParams) {
      const v = takeString(bag, 'api_version')
      queryParams = v ? [['api-version', v.value]] : []
    }
  }
  let common = takeLeafCommon(bag)
  const ownQuery = takeQueryParams(bag)
  if (!queryParams) queryParams = ownQuery ?? []
  const responseType = takeClientResponseType(bag)
  // Ollama's small models tend to prefer the user role.
  if (provider === 'ollama' && !common.roles.default)
    common = { ...common, roles: { ...common.roles, default: literal('user', bag.span) } }
  return {
    family: 'openai',
    provider,
    baseUrl,
    apiKey,
    azureApiKey,
    queryParams,
    responseType,
    common,
    http,
    body: [...bag.rest.values()],
  }
}

function isO1Model(body: Readonly<Record<string, JsonValue>>): boolean {
  const m = body['model']
  return typeof m === 'string' && (m === 'o1' || m.startsWith('o1-'))
}

export function resolveOpenAIOptions(name: string, retryPolicy: string | undefined, spec: OpenAISpec, env: EnvReader): ResolvedOpenAIClient {
  let baseUrl: string
  const b = spec.baseUrl
  if (b === undefined) throw new BamlInvalidArgumentError('base_url is required')
  if ('resource' in b)
    baseUrl = `https://${resolveString(b.resource, env)}.openai.azure.com/openai/deployments/${resolveString(b.deployment, env)}`
  else baseUrl = stripTrailingSlash(resolveString(b, env))

  const apiKey = spec.apiKey && resolveString(spec.apiKey, env)
  const c = resolveLeafCommon(spec, env, { image: 'send_url', audio: 'send_base64', pdf: 'send_url', video: 'send_url' })
  const headers = c.headers
  const secrets: string[] = []
  if (apiKey) secrets.push(apiKey)
  if (spec.azureApiKey) {
    const key = resolveString(spec.azureApiKey, env)
    if (!('api-key' in headers)) headers['api-key'] = key
    secrets.push(key)
  }

  const body = c.body
  if (spec.provider === 'azure-openai') {
    // Azure's own default is tiny; `max_tokens null` opts out of the injected value.
    if (!('max_completion_tokens' in body) && !('max_tokens' in body)) body['max_tokens'] = 4096
    else if (body['max_tokens'] === null) delete body['max_tokens']
  }

  const o1 = isO1Model(body)
  const allowedRoles = c.roles.allowed ?? (o1 ? ['user', 'assistant'] : STANDARD_ROLES)
  const responseType: ResponseType = spec.responseType ?? (spec.provider === 'openai-responses' ? 'openai-responses' : 'openai')
  return {
    name,
    retryPolicy,
    provider: spec.provider,
    family: 'openai',
    ...leafFields(c),
    baseUrl,
    apiKey,
    queryParams: resolveStringPairs(spec.queryParams, env),
    allowedRoles,
    defaultRole: c.roles.default ?? allowedRoles[0]!,
    remapRoles: c.roles.remap ?? {},
    // As the reference: o1 models of every openai-family provider do not stream unless told to.
    supportsStreaming: spec.common.supportsStreaming ?? !o1,
    responseType,
    maxOneSystemPrompt: false,
    secrets,
  }
}
