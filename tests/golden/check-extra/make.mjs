#!/usr/bin/env node
// Regenerates expected.json for check-extra cases with the reference (needs the oracle set up):
//   node tests/golden/check-extra/make.mjs <case>...      (folder names under check-extra/)
//   node tests/golden/check-extra/make.mjs --warnings <case>...
// Each case folder holds baml_src/ and cases.json (a `check` case, and maybe `request` cases).
// The oracle gives whether the project loads (and each request); with --warnings, the warning
// messages that the reference CLI's `check` prints are added to the check result as `warnings`,
// which tests/conformance/check.test.ts then expects among ours.
import { execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const ORACLE_DIR = process.env.BAML_ORACLE_DIR ?? '/work/shared/tools/oracle'
const ORACLE = join(ORACLE_DIR, 'oracle.mjs')
const CLI = join(ORACLE_DIR, 'node_modules/@boundaryml/baml/cli.js')

/** The messages of `warning: ...` blocks in the CLI's pretty-printed output (up to the `-->` line). */
function referenceWarnings(srcDir) {
  const r = spawnSync('node', [CLI, 'check', '--from', srcDir], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  const lines = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '').split('\n')
  const out = []
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('warning: ')) continue
    const msg = [lines[i].slice('warning: '.length)]
    while (i + 1 < lines.length && !lines[i + 1].trimStart().startsWith('-->')) msg.push(lines[++i])
    out.push(msg.join('\n').trimEnd())
  }
  return out
}

const args = process.argv.slice(2)
const withWarnings = args[0] === '--warnings'
for (const name of withWarnings ? args.slice(1) : args) {
  const dir = join(HERE, name)
  const src = join(dir, 'baml_src')
  const res = JSON.parse(execFileSync('node', [ORACLE, src, join(dir, 'cases.json')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
  // The first diagnostic is enough (the rest of the text is a native stack trace).
  for (const r of res) if (typeof r.error === 'string') r.error = r.error.split(/\n\s*\n/)[0]
  if (withWarnings) {
    const warnings = referenceWarnings(src)
    for (const r of res) if (r.kind === 'check' && warnings.length) r.warnings = warnings
  }
  writeFileSync(join(dir, 'expected.json'), JSON.stringify(res, null, 1) + '\n')
  console.log(name, res.map((r) => (r.kind === 'check' ? `ok=${r.ok}` : r.error ? `${r.kind}: error` : r.kind)).join(' '))
}
