// Small helpers shared by the per-provider request builders.
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { JsonValue } from '../../values.ts'
import type { AllowedRoleMetadata } from './types.ts'

export type JsonObject = { [key: string]: JsonValue }

/**
 * Header names lower-cased (as HTTP clients send them); when a name repeats, the later value wins,
 * which is how the reference reports duplicate headers.
 */
export function headerRecord(...groups: (Readonly<Record<string, string>> | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const g of groups) if (g) for (const k in g) out[k.toLowerCase()] = g[k]!
  return out
}

/** Adds `content-type: application/json` unless a content type was given. */
export function withJsonContentType(headers: Record<string, string>): Record<string, string> {
  if (!('content-type' in headers)) headers['content-type'] = 'application/json'
  return headers
}

/** application/x-www-form-urlencoded, as reqwest's `.query()` writes it. */
function formEncode(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

export function appendQuery(url: string, params: Readonly<Record<string, string>>): string {
  let out = url
  let sep = url.includes('?') ? '&' : '?'
  for (const k in params) {
    out += `${sep}${formEncode(k)}=${formEncode(params[k]!)}`
    sep = '&'
  }
  return out
}

const urlCache = new Map<string, string>()

/**
 * The URL as an HTTP client would send it (host lower-cased, unsafe path characters escaped...).
 * Invalid URLs are an error. Normalized forms are memoized: the same few URLs recur on every call.
 */
export function normalizeUrl(url: string): string {
  const hit = urlCache.get(url)
  if (hit !== undefined) return hit
  let href: string
  try {
    href = new URL(url).href
  } catch {
    throw new BamlInvalidArgumentError(`Invalid request URL: ${url}`)
  }
  if (urlCache.size > 1000) urlCache.clear()
  urlCache.set(url, href)
  return href
}

export function isMetadataAllowed(allowed: AllowedRoleMetadata, key: string): boolean {
  return allowed === 'all' ? true : allowed === 'none' ? false : allowed.includes(key)
}

/** Copies the permitted `_.role(..., key=value)` metadata onto a content block (overwriting). */
export function copyAllowedMeta(
  block: JsonObject,
  meta: Readonly<Record<string, JsonValue>> | undefined,
  allowed: AllowedRoleMetadata,
): JsonObject {
  if (meta && allowed !== 'none') for (const k in meta) if (isMetadataAllowed(allowed, k)) block[k] = meta[k]!
  return block
}

/** `type/subtype` → `subtype` (unchanged without a `/`). */
export function mimeSubtype(mime: string): string {
  const i = mime.indexOf('/')
  return i < 0 ? mime : mime.slice(i + 1)
}

export function dataUrl(mime: string, base64: string): string {
  return `data:${mime};base64,${base64}`
}
