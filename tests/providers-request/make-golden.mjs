#!/usr/bin/env node
// Regenerates tests/golden/providers/<suite>/expected.json with the reference oracle.
// Each case runs in its own oracle process: the reference caches clients across calls and does not
// rebuild them when an env var appears or disappears, so one process per case keeps cases independent.
// usage: node tests/providers-request/make-golden.mjs [suite-dir ...]   (default: every suite)
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ORACLE = process.env.BAML_ORACLE ?? '/work/shared/tools/oracle/oracle.mjs'
const ROOT = join(import.meta.dirname, '..', 'golden', 'providers')

function suites() {
  const out = []
  const walk = (d) => {
    const names = readdirSync(d)
    if (names.includes('cases.json')) out.push(d)
    for (const n of names) if (n !== 'baml_src' && statSync(join(d, n)).isDirectory()) walk(join(d, n))
  }
  walk(ROOT)
  return out
}

const tmp = mkdtempSync(join(tmpdir(), 'golden-'))
try {
  for (const dir of process.argv.length > 2 ? process.argv.slice(2) : suites()) {
    const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'))
    const results = []
    for (const c of cases) {
      const file = join(tmp, 'case.json')
      writeFileSync(file, JSON.stringify([c]))
      const out = execFileSync('node', [ORACLE, join(dir, 'baml_src'), file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      const [r] = JSON.parse(out)
      // Keep error texts short: the first line is what matters.
      if (typeof r.error === 'string') r.error = r.error.split('\n')[0]
      results.push(r)
    }
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(results, null, 1) + '\n')
    console.log(`${dir}: ${results.length} cases, ${results.filter((r) => 'error' in r).length} errors`)
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
