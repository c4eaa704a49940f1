// REPL start-up: from launching `dist/baml repl` in a pseudo-terminal (util-linux `script`) to its first
// prompt, on the generated ~20k-line project. Measured in the same run through the same harness:
// `baml --version` (process start plus the harness's own cost) and `baml check` on the same project
// (the load the REPL also does), and the reference's `baml-cli check` when the oracle is set up (it
// has no REPL; its check is the nearest thing). Builds dist/baml first if it is missing.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateProject } from './gen-project.ts'
import { bamlBinary, fmtMs, median, referenceCli, writeFiles } from './harness.ts'

const bin = bamlBinary()
if (spawnSync('script', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.log('util-linux `script` is not installed: skipped')
  process.exit(0)
}

const dir = mkdtempSync(join(tmpdir(), 'baml-bench-'))
writeFiles(dir, generateProject())
const src = join(dir, 'baml_src')
const home = mkdtempSync(join(tmpdir(), 'baml-bench-home-'))

/**
 * Milliseconds from spawning `command` in a pseudo-terminal until `until` shows up in its output
 * (then it is sent `:quit` and Ctrl-D), or until it exits when `until` is undefined.
 */
function once(command: string, until?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const p = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, HOME: home, TERM: 'xterm' } })
    let out = ''
    let at: number | undefined
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (until !== undefined && at === undefined && out.includes(until)) {
        at = performance.now() - t0
        p.stdin.write(':quit\r')
        p.stdin.end()
      }
    })
    p.on('error', reject)
    p.on('close', () => {
      const ms = until === undefined ? performance.now() - t0 : at
      if (ms === undefined) reject(new Error(`\`${command}\` never showed ${JSON.stringify(until)}:\n${out}`))
      else resolve(ms)
    })
  })
}

async function medianOf(command: string, runs: number, until?: string): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < runs + 2; i++) {
    const ms = await once(command, until)
    if (i >= 2) samples.push(ms)
  }
  return median(samples)
}

const version = await medianOf(`${bin} --version`, 15)
const prompt = await medianOf(`${bin} repl --from ${src}`, 15, 'baml> ')
const check = await medianOf(`${bin} check --from ${src}`, 15)
const ref = existsSync(referenceCli) ? await medianOf(`${referenceCli} check --from ${src}`, 5) : undefined

const line = (label: string, text: string) => console.log(`${label.padEnd(52)} ${text}`)
line('`baml --version` in a pty (process + harness)', fmtMs(version))
line('`baml check` ~20k-line project, in a pty', `${fmtMs(check)}${ref === undefined ? '' : ` | reference \`baml-cli check\` ${fmtMs(ref)}`}`)
line('`baml repl` ~20k-line project: first prompt', `${fmtMs(prompt)} | ${(prompt / check).toFixed(2)}x our check | goal < 100 ms`)
line('  of which beyond process start (minus --version)', fmtMs(Math.max(0, prompt - version)))
if (ref !== undefined) line('  vs the reference loading the project (its check)', `${(ref / prompt).toFixed(1)}x faster`)
