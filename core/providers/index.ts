/**
 * Calling models: transport, auth and strategies. Portable: only `fetch`, web streams, WebCrypto and
 * TextEncoder/TextDecoder. Request *building* (HttpRequest per provider) lives in ./request/ and is passed in.
 *
 * ## Transport (one HTTP request)
 * - `sendLlmRequest(req, opts) → Promise<LlmResponse>`: non-streaming. `opts: TransportOptions`
 *   `{ provider, clientName?, clientResponseType?, signal?, timeouts?, fetch?, authorize?, now?, onRequest?,
 *   onResponse? }` (the two hooks see the exact request sent and every response read, errors included).
 * - `streamLlmRequest(req, opts) → AsyncGenerator<LlmStreamEvent>`: `delta` events (delta + text so far +
 *   model/finishReason/usage), then one `done` with the full LlmResponse. Finish the loop or `break` —
 *   that releases the connection and timers.
 * - `singleEventStream(req, opts)`: for `supports_streaming false` — a non-streaming request presented as one
 *   delta + done (build the request with stream=false).
 * - Failures: BamlClientHttpError (non-2xx; connection errors and unreadable bodies with status_code -100 or
 *   the HTTP status — a fetch that fails outright says `could not connect to URL (reason)`, the URL without
 *   its query string; `retryAfterMsOf(err)` gives a 429/503 `retry-after`), BamlTimeoutError (408) for
 *   connect/request/time-to-first-token/idle timeouts, BamlAbortError when `signal` aborts (or the signal's
 *   reason itself when it is a BamlError).
 * - Timeouts (`HttpTimeouts`, see transport/request-scope.ts for how they map onto fetch): connect ≈ time to
 *   response headers (default 10 s, applied to non-streaming requests only when set explicitly), request
 *   (default 300 s, whole body/stream), time-to-first-token and idle (streaming only). 0 = no limit. Any
 *   length works: delays over setTimeout's 2^31−1 ms limit are chained (`setLongTimeout` in timer.ts).
 *
 * ## Auth
 * - `signSigV4(req, creds, { region, service, date?, uriEscapePath?, signSessionToken?, signBody? })`.
 * - `awsSigV4Authorizer(creds, { region })`, `resolveAwsCredentials(opts, env)`, `resolveAwsRegion(...)`.
 * - Google: `parseGoogleCredentials`, `serviceAccountTokenSource(key, { fetch?, scope?, now? })` (JWT RS256 →
 *   token at the key's `token_uri`, cached until expiry), `staticTokenSource`, `googleBearerAuthorizer`.
 * - `defaultAuthorizer(client, { env, fetch?, readTextFile?, now? })`: what a leaf client needs (Bedrock, Vertex).
 *   Vertex credentials: `credentials` (path, JSON text, inline map, `{access_token}` or a bare `ya29.` token),
 *   `credentials_content`, GOOGLE_APPLICATION_CREDENTIALS (path), GOOGLE_APPLICATION_CREDENTIALS_CONTENT.
 * - `googleProjectIdFor(client, deps)` / `vertexProjectId(resolved, deps)`: the credentials' project_id (for
 *   request/'s `gcpProjectId` lookup).
 *
 * ## Strategies
 * - `planAttempts(lookup, clientName, rrState, { env? }) → Attempt[]`: fallback / round-robin / retry_policy
 *   expanded into the reference's flat attempt list. `lookup` is a BamlIR or any `{ clients, retryPolicies }`.
 *   Every option comes from `resolveClient` (./request/): strategy lists, round-robin `start` and
 *   total_timeout_ms of composite clients; each attempt carries its leaf's resolved client (`resolved`) and
 *   what the transport and checks take from it (`timeouts` as written, `finishReasonFilter`,
 *   `supportsStreaming`, `clientResponseType`). A leaf whose options do not resolve is planned with
 *   `resolveError`, which fails that attempt when it runs.
 * - `runAttempts(attempts, runOne, { signal?, totalTimeoutMs?, sleep?, now?, roundRobin? })
 *   → Promise<AttemptsOutcome<T>>` = `{ ok: true, value, log } | { ok: false, error, log }`. `runOne({ attempt,
 *   signal, record })` returns the value or throws; BamlClientHttpError/BamlTimeoutError and setup failures
 *   (`markSetupFailure(err)`: the attempt's client could not be built) move to the next attempt, anything else
 *   (e.g. BamlValidationError from parsing) stops the call. `log` holds one AttemptRecord
 *   per attempt that ran (client, provider, timings, request, raw response, usage, error, selected) for Collectors.
 * - `checkFinishReason(filter, response, prompt?)` → throws BamlClientFinishReasonError.
 * - `createRoundRobinState()`: one per runtime.
 *
 * ## All together
 * - `callLlm({ lookup, clientName, roundRobin, env?, buildRequest, parse, prompt?, signal?, totalTimeoutMs?,
 *   fetch?, now?, sleep?, authorize?, readTextFile? }) → Promise<AttemptsOutcome<T>>`: plans the attempts, then
 *   per attempt builds the leaf's request (`buildRequest`), sends it (auth from `defaultAuthorizer` unless
 *   `authorize` is given), checks the finish reason and hands the response to `parse`.
 * - `streamLlm({ ...same, onEvent? })`: streaming; honours supports_streaming.
 * - An attempt's `resolveError`, and a BamlInvalidArgumentError thrown by `buildRequest` (unset api key, bad
 *   options, unsupported media), fail that attempt only: a fallback goes on to its next client without waiting
 *   a retry delay (the reference aborts the whole call instead). When every attempt fails, the final error names
 *   each attempt's reason. Other errors from `buildRequest` (template errors, aborts) end the call.
 */
