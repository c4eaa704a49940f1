#!/usr/bin/env node
// Regenerates the template golden suites from the definitions in suites.mjs: writes each suite's
// baml_src/, cases.json and (with the reference oracle) expected.json.
//   node tests/golden/template/make.mjs [suite...]
// A case whose prompt stops the reference project from loading (e.g. a syntax error) gets its own
// one-case suite under <suite>/<id>/, so the rest of the suite still loads. Cases that crash the
// reference are left out and listed.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CLIENTS, SUITES } from './suites.mjs'

const HERE = dirname(fileURLToPath(import.meta.url))
const ORACLE = process.env.BAML_ORACLE ?? '/work/shared/tools/oracle/oracle.mjs'

const fnName = (id) => 'T_' + id.replace(/[^A-Za-z0-9]+/g, '_')

function functionSource(fn, params, template, client) {
  const body = template
    .split('\n')
    .map((l) => (l ? '    ' + l : l))
    .join('\n')
  return `function ${fn}(${params}) -> string {\n  client ${client}\n  prompt #"\n${body}\n  "#\n}\n\n`
}

/** Write a project + cases into `dir`; returns the oracle's results or throws if it crashed. */
function writeAndRun(dir, suite, cases, write = true) {
  mkdirSync(join(dir, 'baml_src'), { recursive: true })
  let src = ''
  const out = []
  const seen = new Map()
  for (const [id, params, template, args = {}, client = 'Local'] of cases) {
    const key = `${params}\u0000${template}\u0000${client}`
    let fn = seen.get(key)
    if (!fn) {
      seen.set(key, (fn = fnName(id)))
      src += functionSource(fn, params, template, client)
    }
    out.push({ id, kind: 'request', function: fn, args })
  }
  writeFileSync(join(dir, 'baml_src', 'clients.baml'), CLIENTS)
  if (suite.preamble) writeFileSync(join(dir, 'baml_src', 'models.baml'), suite.preamble.trim() + '\n')
  writeFileSync(join(dir, 'baml_src', 'prompts.baml'), src)
  writeFileSync(join(dir, 'cases.json'), '[\n' + out.map((c) => ' ' + JSON.stringify(c)).join(',\n') + '\n]\n')
  const res = JSON.parse(execFileSync('node', [ORACLE, join(dir, 'baml_src'), join(dir, 'cases.json')], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }))
  if (write) {
    // keep only what the tests compare: the body (headers belong to the providers suites)
    const slim = res.map((r) => (r.result ? { id: r.id, kind: r.kind, result: { url: r.result.url, method: r.result.method, headers: {}, body: r.result.body } } : r))
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(slim, null, 1) + '\n')
  }
  return res
}

const only = process.argv.slice(2)
for (const [name, suite] of Object.entries(SUITES)) {
  if (only.length && !only.includes(name)) continue
  const dir = join(HERE, name)
  rmSync(dir, { recursive: true, force: true })
  let cases = suite.cases
  const isolated = []
  const crashed = []
  let res
  try {
    res = writeAndRun(dir, suite, cases)
  } catch {
    res = undefined
  }
  if (!res || res.some((r) => r.error?.startsWith('LOAD:'))) {
    const keep = []
    for (const c of cases) {
      const tmp = mkdtempSync(join(tmpdir(), 'tpl-golden-'))
      try {
        const r = writeAndRun(tmp, suite, [c], false)
        if (r[0].error?.startsWith('LOAD:')) isolated.push(c)
        else keep.push(c)
      } catch {
        crashed.push(c[0])
      } finally {
        rmSync(tmp, { recursive: true, force: true })
      }
    }
    cases = keep
    rmSync(dir, { recursive: true, force: true })
    res = writeAndRun(dir, suite, cases)
    for (const c of isolated) writeAndRun(join(dir, c[0]), suite, [c])
  }
  const errors = res.filter((r) => r.error).length
  console.log(`${name}: ${cases.length} cases (${errors} errors), ${isolated.length} isolated load failures${crashed.length ? `, reference crashed on: ${crashed.join(', ')}` : ''}`)
}
