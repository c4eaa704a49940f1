// `baml init` as a process (Bun running cli/main.ts): with pipes it asks nothing; in a real
// pseudo-terminal (util-linux `script`), its stdin and stdout are a terminal and the wizard asks its
// questions; keys are typed into the terminal when their question is on screen.
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { readBamlDirectory } from '../../cli/host.ts'
import { checkProject } from '../../core/index.ts'
import { runProcess, type Run } from '../helpers/process.ts'
import { KEY, stripAnsi, tempDir, tree, type Step, removeTempDirs } from './init-driver.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const bun = join(root, 'node_modules', '.bin', 'bun')
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux') ?? false
const needs = hasScript ? '' : ' (skipped: util-linux `script` is not installed)'
// Each test starts Bun processes: bun test's default 5 s per test is too short on a loaded machine.
const SLOW = 30_000

interface PtyRun {
  readonly code: number | null
  readonly screen: string
  readonly pending: number
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

/** Runs `baml init` on a pseudo-terminal in `cwd`, typing each step's keys once its text is on screen. */
function runInPty(cwd: string, steps: readonly Step[]): Promise<PtyRun> {
  const queue = [...steps]
  // A fixed window size: `script` gives the terminal none when its own stdin is not a terminal.
  const command = `stty cols 100 rows 40 2>/dev/null; exec ${shellQuote(bun)} ${shellQuote(join(root, 'cli', 'main.ts'))} init`
  return new Promise((resolve, reject) => {
    const p = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: '1', CI: '', OPENAI_API_KEY: '' },
    })
    let screen = ''
    let from = 0
    const timer = setTimeout(() => p.kill('SIGKILL'), 15000)
    p.stdout.on('data', (d: Buffer) => {
      screen += stripAnsi(d.toString())
      const step = queue[0]
      if (!step) return
      const at = typeof step.when === 'string' ? screen.indexOf(step.when, from) : screen.slice(from).search(step.when)
      if (at < 0) return
      from = (typeof step.when === 'string' ? at : from + at) + 1
      queue.shift()
      // Let the prompt finish drawing (and switch the terminal to raw mode) before typing.
      setTimeout(() => p.stdin.write(step.keys), 100)
    })
    p.on('error', reject)
    p.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, screen, pending: queue.length })
    })
  })
}

afterAll(removeTempDirs)

describe('baml init on a pseudo-terminal', () => {
  it.skipIf(!hasScript)(`Enter through the wizard writes the starter project${needs}`, async () => {
    const cwd = tempDir()
    const r = await runInPty(
      cwd,
      ['Where should baml_src/ go?', 'Which language', 'Which LLM provider', 'Which model?', 'Which environment variable', 'Generate the client'].map((when) => ({
        when,
        keys: KEY.enter,
      })),
    )
    expect(r.pending).toBe(0)
    expect(r.code).toBe(0)
    expect(r.screen).toContain('Created a new BAML project in ./baml_src for TypeScript clients')
    const files = Object.keys(tree(cwd))
    expect(files.filter((f) => f.startsWith('baml_src/'))).toEqual(['baml_src/clients.baml', 'baml_src/generators.baml', 'baml_src/resume.baml'])
    // "Generate now" (the default) ran `baml generate`.
    expect(files).toContain('baml_client/index.ts')
    expect(checkProject(readBamlDirectory(join(cwd, 'baml_src')))).toEqual([])
  }, SLOW)

  it.skipIf(!hasScript)(`Ctrl-C at a question exits 130 and writes nothing${needs}`, async () => {
    const cwd = tempDir()
    const r = await runInPty(cwd, [
      { when: 'Where should baml_src/ go?', keys: 'app' + KEY.enter },
      { when: 'Which language', keys: KEY.ctrlC },
    ])
    expect(r.pending).toBe(0)
    expect(r.code).toBe(130)
    expect(r.screen).toContain('Cancelled: nothing was written.')
    expect(tree(cwd)).toEqual({})
  }, SLOW)
})

function runPiped(cwd: string, args: string[]): Promise<Run> {
  return runProcess(bun, [join(root, 'cli', 'main.ts'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } })
}

describe('baml init with pipes (no terminal)', () => {
  it('asks nothing and writes the starter project (under a test runner too: output is not silenced)', async () => {
    const cwd = tempDir({ Gemfile: '' })
    const r = await runPiped(cwd, ['init'])
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain('Where should')
    expect(r.stdout).toContain('Created a new BAML project in ./baml_src for Ruby clients')
    expect(r.stdout).toContain('Next steps:')
    expect(checkProject(readBamlDirectory(join(cwd, 'baml_src')))).toEqual([])
  }, SLOW)

  it('exit 4 for an existing project, on stderr', async () => {
    const cwd = tempDir({ 'baml_src/a.baml': '' })
    const r = await runPiped(cwd, ['init', '--client-type', 'typescript'])
    expect(r.code).toBe(4)
    expect(r.stderr).toContain('BAML project already exists')
    expect(tree(cwd)).toEqual({ 'baml_src/a.baml': '' })
  }, SLOW)

  it('--help lists the flags', async () => {
    const r = await runPiped(tempDir(), ['init', '--help'])
    expect(r.code).toBe(0)
    for (const f of ['--dest', '--client-type', '--openapi-client-type', '--yes']) expect(r.stdout).toContain(f)
  }, SLOW)
})
