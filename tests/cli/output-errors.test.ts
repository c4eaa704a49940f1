// Writing output that cannot be written: a reader that stops early, a full disk, a closed stdout.
// Real processes with real descriptors (a pipe closed by the reader, /dev/full, `>&-`).
import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bun, demo, mainTs, root, runProcess } from './helpers.ts'

/** Each test runs the CLI as processes: generous for Bun's test runner on a loaded machine. */
const SLOW = 60_000

const argsFile = join(mkdtempSync(join(tmpdir(), 'baml-out-')), 'big.json')
// Big enough to fill a pipe many times over: the CLI is still writing when the reader goes away.
writeFileSync(argsFile, JSON.stringify({ text: 'x'.repeat(400_000) }))
const render = ['render', 'ExtractRecipe', '--from', demo, '--args-file', argsFile]
const env = { ...process.env, NO_COLOR: '1' }

interface Exit {
  code: number | null
  stderr: string
}

/** Runs the CLI with stdout set up by `stdout` (a descriptor or 'pipe' read by `onStdout`). */
function runWith(args: string[], stdout: number | 'pipe', onStdout?: (p: ReturnType<typeof spawn>) => void): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const p = spawn(bun, ['--no-env-file', mainTs, ...args], { cwd: root, env, stdio: ['ignore', stdout, 'pipe'] })
    let stderr = ''
    p.stderr!.on('data', (d) => (stderr += d))
    p.on('error', reject)
    p.on('close', (code) => resolve({ code, stderr }))
    onStdout?.(p)
  })
}

describe('stdout closed by its reader (`baml render F | head -c 20`)', () => {
  it('ends quietly, exit 0, no stack trace', async () => {
    let got = ''
    const r = await runWith(render, 'pipe', (p) => {
      p.stdout!.once('data', (d: Buffer) => {
        got = d.subarray(0, 20).toString()
        p.stdout!.destroy()
      })
    })
    expect(got).toBe('[system]\nYou turn co')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  }, SLOW)
  it('the same through a shell pipeline into head', async () => {
    const r = await runProcess('bash', ['-c', `"$@" | head -c 20 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`, 'sh', bun, '--no-env-file', mainTs, ...render])
    expect(r.stderr).toBe('exit=0\n')
  }, SLOW)
})

describe('a failed write', () => {
  it('to /dev/full: one line naming the reason, exit 1', async () => {
    const fd = openSync('/dev/full', 'w')
    try {
      for (const args of [render, ['check', '--from', demo, '--json'], ['parse', 'ExtractRecipe', '--from', demo, '--text', '{"title": "x"}', '--stream']]) {
        const r = await runWith(args, fd)
        expect(r.stderr).toBe('error: cannot write to standard output: no space left on device\n')
        expect(r.code).toBe(1)
      }
    } finally {
      closeSync(fd)
    }
  }, SLOW)
  it('to a closed stdout (`>&-`): one line, exit 1, not lost output with exit 0', async () => {
    const r = await runProcess('sh', ['-c', 'exec "$@" >&-', 'sh', bun, '--no-env-file', mainTs, ...render])
    expect(r.stderr).toBe('error: cannot write to standard output: it is closed\n')
    expect(r.code).toBe(1)
  }, SLOW)
  it('stdout sent to /dev/null is not an error', async () => {
    const r = await runProcess('sh', ['-c', 'exec "$@" >/dev/null', 'sh', bun, '--no-env-file', mainTs, ...render])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  }, SLOW)
  it('a report that cannot be written to stderr makes a clean check exit 1', async () => {
    const r = await runProcess('sh', ['-c', 'exec "$@" 2>/dev/full', 'sh', bun, '--no-env-file', mainTs, 'check', '--from', demo])
    expect(r.code).toBe(1)
  }, SLOW)
})
