// Running `baml` as a user does: a real process (Bun running cli/main.ts), real files, exit codes.
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { runProcess, type Run } from '../../helpers/process.ts'
import { ROOT } from './project.ts'

export const BUN = join(ROOT, 'node_modules', '.bin', 'bun')
export const MAIN = join(ROOT, 'cli', 'main.ts')

export type { Run }

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
  return runProcess(cmd, args, { cwd: opts.cwd ?? ROOT, env: cleanEnv(opts.env), ...(opts.onStdout ? { onStdout: opts.onStdout } : {}) })
}

export function baml(args: readonly string[], opts: RunOptions = {}): Promise<Run> {
  return runCommand(BUN, [MAIN, ...args], opts)
}
