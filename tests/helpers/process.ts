// Running a program as a test does: a real process, its whole output collected, its exit code.
// One runner for every suite that starts the CLI (or anything else) as a process.
import { spawn, type ChildProcess } from 'node:child_process'

export interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface ProcessOptions {
  cwd: string
  /** The child's whole environment (callers merge over process.env themselves). */
  env: NodeJS.ProcessEnv
  /** Written to stdin, which is then closed (closed at once without it). */
  stdin?: string
  /** Called once the process is spawned (e.g. to signal it later). */
  onSpawn?: (child: ChildProcess) => void
  /** Called on each stdout chunk with everything read so far. */
  onStdout?: (all: string, child: ChildProcess) => void
  uid?: number
  gid?: number
}

/** Runs `cmd args` to completion, collecting its output. */
export function runProcess(cmd: string, args: readonly string[], opts: ProcessOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env,
      ...(opts.uid !== undefined ? { uid: opts.uid } : {}),
      ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
    })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d) => {
      stdout += d
      opts.onStdout?.(stdout, p)
    })
    p.stderr.on('data', (d) => (stderr += d))
    p.on('error', reject)
    p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
    p.stdin.end(opts.stdin)
    opts.onSpawn?.(p)
  })
}
