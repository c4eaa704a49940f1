// A user's first hour, end to end: `baml init --yes` in a TypeScript project, `baml generate`, the
// client type-checked with `tsc --strict`, and one script calling b.X, b.stream.X, b.request.X,
// b.parse.X and the sync client against a local model server under Node (tsc-compiled), Bun and
// Deno, which must all print the same values. The user adds `module_format esm` (the project is an
// ES module package) and a client for the local server.
import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeOpenAI, type FakeOpenAI } from '../runtime/openai-server.ts'
import { baml, bin, exec, LOCAL_CLIENT, root, tempProject } from './helpers.ts'

const RESUME = { name: 'Ada Lovelace', email: 'ada@example.com', experience: ['Analyst'], skills: ['math', 'poetry'] }

const SCRIPT = `import { b, type Resume, type partial_types } from './baml_client/index.js'
import { b as bSync } from './baml_client/sync_client.js'

const text = 'Ada Lovelace, ada@example.com'
const opts = { client: 'Local' }

const called: Resume = await b.ExtractResume(text, opts)

const stream = b.stream.ExtractResume(text, opts)
const partials: partial_types.Resume[] = []
for await (const p of stream) partials.push(p)
const streamed: Resume = await stream.getFinalResponse()

const request = await b.request.ExtractResume(text)
const streamRequest = await b.stream_request.ExtractResume(text)

const parsed: Resume = b.parse.ExtractResume('{"name": "A", "email": "a@b.c", "experience": [], "skills": ["x"]}')
const partial: partial_types.Resume = b.parseStream.ExtractResume('{"name": "A", "skills": ["x", "y')

const syncCalled: Resume = bSync.ExtractResume(text, opts)
const syncRequest = bSync.request.ExtractResume(text)

let syncError = ''
try {
  bSync.ExtractResume(text, { client: 'Local', env: { LOCAL_LLM_URL: 'http://127.0.0.1:9/v1' } })
} catch (e) {
  syncError = (e as Error).name
}

console.log(JSON.stringify({
  called,
  streamed,
  sawPartials: partials.length > 0 && partials.every((p) => Array.isArray(p.skills)),
  request: { url: request.url, method: request.method, auth: request.headers['authorization'], body: request.body.json() },
  streamRequest: { stream: streamRequest.body.json().stream },
  parsed,
  partial,
  syncCalled,
  syncRequest: { url: syncRequest.url, body: syncRequest.body.json() },
  syncError,
}))
`

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM'],
    types: [],
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitReturns: true,
    skipLibCheck: false,
    noEmit: true,
  },
  include: ['script.ts', 'baml_client'],
}

describe('init → generate → tsc --strict → run under Node, Bun and Deno', () => {
  let server: FakeOpenAI
  let dir: string
  beforeAll(async () => {
    server = await startFakeOpenAI()
    server.replies = [{ content: JSON.stringify(RESUME) }]
    dir = tempProject({ 'script.ts': SCRIPT, 'package.json': '{ "type": "module" }\n', 'tsconfig.json': JSON.stringify(TSCONFIG, null, 2) })
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(`${dir}-node`, { recursive: true, force: true })
  })

  const env = () => ({ LOCAL_LLM_URL: server.url, OPENAI_API_KEY: 'sk-e2e-key' })
  const outputs: Record<string, unknown> = {}

  it('init --yes writes a TypeScript project', async () => {
    const r = await baml(['init', '--yes'], dir)
    expect(r.code).toBe(0)
    expect(readFileSync(join(dir, 'baml_src', 'generators.baml'), 'utf8')).toContain('output_type "typescript"')
    const gen = join(dir, 'baml_src', 'generators.baml')
    writeFileSync(gen, readFileSync(gen, 'utf8').replace('default_client_mode async', 'default_client_mode async\n  module_format esm'))
    appendFileSync(join(dir, 'baml_src', 'clients.baml'), LOCAL_CLIENT)
  }, 60_000)

  it('generates baml_client and says what it wrote', async () => {
    const r = await baml(['generate'], dir)
    expect(r.stderr).toMatch(/✔ baml_client: 16 files \(16 written, 0 unchanged\)/)
    expect(r.stderr).toMatch(/Generated 1 client in \d+ ms/)
    expect(r.code).toBe(0)
  }, 60_000)

  // One tsc run both checks the client (strict, no unused names) and compiles it for Node, in a copy
  // of the project so that Bun and Deno still run the TypeScript sources.
  const nodeDir = () => `${dir}-node`
  it('type-checks with tsc --strict (and compiles for Node)', async () => {
    cpSync(dir, nodeDir(), { recursive: true })
    const config = JSON.parse(readFileSync(join(nodeDir(), 'tsconfig.json'), 'utf8'))
    config.compilerOptions.noEmit = false
    writeFileSync(join(nodeDir(), 'tsconfig.json'), JSON.stringify(config))
    const r = await exec(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: nodeDir() })
    expect(r.stdout + r.stderr).toBe('')
    expect(r.code).toBe(0)
  }, 60_000)

  it('runs under Bun', async () => {
    const r = await exec(bin('bun'), ['script.ts'], { cwd: dir, env: env() })
    expect(r.stderr).toBe('')
    outputs.bun = JSON.parse(r.stdout)
  }, 60_000)

  it('runs under Deno', async () => {
    const r = await exec(bin('deno'), ['run', '--quiet', '--no-config', '--unstable-sloppy-imports', '--allow-read', '--allow-env', '--allow-net=127.0.0.1', 'script.ts'], {
      cwd: dir,
      env: { ...env(), DENO_NO_UPDATE_CHECK: '1' },
    })
    expect(r.stderr).toBe('')
    outputs.deno = JSON.parse(r.stdout)
  }, 60_000)

  it('runs under Node (compiled by tsc)', async () => {
    const r = await exec(process.execPath, ['script.js'], { cwd: nodeDir(), env: env() })
    expect(r.stderr).toBe('')
    outputs.node = JSON.parse(r.stdout)
  }, 60_000)

  it('gives the same, correct values everywhere', () => {
    expect(Object.keys(outputs).sort()).toEqual(['bun', 'deno', 'node'])
    const bun = outputs.bun as Record<string, any>
    expect(outputs.node).toEqual(bun)
    expect(outputs.deno).toEqual(bun)
    expect(bun.called).toEqual(RESUME)
    expect(bun.streamed).toEqual(RESUME)
    expect(bun.syncCalled).toEqual(RESUME)
    expect(bun.sawPartials).toBe(true)
    // init's ExtractResume uses "openai-responses/gpt-5-mini"
    expect(bun.request.url).toBe('https://api.openai.com/v1/responses')
    expect(bun.request.method).toBe('POST')
    expect(bun.request.auth).toBe('Bearer sk-e2e-key')
    expect(bun.request.body.model).toBe('gpt-5-mini')
    expect(JSON.stringify(bun.request.body.input)).toContain('Ada Lovelace, ada@example.com')
    expect(bun.streamRequest.stream).toBe(true)
    expect(bun.syncRequest).toEqual({ url: bun.request.url, body: bun.request.body })
    expect(bun.parsed).toEqual({ name: 'A', email: 'a@b.c', experience: [], skills: ['x'] })
    expect(bun.partial).toEqual({ name: 'A', email: null, experience: [], skills: ['x', 'y'] })
    expect(bun.syncError).toBe('BamlClientHttpError')
  })
})
