// Turning media arguments into what a provider receives, per the client's `media_url_handler`:
// local files are always read and sent as base64; URLs are passed through or downloaded (http, https
// and data URLs only; see media-url-policy.ts); base64 data gets a MIME type (from a data URL, the
// argument, or the bytes).
import { BamlInvalidArgumentError } from '../../errors.ts'
import type { BamlMedia, ChatMessage, ChatPart } from '../../values.ts'
import { decodeBase64Prefix, encodeBase64, isCanonicalBase64, sniffMime, SNIFF_BYTES } from './base64-mime.ts'
import { fetchMediaUrl } from './media-url-policy.ts'
import type { MediaUrlHandlers, MediaUrlMode } from './types.ts'

export interface MediaIO {
  /** Reads a `file` media argument (path as given: relative to the .baml file or the cwd). */
  readonly readFile?: (path: string) => Promise<Uint8Array>
  /** Downloads media URLs that must be sent as base64 (http, https and data URLs only). Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch
  /** False refuses downloads from loopback/private/link-local hosts (see media-url-policy.ts). Default true. */
  readonly allowPrivateUrls?: boolean
  /** Aborts downloads. */
  readonly signal?: AbortSignal
}

/** A media value after resolution: exactly one of `url` / `base64`; `mediaType` may still be absent. */
export type ResolvedMedia = BamlMedia & ({ readonly url: string } | { readonly base64: string })

/** `data:<mime>;base64,<data>` → [mime, data]. Only the single-MIME base64 form is recognized. */
function splitDataUrl(s: string): [string, string] | undefined {
  if (!s.startsWith('data:')) return undefined
  const i = s.indexOf(';base64,')
  return i < 0 ? undefined : [s.slice(5, i), s.slice(i + 8)]
}

function withBase64(media: BamlMedia, base64: string, mediaType: string | undefined): ResolvedMedia {
  return mediaType === undefined
    ? { __baml_media: media.__baml_media, base64 }
    : { __baml_media: media.__baml_media, base64, mediaType }
}

function fileExtension(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1) : undefined
}

async function resolveFile(media: BamlMedia, path: string, io: MediaIO): Promise<ResolvedMedia> {
  if (!io.readFile) throw new BamlInvalidArgumentError(`Cannot read media file ${path}: no file reader is available here`)
  let bytes: Uint8Array
  try {
    bytes = await io.readFile(path)
  } catch (e) {
    throw new BamlInvalidArgumentError(`Failed to read file ${path}: ${e instanceof Error ? e.message : String(e)}`)
  }
  const ext = fileExtension(path)
  const mime = media.mediaType ?? (ext ? `${media.__baml_media}/${ext}` : undefined) ?? sniffMime(bytes.subarray(0, SNIFF_BYTES))
  if (media.__baml_media === 'pdf') {
    if (mime === undefined)
      throw new BamlInvalidArgumentError('Could not determine mime type for PDF input. Only application/pdf is allowed.')
    if (mime !== 'application/pdf')
      throw new BamlInvalidArgumentError(
        `File provided for PDF input is not a PDF. Detected mime type: '${mime}'. Only application/pdf is allowed.`,
      )
  }
  return withBase64(media, encodeBase64(bytes), mime)
}

function urlNeedsDownload(mode: MediaUrlMode, media: BamlMedia, url: string): boolean {
  switch (mode) {
    case 'send_base64':
      return true
    case 'send_url':
      return false
    case 'send_url_add_mime_type':
      // URLs with a known MIME type pass; without one, the data is downloaded to learn it.
      return !media.mediaType
    case 'send_base64_unless_google_url':
      return !url.startsWith('gs://')
  }
}

