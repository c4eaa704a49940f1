// Load-time parsing of client options shared by every provider. As in the reference, each helper
// removes its key from the option bag; whatever is left becomes the request body (or, for
// aws-bedrock and strategies, an "Unsupported property" error).
import { editDistance } from '../../ir/suggest.ts'
import type { ClientIR, ConfigEntry, ConfigValue } from '../../ir/types.ts'
import type { Diagnostic } from '../../syntax/diagnostics.ts'
import { error } from '../../syntax/diagnostics.ts'
import type { Span } from '../../syntax/span.ts'
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from '../types.ts'
import type { HttpTimeouts, MediaUrlHandlers, MediaUrlMode, ResponseType } from './types.ts'
import { debugString, isStringLike, maybeEqual, typeName, type EnvReader, type StringLike } from './config-values.ts'

export interface OptionBag {
  readonly rest: Map<string, ConfigEntry>
  readonly errors: Diagnostic[]
  /**
   * Errors of `errors` that only fail loading: the value can still be resolved per call, so a client
   * that skipped load-time validation (one built in code) still resolves.
   */
  readonly loadOnly: Set<Diagnostic>
  /** Where option-level errors ("Missing required property") point. */
  readonly span: Span
}

export function newOptionBag(client: ClientIR): OptionBag {
  const rest = new Map<string, ConfigEntry>()
  // Later duplicates win, as in the reference's index map.
  for (const e of client.options.entries) rest.set(e.key, e)
  return { rest, errors: [], loadOnly: new Set(), span: client.options.span }
}

export function pushError(bag: OptionBag, message: string, span: Span = bag.span, loadOnly = false): void {
  const d = error(message, span)
  bag.errors.push(d)
  if (loadOnly) bag.loadOnly.add(d)
}

export function takeAny(bag: OptionBag, key: string): ConfigEntry | undefined {
  const e = bag.rest.get(key)
  if (e) bag.rest.delete(key)
  return e
}

function missing(bag: OptionBag, key: string, required: boolean): undefined {
  if (required) pushError(bag, `Missing required property: ${key}`)
  return undefined
}

export interface Taken<T> {
  readonly keySpan: Span
  readonly value: T
  readonly span: Span
}

export function takeString(bag: OptionBag, key: string, required = false): Taken<StringLike> | undefined {
  const e = takeAny(bag, key)
  if (!e) return missing(bag, key, required)
  if (!isStringLike(e.value)) {
    pushError(bag, `${key} must be a string. Got: ${typeName(e.value)}`, e.value.span)
    return undefined
  }
  return { keySpan: e.keySpan, value: e.value, span: e.value.span }
}

export function takeMap(bag: OptionBag, key: string, required = false): Taken<readonly ConfigEntry[]> | undefined {
  const e = takeAny(bag, key)
  if (!e) return missing(bag, key, required)
  if (e.value.kind !== 'map') {
    pushError(bag, `${key} must be a map. Got: ${typeName(e.value)}`, e.value.span)
    return undefined
  }
  return { keySpan: e.keySpan, value: dedupe(e.value.entries), span: e.value.span }
}

export function takeArray(bag: OptionBag, key: string, required = false): Taken<readonly ConfigValue[]> | undefined {
  const e = takeAny(bag, key)
  if (!e) return missing(bag, key, required)
  if (e.value.kind !== 'array') {
    pushError(bag, `${key} must be an array. Got: ${typeName(e.value)}`, e.value.span)
    return undefined
  }
  return { keySpan: e.keySpan, value: e.value.items, span: e.value.span }
}

function takeBool(bag: OptionBag, key: string): Taken<boolean> | undefined {
  const e = takeAny(bag, key)
  if (!e) return undefined
  if (e.value.kind !== 'bool') {
    pushError(bag, `${key} must be a bool. Got: ${typeName(e.value)}`, e.value.span)
    return undefined
  }
  return { keySpan: e.keySpan, value: e.value.value, span: e.value.span }
}

export function takeInt(bag: OptionBag, key: string): Taken<number> | undefined {
  const e = takeAny(bag, key)
  if (!e) return undefined
  if (e.value.kind !== 'number') {
    pushError(bag, `${key} must be an integer. Got: ${typeName(e.value)}`, e.value.span)
    return undefined
  }
  const n = e.value.value
  if (!e.value.isInt || !Number.isInteger(n) || n < -2147483648 || n > 2147483647) {
    pushError(bag, `${key} must be an integer. Got: ${n}`, e.value.span)
    return undefined
  }
  return { keySpan: e.keySpan, value: n, span: e.value.span }
}

