// Running `baml` as a user does: a real process (Bun running cli/main.ts), real files, exit codes.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './project.ts'

export const BUN = join(ROOT, 'node_modules', '.bin', 'bun')
export const MAIN = join(ROOT, 'cli', 'main.ts')

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  cwd?: string
  env?: Record<string, string>
  /** Called with the process once started (to send signals) and on each stdout chunk. */
  onStdout?: (all: string, child: ChildProcess) => void
}

/** The environment without anything that would change the runner's output (colours, CI, dotenv). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(FORCE_COLOR|CI|GITHUB_ACTIONS|TEST_MODEL_.*)$/.test(k)) env[k] = v
  return { ...env, NO_COLOR: '1', ...extra }
}

export function runCommand(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: cleanEnv(opts.env) })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d) => {
      stdout += d
      opts.onStdout?.(stdout, p)
    })
    p.stderr.on('data', (d) => (stderr += d))
    p.on('error', reject)
    p.on('close', (code) => resolve({ code, stdout, stderr }))
    p.stdin.end()
  })
}

export function baml(args: readonly string[], opts: RunOptions = {}): Promise<Run> {
  return runCommand(BUN, [MAIN, ...args], opts)
}
