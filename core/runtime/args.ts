// Arguments written as JSON (CLI `--args`, test cases, HTTP bodies) carry media as plain objects:
// `{"url": ...}`, `{"base64": ..., "media_type": ...}`, `{"file": ...}` (or the conformance corpus'
// `{"__media": "image", ...}`). Where a parameter's type says media, turn them into BamlMedia.
import type { BamlIR, MediaKind, TypeIR } from '../ir/types.ts'
import { isMedia, type BamlMedia } from '../values.ts'

type Json = unknown

function mediaFromObject(kind: MediaKind, o: Record<string, unknown>): BamlMedia | undefined {
  const mediaType = typeof o.media_type === 'string' ? o.media_type : typeof o.mediaType === 'string' ? o.mediaType : undefined
  const withType = (m: BamlMedia): BamlMedia => (mediaType ? { ...m, mediaType } : kind === 'pdf' ? { ...m, mediaType: 'application/pdf' } : m)
  if (typeof o.url === 'string') return withType({ __baml_media: kind, url: o.url })
  if (typeof o.base64 === 'string') return withType({ __baml_media: kind, base64: o.base64 })
  if (typeof o.file === 'string') return withType({ __baml_media: kind, file: o.file })
  return undefined
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isMedia(v)
}

function convert(ir: BamlIR, t: TypeIR, v: Json, depth: number): Json {
  if (depth > 64 || v === null || v === undefined) return v
  switch (t.kind) {
    case 'media': {
      if (!isPlainObject(v)) return v
      const kind = typeof v.__media === 'string' ? (v.__media as MediaKind) : t.name
      return mediaFromObject(kind, v) ?? v
    }
    case 'list':
      return Array.isArray(v) ? v.map((x) => convert(ir, t.item, x, depth + 1)) : v
    case 'map':
      return isPlainObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(ir, t.value, x, depth + 1)])) : v
    case 'class': {
      const cls = ir.classes.get(t.name)
      if (!cls || !isPlainObject(v)) return v
      const out: Record<string, unknown> = { ...v }
      for (const f of cls.fields) if (f.name in out) out[f.name] = convert(ir, f.type, out[f.name], depth + 1)
      return out
    }
    case 'alias': {
      const a = ir.typeAliases.get(t.name)
      return a ? convert(ir, a.type, v, depth + 1) : v
    }
    case 'union': {
      // A media-shaped object in a union that allows media: take the first media option.
      const media = t.options.find((o) => o.kind === 'media')
      if (media && isPlainObject(v) && ('url' in v || 'base64' in v || 'file' in v)) return convert(ir, media, v, depth + 1)
      const structured = t.options.filter((o) => o.kind !== 'primitive' && o.kind !== 'literal')
      return structured.length === 1 ? convert(ir, structured[0]!, v, depth + 1) : v
    }
    default:
      return v
  }
}

/** Convert media-shaped JSON objects in `args` according to the parameters' types. */
export function mediaArgsFromJson(ir: BamlIR, params: readonly { name: string; type: TypeIR }[], args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...args }
  for (const p of params) if (p.name in out) out[p.name] = convert(ir, p.type, out[p.name], 0)
  return out
}
