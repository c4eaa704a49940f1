// The option groups every leaf (non-strategy) client parses, and how they resolve per call.
import type { ConfigEntry } from '../../ir/types.ts'
import type { JsonValue } from '../../values.ts'
import type { EnvReader, StringLike } from './config-values.ts'
import {
  resolveHttpConfig,
  takeAllowedMetadata,
  takeAllowPrivateMediaUrls,
  takeFinishReasonFilter,
  takeHeaders,
  takeMediaUrlHandler,
  takeRoles,
  takeSupportsStreaming,
  withLeafHttpDefaults,
  type FinishReasonSpec,
  type HttpSpec,
  type MediaHandlerSpec,
  type MetadataSpec,
  type OptionBag,
  type RoleSpec,
} from './options-common.ts'
import {
  resolveEntries,
  resolveFinishReasons,
  resolveMetadata,
  resolveRoles,
  resolveStringPairs,
  withMediaDefaults,
  type ResolvedRoles,
} from './resolve-common.ts'
import type { AllowedRoleMetadata, FinishReasonFilter, HttpTimeouts, MediaUrlHandlers, ResolvedLeafBase } from './types.ts'

export interface LeafCommonSpec {
  readonly roles: RoleSpec
  readonly metadata: MetadataSpec
  readonly supportsStreaming?: boolean
  readonly headers: readonly (readonly [string, StringLike])[]
  readonly finishReasons: FinishReasonSpec
  readonly media: MediaHandlerSpec
  readonly allowPrivateMediaUrls?: boolean | undefined
}

/** Roles, metadata, streaming, headers, finish reasons, media handlers (in the reference's order), then our own options. */
export function takeLeafCommon(bag: OptionBag): LeafCommonSpec {
  const roles = takeRoles(bag)
  const metadata = takeAllowedMetadata(bag)
  const supportsStreaming = takeSupportsStreaming(bag)
  const headers = takeHeaders(bag)
  const finishReasons = takeFinishReasonFilter(bag)
  const media = takeMediaUrlHandler(bag)
  const allowPrivateMediaUrls = takeAllowPrivateMediaUrls(bag)
  return { roles, metadata, supportsStreaming, headers, finishReasons, media, allowPrivateMediaUrls }
}

/** The parse result of a leaf client: shared pieces, timeouts and the options left for the body. */
export interface LeafSpecBase {
  readonly common: LeafCommonSpec
  readonly http: HttpSpec
  readonly body: readonly ConfigEntry[]
}

export interface ResolvedLeafCommon {
  readonly roles: ResolvedRoles
  readonly allowedRoleMetadata: AllowedRoleMetadata
  readonly finishReasonFilter: FinishReasonFilter
  /** Resolvers may still add provider defaults (anthropic-version, max_tokens, ...) before leafFields. */
  readonly headers: Record<string, string>
  readonly body: Record<string, JsonValue>
  readonly mediaUrlHandlers: MediaUrlHandlers
  /** As written (the transport's input), and with the defaults filled in. */
  readonly timeouts: HttpTimeouts
  readonly http: HttpTimeouts
  readonly allowPrivateMediaUrls: boolean | undefined
}

export function resolveLeafCommon(spec: LeafSpecBase, env: EnvReader, mediaDefaults: MediaUrlHandlers): ResolvedLeafCommon {
  const roles = resolveRoles(spec.common.roles, env)
  const allowedRoleMetadata = resolveMetadata(spec.common.metadata, env)
  const finishReasonFilter = resolveFinishReasons(spec.common.finishReasons, env)
  const headers = resolveStringPairs(spec.common.headers, env)
  const body = resolveEntries(spec.body, env)
  const mediaUrlHandlers = withMediaDefaults(spec.common.media, mediaDefaults)
  const timeouts = resolveHttpConfig(spec.http, env)
  const http = withLeafHttpDefaults(timeouts)
  const allowPrivateMediaUrls = spec.common.allowPrivateMediaUrls
  return { roles, allowedRoleMetadata, finishReasonFilter, headers, body, mediaUrlHandlers, timeouts, http, allowPrivateMediaUrls }
}

/** The ResolvedLeafBase fields every provider passes on as resolved (spread them, then set the rest). */
export function leafFields(
  c: ResolvedLeafCommon,
): Pick<ResolvedLeafBase, 'allowedRoleMetadata' | 'finishReasonFilter' | 'headers' | 'body' | 'mediaUrlHandlers' | 'timeouts' | 'http' | 'allowPrivateMediaUrls'> {
  const { allowedRoleMetadata, finishReasonFilter, headers, body, mediaUrlHandlers, timeouts, http, allowPrivateMediaUrls } = c
  return {
    allowedRoleMetadata,
    finishReasonFilter,
    headers,
    body,
    mediaUrlHandlers,
    timeouts,
    http,
    ...(allowPrivateMediaUrls !== undefined ? { allowPrivateMediaUrls } : {}),
  }
}
