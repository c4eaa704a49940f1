// The CLI as a user runs it: a real process (Bun running cli/main.ts), real files, real exit codes.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeOpenAI, type FakeOpenAI } from '../runtime/openai-server.ts'
import { baml, demo, project } from './helpers.ts'

const RECIPE = '{"title": "Toast", "course": "MAIN", "serves": 2, "ingredients": [{"name": "bread", "quantity": 2, "unit": "slices"}], "steps": ["toast"]}'

describe('baml --version / --help', () => {
  it('prints the version', async () => {
    const r = await baml(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^baml-cli 0\.226\.2 \(baml-ts \d+\.\d+\.\d+\)\n$/)
  })
  it('lists the commands', async () => {
    const r = await baml(['--help'])
    expect(r.code).toBe(0)
    for (const c of ['check', 'render', 'request', 'parse', 'call']) expect(r.stdout).toContain(c)
  })
  it('rejects an unknown command as a usage error (exit 2)', async () => {
    const r = await baml(['frobnicate'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('unknown command `frobnicate`')
  })
})

describe('baml check', () => {
  it('passes a valid project', async () => {
    const r = await baml(['check', '--from', demo])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('0 errors')
  })
  it('reports errors with file:line:col and the source line, exit 1', async () => {
    const dir = project({ 'main.baml': 'class A {\n  b Bogus\n}\n' })
    const r = await baml(['check', '--from', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/error: .*Bogus/)
    // outside the working directory: the absolute path
    expect(r.stderr).toContain(`${join(dir, 'main.baml')}:2:5`)
    expect(r.stderr).toContain('2 |   b Bogus')
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/)
  })
  it('prints JSON with --json', async () => {
    const dir = project({ 'main.baml': 'class A {\n  b Bogus\n}\n' })
    const r = await baml(['check', '--from', dir, '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({ ok: false, errors: 1, files: 1 })
    expect(out.diagnostics[0]).toMatchObject({ severity: 'error', file: join(dir, 'main.baml'), line: 2, column: 5 })
  })
  it('fails clearly on a missing directory', async () => {
    const r = await baml(['check', '--from', '/nonexistent/baml_src'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('not found')
  })
})

describe('baml render / request', () => {
  it('renders chat messages for a person', async () => {
    const r = await baml(['render', 'ExtractRecipe', '--from', demo, '--args', '{"text": "Toast for two."}'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\[system\]\nYou turn cooking notes into structured recipes\.\n\n\[user\]\nToast for two\.\n/)
    expect(r.stdout).toContain('Answer in JSON using this schema:')
  })
  it('prints the request with the api key masked, or exposed on request', async () => {
    const masked = await baml(['request', 'ExtractRecipe', '--from', demo, '--args', '{"text": "x"}'])
    expect(masked.code).toBe(0)
    const req = JSON.parse(masked.stdout)
    expect(req.url).toBe('https://api.openai.com/v1/chat/completions')
    expect(req.headers.authorization).not.toContain('sk-cli-secret-123')
    expect(masked.stdout).not.toContain('sk-cli-secret-123')
    const exposed = JSON.parse((await baml(['request', 'ExtractRecipe', '--from', demo, '--args', '{"text": "x"}', '--expose-secrets'])).stdout)
    expect(exposed.headers.authorization).toBe('Bearer sk-cli-secret-123')
  })
  it('builds the streaming request and honours --client', async () => {
    const r = await baml(['request', 'ExtractRecipe', '--from', demo, '--args', '{"text": "x"}', '--stream', '--client', 'Careful'])
    expect(r.code).toBe(0)
    const req = JSON.parse(r.stdout)
    expect(req.url).toBe('https://api.anthropic.com/v1/messages')
    expect(req.body.stream).toBe(true)
  })
  it('reads --args-file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baml-args-'))
    writeFileSync(join(dir, 'args.json'), '{"text": "from a file"}')
    const r = await baml(['render', 'ExtractRecipe', '--from', demo, '--args-file', join(dir, 'args.json')])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('from a file')
  })
  it('explains bad arguments', async () => {
    for (const [args, msg, code] of [
      [['render', 'ExtractRecipe', '--from', demo, '--args', '{"text": 1}'], 'text', 1],
      [['render', 'ExtractRecipe', '--from', demo], 'text', 1],
      [['render', 'ExtractRecipe', '--from', demo, '--args', '{oops'], 'not valid JSON', 2],
      [['render', 'Missing', '--from', demo], 'does not exist', 1],
    ] as const) {
      const r = await baml([...args])
      expect(r.code).toBe(code)
      expect(r.stderr).toContain(msg)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
  })
})

describe('baml parse', () => {
  it('parses --text', async () => {
    const r = await baml(['parse', 'ExtractRecipe', '--from', demo, '--text', `Sure!\n${RECIPE}`])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ title: 'Toast', course: 'MAIN', serves: { value: 2 } })
  })
  it('parses stdin, and partial output with --stream', async () => {
    const r = await baml(['parse', 'ExtractRecipe', '--from', demo, '--stream'], { stdin: '{"title": "Toa' })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ title: 'Toa', course: null, ingredients: [] })
  })
  it('fails with the validation error and exit 1', async () => {
    const r = await baml(['parse', 'ExtractRecipe', '--from', demo, '--text', 'no idea'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('BamlValidationError')
    expect(r.stderr).toContain('no idea')
  })
})

describe('option values stay the strings typed', () => {
  const STR = 'function S(x: string) -> string {\n  client "openai/gpt-4o"\n  prompt #"{{ x }}"#\n}\n'
  it('--text keeps leading zeros, hex, trailing zeros and the empty string', async () => {
    const dir = project({ 'main.baml': STR })
    for (const text of ['007', '0x10', '1.50', '', '-0']) {
      const r = await baml(['parse', 'S', '--from', dir, `--text=${text}`])
      expect(r.code).toBe(0)
      expect(JSON.parse(r.stdout)).toBe(text)
    }
    const spaced = await baml(['parse', 'S', '--from', dir, '--text', '1e3'])
    expect(JSON.parse(spaced.stdout)).toBe('1e3')
  })
  it('--from accepts a directory whose name is a number', async () => {
    const dir = project({ 'main.baml': STR })
    const parent = join(dir, '..')
    const r = await baml(['check', '--from', '007'], { cwd: parent })
    // No such directory: a clear "not found" naming it, never a type error about a number.
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('007')
    expect(r.stderr).not.toContain('property must be of type string')
  })
})

describe('baml call', () => {
  let server: FakeOpenAI
  let dir: string
  beforeAll(async () => {
    server = await startFakeOpenAI()
    dir = project({
      'main.baml': `
client<llm> Local {
  provider openai-generic
  options {
    base_url "${server.url}"
    model "m"
  }
}
class Pair {
  a int
  b int
}
function Add(x: int) -> Pair {
  client Local
  prompt #"{{ x }} {{ ctx.output_format }}"#
}`,
    })
  })
  afterAll(() => server.close())

  it('prints the parsed result', async () => {
    server.replies = [{ content: '{"a": 1, "b": 2}' }]
    const r = await baml(['call', 'Add', '--from', dir, '--args', '{"x": 1}'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ a: 1, b: 2 })
  })
  it('streams partials to stderr and the final value to stdout', async () => {
    server.replies = [{ content: '{"a": 10, "b": 20}', chunks: ['{"a": 1', '0, "b"', ': 20}'] }]
    const r = await baml(['call', 'Add', '--from', dir, '--args', '{"x": 1}', '--stream'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ a: 10, b: 20 })
    const partials = r.stderr.trim().split('\n').map((l) => JSON.parse(l))
    expect(partials[partials.length - 1]).toEqual({ a: 10, b: 20 })
  })
  it('reports an HTTP failure with its class and status', async () => {
    server.replies = [{ status: 401 }]
    const r = await baml(['call', 'Add', '--from', dir, '--args', '{"x": 1}'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('BamlClientHttpError')
    expect(r.stderr).toContain('401')
  })
  it('says a connection failed without the meaningless status -100', async () => {
    // A port nothing listens on: take one from a server that is closed again.
    const probe = await startFakeOpenAI()
    const url = probe.url
    await probe.close()
    const down = project({
      'main.baml': `client<llm> Down {\n  provider openai-generic\n  options {\n    base_url "${url}"\n    model "m"\n  }\n}\nfunction F(x: int) -> int {\n  client Down\n  prompt #"{{ x }}"#\n}\n`,
    })
    const r = await baml(['call', 'F', '--from', down, '--args', '{"x": 1}'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('could not connect to')
    expect(r.stderr).not.toContain('-100')
  })
})
