// Options of the `aws-bedrock` provider (Converse API). Unlike the other providers, unknown keys are
// errors, and env refs must be set (the reference resolves these clients strictly).
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { ConfigEntry } from '../../ir/types.ts'
import { isStringLike, resolveString, typeName, type EnvReader, type StringLike } from './config-values.ts'
import {
  pushError,
  rejectLeftovers,
  takeAllowedMetadata,
  takeAllowPrivateMediaUrls,
  takeFinishReasonFilter,
  takeHttpConfig,
  takeMap,
  takeMediaUrlHandler,
  takeRoles,
  takeString,
  takeSupportsStreaming,
  type OptionBag,
} from './options-common.ts'
import { leafFields, resolveLeafCommon, type LeafSpecBase } from './options-leaf.ts'
import { resolveEntries, STANDARD_ROLES, userPreferredDefault } from './resolve-common.ts'
import type { BedrockInferenceConfig, ResolvedBedrockClient } from './types.ts'

interface InferenceSpec {
  readonly maxTokens?: number
  readonly temperature?: number
  readonly topP?: number
  readonly stopSequences?: readonly StringLike[]
}

export interface BedrockSpec extends LeafSpecBase {
  readonly family: 'bedrock'
  readonly model?: StringLike
  readonly region?: StringLike
  readonly accessKeyId?: StringLike
  readonly secretAccessKey?: StringLike
  readonly sessionToken?: StringLike
  readonly profile?: StringLike
  readonly endpointUrl?: StringLike
  readonly inference: InferenceSpec
  readonly additionalFields: readonly ConfigEntry[]
}

export function parseBedrockOptions(bag: OptionBag): BedrockSpec {
  const modelId = takeString(bag, 'model_id')
  const modelKey = takeString(bag, 'model')
  let model: StringLike | undefined
  if (modelId && modelKey) {
    pushError(bag, 'model_id and model cannot both be provided', modelId.keySpan)
    pushError(bag, 'model_id and model cannot both be provided', modelKey.keySpan)
  } else if (modelId || modelKey) model = (modelId ?? modelKey)!.value
  else pushError(bag, 'model_id is required')

  const region = takeString(bag, 'region')?.value
  const accessKeyId = takeString(bag, 'access_key_id')?.value
  const secretAccessKey = takeString(bag, 'secret_access_key')?.value
  const sessionToken = takeString(bag, 'session_token')?.value
  const profile = takeString(bag, 'profile')?.value
  const endpointUrl = takeString(bag, 'endpoint_url')?.value

  const roles = takeRoles(bag)
  const metadata = takeAllowedMetadata(bag)
  const supportsStreaming = takeSupportsStreaming(bag)
  const additionalFields = takeMap(bag, 'additional_model_request_fields')?.value ?? []
  const inference = takeInference(bag)
  const finishReasons = takeFinishReasonFilter(bag)
  const media = takeMediaUrlHandler(bag)
  const allowPrivateMediaUrls = takeAllowPrivateMediaUrls(bag)
  const http = takeHttpConfig(bag, false)
  rejectLeftovers(bag)
  return {
    family: 'bedrock',
    model,
    region,
    accessKeyId,
    secretAccessKey,
    sessionToken,
    profile,
    endpointUrl,
    inference,
    additionalFields,
    common: { roles, metadata, supportsStreaming, headers: [], finishReasons, media, allowPrivateMediaUrls },
    http,
    body: [],
  }
}

function takeInference(bag: OptionBag): InferenceSpec {
  const m = takeMap(bag, 'inference_configuration')
  const out: { -readonly [K in keyof InferenceSpec]: InferenceSpec[K] } = {}
  for (const e of m?.value ?? []) {
    const v = e.value
    switch (e.key) {
      case 'max_tokens':
        // Non-numbers are silently ignored, as in the reference; fractions are a parse error.
        if (v.kind === 'number') {
          if (v.isInt && Number.isInteger(v.value) && Math.abs(v.value) <= 2147483647) out.maxTokens = v.value
          else pushError(bag, 'max_tokens must be a number: invalid digit found in string', v.span)
        }
        break
      case 'temperature':
        if (v.kind === 'number') out.temperature = v.value
        break
      case 'top_p':
        if (v.kind === 'number') out.topP = v.value
        break
      case 'stop_sequences':
        if (v.kind !== 'array') pushError(bag, `stop_sequences must be an array: ${typeName(v)}`, v.span)
        else {
          const seqs: StringLike[] = []
          for (const s of v.items) {
            if (isStringLike(s)) seqs.push(s)
            else pushError(bag, `stop_sequences values must be a string: got ${typeName(s)}`, s.span)
          }
          out.stopSequences = seqs
        }
        break
      default:
        pushError(bag, `unknown inference_config key: ${e.key}`, e.keySpan)
    }
  }
  return out
}

