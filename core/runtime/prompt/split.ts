// Rendered prompt text → RenderedPrompt: split at role markers and media markers, trim text parts,
// drop empty ones, give unmarked leading text the default role, map disallowed roles to the
// default role and apply remap_roles (the reference's `render_minijinja` tail).
import { rustTrim } from '../../rust-str.ts'
import type { BamlMedia, ChatMessage, ChatPart, JsonValue, RenderedPrompt } from '../../values.ts'
import { BamlTemplateError } from '../../errors.ts'
import { MEDIA_DELIMITER, ROLE_DELIMITER } from './jinja-values.ts'

export interface RoleRules {
  readonly defaultRole: string
  readonly allowedRoles: readonly string[]
  readonly remapRoles: Readonly<Record<string, string>>
}

const ROLE_HEAD = ':baml-start-baml:'
const ROLE_TAIL = ':baml-end-baml:'
const MEDIA_HEAD = ':baml-start-media:'
const MEDIA_TAIL = ':baml-end-media:'

const parsedMarkers = new Map<string, Record<string, JsonValue> | undefined>()

function parseMarker(json: string): Record<string, JsonValue> | undefined {
  if (parsedMarkers.has(json)) return parsedMarkers.get(json)
  let parsed: Record<string, JsonValue> | undefined
  try {
    const p = JSON.parse(json) as unknown
    parsed = p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, JsonValue>) : undefined
  } catch {
    parsed = undefined
  }
  if (parsedMarkers.size > 256) parsedMarkers.clear()
  parsedMarkers.set(json, parsed)
  return parsed
}

export function splitPrompt(text: string, rules: RoleRules): RenderedPrompt {
  if (!text.includes(ROLE_DELIMITER) && !text.includes(MEDIA_DELIMITER)) return { kind: 'completion', text }
  const messages: ChatMessage[] = []
  let role: string | undefined
  let meta: Record<string, JsonValue> | undefined
  let dupe = false
  for (const chunk of text.split(ROLE_DELIMITER)) {
    if (chunk.startsWith(ROLE_HEAD) && chunk.endsWith(ROLE_TAIL)) {
      const parsed = parseMarker(chunk.slice(ROLE_HEAD.length, chunk.length - ROLE_TAIL.length))
      if (parsed) {
        let m: Record<string, JsonValue> | undefined
        for (const k in parsed) {
          if (k === 'role') role = String(parsed[k])
          else if (k !== '__baml_allow_dupe_role__') (m ??= {})[k] = parsed[k]!
        }
        dupe = parsed.__baml_allow_dupe_role__ === true
        meta = m
      }
      continue
    }
    if (role === undefined && chunk === '') continue
    const parts: ChatPart[] = []
    for (const part of chunk.split(MEDIA_DELIMITER)) {
      if (part.startsWith(MEDIA_HEAD) && part.endsWith(MEDIA_TAIL)) {
        const data = part.slice(MEDIA_HEAD.length, part.length - MEDIA_TAIL.length)
        let media: BamlMedia
        try {
          media = JSON.parse(data) as BamlMedia
        } catch {
          throw new BamlTemplateError(`cannot unpack: Media variable had unrecognizable data: ${data}`)
        }
        parts.push(meta ? { type: 'media', media, meta } : { type: 'media', media })
      } else {
        const t = rustTrim(part)
        if (t !== '') parts.push(meta ? { type: 'text', text: t, meta } : { type: 'text', text: t })
      }
    }
    if (parts.length === 0) continue
    const r = role !== undefined && rules.allowedRoles.includes(role) ? role : rules.defaultRole
    messages.push(dupe ? { role: r, allowDuplicateRole: true, parts } : { role: r, parts })
  }
  for (let i = 0; i < messages.length; i++) {
    const from = messages[i]!.role
    if (Object.prototype.hasOwnProperty.call(rules.remapRoles, from)) messages[i] = { ...messages[i]!, role: rules.remapRoles[from]! }
  }
  return { kind: 'chat', messages }
}
