// npm run build: the single-file binary (dist/baml, Bun --compile) and a Node bundle for the
// npm `bin` entries (dist/baml.mjs). Bun comes from devDependencies; nothing else is needed.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bun = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'bun.exe' : 'bun')
mkdirSync(join(root, 'dist'), { recursive: true })

function run(args) {
  const r = spawnSync(bun, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

run(['build', 'cli/main.ts', '--compile', '--minify', '--bytecode', '--outfile', 'dist/baml'])
run(['build', 'cli/main.ts', '--target', 'node', '--format', 'esm', '--minify', '--outfile', 'dist/baml.mjs'])

// The Node bundle needs a shebang to work as an npm bin.
const mjs = join(root, 'dist', 'baml.mjs')
const code = readFileSync(mjs, 'utf8')
if (!code.startsWith('#!')) writeFileSync(mjs, '#!/usr/bin/env node\n' + code)
chmodSync(mjs, 0o755)
