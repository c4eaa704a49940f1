// Small pieces on their own: the flags of `baml test`, building a test's arguments, redaction and
// request keys of recordings, constraint evaluation.
import { describe, expect, it } from 'vitest'
import { BamlInvalidArgumentError, buildTestArgs, evaluateTestConstraints, loadProject, recordingFetch, replayFetch, requestKey, type BamlIR } from '../../core/index.ts'
import { parseTestOptions } from '../../cli/test/options.ts'

describe('baml test flags', () => {
  const opts = (raw: Record<string, unknown>) => parseTestOptions({ from: './baml_src', ...raw })
  it('defaults as the reference (but --from ./baml_src)', () => {
    const o = parseTestOptions({})
    expect(o).toMatchObject({ from: './baml_src', include: [], exclude: [], list: false, parallel: 10, passIfNoTests: false, requireHumanEval: false })
    expect([...o.reporters]).toEqual([])
  })
  it('repeatable -i/-x, arrays or single values', () => {
    expect(opts({ i: 'A', include: 'A' }).include).toEqual(['A'])
    expect(opts({ i: ['A', 'B::'], include: ['A', 'B::'], x: '::C', exclude: '::C' })).toMatchObject({ include: ['A', 'B::'], exclude: ['::C'] })
  })
  it('where reports go', () => {
    expect(opts({ reporter: 'junit' }).junitPath).toBe('junit-report.xml')
    expect(opts({ reporter: 'junit', output: 'r.xml' }).junitPath).toBe('r.xml')
    expect(opts({ reporter: 'json' }).jsonPath).toBeUndefined()
    expect(opts({ reporter: 'json', output: 'r.json' }).jsonPath).toBe('r.json')
    expect(opts({ reporter: ['junit', 'json'], output: 'r.xml' })).toMatchObject({ junitPath: 'r.xml' })
    expect(opts({ reporter: ['junit', 'json'], output: 'r.xml' }).jsonPath).toBeUndefined()
    expect(opts({ reporter: 'json,junit', junitPath: 'j.xml', output: 'r.json' })).toMatchObject({ junitPath: 'j.xml', jsonPath: 'r.json' })
    expect(opts({ junit: true }).junitPath).toBe('junit-report.xml')
    expect(opts({ junit: true, junitPath: 'x.xml' }).junitPath).toBe('x.xml')
    expect([...opts({ outputFormat: 'github' }).reporters]).toEqual(['github'])
  })
  it('rejects what makes no sense, with an argument error', () => {
    for (const raw of [
      { parallel: '0' },
      { parallel: '2.5' },
      { parallel: true },
      { parallel: ['1', '2'] },
      { reporter: 'tap' },
      { outputFormat: 'junit' },
      { output: 'x' },
      { reporter: 'junit', junitPath: 'a', output: 'b' },
      { reporter: ['json', 'github'] },
      { record: 'a', replay: 'b' },
      { record: true },
      { shard: '3/2' },
      { list: 'yes' },
      { frobnicate: true },
      { '--': ['extra'] },
    ]) {
      expect(() => opts(raw), JSON.stringify(raw)).toThrow(BamlInvalidArgumentError)
    }
    expect(() => opts({ noColour: true })).toThrow('unknown option --no-colour')
  })
})

function project(src: string): BamlIR {
  const r = loadProject({ 'baml_src/dir/main.baml': src })
  if (!r.ir) throw new Error(r.diagnostics.map((d) => d.message).join('\n'))
  return r.ir
}

describe('buildTestArgs', () => {
  const ir = project(`
class Page {
  title string
  scan image
  extra map<string, float>
}
function F(pages: Page[], doc: pdf | string, count: int | float, key: string, file: string, plain: map<string, string>) -> string {
  client "openai/gpt-4o"
  prompt #"{{ pages }}"#
}
test T {
  functions [F]
  args {
    pages [
      {
        title #"
          A
            B
        "#
        scan {
          file "scans/one.png"
        }
        extra {
          a 1.0
          b 2.5
        }
      }
    ]
    doc {
      url "https://example.com/a.pdf"
    }
    count 3.0
    key env.MY_KEY
    file "not media"
    plain {
      file "a map that looks like media"
    }
  }
}
`)
  const fn = ir.functions.get('F')!
  const t = ir.tests[0]!
  it('media where the type wants media (nested, in unions), floats boxed, block strings dedented', () => {
    const args = buildTestArgs(ir, fn, t, { env: { MY_KEY: 'k-1' }, resolveFile: (p) => `base/${p}` })
    expect(args.pages).toEqual([{ title: 'A\n  B', scan: { __baml_media: 'image', file: 'base/scans/one.png' }, extra: { a: expect.anything(), b: 2.5 } }])
    const extra = (args.pages as { extra: { a: { value: number } } }[])[0]!.extra
    expect(extra.a.value).toBe(1)
    expect(args.doc).toEqual({ __baml_media: 'pdf', url: 'https://example.com/a.pdf', mediaType: 'application/pdf' })
    expect((args.count as { value: number }).value).toBe(3)
    expect(args.key).toBe('k-1')
    expect(args.file).toBe('not media')
    expect(args.plain).toEqual({ file: 'a map that looks like media' })
  })
  it('an unset env.NAME argument is an argument error', () => {
    expect(() => buildTestArgs(ir, fn, t, {})).toThrow('environment variable MY_KEY is not set')
  })
})

