// The shared conformance corpus through generated clients: for every suite, a client is generated
// (with the bundled runtime, as `baml generate` writes it), imported, and every request,
// stream_request, parse and parse_stream case runs through b.request / b.streamRequest / b.parse /
// b.parseStream, compared with the reference's results.
import { rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateClients, loadProject, type JsonValue, type RuntimeBundle } from '../../core/index.ts'
import { BASE_ENV, GOLDEN, findSuites, loadSuite, lowerHeaders, type GoldenCase } from '../helpers/golden.ts'
import { generatorBlock, runtimeBundle, tempProject } from './helpers.ts'

const corpus = join(GOLDEN, 'conformance')

interface Media {
  fromUrl(url: string, mediaType?: string): unknown
  fromBase64(a: string, b?: string): unknown
}
type Methods = Record<string, (...args: unknown[]) => unknown>
interface Client {
  b: { request: Methods; streamRequest: Methods; parse: Methods; parseStream: Methods }
  Image: Media
  Audio: Media
  Pdf: Media
  Video: Media
}

/** A case argument as a client caller writes it (media through the client's media classes). */
function toArg(v: JsonValue, client: Client): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v['__media'] === 'string') {
    const kind = v['__media'] as string
    const mt = typeof v['media_type'] === 'string' ? v['media_type'] : undefined
    const factory = kind === 'image' ? client.Image : kind === 'audio' ? client.Audio : kind === 'pdf' ? client.Pdf : client.Video
    if (typeof v['url'] === 'string') return kind === 'pdf' ? factory.fromUrl(v['url']) : factory.fromUrl(v['url'], mt)
    return kind === 'pdf' ? factory.fromBase64(v['base64'] as string) : factory.fromBase64(mt ?? '', v['base64'] as string)
  }
  if (Array.isArray(v)) return v.map((x) => toArg(x, client))
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toArg(x, client)]))
  return v
}

let bundle: RuntimeBundle
const dirs: string[] = []
beforeAll(async () => {
  bundle = await runtimeBundle()
}, 120_000)
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

for (const suiteDir of findSuites(corpus)) {
  const suite = loadSuite(suiteDir)
  const cases = suite.cases.filter((c) => c.kind !== 'check')
  if (!cases.length) continue
  describe(`generated client: ${relative(corpus, suiteDir)}`, () => {
    let client: Client
    let params: Map<string, string[]>
    beforeAll(async () => {
      const files = { ...suite.files, 'baml_src/generators.baml': generatorBlock('  module_format esm\n') }
      const loaded = loadProject(files)
      if (!loaded.ir) throw new Error(`${suiteDir} does not load`)
      params = new Map([...loaded.ir.functions.values()].map((f) => [f.name, f.params.map((p) => p.name)]))
      const out = generateClients(loaded.ir, { runtime: bundle })
      expect(out.problems).toEqual([])
      const dir = tempProject({})
      dirs.push(dir)
      for (const [path, text] of Object.entries(out.clients[0]!.files)) {
        mkdirSync(dirname(join(dir, 'baml_client', path)), { recursive: true })
        writeFileSync(join(dir, 'baml_client', path), text)
      }
      client = (await import(pathToFileURL(join(dir, 'baml_client', 'index.ts')).href)) as Client
    }, 60_000)

    const run = async (c: GoldenCase): Promise<unknown> => {
      const opts = { env: { ...BASE_ENV, ...c.env } }
      if (c.kind === 'request' || c.kind === 'stream_request') {
        const args = (params.get(c.function) ?? []).map((p) => (c.args && p in c.args ? toArg(c.args[p]!, client) : undefined))
        const methods = c.kind === 'request' ? client.b.request : client.b.streamRequest
        const req = (await methods[c.function]!(...args, opts)) as { url: string; method: string; headers: Record<string, string>; body: { json(): unknown } }
        return { url: req.url, method: req.method, headers: lowerHeaders(req.headers), body: req.body.json() }
      }
      const methods = c.kind === 'parse' ? client.b.parse : client.b.parseStream
      return methods[c.function]!(c.text ?? '', opts)
    }

    for (const c of cases) {
      const exp = suite.expected.get(c.id)!
      it(`${c.kind} ${c.id}`, async () => {
        let actual: unknown
        let failure: unknown
        try {
          actual = await run(c)
        } catch (e) {
          failure = e
        }
        if (exp.error !== undefined) {
          expect(failure, `expected an error like: ${exp.error.split('\n')[0]}`).toBeDefined()
          return
        }
        if (failure) throw failure
        if (c.kind === 'request' || c.kind === 'stream_request') {
          const r = exp.result as { url: string; method: string; headers: Record<string, string>; body: unknown }
          expect(actual).toEqual({ url: r.url, method: r.method, headers: lowerHeaders(r.headers), body: r.body })
        } else {
          expect(actual).toEqual(exp.result === null ? null : exp.result)
        }
      })
    }
  })
}
