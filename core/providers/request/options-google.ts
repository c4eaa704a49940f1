// Options of the `google-ai` provider (Gemini API).
import { BamlInvalidArgumentError } from '../../errors.ts'
import { envRef, literal, resolveString, type EnvReader, type StringLike } from './config-values.ts'
import { takeHttpConfig, takeRoles, takeString, type OptionBag } from './options-common.ts'
import { leafFields, resolveLeafCommon, takeLeafCommon, type LeafSpecBase } from './options-leaf.ts'
import { STANDARD_ROLES, stripTrailingSlash, userPreferredDefault } from './resolve-common.ts'
import type { ResolvedGoogleAIClient } from './types.ts'

export interface GoogleSpec extends LeafSpecBase {
  readonly family: 'google'
  readonly baseUrl: StringLike
  readonly apiKey: StringLike
  readonly model?: StringLike
}

export function parseGoogleOptions(bag: OptionBag): GoogleSpec {
  // Roles are read first here (the order only matters for the order of errors).
  const roles = takeRoles(bag)
  const apiKey = takeString(bag, 'api_key')?.value ?? envRef('GOOGLE_API_KEY', bag.span)
  const model = takeString(bag, 'model')?.value
  const baseUrl = takeString(bag, 'base_url')?.value ?? literal('https://generativelanguage.googleapis.com/v1beta', bag.span)
  const http = takeHttpConfig(bag, false)
  const common = { ...takeLeafCommon(bag), roles }
  return { family: 'google', baseUrl, apiKey, model, common, http, body: [...bag.rest.values()] }
}

export function resolveGoogleOptions(
  name: string,
  retryPolicy: string | undefined,
  spec: GoogleSpec,
  env: EnvReader,
): ResolvedGoogleAIClient {
  const c = resolveLeafCommon(spec, env, {
    image: 'send_base64_unless_google_url',
    audio: 'send_url',
    pdf: 'send_url',
    video: 'send_url',
  })
  const apiKey = resolveString(spec.apiKey, env)
  if (!spec.model) throw new BamlInvalidArgumentError('model must be provided')
  const model = resolveString(spec.model, env)
  const allowedRoles = c.roles.allowed ?? STANDARD_ROLES
  // Gemini calls the assistant `model`, unless the user chose their own mapping or roles.
  const remapRoles =
    c.roles.remap ?? (allowedRoles.includes('assistant') && !allowedRoles.includes('model') ? { assistant: 'model' } : {})
  return {
    name,
    retryPolicy,
    provider: 'google-ai',
    family: 'google',
    ...leafFields(c),
    baseUrl: stripTrailingSlash(resolveString(spec.baseUrl, env)),
    apiKey,
    model,
    allowedRoles,
    defaultRole: c.roles.default ?? userPreferredDefault(allowedRoles),
    remapRoles,
    supportsStreaming: spec.common.supportsStreaming ?? true,
    responseType: 'google',
    maxOneSystemPrompt: true,
    secrets: [apiKey],
  }
}