describe('test constraints', () => {
  const c = (level: 'check' | 'assert', expression: string, label?: string) => ({ level, expression, ...(label ? { label } : {}) })
  it('see this, _.result, _.latency_ms, _.checks and the args; stop at a failing assert', () => {
    const r = evaluateTestConstraints(
      [c('check', 'this.n > 1', 'big'), c('check', '_.checks.big and _.latency_ms < 50', 'fast'), c('assert', '_.result.n == n'), c('assert', 'false', 'stop'), c('check', 'true', 'never')],
      { value: { n: 2 }, latencyMs: 10, args: { n: 2 } },
    )
    expect(r.checks).toEqual([
      { name: 'big', expression: 'this.n > 1', passed: true },
      { name: 'fast', expression: '_.checks.big and _.latency_ms < 50', passed: true },
    ])
    expect(r.failedAssert).toEqual({ label: 'stop', expression: 'false' })
  })
  it('an empty result is false; anything else not true/false is an error', () => {
    expect(evaluateTestConstraints([c('assert', 'this.missing', 'gone')], { value: {}, latencyMs: 0, args: {} }).failedAssert?.label).toBe('gone')
    expect(evaluateTestConstraints([c('assert', '1 + 1')], { value: {}, latencyMs: 0, args: {} }).error).toBe('`1 + 1` must be true or false, got 2')
    expect(evaluateTestConstraints([c('assert', 'this.a.b.c')], { value: {}, latencyMs: 0, args: {} }).error).toMatch(/^cannot evaluate `this.a.b.c`/)
  })
})

describe('recordings', () => {
  const answer = () => new Response('{"ok": true}', { status: 200, headers: { 'content-type': 'application/json', 'set-cookie': 'x=1' } })
  it('drop credential headers, redact credential query parameters and secret values', async () => {
    const { fetch: f, session } = recordingFetch((async () => answer()) as unknown as typeof fetch, ['s3cr3t-value'])
    await (await f('https://host/v1/models/m:generate?key=abc&alt=sse', { method: 'POST', headers: { 'x-goog-api-key': 'abc', authorization: 'Bearer s3cr3t-value', 'x-custom': 'has s3cr3t-value inside', 'content-type': 'application/json' }, body: '{"prompt": "hi s3cr3t-value"}' })).text()
    const ex = session.exchanges[0]!
    expect(ex.request.url).toBe('https://host/v1/models/m:generate?key=%3Credacted%3E&alt=sse')
    expect(ex.request.headers).toEqual({ 'content-type': 'application/json', 'x-custom': 'has <redacted> inside' })
    expect(ex.request.json).toEqual({ prompt: 'hi <redacted>' })
    expect(ex.response).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, json: { ok: true } })
    expect(JSON.stringify(session.recording('F', 'T'))).not.toContain('s3cr3t-value')
  })
  it('keys ignore the origin, headers and JSON key order, not the path or body', async () => {
    const k = (url: string, body: string) => requestKey('POST', url, body)
    expect(await k('http://127.0.0.1:1/v1/chat', '{"a":1,"b":2}')).toBe(await k('https://api.example.com/v1/chat', '{"b": 2, "a": 1}'))
    expect(await k('http://h/v1/chat', '{"a":1}')).not.toBe(await k('http://h/v2/chat', '{"a":1}'))
    expect(await k('http://h/v1/chat', '{"a":1}')).not.toBe(await k('http://h/v1/chat', '{"a":2}'))
  })
  it('replay serves the n-th identical request the n-th recorded answer, then the last again', async () => {
    let n = 0
    const { fetch: rec, session } = recordingFetch((async () => new Response(`answer ${++n}`, { status: n === 1 ? 500 : 200 })) as unknown as typeof fetch)
    for (let i = 0; i < 2; i++) await (await rec('http://h/x', { method: 'POST', body: 'same' })).text()
    const { fetch: play } = replayFetch('F::T', session.recording('F', 'T'))
    const got = []
    for (let i = 0; i < 3; i++) {
      const r = await play('http://elsewhere/x', { method: 'POST', body: 'same' })
      got.push(`${r.status} ${await r.text()}`)
    }
    expect(got).toEqual(['500 answer 1', '200 answer 2', '200 answer 2'])
  })
})