export type {
  FinishReasonFilter,
  HttpTimeouts,
  LeafProviderName,
  LlmResponse,
  LlmSnapshot,
  LlmStreamDelta,
  LlmStreamDone,
  LlmStreamEvent,
  LlmTiming,
  LlmUsage,
  RawHttpResponse,
  ResponseFormat,
  SentRequest,
} from './types.ts'
export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, EMPTY_USAGE } from './types.ts'

export { sendLlmRequest, type TransportOptions } from './transport/send.ts'
export { singleEventStream, streamLlmRequest } from './transport/stream.ts'
export { serializeRequest, type Authorizer } from './transport/prepare.ts'
export { modelHintFor, responseFormatFor } from './transport/response-format.ts'
export { NO_STATUS, parseRetryAfter, retryAfterMsOf, statusLabel } from './transport/http-errors.ts'
export { createSseParser, type SseEvent, type SseParser } from './transport/sse.ts'
export {
  createEventStreamDecoder,
  encodeEventStreamMessage,
  type EventStreamDecoder,
  type EventStreamMessage,
} from './transport/event-stream.ts'
export { crc32 } from './transport/crc32.ts'

export { signSigV4, type AwsCredentials, type SigV4Options, type SigV4Request, type SigV4Result } from './auth/sigv4.ts'
export { awsSigV4Authorizer, resolveAwsCredentials, resolveAwsRegion } from './auth/aws.ts'
export {
  CLOUD_PLATFORM_SCOPE,
  importPkcs8Pem,
  parseGoogleCredentials,
  serviceAccountTokenSource,
  signJwtRs256,
  staticTokenSource,
  type GoogleCredentials,
  type ServiceAccountKey,
  type TokenSource,
} from './auth/google.ts'
export { defaultAuthorizer, googleBearerAuthorizer, googleProjectIdFor, vertexProjectId, type AuthDeps } from './auth/authorize.ts'

export {
  lookupClient,
  planAttempts,
  shorthandClient,
  type Attempt,
  type AttemptScope,
  type ClientLookup,
  type PlanOptions,
  type TotalTimeoutWindow,
} from './strategy/plan.ts'
export {
  isRetryableFailure,
  isSetupFailure,
  markSetupFailure,
  runAttempts,
  type AttemptContext,
  type AttemptLog,
  type AttemptRecord,
  type AttemptsOutcome,
  type RunAttemptsOptions,
} from './strategy/run.ts'
export { createRoundRobinState, type RoundRobinState } from './strategy/round-robin.ts'
export { maxRetryAfterMs, retryDelays } from './strategy/retry-delays.ts'
export { checkFinishReason, isFinishReasonAllowed } from './strategy/finish-reason.ts'
export { detailedMessage } from './strategy/final-error.ts'

export { callLlm, streamLlm, type LlmCallOptions, type LlmStreamCallOptions } from './call.ts'
