// Running the CLI as a user does: a real process (Bun running cli/main.ts), real files, real exit codes.
import { spawn, type SpawnOptions } from 'node:child_process'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../../', import.meta.url))
export const bun = join(root, 'node_modules', '.bin', 'bun')
export const mainTs = join(root, 'cli', 'main.ts')
export const demo = join(root, 'scripts', 'demo', 'baml_src')

export interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  stdin?: string
  env?: Record<string, string>
  cwd?: string
  /** Called once the process is spawned (e.g. to signal it later). */
  onSpawn?: (p: ReturnType<typeof spawn>) => void
  uid?: number
  gid?: number
}

/** Runs `cmd args` to completion, collecting its output. */
export function runProcess(cmd: string, args: string[], opts: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const spawnOpts: SpawnOptions = {
      cwd: opts.cwd ?? root,
      env: { ...process.env, NO_COLOR: '1', OPENAI_API_KEY: 'sk-cli-secret-123', ...opts.env },
      ...(opts.uid !== undefined ? { uid: opts.uid } : {}),
      ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
    }
    const p = spawn(cmd, args, spawnOpts)
    let stdout = ''
    let stderr = ''
    p.stdout!.on('data', (d) => (stdout += d))
    p.stderr!.on('data', (d) => (stderr += d))
    p.on('error', reject)
    p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
    if (opts.stdin !== undefined) p.stdin!.end(opts.stdin)
    else p.stdin!.end()
    opts.onSpawn?.(p)
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
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'baml_src', name, '..'), { recursive: true })
    writeFileSync(join(dir, 'baml_src', name), text)
  }
  return join(dir, 'baml_src')
}
