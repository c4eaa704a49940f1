// npm run bench [-- NAME...]: bundle each benchmark with Bun for Node, run it with Node, and let it
// print its numbers beside the reference runtime's (measured in the same run when
// ../shared/tools/oracle is set up; otherwise the reference column is skipped).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const bun = join(root, 'node_modules', '.bin', 'bun')
const all = ['load', 'startup', 'request', 'sap', 'sap-stream', 'testrun', 'codegen', 'repl']
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : all
const out = join(root, '.tmp', 'bench')
mkdirSync(out, { recursive: true })

// The whole-process benchmarks time dist/baml: build it from the current sources first.
if (wanted.some((n) => ['startup', 'codegen', 'repl'].includes(n))) {
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--cli'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (b.status !== 0) process.exit(b.status ?? 1)
}

for (const name of wanted) {
  const src = join(root, 'scripts', 'bench', `${name}-bench.ts`)
  if (!existsSync(src)) {
    console.log(`\n## ${name}: no scripts/bench/${name}-bench.ts yet`)
    continue
  }
  console.log(`\n## ${name}`)
  const js = join(out, `${name}-bench.mjs`)
  const b = spawnSync(bun, ['build', src, '--target', 'node', '--format', 'esm', '--outfile', js], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (b.status !== 0) process.exit(b.status ?? 1)
  const r = spawnSync(process.execPath, ['--expose-gc', js], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
