// Test-only stand-in for the prompt renderer, for simple templates: `{{ var }}` (string or media
// args), `{{ ctx.client.name }}` / `{{ ctx.client.provider }}` and `{{ _.role("r", k=v) }}` markers.
// It dedents and trims the template, splits it into messages and applies allowed/default/remap roles
// like the reference. The real renderer (core/runtime/prompt) replaces this once it lands.
import type { ClientRenderContext } from '../../core/providers/request/index.ts'
import type { BamlMedia, ChatPart, JsonValue, RenderedPrompt } from '../../core/values.ts'
import { isMedia } from '../../core/values.ts'

export type MiniArg = string | number | boolean | BamlMedia

type Piece = { kind: 'text'; text: string } | { kind: 'media'; media: BamlMedia } | { kind: 'role'; role: string; meta: Record<string, JsonValue>; dupe: boolean }

function dedentTrim(template: string): string {
  const lines = template.split('\n')
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
  )
  return lines
    .map((l) => l.slice(Number.isFinite(indent) ? indent : 0))
    .join('\n')
    .trim()
}

/** `_.role("user", cache_control={"type": "ephemeral"}, __baml_allow_dupe_role__=true)` → a role piece. */
function parseRole(args: string): Piece {
  let role: string | undefined
  const meta: Record<string, JsonValue> = {}
  let dupe = false
  // Split on top-level commas.
  const parts: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of args) {
    if (ch === '{' || ch === '[') depth++
    if (ch === '}' || ch === ']') depth--
    if (ch === ',' && depth === 0) {
      parts.push(cur)
      cur = ''
    } else cur += ch
  }
  if (cur.trim()) parts.push(cur)
  for (const raw of parts) {
    const p = raw.trim()
    const eq = /^([A-Za-z_]\w*)\s*=\s*([\s\S]*)$/.exec(p)
    if (!eq) {
      role = JSON.parse(p) as string
      continue
    }
    const value = JSON.parse(eq[2]!.replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false')) as JsonValue
    if (eq[1] === 'role') role = value as string
    else if (eq[1] === '__baml_allow_dupe_role__') dupe = value === true
    else meta[eq[1]!] = value
  }
  return { kind: 'role', role: role!, meta, dupe }
}

export function renderMiniPrompt(template: string, args: Record<string, MiniArg>, client: ClientRenderContext): RenderedPrompt {
  const text = dedentTrim(template)
  const pieces: Piece[] = []
  let last = 0
  let sawMarker = false
  for (const m of text.matchAll(/\{\{\s*([\s\S]*?)\s*\}\}/g)) {
    if (m.index! > last) pieces.push({ kind: 'text', text: text.slice(last, m.index) })
    last = m.index! + m[0].length
    const expr = m[1]!
    const role = /^_\.(?:role|chat)\(([\s\S]*)\)$/.exec(expr)
    if (role) {
      pieces.push(parseRole(role[1]!))
      sawMarker = true
    } else if (expr === 'ctx.client.name') pieces.push({ kind: 'text', text: client.name })
    else if (expr === 'ctx.client.provider') pieces.push({ kind: 'text', text: client.provider })
    else {
      const v = args[expr]
      if (v === undefined) throw new Error(`mini-prompt: unknown expression {{ ${expr} }}`)
      if (isMedia(v)) {
        pieces.push({ kind: 'media', media: v })
        sawMarker = true
      } else pieces.push({ kind: 'text', text: String(v) })
    }
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) })
  if (!sawMarker) return { kind: 'completion', text: pieces.map((p) => (p.kind === 'text' ? p.text : '')).join('') }

  const messages: { role: string; allowDuplicateRole?: boolean; parts: ChatPart[] }[] = []
  let current: { role?: string; meta?: Record<string, JsonValue>; dupe: boolean; parts: ChatPart[]; text: string } = { dupe: false, parts: [], text: '' }
  const flushText = () => {
    const t = current.text.trim()
    if (t) current.parts.push(current.meta ? { type: 'text', text: t, meta: current.meta } : { type: 'text', text: t })
    current.text = ''
  }
  const flushMessage = () => {
    flushText()
    if (current.parts.length > 0) {
      const r = current.role !== undefined && client.allowedRoles.includes(current.role) ? current.role : client.defaultRole
      messages.push(current.dupe ? { role: r, allowDuplicateRole: true, parts: current.parts } : { role: r, parts: current.parts })
    }
  }
  for (const p of pieces) {
    if (p.kind === 'role') {
      flushMessage()
      current = { role: p.role, meta: Object.keys(p.meta).length ? p.meta : undefined, dupe: p.dupe, parts: [], text: '' }
    } else if (p.kind === 'text') current.text += p.text
    else {
      flushText()
      current.parts.push(current.meta ? { type: 'media', media: p.media, meta: current.meta } : { type: 'media', media: p.media })
    }
  }
  flushMessage()
  return {
    kind: 'chat',
    messages: messages.map((m) => (client.remapRoles[m.role] ? { ...m, role: client.remapRoles[m.role]! } : m)),
  }
}
