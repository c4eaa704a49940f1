// The shared conformance corpus (tests/golden/conformance, produced by the reference runtime) run
// through the public runtime API: every request, stream_request, parse and parse_stream case.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BamlRuntime } from '../../core/index.ts'

const corpus = fileURLToPath(new URL('../golden/conformance/', import.meta.url))
const BASE_ENV = { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'ak-test', GOOGLE_API_KEY: 'gk-test', AZURE_OPENAI_API_KEY: 'az-test' }

interface Case {
  id: string
  kind: string
  function?: string
  args?: Record<string, unknown>
  text?: string
  env?: Record<string, string>
}
interface Expected {
  id: string
  result?: unknown
  error?: string
  ok?: boolean
}

function suites(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const d = join(dir, name)
    if (!statSync(d).isDirectory()) continue
    try {
      statSync(join(d, 'cases.json'))
      out.push(d)
    } catch {
      out.push(...suites(d))
    }
  }
  return out.sort()
}

function bamlFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const src = join(dir, 'baml_src')
  for (const f of readdirSync(src, { recursive: true }) as string[]) {
    const p = join(src, f)
    if (f.endsWith('.baml') && statSync(p).isFile()) files[['baml_src', ...relative(src, p).split(sep)].join('/')] = readFileSync(p, 'utf8')
  }
  return files
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]))
}

for (const dir of suites(corpus)) {
  const cases = (JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Case[]).filter((c) => c.kind !== 'check')
  if (!cases.length) continue
  const expected = new Map((JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected[]).map((e) => [e.id, e]))
  describe(relative(corpus, dir), () => {
    const rt = BamlRuntime.fromFiles(bamlFiles(dir), BASE_ENV)
    for (const c of cases) {
      const exp = expected.get(c.id)!
      it(`${c.kind} ${c.id}`, async () => {
        let actual: unknown
        let failure: unknown
        try {
          if (c.kind === 'request' || c.kind === 'stream_request') {
            const req = await rt.buildRequest(c.function!, c.args ?? {}, {
              stream: c.kind === 'stream_request',
              exposeSecrets: true,
              ...(c.env ? { env: c.env } : {}),
            })
            actual = { url: req.url, method: req.method, headers: lowerKeys(req.headers), body: req.body }
          } else {
            actual = rt.parse(c.function!, c.text ?? '', { partial: c.kind === 'parse_stream' })
          }
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
          expect(actual).toEqual({ url: r.url, method: r.method, headers: lowerKeys(r.headers), body: r.body })
        } else {
          expect(actual).toEqual(exp.result)
        }
      })
    }
  })
}
