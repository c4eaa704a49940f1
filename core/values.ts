// Runtime data shared by rendering, requests and parsing: JSON values, media, chat messages.
import type { MediaKind } from './ir/types.ts'

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/**
 * An image, audio clip, PDF or video passed as a function argument. Exactly one of
 * `url`, `base64` or `file` is set. `file` is a path relative to the .baml file (tests) or
 * the working directory (CLI), read through the host when a request is built.
 */
export interface BamlMedia {
  readonly __baml_media: MediaKind
  readonly url?: string
  readonly base64?: string
  readonly file?: string
  /** e.g. `image/png`; may be absent for URLs. */
  readonly mediaType?: string
}

export function isMedia(v: unknown): v is BamlMedia {
  return typeof v === 'object' && v !== null && typeof (v as { __baml_media?: unknown }).__baml_media === 'string'
}

/**
 * Media written as JSON (CLI `--args`, HTTP bodies): `{"url": ...}`, `{"base64": ..., "media_type": ...}`
 * or `{"file": ...}` (a `media_type` may go with any of them). Undefined when `v` is not of that shape.
 */
export function mediaFromJson(kind: MediaKind, v: unknown): BamlMedia | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined
  const o = v as Record<string, unknown>
  const given = typeof o.media_type === 'string' ? o.media_type : undefined
  const mediaType = given ?? (kind === 'pdf' ? 'application/pdf' : undefined)
  const typed = (m: BamlMedia): BamlMedia => (mediaType ? { ...m, mediaType } : m)
  if (typeof o.url === 'string') return typed({ __baml_media: kind, url: o.url })
  if (typeof o.base64 === 'string') return typed({ __baml_media: kind, base64: o.base64 })
  if (typeof o.file === 'string') return typed({ __baml_media: kind, file: o.file })
  return undefined
}

function media(kind: MediaKind) {
  return {
    fromUrl: (url: string, mediaType?: string): BamlMedia =>
      mediaType ? { __baml_media: kind, url, mediaType } : { __baml_media: kind, url },
    fromBase64: (mediaType: string, base64: string): BamlMedia => ({ __baml_media: kind, base64, mediaType }),
    fromFile: (file: string, mediaType?: string): BamlMedia =>
      mediaType ? { __baml_media: kind, file, mediaType } : { __baml_media: kind, file },
  }
}

export const Image = media('image')
export const Audio = media('audio')
/** PDFs always carry `application/pdf`, as the reference's `Pdf.fromUrl/fromBase64` do. */
export const Pdf = {
  fromUrl: (url: string, mediaType = 'application/pdf'): BamlMedia => ({ __baml_media: 'pdf', url, mediaType }),
  fromBase64: (base64: string, mediaType = 'application/pdf'): BamlMedia => ({ __baml_media: 'pdf', base64, mediaType }),
  fromFile: (file: string, mediaType = 'application/pdf'): BamlMedia => ({ __baml_media: 'pdf', file, mediaType }),
}
export const Video = media('video')

/** A function argument value: JSON plus media anywhere inside. */
export type BamlValue = null | boolean | number | string | BamlMedia | BamlValue[] | { [key: string]: BamlValue }

export type ChatPart =
  | { readonly type: 'text'; readonly text: string; readonly meta?: Readonly<Record<string, JsonValue>> }
  | { readonly type: 'media'; readonly media: BamlMedia; readonly meta?: Readonly<Record<string, JsonValue>> }

export interface ChatMessage {
  readonly role: string
  /** Set by `_.role(..., __baml_allow_dupe_role__=true)`: do not merge with the previous message. */
  readonly allowDuplicateRole?: boolean
  readonly parts: readonly ChatPart[]
}

/** What a prompt renders to: plain text (no role markers and no media) or chat messages. */
export type RenderedPrompt =
  | { readonly kind: 'completion'; readonly text: string }
  | { readonly kind: 'chat'; readonly messages: readonly ChatMessage[] }

/** An HTTP request as built for a provider. `body` is the JSON body (parsed form). */
export interface HttpRequest {
  readonly url: string
  readonly method: 'POST' | 'GET'
  readonly headers: Readonly<Record<string, string>>
  readonly body: JsonValue
}
