// Request cases whose templates need the full Jinja renderer (render-jinja, render-types, check):
// until the renderer lands, each case's prompt is rebuilt from the reference's request body (the
// rendering is not under test here), then our request must reproduce the reference's exactly.
import { describe, expect, test } from 'vitest'
import { join } from 'node:path'
import { buildRequest, resolveClient } from '../../core/providers/request/index.ts'
import type { BamlMedia, ChatMessage, ChatPart, HttpRequest, JsonValue, RenderedPrompt } from '../../core/values.ts'
import { BASE_ENV, clientFor, findSuites, loadSuite, lowerHeaders, projectOf } from './golden.ts'

type Obj = { [k: string]: JsonValue }
const obj = (v: JsonValue | undefined): Obj => v as Obj

function metaOf(block: Obj, known: readonly string[]): Record<string, JsonValue> | undefined {
  const meta: Record<string, JsonValue> = {}
  for (const k of Object.keys(block)) if (!known.includes(k)) meta[k] = block[k]!
  return Object.keys(meta).length ? meta : undefined
}

function part(p: ChatPart, meta: Record<string, JsonValue> | undefined): ChatPart {
  return meta ? { ...p, meta } : p
}

/** An OpenAI chat or Anthropic content block → a chat part. */
function blockToPart(b: Obj): ChatPart {
  if (b['type'] === 'text') return part({ type: 'text', text: b['text'] as string }, metaOf(b, ['type', 'text']))
  if (b['type'] === 'image_url') {
    const url = obj(b['image_url'])['url'] as string
    const m = /^data:([^;]+);base64,(.*)$/.exec(url)
    const media: BamlMedia = m ? { __baml_media: 'image', base64: m[2]!, mediaType: m[1]! } : { __baml_media: 'image', url }
    return part({ type: 'media', media }, metaOf(b, ['type', 'image_url']))
  }
  throw new Error(`round trip: unsupported block ${JSON.stringify(b)}`)
}

function promptFromBody(req: HttpRequest): RenderedPrompt {
  const body = obj(req.body)
  const messages: ChatMessage[] = []
  if (Array.isArray(body['system'])) messages.push({ role: 'system', parts: body['system'].map((b) => blockToPart(obj(b))) })
  for (const m of body['messages'] as Obj[]) {
    const content = m['content']!
    const parts = typeof content === 'string' ? [{ type: 'text', text: content } as const] : (content as Obj[]).map(blockToPart)
    // Adjacent same-role messages in a request were deliberately kept apart.
    const prev = messages[messages.length - 1]
    messages.push(prev?.role === m['role'] ? { role: m['role'] as string, allowDuplicateRole: true, parts } : { role: m['role'] as string, parts })
  }
  return { kind: 'chat', messages }
}

const ROOT = join(import.meta.dirname, '..', 'golden', 'conformance')
const DIRS = [join(ROOT, 'render-jinja'), join(ROOT, 'render-types'), ...findSuites(join(ROOT, 'check'))]

for (const dir of DIRS) {
  const suite = loadSuite(dir)
  const requestCases = suite.cases.filter((c) => (c.kind === 'request' || c.kind === 'stream_request') && suite.expected.get(c.id)?.result)
  if (requestCases.length === 0) continue
  describe(`round trip ${dir.slice(ROOT.length + 1)}`, () => {
    for (const c of requestCases) {
      test(c.id, async () => {
        const want = suite.expected.get(c.id)!.result!
        const ir = projectOf(suite)
        const fn = ir.functions.get(c.function)!
        const client = resolveClient(clientFor(ir, fn.client), { ...BASE_ENV, ...c.env })
        const got = await buildRequest(client, promptFromBody(want), { stream: c.kind === 'stream_request' })
        expect(got.url).toBe(want.url)
        expect(got.method).toBe(want.method)
        expect(lowerHeaders(got.headers)).toEqual(lowerHeaders(want.headers))
        expect(got.body).toEqual(want.body)
      })
    }
  })
}
