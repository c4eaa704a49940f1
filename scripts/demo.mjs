// npm run demo: build the binary, then run it on the demo project offline.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const demo = 'scripts/demo/baml_src'

function step(title, cmd, args) {
  process.stdout.write(`\n\x1b[1m$ ${[cmd, ...args].map((a) => (/[\s"{}]/.test(a) ? `'${a}'` : a)).join(' ')}\x1b[0m  # ${title}\n`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

step('build the single-file binary', 'node', ['scripts/build.mjs'])
step('check the demo project', './dist/baml', ['check', '--from', demo])
