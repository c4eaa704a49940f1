// Record against the local server, then replay with the server gone and no API key: same results,
// no network, clear misses. Recordings are plain JSON files without secrets.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseTestFilter, runTests, selectTests, type Recording, type TestRunReport } from '../../core/index.ts'
import { fileRecordingStore, recordingPath } from '../../cli/test/recordings.ts'
import { startModelServer, type ModelServer } from './helpers/model-server.ts'
import { FIXTURES, KEY, loadRuntime, LOCAL_CLIENT, modelEnv, tempDir, tempProject } from './helpers/project.ts'

// Each test spawns processes or runs whole suites; the machine may be busy (bun's default is 5 s).
const SLOW = 120_000

const RUNNER = join(FIXTURES, 'runner', 'baml_src')
const noNetwork = (() => {
  throw new Error('the network was used while replaying')
}) as unknown as typeof fetch

const outcomes = (r: TestRunReport) => r.results.map((x) => [x.key, x.outcome, x.reason?.kind ?? null, JSON.stringify(x.value ?? null)])

let server: ModelServer
let url: string
const dir = tempDir()
let recorded: TestRunReport

beforeAll(async () => {
  server = await startModelServer()
  url = server.url
  const env = modelEnv(url)
  const rt = await loadRuntime(RUNNER, env)
  recorded = await runTests(rt, selectTests(rt.ir), { env, record: fileRecordingStore(dir) })
  await server.close()
}, SLOW)
afterAll(() => server.close())

const read = (fn: string, test: string): Recording => JSON.parse(readFileSync(recordingPath(dir, fn, test), 'utf8')) as Recording