async function downloadUrl(media: BamlMedia, url: string, io: MediaIO): Promise<ResolvedMedia> {
  let base64: string
  let fetchedMime: string
  const data = splitDataUrl(url)
  if (data) [fetchedMime, base64] = data
  else {
    let res: Response
    try {
      res = await fetchMediaUrl(url, { fetch: io.fetch ?? globalThis.fetch, allowPrivate: io.allowPrivateUrls !== false, signal: io.signal })
    } catch (e) {
      if (e instanceof BamlInvalidArgumentError) throw e
      throw new BamlInvalidArgumentError(`Failed to fetch media: ${e instanceof Error ? e.message : String(e)}`)
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '')
      throw new BamlInvalidArgumentError(`Failed to fetch media: ${res.status}${res.statusText ? ` ${res.statusText}` : ''} ${url}, ${text}`)
    }
    const bytes = new Uint8Array(await res.arrayBuffer())
    base64 = encodeBase64(bytes)
    fetchedMime = sniffMime(bytes.subarray(0, SNIFF_BYTES)) ?? 'application/octet-stream'
  }
  // A requested MIME type (or PDF's implied one) must match what was fetched; a bare type such as
  // `image` only needs to match the prefix.
  const expected = media.mediaType ? media.mediaType : media.__baml_media === 'pdf' ? 'application/pdf' : undefined
  if (expected !== undefined) {
    const mismatch = expected.includes('/') ? fetchedMime !== expected : !fetchedMime.startsWith(expected)
    if (mismatch)
      throw new BamlInvalidArgumentError(
        `Requested media of MIME type '${expected}' but fetched '${fetchedMime}' from URL ${url}. Please ensure the URL points to the correct file or update the mime_type in BAML.`,
      )
  }
  return withBase64(media, base64, media.mediaType ?? fetchedMime)
}

function resolveBase64(media: BamlMedia, base64: string): ResolvedMedia {
  // A data URL's own MIME type wins over the argument's.
  const data = splitDataUrl(base64)
  if (data) return withBase64(media, data[1], data[0])
  if (!isCanonicalBase64(base64))
    throw new BamlInvalidArgumentError(
      `Failed to decode '${base64.slice(0, 10)}...' as base64 (${
        base64.startsWith('data:') ? 'it looks like a data URL, not a base64 string' : 'is it a valid base64 string?'
      }); see https://docs.boundaryml.com/docs/snippets/test-cases#images`,
    )
  if (media.mediaType !== undefined) return media as ResolvedMedia
  return withBase64(media, base64, sniffMime(decodeBase64Prefix(base64, SNIFF_BYTES)))
}

async function resolveMedia(media: BamlMedia, handlers: MediaUrlHandlers, io: MediaIO): Promise<ResolvedMedia> {
  if (media.file !== undefined) return resolveFile(media, media.file, io)
  if (media.url !== undefined) {
    const mode = handlers[media.__baml_media]
    return urlNeedsDownload(mode, media, media.url) ? downloadUrl(media, media.url, io) : (media as ResolvedMedia)
  }
  if (media.base64 !== undefined) return resolveBase64(media, media.base64)
  throw new BamlInvalidArgumentError(`A ${media.__baml_media} value needs a url, base64 data or a file`)
}

function hasMedia(messages: readonly ChatMessage[]): boolean {
  for (const m of messages) for (const p of m.parts) if (p.type === 'media') return true
  return false
}

/** Resolves every media part of the messages (in parallel); messages without media are returned as is. */
export async function resolveMessageMedia(
  messages: readonly ChatMessage[],
  handlers: MediaUrlHandlers,
  io: MediaIO,
): Promise<readonly ChatMessage[]> {
  if (!hasMedia(messages)) return messages
  return Promise.all(
    messages.map(async (m) => {
      if (!m.parts.some((p) => p.type === 'media')) return m
      const parts = await Promise.all(
        m.parts.map(async (p): Promise<ChatPart> => {
          if (p.type !== 'media') return p
          const media = await resolveMedia(p.media, handlers, io)
          return p.meta ? { type: 'media', media, meta: p.meta } : { type: 'media', media }
        }),
      )
      return { ...m, parts }
    }),
  )
}

/** The media's MIME type, or the reference's error when none is known (PDF defaults to application/pdf). */
export function requireMime(media: BamlMedia): string {
  if (media.mediaType !== undefined) return media.mediaType
  if (media.__baml_media === 'pdf') return 'application/pdf'
  throw new BamlInvalidArgumentError(`Please specify a media type for this ${media.__baml_media}; we could not infer one`)
}