/** Set and non-empty, else undefined. */
function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v
}

export function resolveBedrockOptions(
  name: string,
  retryPolicy: string | undefined,
  spec: BedrockSpec,
  env: EnvReader,
): ResolvedBedrockClient {
  env.strict = true
  if (!spec.model) throw new BamlInvalidArgumentError('model must be provided')
  const c = resolveLeafCommon(spec, env, { image: 'send_base64', audio: 'send_base64', pdf: 'send_base64', video: 'send_url' })

  let region: string | undefined
  if (spec.region) {
    region = resolveString(spec.region, env)
    if (region === '') throw new BamlInvalidArgumentError('region cannot be empty')
  } else region = nonEmpty(env.peek('AWS_REGION')) ?? nonEmpty(env.peek('AWS_DEFAULT_REGION'))

  let accessKeyId = spec.accessKeyId && resolveString(spec.accessKeyId, env)
  let secretAccessKey = spec.secretAccessKey && resolveString(spec.secretAccessKey, env)
  let sessionToken = spec.sessionToken && nonEmpty(resolveString(spec.sessionToken, env))
  if (accessKeyId === undefined && secretAccessKey === undefined && sessionToken === undefined) {
    // No explicit credentials: all three come from the environment (or the default chain).
    accessKeyId = nonEmpty(env.peek('AWS_ACCESS_KEY_ID'))
    secretAccessKey = nonEmpty(env.peek('AWS_SECRET_ACCESS_KEY'))
    sessionToken = nonEmpty(env.peek('AWS_SESSION_TOKEN'))
  }
  const profile = spec.profile ? resolveString(spec.profile, env) : nonEmpty(env.peek('AWS_PROFILE'))
  const endpointUrl = spec.endpointUrl && nonEmpty(resolveString(spec.endpointUrl, env))

  // The reference stores temperature and top_p as 32-bit floats.
  const inf = spec.inference
  const inferenceConfig: BedrockInferenceConfig = {
    ...(inf.maxTokens !== undefined && { maxTokens: inf.maxTokens }),
    ...(inf.temperature !== undefined && { temperature: Math.fround(inf.temperature) }),
    ...(inf.topP !== undefined && { topP: Math.fround(inf.topP) }),
    ...(inf.stopSequences && { stopSequences: inf.stopSequences.map((s) => resolveString(s, env)) }),
  }

  const allowedRoles = c.roles.allowed ?? STANDARD_ROLES
  // Unlike other providers, an unset allowed_role_metadata still lets cache_control through (as
  // Converse cache points); an explicit "none" does not.
  const allowedRoleMetadata = spec.common.metadata.kind === 'none' ? ['cache_control'] : c.allowedRoleMetadata
  const secrets = [secretAccessKey, sessionToken].filter((s): s is string => !!s)
  return {
    name,
    retryPolicy,
    provider: 'aws-bedrock',
    family: 'bedrock',
    ...leafFields(c),
    model: resolveString(spec.model, env),
    region,
    accessKeyId,
    secretAccessKey,
    sessionToken,
    profile,
    endpointUrl,
    inferenceConfig,
    additionalModelRequestFields: resolveEntries(spec.additionalFields, env),
    allowedRoles,
    defaultRole: c.roles.default ?? userPreferredDefault(allowedRoles),
    remapRoles: c.roles.remap ?? {},
    allowedRoleMetadata,
    supportsStreaming: spec.common.supportsStreaming ?? true,
    responseType: 'bedrock',
    maxOneSystemPrompt: true,
    secrets,
  }
}
