// npm run build: the single-file binary (dist/baml, Bun --compile), the Node bundle for the npm `bin`
// entries (dist/baml.mjs) and the library (dist/lib/index.js with types under dist/types).
// `node scripts/build.mjs --package` builds only what the npm package ships (no binary): `npm pack`
// runs it; `--cli` builds only the binary and the Node bundle (tests/cli/built.test.ts).
// Bun comes from devDependencies; nothing else is needed.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BINARY_FLAGS } from './binary-flags.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)
const packageOnly = process.argv.includes('--package')
const cliOnly = process.argv.includes('--cli')
mkdirSync(join(root, 'dist'), { recursive: true })

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

// The client runtime first: `generate` embeds its text (dist/client-runtime/*.txt), and the package
// ships it (baml-ts/client-runtime) for clients generated with `client_package_name`.
run(bin('bun'), ['scripts/client-runtime/build.ts'])
// The binary's flags (and why) are in scripts/binary-flags.mjs.
if (!packageOnly) run(bin('bun'), ['build', 'cli/main.ts', ...BINARY_FLAGS, '--outfile', 'dist/baml'])
run(bin('bun'), ['build', 'cli/main.ts', '--target', 'node', '--format', 'esm', '--minify', '--outfile', 'dist/baml.mjs'])

// The Node bundle needs a shebang to work as an npm bin.
const mjs = join(root, 'dist', 'baml.mjs')
const code = readFileSync(mjs, 'utf8')
if (!code.startsWith('#!')) writeFileSync(mjs, '#!/usr/bin/env node\n' + code)
chmodSync(mjs, 0o755)
if (cliOnly) process.exit(0)

// The library: one ESM file for every host (see scripts/bundle-lib.mjs).
run(bin('bun'), ['scripts/bundle-lib.mjs', 'dist/lib/index.js'])

// Its types: tsc's declarations, with the sources' `.ts` import suffixes turned into `.js` so every
// moduleResolution (node16, bundler) finds them.
rmSync(join(root, 'dist', 'types'), { recursive: true, force: true })
run(bin('tsc'), ['-p', 'scripts/tsconfig.lib.json'])
for (const file of walk(join(root, 'dist', 'types'))) {
  const text = readFileSync(file, 'utf8')
  const fixed = text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g, '$1$2$3.js$2')
  if (fixed !== text) writeFileSync(file, fixed)
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) yield* walk(p)
    else if (p.endsWith('.d.ts')) yield p
  }
}