/** Map entries with later duplicate keys replacing earlier ones (keeping the first position). */
export function dedupe(entries: readonly ConfigEntry[]): readonly ConfigEntry[] {
  if (entries.length < 2) return entries
  const seen = new Map<string, number>()
  const out: ConfigEntry[] = []
  for (const e of entries) {
    const i = seen.get(e.key)
    if (i === undefined) {
      seen.set(e.key, out.length)
      out.push(e)
    } else out[i] = e
  }
  return out
}

/** Map of string values (headers, query_params). */
function takeStringMap(bag: OptionBag, key: string, what: string): (readonly [string, StringLike])[] | undefined {
  const m = takeMap(bag, key)
  if (!m) return undefined
  const out: [string, StringLike][] = []
  for (const e of m.value) {
    if (isStringLike(e.value)) out.push([e.key, e.value])
    else pushError(bag, `${what} key ${e.key} must have a string value. Got: ${typeName(e.value)}`, e.value.span)
  }
  return out
}

export function takeHeaders(bag: OptionBag): (readonly [string, StringLike])[] {
  return takeStringMap(bag, 'headers', 'Header') ?? []
}

export function takeQueryParams(bag: OptionBag): (readonly [string, StringLike])[] | undefined {
  return takeStringMap(bag, 'query_params', 'Query param')
}

export interface RoleSpec {
  readonly allowed?: readonly StringLike[]
  readonly default?: StringLike
  readonly remap?: readonly (readonly [string, StringLike])[]
}

const DEFAULT_ROLE_LIST = ['user', 'assistant', 'system'] as const

export function takeRoles(bag: OptionBag): RoleSpec {
  let allowed: StringLike[] | undefined
  const a = takeArray(bag, 'allowed_roles')
  if (a) {
    if (a.value.length === 0) pushError(bag, 'allowed_roles must not be empty', a.span)
    allowed = []
    for (const v of a.value) {
      if (isStringLike(v)) allowed.push(v)
      else pushError(bag, `values in allowed_roles must be strings. Got: ${typeName(v)}`, v.span)
    }
  }
  const roleList: readonly StringLike[] =
    allowed ?? DEFAULT_ROLE_LIST.map((r) => ({ kind: 'string', value: r, quoted: 'double', span: bag.span }) as const)
  const shown = () => roleList.map(debugString).join(', ')

  let defaultRole: StringLike | undefined
  const d = takeString(bag, 'default_role')
  if (d) {
    if (roleList.some((r) => maybeEqual(d.value, r))) defaultRole = d.value
    else {
      const got = d.value.kind === 'env' ? `$${d.value.name}` : d.value.kind === 'ident' ? d.value.name : d.value.value
      pushError(
        bag,
        `default_role must be one of ${shown()}. Got: ${got}. To support different default roles, add allowed_roles ["user", "assistant", "system", ...]`,
        d.span,
      )
    }
  }

  let remap: [string, StringLike][] | undefined
  const r = takeMap(bag, 'remap_roles')
  if (r) {
    remap = []
    for (const e of r.value) {
      if (!isStringLike(e.value)) {
        pushError(bag, `remap_role must be a map of strings to strings. Got: ${typeName(e.value)}`, e.value.span)
        continue
      }
      const from: StringLike = { kind: 'string', value: e.key, quoted: 'double', span: e.keySpan }
      if (roleList.some((role) => maybeEqual(role, from))) remap.push([e.key, e.value])
      else
        pushError(
          bag,
          `remap_roles values must be one of: ${shown()}. Got: ${e.key}. To support different remap roles, add allowed_roles ["user", "assistant", "system", ...]`,
          e.keySpan,
        )
    }
  }
  return { allowed, default: defaultRole, remap }
}

export type MetadataSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'value'; readonly value: StringLike }
  | { readonly kind: 'only'; readonly keys: readonly StringLike[] }

export function takeAllowedMetadata(bag: OptionBag): MetadataSpec {
  const e = takeAny(bag, 'allowed_role_metadata')
  if (!e) return { kind: 'none' }
  const v = e.value
  if (v.kind === 'array') {
    const keys: StringLike[] = []
    for (const item of v.items) {
      if (isStringLike(item)) keys.push(item)
      else pushError(bag, 'values in allowed_role_metadata must be strings.', item.span)
    }
    return { kind: 'only', keys }
  }
  if (isStringLike(v)) return { kind: 'value', value: v }
  pushError(
    bag,
    `allowed_role_metadata must be an array of keys or "all" or "none". For example: ['key1', 'key2']`,
    v.span,
  )
  return { kind: 'none' }
}

export function takeSupportsStreaming(bag: OptionBag): boolean | undefined {
  return takeBool(bag, 'supports_streaming')?.value
}

/** `allow_private_media_urls` (this project's option, see media-url-policy.ts). */
export function takeAllowPrivateMediaUrls(bag: OptionBag): boolean | undefined {
  return takeBool(bag, 'allow_private_media_urls')?.value
}

