// Whole-process timings of the binary: `baml --version` beside a compiled Bun binary that only
// prints a line (built here with the same flags: the floor any Bun binary starts from), and
// `baml check` on the generated ~20k-line project beside the reference CLI. The commands of a row
// run in turn (ours, theirs, ours, ...), so a change in the machine's load during the run touches
// both. Builds dist/baml first if it is missing.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// @ts-expect-error: a plain .mjs module of the build scripts (no types)
import { BINARY_FLAGS } from '../binary-flags.mjs'
import { generateProject } from './gen-project.ts'
import { bamlBinary, fmtMs, median, referenceCli, repoRoot, row, writeFiles } from './harness.ts'

const bin = bamlBinary()

/** Median wall ms of each command, run in turn `runs` times after 2 rounds of warm-up. */
function wallsInTurn(cmds: readonly (readonly string[])[], runs: number): number[] {
  const samples: number[][] = cmds.map(() => [])
  for (let i = 0; i < runs + 2; i++) {
    cmds.forEach(([cmd, ...args], k) => {
      const t0 = performance.now()
      const r = spawnSync(cmd!, args, { stdio: 'ignore' })
      const dt = performance.now() - t0
      if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`)
      if (i >= 2) samples[k]!.push(dt)
    })
  }
  return samples.map(median)
}

// A do-nothing Bun binary, built with dist/baml's flags (scripts/binary-flags.mjs).
const work = mkdtempSync(join(tmpdir(), 'baml-bench-'))
writeFileSync(join(work, 'hello.ts'), "console.log('hello')\n")
const bun = join(repoRoot, 'node_modules', '.bin', 'bun')
const hello = join(work, 'hello')
const built = spawnSync(bun, ['build', join(work, 'hello.ts'), ...BINARY_FLAGS, '--outfile', hello], { stdio: 'ignore' })

const dir = join(work, 'project')
writeFiles(dir, generateProject())
const src = join(dir, 'baml_src')
const haveRef = existsSync(referenceCli)

if (built.status === 0) {
  const [ours, floor] = wallsInTurn([[bin, '--version'], [hello]], 30)
  console.log(`${'`baml --version` (wall)'.padEnd(44)} ours ${fmtMs(ours!)} | a Bun binary printing one line ${fmtMs(floor!)} | +${fmtMs(Math.max(0, ours! - floor!))} | goal ≤ 8 ms`)
} else {
  row('`baml --version` (wall)', wallsInTurn([[bin, '--version']], 30)[0]!, undefined, '≤ 8 ms')
}
if (haveRef) {
  const [ours, theirs] = wallsInTurn([[bin, 'check', '--from', src], [referenceCli, 'check', '--from', src]], 7)
  row('`baml check` ~20k-line project (wall)', ours!, theirs, '≤ 100 ms, ≥ 8x')
} else {
  row('`baml check` ~20k-line project (wall)', wallsInTurn([[bin, 'check', '--from', src]], 15)[0]!, undefined, '≤ 100 ms')
}
