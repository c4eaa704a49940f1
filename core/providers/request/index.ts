// The request side of LLM providers: client options (validation and per-call resolution), message
// post-processing, and building the provider's HTTP request from a rendered prompt.
export type * from './types.ts'
export { resolveClient, resolveShorthandClient, shorthandClientIR, validateClient, clientRenderContext } from './resolve-client.ts'
export { parseClientRef } from './options-strategy.ts'
export { prepareMessages, prepareChatMessages } from './prepare-messages.ts'
export { buildRequest, type BuildRequestOptions } from './build-request.ts'
export type { GcpProjectLookup } from './vertex-request.ts'
export { resolveMessageMedia, type MediaIO, type ResolvedMedia } from './resolve-media.ts'
export { checkMediaUrl, isPrivateHost } from './media-url-policy.ts'
export { maskSecrets, maskSecret, maskSentRequest, maskText, secretValuesOf, type SecretValues } from './mask-secrets.ts'
export type { EnvMap } from './config-values.ts'
