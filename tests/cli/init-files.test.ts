// `baml init` without questions (flags, --yes, or no terminal): the files it writes against what the
// reference's `baml-cli init` wrote for the same flags (tests/golden/init, from scripts/golden-init.mjs),
// detection, refusals and exit codes.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readBamlDirectory } from '../../cli/host.ts'
import { BAML_VERSION, BamlRuntime, checkProject, loadProject, type BamlIR } from '../../core/index.ts'
import { binDir, drive, tempDir, tree, removeTempDirs } from './init-driver.ts'
import { GOLDEN } from '../helpers/golden.ts'

const GOLDEN_INIT = join(GOLDEN, 'init')

interface GoldenCase {
  readonly args: readonly string[]
  readonly cwdFiles: Record<string, string>
  readonly stdout: string
}

const CASES = readdirSync(GOLDEN_INIT).filter((n) => existsSync(join(GOLDEN_INIT, n, 'case.json')))

/** cac's option object for `init` flags as the golden case gives them. */
function options(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 1; i < args.length; i += 2) out[args[i]!.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = args[i + 1]!
  return out
}

/** The IR without source positions: what the files declare, not where. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip)
  if (v instanceof Map) return [...v.values()].map(strip)
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) if (!/span$/i.test(k)) out[k] = strip(x)
    return out
  }
  return v
}

function declarations(ir: BamlIR) {
  return {
    classes: strip(ir.classes),
    enums: strip(ir.enums),
    functions: strip(ir.functions),
    clients: strip(ir.clients),
    retryPolicies: strip(ir.retryPolicies),
    generators: strip(ir.generators),
    // Our example test case has its own (made-up) resume; it tests the same function.
    tests: ir.tests.map((t) => t.functions.map((f) => f.name)),
  }
}

function load(dir: string): BamlIR {
  const r = loadProject(readBamlDirectory(dir))
  if (!r.ir) throw new Error(`${dir} does not load: ${r.diagnostics.map((d) => d.message).join('; ')}`)
  return r.ir
}

afterAll(removeTempDirs)

describe('baml init --client-type T writes what the reference writes', () => {
  it.each(CASES)('%s', async (name) => {
    const golden = JSON.parse(readFileSync(join(GOLDEN_INIT, name, 'case.json'), 'utf8')) as GoldenCase
    const cwd = tempDir(golden.cwdFiles)
    const r = await drive(options(golden.args), { cwd })
    expect(r.code).toBe(0)
    expect(readdirSync(join(cwd, 'baml_src')).sort()).toEqual(['clients.baml', 'generators.baml', 'resume.baml'])
    const files = readBamlDirectory(join(cwd, 'baml_src'))
    expect(checkProject(files)).toEqual([])
    expect(declarations(load(join(cwd, 'baml_src')))).toEqual(declarations(load(join(GOLDEN_INIT, name, 'baml_src'))))
    // The message names the directory and the clients as the reference's does.
    const created = /Created new BAML project in (\S+) for (.+)/.exec(golden.stdout)!
    expect(r.stdout).toContain(`in ${created[1]} for `)
    if (created[2]!.includes('via OpenAPI')) expect(r.stdout).toContain(created[2])
  })

  it('writes the version from core/version.ts', async () => {
    const cwd = tempDir()
    expect((await drive({ yes: true }, { cwd })).code).toBe(0)
    expect(load(join(cwd, 'baml_src')).generators[0]!.version).toBe(BAML_VERSION)
  })

  it('renders the example function offline exactly as the reference project does', async () => {
    const cwd = tempDir()
    expect((await drive({ yes: true }, { cwd })).code).toBe(0)
    const args = { resume: 'Grace Example\ngrace@example.com\nSkills: COBOL' }
    const ours = BamlRuntime.fromFiles('baml_src', readBamlDirectory(join(cwd, 'baml_src')), {})
    const ref = BamlRuntime.fromFiles('baml_src', readBamlDirectory(join(GOLDEN_INIT, 'typescript', 'baml_src')), {})
    const prompt = ours.renderPrompt('ExtractResume', args)
    expect(prompt).toEqual(ref.renderPrompt('ExtractResume', args))
    expect(JSON.stringify(prompt)).toContain('Grace Example')
    expect(JSON.stringify(prompt)).toContain('experience: string[]')
  })
})

describe('baml init picks the output type like the reference', () => {
  const detect = JSON.parse(readFileSync(join(GOLDEN_INIT, 'detect.json'), 'utf8')) as Record<string, { markers: string[]; outputType: string }>
  it.each(Object.entries(detect))('markers: %s', async (_name, c) => {
    const cwd = tempDir(Object.fromEntries(c.markers.map((m) => [join('dest', m), m === 'package.json' ? '{}\n' : ''])))
    const r = await drive({ dest: 'dest' }, { cwd })
    expect(r.code).toBe(0)
    expect(load(join(cwd, 'dest', 'baml_src')).generators[0]!.outputType).toBe(c.outputType)
  })

  it('--client-type wins over detection', async () => {
    const cwd = tempDir({ 'package.json': '{}' })
    expect((await drive({ clientType: 'ruby/sorbet' }, { cwd })).code).toBe(0)
    expect(load(join(cwd, 'baml_src')).generators[0]!.outputType).toBe('ruby/sorbet')
  })

  it('reads the Go module path from go.mod in the destination', async () => {
    const cwd = tempDir({ 'svc/go.mod': 'module github.com/acme/svc\n\ngo 1.22\n' })
    const r = await drive({ dest: 'svc' }, { cwd })
    expect(r.code).toBe(0)
    const gen = load(join(cwd, 'svc', 'baml_src')).generators[0]!
    expect([gen.outputType, gen.clientPackageName, gen.onGenerate]).toEqual(['go', 'github.com/acme/svc', 'gofmt -w . && goimports -w .'])
    expect(r.stderr).not.toContain('go.mod')
  })

  it('warns when there is no go.mod, and writes the placeholder', async () => {
    const cwd = tempDir()
    const r = await drive({ clientType: 'go' }, { cwd })
    expect(r.code).toBe(0)
    expect(load(join(cwd, 'baml_src')).generators[0]!.clientPackageName).toBe('YOUR_PACKAGE_NAME')
    expect(r.stderr).toMatch(/No go\.mod found/)
  })

  it('runs openapi-generator directly when it is on PATH', async () => {
    const cwd = tempDir()
    const r = await drive({ clientType: 'rest/openapi', openapiClientType: 'ruby' }, { cwd, env: { PATH: binDir('openapi-generator', 'npx') } })
    expect(r.code).toBe(0)
    expect(load(join(cwd, 'baml_src')).generators[0]!.onGenerate).toBe(
      'openapi-generator generate -i openapi.yaml -g ruby -o . --additional-properties gemName=baml_client',
    )
  })

  it('falls back to npx, with a warning, when nothing is on PATH', async () => {
    const cwd = tempDir()
    const r = await drive({ clientType: 'rest/openapi', openapiClientType: 'kotlin' }, { cwd, env: { PATH: '' } })
    expect(r.code).toBe(0)
    expect(load(join(cwd, 'baml_src')).generators[0]!.onGenerate).toBe('npx @openapitools/openapi-generator-cli generate -i openapi.yaml -g kotlin -o .')
    expect(r.stderr).toMatch(/openapi-generator.*npx/)
  })
})

describe('baml init refuses', () => {
  it('an existing baml_src: exit 4, "BAML project already exists", nothing written', async () => {
    const ref = JSON.parse(readFileSync(join(GOLDEN_INIT, 'exists.json'), 'utf8')) as { status: number; stderr: string }
    const cwd = tempDir({ 'proj/baml_src/main.baml': 'class Keep {\n  a int\n}\n' })
    const before = tree(cwd)
    const r = await drive({ dest: 'proj', clientType: 'typescript' }, { cwd })
    expect(r.code).toBe(ref.status)
    expect(ref.stderr).toContain('BAML project already exists')
    expect(r.stderr).toContain('BAML project already exists')
    expect(r.stderr).toContain('proj/baml_src')
    expect(r.stdout).toBe('')
    expect(tree(cwd)).toEqual(before)
  })

  it('an existing baml_src on a terminal, before asking anything', async () => {
    const cwd = tempDir({ 'baml_src/main.baml': '' })
    const r = await drive({}, { cwd, terminal: true })
    expect(r.code).toBe(4)
    expect(r.stdout).not.toContain('Where should')
    expect(tree(cwd)).toEqual({ 'baml_src/main.baml': '' })
  })

  it('a baml_src that is a file', async () => {
    const cwd = tempDir({ baml_src: 'not a directory' })
    const r = await drive({ yes: true }, { cwd })
    expect(r.code).toBe(4)
    expect(tree(cwd)).toEqual({ baml_src: 'not a directory' })
  })

  it('an unknown --client-type: a usage error (exit 2), as the reference, nothing written', async () => {
    const ref = JSON.parse(readFileSync(join(GOLDEN_INIT, 'bad-client-type.json'), 'utf8')) as { status: number }
    const cwd = tempDir()
    const r = await drive({ dest: 'proj2', clientType: 'java' }, { cwd })
    expect(r.code).toBe(ref.status)
    expect(r.stderr).toContain("invalid value 'java' for --client-type")
    expect(r.stderr).toContain('python/pydantic/v1')
    expect(tree(cwd)).toEqual({})
  })

  it('an --openapi-client-type that would break the on_generate command', async () => {
    const cwd = tempDir()
    const r = await drive({ clientType: 'rest/openapi', openapiClientType: 'go; rm -rf ~' }, { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--openapi-client-type')
    expect(tree(cwd)).toEqual({})
  })

  it('a flag given twice (cac hands over an array): a usage error, as the reference', async () => {
    const cwd = tempDir()
    const r = await drive({ dest: ['a', 'b'] as unknown as string }, { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--dest can be given only once')
    expect(tree(cwd)).toEqual({})
  })

  it('a destination it cannot create: exit 4, and no half-written project', async () => {
    const cwd = tempDir()
    writeFileSync(join(cwd, 'file'), 'x')
    const r = await drive({ dest: 'file/sub', yes: true }, { cwd })
    expect(r.code).toBe(4)
    expect(r.stderr).toMatch(/cannot create file\/sub\/baml_src/)
    expect(tree(cwd)).toEqual({ file: 'x' })
  })
})

describe('baml init prints next steps for the language', () => {
  it('typescript: generate with this CLI, then call b', async () => {
    const cwd = tempDir()
    const r = await drive({ clientType: 'typescript', dest: 'app' }, { cwd })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('baml generate --from app/baml_src')
    expect(r.stdout).toContain("import { b } from './baml_client'")
    expect(r.stdout).not.toContain('not supported')
  })

  it('typescript/react: the plain TypeScript client is the way', async () => {
    const cwd = tempDir()
    const r = await drive({ clientType: 'typescript/react', dest: 'app' }, { cwd })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('set output_type "typescript" in generators.baml, then: baml generate')
  })

  it.each([
    ['python/pydantic', 'from baml_client.sync_client import b'],
    ['ruby/sorbet', 'Baml.Client.ExtractResume(resume: text)'],
    ['go', 'b.ExtractResume(ctx, text)'],
    ['rust', 'B.ExtractResume.call(text)'],
  ])('%s', async (clientType, usage) => {
    const cwd = tempDir()
    const r = await drive({ clientType, dest: 'app' }, { cwd })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(usage)
    expect(r.stdout).toContain(`\`baml generate\` of ${clientType} clients is not supported by this version`)
    expect(r.stdout).toContain("baml render ExtractResume --from app/baml_src --args '{")
    expect(r.stdout).toContain('OPENAI_API_KEY')
  })

  it('the render command it prints works, offline', async () => {
    const cwd = tempDir()
    const r = await drive({ yes: true }, { cwd })
    const args = /baml render ExtractResume --args '([^']+)'/.exec(r.stdout)![1]!
    const rt = BamlRuntime.fromFiles('baml_src', readBamlDirectory(join(cwd, 'baml_src')), {})
    expect(JSON.stringify(rt.renderPrompt('ExtractResume', JSON.parse(args) as Record<string, unknown>))).toContain('Ada Example')
  })
})
