// Options of the `anthropic` provider.
import { envRef, literal, resolveString, type EnvReader, type StringLike } from './config-values.ts'
import { takeHttpConfig, takeString, type OptionBag } from './options-common.ts'
import { leafFields, resolveLeafCommon, takeLeafCommon, type LeafSpecBase } from './options-leaf.ts'
import { STANDARD_ROLES, stripTrailingSlash, userPreferredDefault } from './resolve-common.ts'
import type { ResolvedAnthropicClient } from './types.ts'

export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01'
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096

export interface AnthropicSpec extends LeafSpecBase {
  readonly family: 'anthropic'
  readonly baseUrl: StringLike
  readonly apiKey: StringLike
}

export function parseAnthropicOptions(bag: OptionBag): AnthropicSpec {
  const baseUrl = takeString(bag, 'base_url')?.value ?? literal('https://api.anthropic.com', bag.span)
  const apiKey = takeString(bag, 'api_key')?.value ?? envRef('ANTHROPIC_API_KEY', bag.span)
  const http = takeHttpConfig(bag, false)
  const common = takeLeafCommon(bag)
  return { family: 'anthropic', baseUrl, apiKey, common, http, body: [...bag.rest.values()] }
}

export function resolveAnthropicOptions(
  name: string,
  retryPolicy: string | undefined,
  spec: AnthropicSpec,
  env: EnvReader,
): ResolvedAnthropicClient {
  const c = resolveLeafCommon(spec, env, { image: 'send_url', audio: 'send_url', pdf: 'send_base64', video: 'send_url' })
  c.headers['anthropic-version'] ??= DEFAULT_ANTHROPIC_VERSION
  // Only a missing max_tokens gets the default; `max_tokens null` is sent as null.
  if (!('max_tokens' in c.body)) c.body['max_tokens'] = DEFAULT_ANTHROPIC_MAX_TOKENS
  const apiKey = resolveString(spec.apiKey, env)
  const allowedRoles = c.roles.allowed ?? STANDARD_ROLES
  return {
    name,
    retryPolicy,
    provider: 'anthropic',
    family: 'anthropic',
    ...leafFields(c),
    baseUrl: stripTrailingSlash(resolveString(spec.baseUrl, env)),
    apiKey,
    allowedRoles,
    defaultRole: c.roles.default ?? userPreferredDefault(allowedRoles),
    remapRoles: c.roles.remap ?? {},
    supportsStreaming: spec.common.supportsStreaming ?? true,
    responseType: 'anthropic',
    maxOneSystemPrompt: true,
    secrets: [apiKey],
  }
}
