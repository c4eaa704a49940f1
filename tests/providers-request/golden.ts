// Loading golden suites ({baml_src, cases.json, expected.json}) and running their request cases
// through resolveClient + buildRequest.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { loadProject } from '../../core/ir/load.ts'
import type { BamlIR, ClientIR } from '../../core/ir/types.ts'
import {
  buildRequest,
  clientRenderContext,
  resolveClient,
  shorthandClientIR,
  validateClient,
  type ResolvedLeafClient,
} from '../../core/providers/request/index.ts'
import type { BamlMedia, HttpRequest, JsonValue } from '../../core/values.ts'
import { renderPrompt } from '../../core/runtime/prompt/index.ts'

export const BASE_ENV: Record<string, string> = {
  OPENAI_API_KEY: 'sk-test',
  ANTHROPIC_API_KEY: 'ak-test',
  GOOGLE_API_KEY: 'gk-test',
  AZURE_OPENAI_API_KEY: 'az-test',
}

export interface GoldenCase {
  readonly id: string
  readonly kind: string
  readonly function: string
  readonly args?: Record<string, JsonValue>
  readonly env?: Record<string, string>
}

export interface GoldenExpected {
  readonly id: string
  readonly kind: string
  readonly result?: HttpRequest
  readonly error?: string
}

export interface Suite {
  readonly dir: string
  readonly files: Record<string, string>
  readonly cases: GoldenCase[]
  readonly expected: Map<string, GoldenExpected>
}

function listBaml(dir: string, root: string, out: Record<string, string>): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) listBaml(p, root, out)
    else if (name.endsWith('.baml')) out[relative(root, p).split('\\').join('/')] = readFileSync(p, 'utf8')
  }
}

export function loadSuite(dir: string): Suite {
  const files: Record<string, string> = {}
  listBaml(join(dir, 'baml_src'), dir, files)
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as GoldenCase[]
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as GoldenExpected[]
  return { dir, files, cases, expected: new Map(expected.map((e) => [e.id, e])) }
}

/** Golden suites under a folder (every folder holding a cases.json). */
export function findSuites(root: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    if (readdirSync(d).includes('cases.json')) out.push(d)
    for (const n of readdirSync(d)) {
      const p = join(d, n)
      if (n !== 'baml_src' && statSync(p).isDirectory()) walk(p)
    }
  }
  walk(root)
  return out.sort()
}

/**
 * `{"__media": "image", "url": ...}` case arguments → BamlMedia, as the reference's TypeScript media
 * classes build them: `Pdf.fromUrl(url)` / `Pdf.fromBase64(data)` take no media type and always
 * use application/pdf.
 */
export function toArg(v: JsonValue): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v['__media'] === 'string') {
    const kind = v['__media'] as BamlMedia['__baml_media']
    const given = typeof v['media_type'] === 'string' ? v['media_type'] : undefined
    const mediaType = kind === 'pdf' && v['file'] === undefined ? 'application/pdf' : given
    const base: BamlMedia =
      typeof v['url'] === 'string'
        ? { __baml_media: kind, url: v['url'] }
        : typeof v['file'] === 'string'
          ? { __baml_media: kind, file: v['file'] }
          : { __baml_media: kind, base64: v['base64'] as string }
    return mediaType === undefined ? base : { ...base, mediaType }
  }
  if (Array.isArray(v)) return v.map(toArg)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toArg(x)]))
  return v
}

const projects = new WeakMap<Suite, BamlIR>()

/** The suite's project, loaded with this module's option validation. Throws on load errors. */
export function projectOf(suite: Suite): BamlIR {
  let ir = projects.get(suite)
  if (!ir) {
    const r = loadProject(suite.files, { validateClient })
    if (!r.ir) throw new Error(`${suite.dir} does not load:\n${r.diagnostics.map((d) => d.message).join('\n')}`)
    projects.set(suite, (ir = r.ir))
  }
  return ir
}

export function clientFor(ir: BamlIR, ref: string): ClientIR {
  const c = ir.clients.get(ref)
  if (c) return c
  if (ref.includes('/')) return shorthandClientIR(ref)
  throw new Error(`unknown client ${ref}`)
}

/** Runs one request / stream_request case; throws what the implementation throws. */
export async function runRequestCase(suite: Suite, c: GoldenCase): Promise<HttpRequest> {
  const ir = projectOf(suite)
  const fn = ir.functions.get(c.function)
  if (!fn) throw new Error(`unknown function ${c.function}`)
  const env = { ...BASE_ENV, ...c.env }
  const client = resolveClient(clientFor(ir, fn.client), env)
  if (client.family === 'strategy') throw new Error('strategy clients are not covered here')
  const args: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(c.args ?? {})) args[k] = toArg(v)
  const prompt = renderPrompt(ir, fn.name, args, clientRenderContext(client as ResolvedLeafClient))
  return buildRequest(client, prompt, { stream: c.kind === 'stream_request', fetch: mediaFetch(suite) })
}

/** The generator serves a suite's `media/` folder on this origin; tests answer from the same files. */
export const MEDIA_ORIGIN = 'http://127.0.0.1:47811/'

function mediaFetch(suite: Suite): typeof fetch {
  const dir = join(suite.dir, 'media')
  return async (input) => {
    const url = String(input instanceof Request ? input.url : input)
    const file = url.startsWith(MEDIA_ORIGIN) ? join(dir, decodeURIComponent(url.slice(MEDIA_ORIGIN.length))) : undefined
    if (!file || !existsSync(file)) return new Response('not found', { status: 404, statusText: 'Not Found' })
    return new Response(readFileSync(file), { status: 200 })
  }
}

/** Headers with lower-cased names, for case-insensitive comparison. */
export function lowerHeaders(h: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v
  return out
}
