// `baml repl` as a person runs it: the CLI (Bun running cli/main.ts) in a real pseudo-terminal made
// by util-linux `script`, keys typed one step at a time, each step waiting for what the screen
// should show (generous timeouts: the machine is shared).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { startFileServer } from '../providers/helpers/server.ts'
import { sseEvent } from '../providers/helpers/wire.ts'
import { PROJECT, writeProject } from './helpers.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const bun = join(root, 'node_modules', '.bin', 'bun')
const haveScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0

interface Pty {
  readonly proc: ChildProcess
  /** Everything the terminal showed so far. */
  screen(): string
  type(keys: string): void
  /** Resolves when `pattern` shows up after everything waited for before. */
  waitFor(pattern: RegExp | string, ms?: number): Promise<void>
  exit: Promise<number | null>
}

function openPty(command: string, opts: { cwd: string; env: Record<string, string> }): Pty {
  const proc = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: opts.cwd,
    env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: '', ...opts.env },
  })
  let screen = ''
  proc.stdout!.on('data', (d: Buffer) => (screen += d.toString()))
  proc.stderr!.on('data', (d: Buffer) => (screen += d.toString()))
  const exit = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)))
  let seen = 0
  return {
    proc,
    screen: () => screen,
    type: (keys) => void proc.stdin!.write(keys),
    async waitFor(pattern, ms = 20_000) {
      const deadline = Date.now() + ms
      for (;;) {
        const rest = screen.slice(seen)
        const at = typeof pattern === 'string' ? rest.indexOf(pattern) : rest.search(pattern)
        if (at >= 0) {
          const len = typeof pattern === 'string' ? pattern.length : rest.slice(at).match(pattern)![0].length
          seen += at + len
          return
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; the terminal showed:\n${JSON.stringify(screen)}`)
        await new Promise((r) => setTimeout(r, 25))
      }
    },
    exit,
  }
}

const server = await startFileServer()
// Two pieces of a value, then nothing: the stream stays open until the client goes away.
let aborted = false
server.route('/slow/v1/chat/completions', (_req, res) => {
  res.on('close', () => (aborted = true))
  res.writeHead(200, { 'content-type': 'text/event-stream' })
  const chunk = (t: string) => sseEvent({ id: 'c', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta: { content: t }, finish_reason: null }] })
  res.write(chunk('{"name": "Part'))
  res.write(chunk('ial", "age": 4'))
})

describe.skipIf(!haveScript)('baml repl in a pseudo-terminal (util-linux script)', () => {
  it('completes, renders in colour, streams, cancels with Ctrl-C, keeps history', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const home = mkdtempSync(join(tmpdir(), 'baml-home-'))
    const t = openPty(`${bun} ${join(root, 'cli', 'main.ts')} repl --from ${dir}`, {
      cwd: dirname(dir),
      env: { HOME: home, LOCAL_URL: `${server.url}/slow/v1`, LOCAL_KEY: 'k' },
    })
    try {
      await t.waitFor('baml> ')
      t.type('ren\t')
      await t.waitFor('render ')
      t.type('Gr\t')
      await t.waitFor('Greet ')
      t.type('{ name "Ada" langs ["en"] }\r')
      // roles in colour on a terminal
      await t.waitFor('\x1b[1;35m[system]\x1b[0m')
      await t.waitFor('Say hello to Ada.')
      await t.waitFor('baml> ')
      t.type('stream Extract "x"\r')
      await t.waitFor('"Partial"')
      t.type('\x03')
      await t.waitFor('cancelled')
      await t.waitFor('baml> ')
      for (let i = 0; i < 100 && !aborted; i++) await new Promise((r) => setTimeout(r, 20))
      expect(aborted).toBe(true)
      t.type('classes\r')
      await t.waitFor(/Person.*name: string, age: int/)
      t.type(':quit\r')
      expect(await t.exit).toBe(0)
    } finally {
      t.proc.kill()
    }
    const history = readFileSync(join(home, '.baml_repl_history'), 'utf8')
    expect(history).toBe('render Greet { name "Ada" langs ["en"] }\nstream Extract "x"\nclasses\n:quit\n')
  }, 90_000)

  it('`baml` alone in a project opens the REPL; NO_COLOR turns colours off', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const home = mkdtempSync(join(tmpdir(), 'baml-home-'))
    expect(existsSync(join(dirname(dir), 'baml_src'))).toBe(true)
    const t = openPty(`${bun} ${join(root, 'cli', 'main.ts')}`, { cwd: dirname(dir), env: { HOME: home, NO_COLOR: '1', LOCAL_URL: 'http://127.0.0.1:9/v1' } })
    try {
      await t.waitFor('baml> ')
      t.type('render Greet { name "Plain" langs [] }\r')
      await t.waitFor('Say hello to Plain.')
      expect(t.screen()).toContain('[system]\r\n')
      expect(t.screen()).not.toContain('\x1b[1;35m')
      t.type('\x04')
      expect(await t.exit).toBe(0)
    } finally {
      t.proc.kill()
    }
  }, 60_000)
})
