// The `baml init` wizard, driven through @clack/prompts' input and output streams: keys are typed
// when their question is on screen. Defaults (Enter through every question), custom answers, and
// Ctrl-C / Escape (nothing written).
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readBamlDirectory } from '../../cli/host.ts'
import type { GenerateHook } from '../../cli/init/generate-hook.ts'
import type { OutputType } from '../../cli/init/choices.ts'
import { BamlRuntime, checkProject, loadProject } from '../../core/index.ts'
import { KEY, drive, tempDir, tree, removeTempDirs } from './init-driver.ts'

const Q = {
  dest: 'Where should baml_src/ go?',
  language: 'Which language will call your BAML functions?',
  openapi: 'Which openapi-generator language',
  provider: 'Which LLM provider should the example function use?',
  model: 'Which model?',
  key: 'Which environment variable holds its API key?',
  generate: 'Generate the client (baml_client/) now?',
} as const

const ENTER_THROUGH = [Q.dest, Q.language, Q.provider, Q.model, Q.key].map((when) => ({ when, keys: KEY.enter }))

afterAll(removeTempDirs)

describe('baml init wizard', () => {
  it('Enter through every question writes the same files as --yes (the reference starter project)', async () => {
    const asked = tempDir()
    const r = await drive({}, { cwd: asked, steps: ENTER_THROUGH })
    expect(r.pending).toBe(0)
    expect(r.code).toBe(0)
    // Every question was shown with its default.
    for (const q of Object.values(Q).filter((q) => q !== Q.openapi && q !== Q.generate)) expect(r.stdout).toContain(q)
    expect(r.stdout).not.toContain(Q.generate) // no `baml generate` here to offer
    expect(r.stdout).toContain('Created a new BAML project in ./baml_src for TypeScript clients')

    const flagged = tempDir()
    expect((await drive({ yes: true }, { cwd: flagged })).code).toBe(0)
    expect(tree(asked)).toEqual(tree(flagged))
    expect(Object.keys(tree(asked))).toEqual(['baml_src/clients.baml', 'baml_src/generators.baml', 'baml_src/resume.baml'])
  })

  it('suggests the detected language first', async () => {
    const cwd = tempDir({ 'pyproject.toml': '' })
    const r = await drive({}, { cwd, steps: ENTER_THROUGH })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('found pyproject.toml')
    const gen = loadProject(readBamlDirectory(join(cwd, 'baml_src'))).ir!.generators[0]!
    expect([gen.outputType, gen.defaultClientMode]).toEqual(['python/pydantic', 'sync'])
  })

  it('custom answers shape generators.baml, clients.baml and the example function', async () => {
    const cwd = tempDir()
    const r = await drive(
      {},
      {
        cwd,
        steps: [
          { when: Q.dest, keys: 'services/extract' + KEY.enter },
          // typescript → typescript/react → python/pydantic
          { when: Q.language, keys: KEY.down + KEY.down + KEY.enter },
          // openai-responses → openai → anthropic
          { when: Q.provider, keys: KEY.down + KEY.down + KEY.enter },
          { when: Q.model, keys: 'claude-3-5-haiku-20241022' + KEY.enter },
          { when: Q.key, keys: 'TEAM_ANTHROPIC_KEY' + KEY.enter },
        ],
      },
    )
    expect(r.pending).toBe(0)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Created a new BAML project in services/extract/baml_src for Python clients')
    expect(r.stdout).toContain('Put your API key in TEAM_ANTHROPIC_KEY')
    expect(r.stdout).toContain('baml render ExtractResume --from services/extract/baml_src')

    const files = readBamlDirectory(join(cwd, 'services', 'extract', 'baml_src'))
    expect(checkProject(files)).toEqual([])
    const ir = loadProject(files).ir!
    expect(ir.generators[0]!.outputType).toBe('python/pydantic')
    const client = ir.clients.get(ir.functions.get('ExtractResume')!.client)!
    expect(client.provider).toBe('anthropic')
    expect(client.options.entries.map((e) => [e.key, e.value.kind === 'env' ? `env.${e.value.name}` : (e.value as { value: unknown }).value])).toEqual([
      ['model', 'claude-3-5-haiku-20241022'],
      ['api_key', 'env.TEAM_ANTHROPIC_KEY'],
    ])
    // The reference's clients are all still there.
    for (const name of ['CustomGPT5', 'CustomGPT5Mini', 'CustomGPT5Chat', 'CustomOpus4', 'CustomSonnet4', 'CustomHaiku', 'CustomFast', 'OpenaiFallback'])
      expect(ir.clients.has(name)).toBe(true)

    // The function renders offline and its request carries the key from the chosen variable.
    const rt = BamlRuntime.fromFiles('baml_src', files, { TEAM_ANTHROPIC_KEY: 'team-key-1' })
    expect(JSON.stringify(rt.renderPrompt('ExtractResume', { resume: 'Ada' }))).toContain('Ada')
    const req = await rt.buildRequest('ExtractResume', { resume: 'Ada' }, { exposeSecrets: true })
    expect(req.url).toBe('https://api.anthropic.com/v1/messages')
    expect(req.headers['x-api-key']).toBe('team-key-1')
    expect(req.body).toMatchObject({ model: 'claude-3-5-haiku-20241022' })
  })

  it('a provider whose default variable is kept is written as a "provider/model" shorthand', async () => {
    const cwd = tempDir()
    const r = await drive(
      {},
      {
        cwd,
        steps: [
          { when: Q.dest, keys: KEY.enter },
          { when: Q.language, keys: KEY.enter },
          { when: Q.provider, keys: KEY.down + KEY.down + KEY.down + KEY.enter }, // google-ai
          { when: Q.model, keys: KEY.enter },
          { when: Q.key, keys: KEY.enter },
        ],
      },
    )
    expect(r.code).toBe(0)
    const files = readBamlDirectory(join(cwd, 'baml_src'))
    expect(loadProject(files).ir!.functions.get('ExtractResume')!.client).toBe('google-ai/gemini-2.5-flash')
    expect(files['baml_src/clients.baml']).not.toContain('DefaultClient')
    const req = await BamlRuntime.fromFiles('baml_src', files, { GOOGLE_API_KEY: 'g-1' }).buildRequest('ExtractResume', { resume: 'Ada' })
    expect(req.url).toContain('gemini-2.5-flash')
  })

  it('a local Ollama model asks for no key', async () => {
    const cwd = tempDir()
    const r = await drive(
      {},
      {
        cwd,
        steps: [
          { when: Q.dest, keys: KEY.enter },
          { when: Q.language, keys: KEY.enter },
          { when: Q.provider, keys: KEY.up + KEY.enter }, // wraps to the last: ollama
          { when: Q.model, keys: 'qwen3:8b' + KEY.enter },
        ],
      },
    )
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain(Q.key)
    expect(r.stdout).not.toContain('Put your API key')
    const files = readBamlDirectory(join(cwd, 'baml_src'))
    expect(checkProject(files)).toEqual([])
    const req = await BamlRuntime.fromFiles('baml_src', files, {}).buildRequest('ExtractResume', { resume: 'Ada' })
    expect(req.url).toBe('http://localhost:11434/v1/chat/completions')
    expect(req.body).toMatchObject({ model: 'qwen3:8b' })
  })

  it('rest/openapi asks for the openapi-generator language', async () => {
    const cwd = tempDir()
    const r = await drive(
      {},
      {
        cwd,
        steps: [
          { when: Q.dest, keys: KEY.enter },
          { when: Q.language, keys: KEY.up + KEY.enter }, // wraps to the last: rest/openapi
          { when: Q.openapi, keys: 'java' + KEY.enter },
          { when: Q.provider, keys: KEY.enter },
          { when: Q.model, keys: KEY.enter },
          { when: Q.key, keys: KEY.enter },
        ],
      },
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('for java clients via OpenAPI')
    const gen = loadProject(readBamlDirectory(join(cwd, 'baml_src'))).ir!.generators[0]!
    expect(gen.onGenerate).toMatch(/^npx @openapitools\/openapi-generator-cli generate -i openapi\.yaml -g java -o \. .*mvn clean install$/)
  })

  it('re-asks when an answer is invalid', async () => {
    const cwd = tempDir({ 'taken/baml_src/main.baml': '' })
    const r = await drive(
      {},
      {
        cwd,
        steps: [
          { when: Q.dest, keys: 'taken' + KEY.enter },
          { when: 'taken/baml_src already exists', keys: KEY.backspace.repeat(5) + 'free' + KEY.enter },
          { when: Q.language, keys: KEY.enter },
          { when: Q.provider, keys: KEY.enter },
          { when: Q.model, keys: 'gpt 5' + KEY.enter },
          { when: 'a model name without spaces', keys: KEY.backspace.repeat(5) + 'gpt-5' + KEY.enter },
          { when: Q.key, keys: '1KEY' + KEY.enter },
          { when: 'an environment variable name', keys: KEY.backspace.repeat(4) + 'KEY_1' + KEY.enter },
        ],
      },
    )
    expect(r.pending).toBe(0)
    expect(r.code).toBe(0)
    expect(tree(join(cwd, 'taken'))).toEqual({ 'baml_src/main.baml': '' })
    const files = readBamlDirectory(join(cwd, 'free', 'baml_src'))
    const ir = loadProject(files).ir!
    const client = ir.clients.get(ir.functions.get('ExtractResume')!.client)!
    expect(client.provider).toBe('openai-responses')
    expect(JSON.stringify(strip(client.options))).toBe(JSON.stringify({ model: 'gpt-5', api_key: 'env.KEY_1' }))
  })

  for (const [name, key] of [
    ['Ctrl-C', KEY.ctrlC],
    ['Escape', '\x1b'],
  ] as const) {
    it(`${name} at a question cancels: exit 130, nothing written`, async () => {
      const cwd = tempDir({ 'package.json': '{}' })
      const r = await drive(
        {},
        {
          cwd,
          steps: [
            { when: Q.dest, keys: 'new-app' + KEY.enter },
            { when: Q.language, keys: KEY.enter },
            { when: Q.provider, keys: key },
          ],
        },
      )
      expect(r.pending).toBe(0)
      expect(r.code).toBe(130)
      expect(r.stdout).toContain('Cancelled: nothing was written.')
      expect(r.stdout).not.toContain('Created')
      expect(tree(cwd)).toEqual({ 'package.json': '{}' })
    })
  }

  it('Ctrl-C at the first question', async () => {
    const cwd = tempDir()
    const r = await drive({}, { cwd, steps: [{ when: Q.dest, keys: KEY.ctrlC }] })
    expect(r.code).toBe(130)
    expect(tree(cwd)).toEqual({})
  })

  it('asks nothing with --yes, with any flag, or without a terminal', async () => {
    for (const [opts, terminal] of [
      [{ yes: true }, true],
      [{ clientType: 'go' }, true],
      [{ dest: 'x' }, true],
      [{}, false],
    ] as const) {
      const cwd = tempDir()
      const r = await drive(opts, { cwd, terminal })
      expect(r.code).toBe(0)
      expect(r.stdout).not.toContain(Q.dest)
      expect(r.stdout).toContain('Created a new BAML project')
    }
  })

  describe('generate now (through the generate hook)', () => {
    // A `baml generate` stand-in that supports TypeScript only and records what it was asked to do.
    const hook = (calls: string[], code = 0): GenerateHook => ({
      supports: (t: OutputType) => t === 'typescript',
      run: async (dir) => {
        calls.push(dir)
        return code
      },
    })

    it('is offered when the language can be generated, and runs on the new baml_src by default', async () => {
      const cwd = tempDir()
      const calls: string[] = []
      const r = await drive({}, { cwd, generate: hook(calls), steps: [...ENTER_THROUGH, { when: Q.generate, keys: KEY.enter }] })
      expect(r.pending).toBe(0)
      expect(r.code).toBe(0)
      expect(calls).toEqual([join(cwd, 'baml_src')])
      expect(r.stdout).toContain('the client is in baml_client/')
      expect(r.stdout).not.toContain('not supported by this version')
    })

    it('answering No writes the project and says how to generate later', async () => {
      const cwd = tempDir()
      const calls: string[] = []
      const r = await drive({}, { cwd, generate: hook(calls), steps: [...ENTER_THROUGH, { when: Q.generate, keys: KEY.down + KEY.enter }] })
      expect(r.code).toBe(0)
      expect(calls).toEqual([])
      expect(r.stdout).toContain('baml generate')
      expect(Object.keys(tree(cwd))).toHaveLength(3)
    })

    it('is not offered for a language it cannot generate', async () => {
      const cwd = tempDir()
      const calls: string[] = []
      const steps = ENTER_THROUGH.map((s) => (s.when === Q.language ? { ...s, keys: KEY.down + KEY.down + KEY.enter } : s))
      const r = await drive({}, { cwd, generate: hook(calls), steps })
      expect(r.code).toBe(0)
      expect(r.stdout).not.toContain(Q.generate)
      expect(r.stdout).toContain('`baml generate` of python/pydantic clients is not supported by this version')
    })

    it('a failing generate keeps the files and passes its exit code on', async () => {
      const cwd = tempDir()
      const r = await drive({}, { cwd, generate: hook([], 1), steps: [...ENTER_THROUGH, { when: Q.generate, keys: KEY.enter }] })
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('baml generate failed')
      expect(Object.keys(tree(cwd))).toHaveLength(3)
    })
  })
})

/** A client's options as plain `key → value` (env refs as `env.NAME`). */
function strip(map: { entries: readonly { key: string; value: { kind: string; name?: string; value?: unknown } }[] }): Record<string, unknown> {
  return Object.fromEntries(map.entries.map((e) => [e.key, e.value.kind === 'env' ? `env.${e.value.name}` : e.value.value]))
}
