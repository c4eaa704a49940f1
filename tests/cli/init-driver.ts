// Drives `baml init` in-process: stdin/stdout/stderr are streams, keys are typed when the question
// they answer is on screen (as a person would), and the run's exit code and text come back.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { initCommand, type InitIO, type InitOptions } from '../../cli/commands/init.ts'
import type { GenerateHook } from '../../cli/init/generate-hook.ts'
import { writeTree } from '../helpers/files.ts'

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03', backspace: '\x7f' } as const

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]/g

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '')
}

/** Type `keys` once `when` appears on screen (after where the previous step matched). */
export interface Step {
  readonly when: string | RegExp
  readonly keys: string
}

export interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  /** Steps whose `when` never appeared. */
  readonly pending: number
}

class Collect extends Writable {
  text = ''
  columns = 100
  rows = 40
  constructor(private readonly onText: () => void = () => {}) {
    super()
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += stripAnsi(chunk.toString())
    this.onText()
    done()
  }
}

const made: string[] = []

/** Removes every directory tempDir made (call from afterAll). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true })
}

export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'baml-init-'))
  made.push(dir)
  writeTree(dir, files)
  return dir
}

/** A directory on PATH holding an executable named `name` (what openapi-generator detection looks for). */
export function binDir(...names: string[]): string {
  const dir = tempDir()
  for (const n of names) writeFileSync(join(dir, n), '#!/bin/sh\nexit 0\n', { mode: 0o755 })
  return dir
}

export interface DriveOptions {
  readonly cwd: string
  readonly terminal?: boolean
  readonly steps?: readonly Step[]
  readonly env?: Record<string, string>
  readonly generate?: GenerateHook
}

export async function drive(opts: InitOptions, d: DriveOptions): Promise<Run> {
  const steps = [...(d.steps ?? [])]
  const stdin = new PassThrough()
  let from = 0
  const stdout: Collect = new Collect(() => {
    const step = steps[0]
    if (!step) return
    const rest = stdout.text.slice(from)
    const at = typeof step.when === 'string' ? rest.indexOf(step.when) : rest.search(step.when)
    if (at < 0) return
    from += at + 1
    steps.shift()
    // After the render that showed the question: the prompt is listening by then.
    setImmediate(() => stdin.write(step.keys))
  })
  const stderr = new Collect()
  const io: InitIO = {
    stdin,
    stdout,
    stderr,
    terminal: d.terminal ?? true,
    cwd: d.cwd,
    env: { PATH: binDir('npx'), ...d.env },
    generate: d.generate,
  }
  const code = await initCommand(opts, io)
  stdin.end()
  return { code, stdout: stdout.text, stderr: stderr.text, pending: steps.length }
}

/** Every file under `dir` with its text, keyed by path relative to `dir` ('/' separators). */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name
      if (statSync(join(dir, r)).isDirectory()) walk(r)
      else out[r] = readFileSync(join(dir, r), 'utf8')
    }
  }
  walk('')
  return out
}