export type FinishReasonSpec =
  | { readonly kind: 'all' }
  | { readonly kind: 'allow' | 'deny'; readonly reasons: readonly StringLike[] }

export function takeFinishReasonFilter(bag: OptionBag): FinishReasonSpec {
  const allow = takeArray(bag, 'finish_reason_allow_list')
  const deny = takeArray(bag, 'finish_reason_deny_list')
  if (allow && deny) {
    const msg = 'finish_reason_allow_list and finish_reason_deny_list cannot be used together'
    pushError(bag, msg, allow.keySpan)
    pushError(bag, msg, deny.keySpan)
    return { kind: 'all' }
  }
  const list = allow ?? deny
  if (!list) return { kind: 'all' }
  const which = allow ? 'finish_reason_allow_list' : 'finish_reason_deny_list'
  const reasons: StringLike[] = []
  for (const v of list.value) {
    if (isStringLike(v)) reasons.push(v)
    else pushError(bag, `values in ${which} must be strings.`, v.span)
  }
  return { kind: allow ? 'allow' : 'deny', reasons }
}

const RESPONSE_TYPES: readonly Exclude<ResponseType, 'bedrock'>[] = [
  'openai',
  'openai-responses',
  'openai-transcription',
  'anthropic',
  'google',
  'vertex',
]

export function takeClientResponseType(bag: OptionBag): ResponseType | undefined {
  const t = takeString(bag, 'client_response_type')
  if (!t) return undefined
  const choices = `"openai", "openai-responses", "openai-transcription", "anthropic", "google", or "vertex"`
  if (t.value.kind === 'env') {
    pushError(bag, `client_response_type must be one of ${choices} and not an environment variable`, t.keySpan)
    return undefined
  }
  const s = t.value.kind === 'ident' ? t.value.name : t.value.value
  if ((RESPONSE_TYPES as readonly string[]).includes(s)) return s as ResponseType
  pushError(bag, `client_response_type must be one of ${choices}. Got: ${s}`, t.keySpan)
  return undefined
}

const MEDIA_MODES: readonly MediaUrlMode[] = ['send_base64', 'send_url', 'send_url_add_mime_type', 'send_base64_unless_google_url']

export type MediaHandlerSpec = { -readonly [K in keyof MediaUrlHandlers]?: MediaUrlMode }

export function takeMediaUrlHandler(bag: OptionBag): MediaHandlerSpec {
  const out: MediaHandlerSpec = {}
  const m = takeMap(bag, 'media_url_handler')
  if (!m) return out
  for (const e of m.value) {
    let mode: MediaUrlMode | undefined
    const v = e.value
    if (v.kind === 'env') pushError(bag, 'media_url_handler values cannot be environment variables', e.keySpan)
    else if (v.kind === 'string' || v.kind === 'ident') {
      const s = v.kind === 'ident' ? v.name : v.value
      if ((MEDIA_MODES as readonly string[]).includes(s)) mode = s as MediaUrlMode
      else
        pushError(
          bag,
          `Invalid media URL handling mode: ${s}. Expected one of: send_base64, send_url, send_url_add_mime_type, send_base64_unless_google_url`,
          e.keySpan,
        )
    } else pushError(bag, 'media_url_handler values must be strings', e.keySpan)
    switch (e.key) {
      case 'image':
      case 'audio':
      case 'pdf':
      case 'video':
        if (mode) out[e.key] = mode
        break
      default:
        pushError(bag, `Unknown media type in media_url_handler: ${e.key}. Expected one of: image, audio, pdf, video`, e.keySpan)
    }
  }
  return out
}

const LEAF_HTTP_FIELDS = [
  'enable_connection_pooling',
  'connect_timeout_ms',
  'request_timeout_ms',
  'time_to_first_token_timeout_ms',
  'idle_timeout_ms',
] as const
type TimeoutField = Exclude<keyof HttpTimeouts, 'enableConnectionPooling'>
const TIMEOUT_FIELD: Record<string, TimeoutField> = {
  connect_timeout_ms: 'connectTimeoutMs',
  request_timeout_ms: 'requestTimeoutMs',
  time_to_first_token_timeout_ms: 'timeToFirstTokenTimeoutMs',
  idle_timeout_ms: 'idleTimeoutMs',
  total_timeout_ms: 'totalTimeoutMs',
}

/** `http { ... }` as written: timeouts are numbers, or `env.X` refs (a load error, see takeHttpConfig). */
export interface HttpSpec {
  readonly timeouts: HttpTimeouts
  readonly fromEnv: readonly (readonly [TimeoutField, string])[]
}

const NO_HTTP: HttpSpec = { timeouts: {}, fromEnv: [] }

