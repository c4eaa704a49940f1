#!/usr/bin/env node
// Regenerates tests/golden/providers/<suite>/expected.json with the reference oracle.
// Each case runs in its own oracle process: the reference caches clients across calls and does not
// rebuild them when an env var appears or disappears, so one process per case keeps cases independent.
// A suite with a `media/` folder gets it served on http://127.0.0.1:47811/ (loopback only) while its
// cases run, so the reference can download media URLs.
// usage: node tests/providers-request/make-golden.mjs [suite-dir ...]   (default: every suite)
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const MEDIA_PORT = 47811
const run = promisify(execFile)

function serveMedia(dir) {
  const server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1))
    const file = join(dir, name)
    if (!name || name.includes('..') || !existsSync(file)) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200).end(readFileSync(file))
  })
  return new Promise((resolve) => server.listen(MEDIA_PORT, '127.0.0.1', () => resolve(server)))
}

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
    const server = existsSync(join(dir, 'media')) ? await serveMedia(join(dir, 'media')) : undefined
    for (const c of cases) {
      const file = join(tmp, 'case.json')
      writeFileSync(file, JSON.stringify([c]))
      const { stdout } = await run('node', [ORACLE, join(dir, 'baml_src'), file], { encoding: 'utf8' })
      const [r] = JSON.parse(stdout)
      // Keep error texts short: the first line is what matters.
      if (typeof r.error === 'string') r.error = r.error.split('\n')[0]
      results.push(r)
    }
    server?.close()
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(results, null, 1) + '\n')
    console.log(`${dir}: ${results.length} cases, ${results.filter((r) => 'error' in r).length} errors`)
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
