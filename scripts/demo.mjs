// npm run demo: build the binary, then run it on the demo project offline.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
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
const scratch = mkdtempSync(join(tmpdir(), 'baml-demo-'))
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }))
const fresh = join(scratch, 'app')
step('start a new project (on a terminal without --yes, it asks)', './dist/baml', ['init', '--dest', fresh, '--yes'])
step('render its example function, offline', './dist/baml', [
  'render', 'ExtractResume', '--from', join(fresh, 'baml_src'), '--args', '{"resume": "Ada Example, ada@example.com. Skills: TypeScript"}',
])
step('check the demo project', './dist/baml', ['check', '--from', demo])
step('render its prompt (no network, no api key needed)', './dist/baml', [
  'render', 'ExtractRecipe', '--from', demo,
  '--args', '{"text": "Pancakes for 4: 200g flour, 2 eggs, 300ml milk. Whisk, rest, fry."}',
])
step('the HTTP request a call would send (api key masked)', './dist/baml', [
  'request', 'ExtractRecipe', '--from', demo, '--args', '{"text": "Toast for 2."}',
])
step('parse a chatty model answer into the return type', './dist/baml', [
  'parse', 'ExtractRecipe', '--from', demo, '--text',
  'Sure! Here you go:\n```json\n{"title": "Pancakes", "course": "main", "serves": "4", ' +
    '"ingredients": [{"name": "flour", "quantity": 200, "unit": "g"}, {"name": "eggs", "quantity": 2}], ' +
    '"steps": ["whisk", "rest 10 minutes", "fry"],}\n```\nEnjoy!',
])
