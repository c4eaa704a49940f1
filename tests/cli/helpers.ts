// Running the CLI as a user does: a real process (Bun running cli/main.ts), real files, real exit codes.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runProcess as run, type Run } from '../helpers/process.ts'
import { writeTree } from '../helpers/files.ts'

export const root = fileURLToPath(new URL('../../', import.meta.url))
export const bun = join(root, 'node_modules', '.bin', 'bun')
export const mainTs = join(root, 'cli', 'main.ts')
export const demo = join(root, 'scripts', 'demo', 'baml_src')

export type { Run }

export interface RunOptions {
  stdin?: string
  env?: Record<string, string>
  cwd?: string
  /** Called once the process is spawned (e.g. to signal it later). */
  onSpawn?: (p: ChildProcess) => void
  uid?: number
  gid?: number
}

/** Runs `cmd args` to completion, collecting its output (no colour, a fake OpenAI key). */
export function runProcess(cmd: string, args: string[], opts: RunOptions = {}): Promise<Run> {
  return run(cmd, args, {
    ...opts,
    cwd: opts.cwd ?? root,
    env: { ...process.env, NO_COLOR: '1', OPENAI_API_KEY: 'sk-cli-secret-123', ...opts.env },
  })
}

/**
 * `baml ARGS` through Bun. `--no-env-file`: Bun itself would load a `.env` from the working
 * directory before the CLI runs; the built binary does not (scripts/build.mjs), and neither must this.
 */
export function baml(args: string[], opts: RunOptions = {}): Promise<Run> {
  return runProcess(bun, ['--no-env-file', mainTs, ...args], opts)
}

/** A fresh directory holding `baml_src/<name>` for each file; returns the baml_src path. */
export function project(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'baml-cli-'))
  mkdirSync(join(dir, 'baml_src'), { recursive: true })
  writeTree(join(dir, 'baml_src'), files)
  return join(dir, 'baml_src')
}
