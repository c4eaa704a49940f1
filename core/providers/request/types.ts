// Resolved client options: what `resolveClient` produces from a ClientIR and an environment, and what
// `prepareMessages` / `buildRequest` (and the transport, auth and strategy layers) consume.
// Plain data only; one variant per provider family.
import type { JsonValue } from '../../values.ts'
import type { FinishReasonFilter, HttpTimeouts, LeafProviderName } from '../types.ts'

// One definition each, shared with the transport and strategy layers.
export type { FinishReasonFilter, HttpTimeouts } from '../types.ts'
export type LeafProvider = LeafProviderName
export type OpenAIFamilyProvider = 'openai' | 'openai-generic' | 'openai-responses' | 'azure-openai' | 'ollama' | 'openrouter'

/** How a media URL is turned into what the provider receives (`media_url_handler`). */
export type MediaUrlMode = 'send_base64' | 'send_url' | 'send_url_add_mime_type' | 'send_base64_unless_google_url'

export interface MediaUrlHandlers {
  readonly image: MediaUrlMode
  readonly audio: MediaUrlMode
  readonly pdf: MediaUrlMode
  readonly video: MediaUrlMode
}

/** `allowed_role_metadata`: which `_.role(..., key=value)` keys are copied into content blocks. */
export type AllowedRoleMetadata = 'all' | 'none' | readonly string[]

/**
 * Which parser reads the response: `client_response_type` (openai family) or implied by the provider;
 * `bedrock` is the Converse API's own shape.
 */
export type ResponseType =
  | 'openai'
  | 'openai-responses'
  | 'openai-transcription'
  | 'anthropic'
  | 'google'
  | 'vertex'
  | 'bedrock'

interface ResolvedBase {
  /** The client's name (for a shorthand, the shorthand itself, e.g. `openai/gpt-4o`). */
  readonly name: string
  readonly retryPolicy?: string
  /**
   * `http { ... }` as the reference reports it: leaf clients get connect 10 000 and request 300 000 unless
   * set; composite clients only know `totalTimeoutMs` (no default). Leaf requests are sent with `timeouts`.
   */
  readonly http: HttpTimeouts
  /**
   * Environment variables the options refer to that were not set (they render as `$NAME`, as in
   * the reference's request preview); a real call refuses to send such a request.
   */
  readonly missingEnv?: readonly string[]
  /**
   * Values of the environment variables the options read (set by resolveClient). A header or query value
   * equal to one of them came from `env.X`, so maskSecrets hides it.
   */
  readonly envValues?: readonly string[]
}

/** Fields every leaf (non-strategy) client has. */
export interface ResolvedLeafBase extends ResolvedBase {
  readonly provider: LeafProvider
  /** Roles a prompt may use; others become `defaultRole` (done while splitting the rendered prompt). */
  readonly allowedRoles: readonly string[]
  readonly defaultRole: string
  /** Role renames applied after splitting (google-ai defaults to `{assistant: model}`). */
  readonly remapRoles: Readonly<Record<string, string>>
  readonly allowedRoleMetadata: AllowedRoleMetadata
  /**
   * The `http` timeouts exactly as written (nothing filled in): what the transport gets. It applies its own
   * defaults to unset fields: request 300 s, and connect 10 s for streaming requests only (non-streaming
   * providers send headers only once the answer is complete; see transport/request-scope.ts).
   */
  readonly timeouts: HttpTimeouts
  /** False makes streaming calls do one non-streaming request. */
  readonly supportsStreaming: boolean
  /** Checked on every answer; a rejected finish reason ends the call with BamlClientFinishReasonError. */
  readonly finishReasonFilter: FinishReasonFilter
  readonly responseType: ResponseType
  readonly mediaUrlHandlers: MediaUrlHandlers
  /**
   * `allow_private_media_urls` (this project's option; the reference has none): `false` refuses to download
   * media URLs whose host is a loopback, private or link-local address. Unset = allowed.
   */
  readonly allowPrivateMediaUrls?: boolean
  /** anthropic, google-ai, vertex-ai, aws-bedrock: only the first message may be `system`. */
  readonly maxOneSystemPrompt: boolean
  /** User headers (`headers { ... }`), in declaration order. */
  readonly headers: Readonly<Record<string, string>>
  /**
   * Options left after the known ones were taken out: sent as the JSON body (model, temperature,
   * generationConfig, ...). Also what `ctx.client.options` shows in templates.
   */
  readonly body: Readonly<Record<string, JsonValue>>
  /** Resolved secret values (api keys, AWS secrets) that `maskSecrets` hides wherever they appear. */
  readonly secrets: readonly string[]
}

