// Golden suites ({baml_src, cases.json, expected.json}) run through loadProject + renderPrompt +
// the providers' request builder, compared with the reference's request bodies.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { loadProject } from '../../core/ir/load.ts'
import type { BamlIR } from '../../core/ir/types.ts'
import { buildRequest, clientRenderContext, resolveClient, shorthandClientIR, type ResolvedLeafClient } from '../../core/providers/request/index.ts'
import { renderPrompt } from '../../core/runtime/prompt/index.ts'
import { loaderHooks } from '../../core/runtime/hooks.ts'
import type { BamlMedia, HttpRequest, JsonValue, RenderedPrompt } from '../../core/values.ts'

export const BASE_ENV: Record<string, string> = { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'ak-test', GOOGLE_API_KEY: 'gk-test', AZURE_OPENAI_API_KEY: 'az-test' }

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

export function findSuites(root: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    const names = readdirSync(d)
    if (names.includes('cases.json')) out.push(d)
    for (const n of names) {
      const p = join(d, n)
      if (n !== 'baml_src' && statSync(p).isDirectory()) walk(p)
    }
  }
  walk(root)
  return out.sort()
}

/** Case arguments: `{"__media": ...}` objects become BamlMedia (like the reference's TS classes). */
export function toArg(v: JsonValue): unknown {
  if (Array.isArray(v)) return v.map(toArg)
  if (v && typeof v === 'object') {
    if (typeof v['__media'] === 'string') {
      const kind = v['__media'] as BamlMedia['__baml_media']
      const given = typeof v['media_type'] === 'string' ? v['media_type'] : undefined
      const mediaType = kind === 'pdf' ? 'application/pdf' : given
      const base: BamlMedia = typeof v['url'] === 'string' ? { __baml_media: kind, url: v['url'] } : { __baml_media: kind, base64: v['base64'] as string }
      return mediaType === undefined ? base : { ...base, mediaType }
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toArg(x)]))
  }
  return v
}

const projects = new WeakMap<Suite, BamlIR>()

export function projectOf(suite: Suite): BamlIR {
  let ir = projects.get(suite)
  if (!ir) {
    const r = loadProject(suite.files, loaderHooks)
    if (!r.ir) throw new Error(`${suite.dir} does not load:\n${r.diagnostics.map((d) => d.message).join('\n')}`)
    projects.set(suite, (ir = r.ir))
  }
  return ir
}

function leafClient(ir: BamlIR, fnName: string, env: Record<string, string>): ResolvedLeafClient {
  const fn = ir.functions.get(fnName)
  if (!fn) throw new Error(`unknown function ${fnName}`)
  const c = ir.clients.get(fn.client) ?? shorthandClientIR(fn.client)
  const client = resolveClient(c, env)
  if (client.family === 'strategy') throw new Error('strategy clients are not covered here')
  return client as ResolvedLeafClient
}

export function renderCase(suite: Suite, c: GoldenCase): RenderedPrompt {
  const ir = projectOf(suite)
  const env = { ...BASE_ENV, ...c.env }
  const client = leafClient(ir, c.function, env)
  const args = Object.fromEntries(Object.entries(c.args ?? {}).map(([k, v]) => [k, toArg(v)]))
  return renderPrompt(ir, c.function, args, clientRenderContext(client))
}

export async function requestCase(suite: Suite, c: GoldenCase): Promise<HttpRequest> {
  const ir = projectOf(suite)
  const env = { ...BASE_ENV, ...c.env }
  const client = leafClient(ir, c.function, env)
  const prompt = renderCase(suite, c)
  return buildRequest(client, prompt, { stream: c.kind === 'stream_request' })
}
