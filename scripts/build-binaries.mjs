// npm run build:binaries [-- TARGET...]: the single-file `baml` binary for each platform, cross-compiled
// by Bun (it fetches each target's runtime from the npm registry once and caches it).
// Output: dist/bin/baml-<os>-<arch>[.exe]. Default targets: linux-x64, linux-arm64, darwin-arm64, windows-x64.
import { spawnSync } from 'node:child_process'
import { mkdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BINARY_FLAGS } from './binary-flags.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bun = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'bun.exe' : 'bun')
const ALL = ['linux-x64', 'linux-arm64', 'darwin-arm64', 'windows-x64']
const targets = process.argv.slice(2).length ? process.argv.slice(2) : ALL
mkdirSync(join(root, 'dist', 'bin'), { recursive: true })

for (const t of targets) {
  if (!ALL.includes(t)) {
    console.error(`unknown target ${t} (one of ${ALL.join(', ')})`)
    process.exit(2)
  }
  const out = join('dist', 'bin', `baml-${t}${t.startsWith('windows') ? '.exe' : ''}`)
  const r = spawnSync(bun, ['build', 'cli/main.ts', ...BINARY_FLAGS, `--target=bun-${t}`, '--outfile', out], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) process.exit(r.status ?? 1)
  console.log(`${out}  ${(statSync(join(root, out)).size / 1e6).toFixed(0)} MB`)
}
