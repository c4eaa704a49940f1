// Per-call resolution of the option pieces every provider shares (env refs → strings, role checks).
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { ConfigEntry } from '../../ir/types.ts'
import type { JsonValue } from '../../values.ts'
import { resolveJson, resolveString, type EnvReader, type StringLike } from './config-values.ts'
import type { FinishReasonSpec, MediaHandlerSpec, MetadataSpec, RoleSpec } from './options-common.ts'
import type { AllowedRoleMetadata, FinishReasonFilter, MediaUrlHandlers } from './types.ts'

export interface ResolvedRoles {
  readonly allowed?: readonly string[]
  readonly default?: string
  readonly remap?: Readonly<Record<string, string>>
}

/** The roles a client allows when `allowed_roles` is not set (openai o1 models aside). */
export const STANDARD_ROLES: readonly string[] = ['system', 'user', 'assistant']

export function resolveRoles(spec: RoleSpec, env: EnvReader): ResolvedRoles {
  const allowed = spec.allowed?.map((r) => resolveString(r, env))
  const def = spec.default && resolveString(spec.default, env)
  let remap: Record<string, string> | undefined
  if (spec.remap) {
    remap = {}
    for (const [k, v] of spec.remap) remap[k] = resolveString(v, env)
  }
  if (def !== undefined) {
    if (allowed && !allowed.includes(def))
      throw new BamlInvalidArgumentError(`default_role must be in allowed_roles: ${def}. Not found in ${rustList(allowed)}`)
    if (!allowed && !STANDARD_ROLES.includes(def))
      throw new BamlInvalidArgumentError(
        `default_role must be one of 'system', 'user' or 'assistant': ${def}. Please specify "allowed_roles" if you want to use other custom default role.`,
      )
  }
  if (remap) {
    const roles = allowed ?? STANDARD_ROLES
    for (const k of Object.keys(remap))
      if (!roles.includes(k))
        throw new BamlInvalidArgumentError(`remap_role must be in allowed_roles: ${k}. Not found in ${rustList(roles)}`)
  }
  return { allowed, default: def, remap }
}

function rustList(xs: readonly string[]): string {
  return `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`
}

/** Default role when none is configured: `user` if allowed, else the first allowed role. */
export function userPreferredDefault(allowed: readonly string[]): string {
  return allowed.includes('user') ? 'user' : (allowed[0] ?? 'user')
}

export function resolveMetadata(spec: MetadataSpec, env: EnvReader): AllowedRoleMetadata {
  switch (spec.kind) {
    case 'none':
      return 'none'
    case 'only':
      return spec.keys.map((k) => resolveString(k, env))
    case 'value': {
      const v = resolveString(spec.value, env)
      if (v === 'all' || v === 'none') return v
      throw new BamlInvalidArgumentError(
        `Invalid allowed role metadata: ${v}. Allowed values are 'all' or 'none' or an array of roles.`,
      )
    }
  }
}

const ALL_FINISH_REASONS: FinishReasonFilter = {}

/** Lower-cased: finish reasons are compared case-insensitively. */
export function resolveFinishReasons(spec: FinishReasonSpec, env: EnvReader): FinishReasonFilter {
  if (spec.kind === 'all') return ALL_FINISH_REASONS
  const reasons = spec.reasons.map((r) => resolveString(r, env).toLowerCase())
  return spec.kind === 'allow' ? { allow: reasons } : { deny: reasons }
}

export function resolveStringPairs(pairs: readonly (readonly [string, StringLike])[], env: EnvReader): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of pairs) out[k] = resolveString(v, env)
  return out
}

export function resolveEntries(entries: Iterable<ConfigEntry>, env: EnvReader): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {}
  for (const e of entries) out[e.key] = resolveJson(e.value, env)
  return out
}

export function withMediaDefaults(spec: MediaHandlerSpec, defaults: MediaUrlHandlers): MediaUrlHandlers {
  return {
    image: spec.image ?? defaults.image,
    audio: spec.audio ?? defaults.audio,
    pdf: spec.pdf ?? defaults.pdf,
    video: spec.video ?? defaults.video,
  }
}

/** `base_url` with one trailing `/` removed. */
export function stripTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url
}