describe('--record', () => {
  it('writes one JSON file per test, under its function', () => {
    expect(readdirSync(dir).sort()).toEqual(['Describe', 'DescribeShape', 'Echo', 'ExtractPerson', 'Shout'])
    expect(readdirSync(join(dir, 'ExtractPerson')).length).toBe(10)
    const rec = read('ExtractPerson', 'Passes')
    expect(rec.format).toBe('baml-test-recording/1')
    expect([rec.function, rec.test]).toEqual(['ExtractPerson', 'Passes'])
    expect(rec.exchanges.length).toBe(1)
    const ex = rec.exchanges[0]!
    expect(ex.key).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(ex.request.method).toBe('POST')
    expect(ex.request.url).toBe(`${url}/chat/completions`)
    expect((ex.request.json as { stream: boolean }).stream).toBe(true)
    expect(ex.response.status).toBe(200)
  }, SLOW)
  it('keeps the streamed chunks in order', () => {
    const ex = read('ExtractPerson', 'Passes').exchanges[0]!
    expect(ex.response.headers['content-type']).toBe('text/event-stream')
    const chunks = ex.response.chunks!
    expect(chunks.length).toBeGreaterThan(0)
    const text = chunks
      .join('')
      .split('\n\n')
      .filter((e) => e.startsWith('data: {'))
      .map((e) => (JSON.parse(e.slice(6)) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
      .join('')
    expect(text).toBe('{"name": "Alice", "age": 30}')
  }, SLOW)
  it('keeps error responses as JSON', () => {
    const ex = read('ExtractPerson', 'ServerError').exchanges[0]!
    expect(ex.response.status).toBe(500)
    expect(ex.response.json).toEqual({ error: { message: 'failure 500 on purpose', type: 'server_error' } })
  }, SLOW)
  it('never writes the API key', () => {
    for (const fn of readdirSync(dir)) {
      for (const f of readdirSync(join(dir, fn))) {
        const text = readFileSync(join(dir, fn, f), 'utf8')
        expect(text).not.toContain(KEY)
        expect(text.toLowerCase()).not.toContain('authorization')
      }
    }
  }, SLOW)
})

describe('--replay', () => {
  it('gives the recorded results with the server gone and no key, without touching the network', async () => {
    // no TEST_MODEL_KEY: the key is not needed to replay
    const env = { TEST_MODEL_URL: url }
    const rt = await loadRuntime(RUNNER, env)
    const replayed = await runTests(rt, selectTests(rt.ir), { env, replay: fileRecordingStore(dir), fetch: noNetwork })
    expect(outcomes(replayed)).toEqual(outcomes(recorded))
    expect(replayed.summary.usage).toEqual(recorded.summary.usage)
  }, SLOW)
  it('streams partial values from the recorded chunks', async () => {
    const env = { TEST_MODEL_URL: url }
    const rt = await loadRuntime(RUNNER, env)
    const partials: unknown[] = []
    const r = await runTests(rt, selectTests(rt.ir, parseTestFilter(['ExtractPerson::Passes'])), {
      env,
      replay: fileRecordingStore(dir),
      fetch: noNetwork,
      onPartial: (p) => partials.push(p),
    })
    expect(r.results[0]!.outcome).toBe('passed')
    expect(partials.length).toBeGreaterThan(1)
  }, SLOW)
  it('fails a test that was never recorded: "no recording for Fn::Test, run with --record"', async () => {
    const src = `${LOCAL_CLIENT}\nfunction Echo(note: string) -> string {\n  client Local\n  prompt #"REPLY<<<{{ note }}>>>"#\n}\ntest Fresh {\n  functions [Echo]\n  args {\n    note "hi"\n  }\n}\n`
    const env = { TEST_MODEL_URL: url }
    const rt = await loadRuntime(tempProject({ 'main.baml': src }), env)
    const r = await runTests(rt, selectTests(rt.ir), { env, replay: fileRecordingStore(tempDir()), fetch: noNetwork })
    expect(r.results[0]!.outcome).toBe('failed')
    expect(r.results[0]!.reason).toEqual({ kind: 'no_recording', message: 'no recording for Echo::Fresh, run with --record' })
  }, SLOW)
  it('fails a test whose request changed since it was recorded, saying so', async () => {
    const store = tempDir()
    const rec = read('Echo', 'IntStaysInt')
    const copy = { ...rec, exchanges: rec.exchanges.map((e) => ({ ...e, key: 'sha256:' + '0'.repeat(64) })) }
    const path = recordingPath(store, 'Echo', 'IntStaysInt')
    await fileRecordingStore(store).write(copy)
    expect(existsSync(path)).toBe(true)
    const env = { TEST_MODEL_URL: url }
    const rt = await loadRuntime(RUNNER, env)
    const r = await runTests(rt, selectTests(rt.ir, parseTestFilter(['Echo::IntStaysInt'])), { env, replay: fileRecordingStore(store), fetch: noNetwork })
    expect(r.results[0]!.reason?.kind).toBe('no_recording')
    expect(r.results[0]!.reason?.message).toMatch(/^no recording for Echo::IntStaysInt matches this request \(POST .*\/chat\/completions\); the prompt, arguments or client changed/)
  }, SLOW)
  it('a recorded stream that broke off breaks off again', async () => {
    const store = tempDir()
    const rec = read('Echo', 'IntStaysInt')
    const ex = rec.exchanges[0]!
    const all = ex.response.chunks!.join('')
    const cut = { ...rec, exchanges: [{ ...ex, response: { ...ex.response, chunks: [all.slice(0, all.indexOf('"5|') + 2)], incomplete: true } }] }
    await fileRecordingStore(store).write(cut)
    const env = { TEST_MODEL_URL: url }
    const rt = await loadRuntime(RUNNER, env)
    const r = await runTests(rt, selectTests(rt.ir, parseTestFilter(['Echo::IntStaysInt'])), { env, replay: fileRecordingStore(store), fetch: noNetwork })
    expect(r.results[0]!.outcome).toBe('failed')
    expect(r.results[0]!.reason?.kind).toBe('http')
  }, SLOW)
  it('a file that is not a recording fails its test with a clear reason', async () => {
    const store = tempDir()
    await fileRecordingStore(store).write(read('Echo', 'IntStaysInt'))
    writeFileSync(recordingPath(store, 'Echo', 'IntStaysInt'), '{"format": "something else"}')
    const env = { TEST_MODEL_URL: url }
    const rt = await loadRuntime(RUNNER, env)
    const r = await runTests(rt, selectTests(rt.ir, parseTestFilter(['Echo::IntStaysInt'])), { env, replay: fileRecordingStore(store), fetch: noNetwork })
    expect(r.results[0]!.reason?.kind).toBe('error')
    expect(r.results[0]!.reason?.message).toContain('is not a baml test recording')
  }, SLOW)
})