/** `http { ... }`: per-field validation with typo suggestions. No defaults here (see withLeafHttpDefaults). */
export function takeHttpConfig(bag: OptionBag, composite: boolean): HttpSpec {
  const e = takeAny(bag, 'http')
  if (!e) return NO_HTTP
  if (e.value.kind !== 'map') {
    pushError(bag, 'http must be a configuration block with timeout settings', e.value.span)
    return NO_HTTP
  }
  const out: { -readonly [K in keyof HttpTimeouts]: HttpTimeouts[K] } = {}
  const fromEnv: (readonly [TimeoutField, string])[] = []
  const allowed: readonly string[] = composite ? ['total_timeout_ms'] : LEAF_HTTP_FIELDS
  for (const f of dedupe(e.value.entries)) {
    if (!allowed.includes(f.key)) {
      pushError(bag, unknownHttpFieldMessage(f.key, composite), e.value.span)
      continue
    }
    if (f.key === 'enable_connection_pooling') {
      if (f.value.kind === 'bool') out.enableConnectionPooling = f.value.value
      else pushError(bag, `enable_connection_pooling must be a bool. Got: ${typeName(f.value)}`, f.value.span)
      continue
    }
    if (f.value.kind !== 'number') {
      // The reference only takes number literals. An `env.X` ref still fails loading, but a client that was
      // never validated (built in code) reads it per call: see resolveHttpConfig.
      pushError(bag, `${f.key} must be an integer. Got: ${typeName(f.value)}`, f.value.span, f.value.kind === 'env')
      if (f.value.kind === 'env') fromEnv.push([TIMEOUT_FIELD[f.key]!, f.value.name])
      continue
    }
    // The reference parses the literal as i64; anything else counts as -1.
    const n = f.value.isInt && Number.isInteger(f.value.value) ? f.value.value : -1
    if (n < 0) {
      pushError(bag, `${f.key} must be non-negative, got: ${n}ms`, f.value.span)
      continue
    }
    out[TIMEOUT_FIELD[f.key]!] = n
  }
  return { timeouts: out, fromEnv }
}

/** The timeouts for one call: `env.X` values that hold a non-negative number are used, others ignored. */
export function resolveHttpConfig(spec: HttpSpec, env: EnvReader): HttpTimeouts {
  if (spec.fromEnv.length === 0) return spec.timeouts
  const out: { -readonly [K in keyof HttpTimeouts]: HttpTimeouts[K] } = { ...spec.timeouts }
  for (const [field, name] of spec.fromEnv) {
    const raw = env.peek(name)
    const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw)
    if (Number.isFinite(n) && n >= 0) out[field] = n
  }
  return out
}

/** A leaf's timeouts with the defaults filled in, as the reference reports them (see ResolvedBase.http). */
export function withLeafHttpDefaults(t: HttpTimeouts): HttpTimeouts {
  return {
    ...t,
    connectTimeoutMs: t.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    requestTimeoutMs: t.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  }
}

function unknownHttpFieldMessage(field: string, composite: boolean): string {
  const head = `Unrecognized field '${field}' in http configuration block.`
  if (composite) {
    const s = bestMatch(field, ['total_timeout_ms'])
    return s
      ? `${head} Did you mean '${s}'? Composite clients (fallback/round-robin) only support: total_timeout_ms`
      : `${head} Composite clients (fallback/round-robin) only support: total_timeout_ms`
  }
  if (field === 'total_timeout_ms')
    return `${head} 'total_timeout_ms' is only available for composite clients (fallback/round-robin). For regular clients, use: ${LEAF_HTTP_FIELDS.join(', ')}`
  const s = bestMatch(field, [...LEAF_HTTP_FIELDS, 'total_timeout_ms'])
  if (s === 'total_timeout_ms')
    return `${head} Did you mean 'total_timeout_ms'? Note: 'total_timeout_ms' is only available for composite clients (fallback/round-robin)`
  if (s) return `${head} Did you mean '${s}'?`
  return `${head} Supported fields are: ${LEAF_HTTP_FIELDS.join(', ')}`
}

/** Closest candidate by edit distance, if within half the typo's length plus one. */
function bestMatch(typo: string, candidates: readonly string[]): string | undefined {
  const t = typo.toLowerCase()
  let best: string | undefined
  let bestDist = Infinity
  for (const c of candidates) {
    const d = editDistance(t, c.toLowerCase())
    if (d < bestDist && d <= Math.floor(t.length / 2) + 1) {
      bestDist = d
      best = c
    }
  }
  return best
}

/** Remaining keys are errors for providers that do not pass unknown options through. */
export function rejectLeftovers(bag: OptionBag): void {
  for (const [key, e] of bag.rest) pushError(bag, `Unsupported property: ${key}`, e.keySpan)
  bag.rest.clear()
}
