// Whole-process timings of the binary: `baml --version` and `baml check` on the generated ~20k-line
// project, beside the reference CLI in the same run. Builds dist/baml first if it is missing.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { generateProject } from './gen-project.ts'
import { median, referenceCli, repoRoot, row } from './harness.ts'

const bin = join(repoRoot, 'dist', 'baml')
if (!existsSync(bin)) spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' })

function wall(cmd: string, args: string[], runs: number): number {
  const samples: number[] = []
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now()
    const r = spawnSync(cmd, args, { stdio: 'ignore' })
    const dt = performance.now() - t0
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`)
    if (i >= 2) samples.push(dt)
  }
  return median(samples)
}

const dir = mkdtempSync(join(tmpdir(), 'baml-bench-'))
for (const [path, text] of Object.entries(generateProject())) {
  mkdirSync(dirname(join(dir, path)), { recursive: true })
  writeFileSync(join(dir, path), text)
}
const src = join(dir, 'baml_src')
const haveRef = existsSync(referenceCli)

row('`baml --version` (wall)', wall(bin, ['--version'], 30), haveRef ? wall(referenceCli, ['--version'], 15) : undefined, '< 15 ms')
row('`baml check` ~20k-line project (wall)', wall(bin, ['check', '--from', src], 15), haveRef ? wall(referenceCli, ['check', '--from', src], 5) : undefined, '< 100 ms')