export interface ResolvedOpenAIClient extends ResolvedLeafBase {
  readonly provider: OpenAIFamilyProvider
  readonly family: 'openai'
  /** Trailing `/` stripped. For azure built from resource_name + deployment_id when no base_url. */
  readonly baseUrl: string
  /** Sent as `Authorization: Bearer`; absent for azure (it uses an `api-key` header in `headers`). */
  readonly apiKey?: string
  readonly queryParams: Readonly<Record<string, string>>
}

export interface ResolvedAnthropicClient extends ResolvedLeafBase {
  readonly provider: 'anthropic'
  readonly family: 'anthropic'
  readonly baseUrl: string
  readonly apiKey: string
}

export interface ResolvedGoogleAIClient extends ResolvedLeafBase {
  readonly provider: 'google-ai'
  readonly family: 'google'
  readonly baseUrl: string
  readonly apiKey: string
  /** Taken out of the body; part of the URL. */
  readonly model: string
}

/** Where Vertex credentials come from; the auth layer turns these into an OAuth2 token. */
export type VertexCredentials =
  /** `credentials "path"` or GOOGLE_APPLICATION_CREDENTIALS that is not JSON: a file path. */
  | { readonly kind: 'file'; readonly path: string }
  /** A JSON string (service account key) from `credentials`, `credentials_content` or the env. */
  | { readonly kind: 'json'; readonly json: string }
  /** `credentials { ... }` written inline as a map. */
  | { readonly kind: 'object'; readonly value: Readonly<Record<string, string>> }
  /** Neither set: application default credentials. */
  | { readonly kind: 'default' }

export interface ResolvedVertexClient extends ResolvedLeafBase {
  readonly provider: 'vertex-ai'
  readonly family: 'vertex'
  /** Exactly one of `baseUrl` / `location` is set. */
  readonly baseUrl?: string
  readonly location?: string
  /** From options or GOOGLE_CLOUD_PROJECT; otherwise the auth layer reads it from the credentials. */
  readonly projectId?: string
  readonly model: string
  readonly queryParams: Readonly<Record<string, string>>
  /** Set for Claude models (name starts with `claude`, or given explicitly): Anthropic wire format. */
  readonly anthropicVersion?: string
  readonly credentials: VertexCredentials
  /** True when `query_params.key` carries an API key: no OAuth2 bearer token is needed. */
  readonly usesApiKeyQuery: boolean
}

export interface BedrockInferenceConfig {
  readonly maxTokens?: number
  readonly temperature?: number
  readonly topP?: number
  readonly stopSequences?: readonly string[]
}

export interface ResolvedBedrockClient extends ResolvedLeafBase {
  readonly provider: 'aws-bedrock'
  readonly family: 'bedrock'
  readonly model: string
  /** From options, else AWS_REGION, else AWS_DEFAULT_REGION. */
  readonly region?: string
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  readonly sessionToken?: string
  readonly profile?: string
  readonly endpointUrl?: string
  readonly inferenceConfig: BedrockInferenceConfig
  readonly additionalModelRequestFields: Readonly<Record<string, JsonValue>>
}

export type ResolvedLeafClient =
  | ResolvedOpenAIClient
  | ResolvedAnthropicClient
  | ResolvedGoogleAIClient
  | ResolvedVertexClient
  | ResolvedBedrockClient

/** One entry of a fallback / round-robin `strategy` list. */
export type StrategyTarget =
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'shorthand'; readonly provider: LeafProvider; readonly model: string; readonly spec: string }

export interface ResolvedStrategyClient extends ResolvedBase {
  readonly provider: 'fallback' | 'round-robin'
  readonly family: 'strategy'
  readonly strategy: readonly StrategyTarget[]
  /** round-robin `start` index (not yet reduced modulo the list length). */
  readonly start?: number
}

export type ResolvedClient = ResolvedLeafClient | ResolvedStrategyClient

/** What templates see as `ctx.client` and what the prompt splitter needs. */
export interface ClientRenderContext {
  readonly name: string
  readonly provider: string
  readonly defaultRole: string
  readonly allowedRoles: readonly string[]
  readonly remapRoles: Readonly<Record<string, string>>
  readonly options: Readonly<Record<string, JsonValue>>
}
