// `baml generate` and `baml dev` as a user runs them: real processes, real directories.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { INIT_PROJECT, baml, bin, generatorBlock, root, tempProject } from './helpers.ts'

const dirs: string[] = []
function project(files: Readonly<Record<string, string>>): string {
  const dir = tempProject(files)
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const FN = `class Person {
  name string
}

function Extract(text: string) -> Person {
  client "openai/gpt-4o"
  prompt #"{{ text }} {{ ctx.output_format }}"#
}
`

/** Modification times of every file under dir, pushed into the past so rewrites show. */
function agedMtimes(dir: string): Map<string, number> {
  const out = new Map<string, number>()
  const old = new Date(Date.now() - 3_600_000)
  for (const f of readdirSync(dir)) {
    utimesSync(join(dir, f), old, old)
    out.set(f, statSync(join(dir, f)).mtimeMs)
  }
  return out
}

describe('baml generate', () => {
  it('writes baml_client, then rewrites only the files whose content changed', async () => {
    const dir = project({ 'baml_src/main.baml': FN, 'baml_src/generators.baml': generatorBlock() })
    const first = await baml(['generate'], dir)
    expect(first.code).toBe(0)
    expect(first.stderr).toContain('✔ baml_client: 16 files (16 written, 0 unchanged) [generator target, typescript]')
    const client = join(dir, 'baml_client')
    expect(readdirSync(client).sort()).toContain('runtime.mjs')
    expect(existsSync(`${client}.tmp`)).toBe(false)

    const before = agedMtimes(client)
    const again = await baml(['generate'], dir)
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('✔ baml_client: 16 files (no changes)')
    for (const [f, t] of before) expect(statSync(join(client, f)).mtimeMs, f).toBe(t)

    writeFileSync(join(dir, 'baml_src', 'main.baml'), FN.replace('name string', 'name string\n  age int'))
    const changed = await baml(['generate'], dir)
    expect(changed.code).toBe(0)
    const rewritten = [...before].filter(([f, t]) => statSync(join(client, f)).mtimeMs !== t).map(([f]) => f)
    expect(rewritten.sort()).toEqual(['partial_types.ts', 'project.mjs', 'type_builder.ts', 'types.ts'])
    expect(changed.stderr).toContain('(4 written, 12 unchanged)')
    expect(readFileSync(join(client, 'types.ts'), 'utf8')).toContain('  age: number\n')
  }, 60_000)

  it('refuses to replace a directory holding a file BAML did not write', async () => {
    const dir = project({ 'baml_src/main.baml': FN, 'baml_src/generators.baml': generatorBlock(), 'baml_client/notes.md': '# mine\n' })
    const r = await baml(['generate'], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('baml_client contains notes.md, which BAML did not generate')
    expect(readdirSync(join(dir, 'baml_client'))).toEqual(['notes.md'])
  }, 60_000)

  it('rejects unsupported output types by generator name and writes nothing', async () => {
    const py = 'generator pyclient {\n  output_type "python/pydantic"\n  output_dir "../py"\n  version "0.226.2"\n}\n'
    const dir = project({ 'baml_src/main.baml': FN, 'baml_src/generators.baml': generatorBlock() + py })
    const r = await baml(['generate'], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('generator pyclient: output_type "python/pydantic" is not supported by this version; use "typescript"')
    expect(existsSync(join(dir, 'baml_client'))).toBe(false)
    expect(existsSync(join(dir, 'py'))).toBe(false)
  }, 60_000)

  it('prints the project errors and writes nothing when it does not load', async () => {
    const dir = project({ 'baml_src/main.baml': FN.replace('name string', 'name strin'), 'baml_src/generators.baml': generatorBlock() })
    const r = await baml(['generate'], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('baml_src/main.baml:2')
    expect(existsSync(join(dir, 'baml_client'))).toBe(false)
  }, 60_000)

  it('warns when the generator version differs in major.minor, unless --no-version-check', async () => {
    const dir = project({ 'baml_src/main.baml': FN, 'baml_src/generators.baml': generatorBlock().replace('0.226.2', '0.210.0') })
    const r = await baml(['generate'], dir)
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('warning: generator target has version "0.210.0", but this is BAML 0.226.2')
    const quiet = await baml(['generate', '--no-version-check'], dir)
    expect(quiet.code).toBe(0)
    expect(quiet.stderr).not.toContain('warning')
  }, 60_000)

  it('writes to output_dir relative to baml_src and runs on_generate there', async () => {
    const extra = '  on_generate "echo done > ../on_generate.txt"\n'
    const dir = project({ 'baml_src/main.baml': FN, 'baml_src/generators.baml': generatorBlock(extra).replace('"../"', '"../out"') })
    const r = await baml(['generate', '--from', 'baml_src'], dir)
    expect(r.code).toBe(0)
    expect(existsSync(join(dir, 'out', 'baml_client', 'index.ts'))).toBe(true)
    expect(readFileSync(join(dir, 'out', 'on_generate.txt'), 'utf8').trim()).toBe('done')
  }, 60_000)

  it('fails when on_generate fails', async () => {
    const dir = project({ 'baml_src/main.baml': FN, 'baml_src/generators.baml': generatorBlock('  on_generate "exit 3"\n') })
    const r = await baml(['generate'], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('on_generate command `exit 3` failed (exit 3)')
  }, 60_000)

  it('without a generator block, writes a TypeScript client to ../baml_client and shows one to add', async () => {
    const dir = project({ 'baml_src/main.baml': FN })
    const r = await baml(['generate'], dir)
    expect(r.code).toBe(0)
    expect(existsSync(join(dir, 'baml_client', 'async_client.ts'))).toBe(true)
    expect(r.stderr).toContain('no generator block found')
    expect(r.stderr).toContain('output_type "typescript"')
  }, 60_000)
})

describe('baml dev', () => {
  it('generates, regenerates after a change, reports errors, and stops on Ctrl-C', async () => {
    const dir = project(INIT_PROJECT)
    const p = spawn(bin('bun'), [join(root, 'cli', 'main.ts'), 'dev'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } })
    let stderr = ''
    const seen = (text: string, from = 0) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(text)}; stderr so far:\n${stderr}`)), 30_000)
        const check = () => {
          const at = stderr.indexOf(text, from)
          if (at >= 0) {
            clearTimeout(timer)
            p.stderr.off('data', check)
            resolve(at + text.length)
          }
        }
        p.stderr.on('data', check)
        check()
      })
    p.stderr.on('data', (d) => (stderr += d))
    const exited = new Promise<number | null>((r) => p.on('close', r))
    try {
      let at = await seen('for changes (Ctrl-C to stop)')
      expect(readFileSync(join(dir, 'baml_client', 'types.ts'), 'utf8')).not.toContain('phone')

      writeFileSync(join(dir, 'baml_src', 'resume.baml'), INIT_PROJECT['baml_src/resume.baml']!.replace('  skills string[]', '  skills string[]\n  phone string?'))
      at = await seen('Reloaded in', at)
      expect(readFileSync(join(dir, 'baml_client', 'types.ts'), 'utf8')).toContain('  phone?: string | null')

      writeFileSync(join(dir, 'baml_src', 'resume.baml'), 'class Broken {\n  x strin\n}\n')
      at = await seen('Reloaded in', at)
      expect(stderr.slice(0, at)).toContain('Not generating until the errors above are fixed.')
      expect(readFileSync(join(dir, 'baml_client', 'types.ts'), 'utf8')).toContain('  phone?: string | null')
    } finally {
      p.kill('SIGINT')
    }
    expect(await exited).toBe(0)
    expect(stderr).toContain('Stopped watching.')
  }, 90_000)
})
