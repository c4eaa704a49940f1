// `baml test` as a process: selection forms, exit codes, the plain and live views, the JUnit, JSON
// and GitHub reports, record/replay with the network off, sharding and Ctrl-C.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baml, BUN, MAIN, runCommand, type Run } from './helpers/cli.ts'
import { startModelServer, type ModelServer } from './helpers/model-server.ts'
import { FIXTURES, KEY, modelEnv, tempDir, tempProject } from './helpers/project.ts'
import { findAll, parseXml } from './helpers/xml.ts'

// Each test spawns processes or runs whole suites; the machine may be busy (bun's default is 5 s).
const SLOW = 120_000

const CWD = join(FIXTURES, 'runner')
let server: ModelServer
let env: Record<string, string>
let full: Run

const test = (args: string[], extra: { env?: Record<string, string>; cwd?: string } = {}) => baml(['test', ...args], { cwd: extra.cwd ?? CWD, env: { ...env, ...extra.env } })
const list = async (...args: string[]) => {
  const r = await test(['--list', ...args])
  expect(r.code).toBe(0)
  return r.stdout.trim().split('\n').filter(Boolean)
}

const ALL = [
  'Describe::ImageFromBase64',
  'Describe::ImageFromFile',
  'Describe::ImageFromUrl',
  'DescribeShape::WithTypeBuilder',
  'Echo::BothFunctions',
  'Echo::FloatStaysFloat',
  'Echo::IntStaysInt',
  'ExtractPerson::AssertFails',
  'ExtractPerson::BadExpression',
  'ExtractPerson::CheckFails',
  'ExtractPerson::FieldAssertFails',
  'ExtractPerson::NoAsserts',
  'ExtractPerson::NotJson',
  'ExtractPerson::Passes',
  'ExtractPerson::ServerError',
  'ExtractPerson::ShortNameStillPasses',
  'ExtractPerson::UsesArgsAndLatency',
  'Shout::BothFunctions',
]
const FAILING = ['ExtractPerson::AssertFails', 'ExtractPerson::BadExpression', 'ExtractPerson::CheckFails', 'ExtractPerson::FieldAssertFails', 'ExtractPerson::NotJson', 'ExtractPerson::ServerError']

beforeAll(async () => {
  server = await startModelServer()
  env = modelEnv(server.url)
  full = await test([])
}, SLOW)
afterAll(() => server.close())

describe('selection (--list), --from defaulting to ./baml_src', () => {
  it('lists every (function, test) pair, sorted', async () => {
    expect(await list()).toEqual(ALL)
  }, SLOW)
  it('Fn::Test, Fn::, ::Test', async () => {
    expect(await list('-i', 'ExtractPerson::Passes')).toEqual(['ExtractPerson::Passes'])
    expect(await list('-i', 'Echo::')).toEqual(['Echo::BothFunctions', 'Echo::FloatStaysFloat', 'Echo::IntStaysInt'])
    expect(await list('--include', '::BothFunctions')).toEqual(['Echo::BothFunctions', 'Shout::BothFunctions'])
  }, SLOW)
  it('a bare name matches a function or a test', async () => {
    expect(await list('-i', 'Shout')).toEqual(['Shout::BothFunctions'])
    expect(await list('-i', 'BothFunctions')).toEqual(['Echo::BothFunctions', 'Shout::BothFunctions'])
  }, SLOW)
  it('wildcards, repeated includes, and exclude winning', async () => {
    expect(await list('-i', 'Extract*::*Fails')).toEqual(['ExtractPerson::AssertFails', 'ExtractPerson::CheckFails', 'ExtractPerson::FieldAssertFails'])
    expect(await list('-i', 'Shout::', '-i', 'DescribeShape::')).toEqual(['DescribeShape::WithTypeBuilder', 'Shout::BothFunctions'])
    expect(await list('-i', 'Echo::', '-x', '*Int*')).toEqual(['Echo::BothFunctions', 'Echo::FloatStaysFloat'])
    expect(await list('-i', 'Echo::IntStaysInt', '--exclude', 'Echo::*')).toEqual([])
  }, SLOW)
  it('--list --reporter json gives files and lines', async () => {
    const r = await test(['--list', '--reporter', 'json', '-i', 'Describe::ImageFromFile'])
    expect(JSON.parse(r.stdout)).toEqual({ tests: [{ function: 'Describe', test: 'ImageFromFile', file: 'baml_src/media/media.baml', line: 10 }] })
  }, SLOW)
})

describe('exit codes', () => {
  it('0 when everything selected passes', async () => {
    const r = await test(['-i', 'ExtractPerson::Passes', '-i', 'Echo::'])
    expect(r.code).toBe(0)
  }, SLOW)
  it('1 when a test needs human evaluation (--require-human-eval)', async () => {
    const r = await test(['-i', 'ExtractPerson::NoAsserts', '-i', 'ExtractPerson::Passes', '--require-human-eval'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('? ExtractPerson::NoAsserts')
    expect(r.stdout).toContain('needs human evaluation')
    // without the flag the same test passes
    expect((await test(['-i', 'ExtractPerson::NoAsserts'])).code).toBe(0)
  }, SLOW)
  it('2 when a test fails', () => {
    expect(full.code).toBe(2)
  }, SLOW)
  it('4 for invalid arguments, a missing directory or a broken project', async () => {
    for (const args of [['--parallel', '0'], ['--parallel'], ['--shard', '5/4'], ['--bogus'], ['--record', 'a', '--replay', 'b'], ['--reporter', 'xml'], ['--output', 'x.json'], ['-i', 'Fn(::']]) {
      const r = await test(args)
      expect(r.code, args.join(' ')).toBe(4)
      expect(r.stderr, args.join(' ')).toMatch(/^error: /)
    }
    const missing = await test(['--from', 'no_such_dir'])
    expect(missing.code).toBe(4)
    expect(missing.stderr).toContain('no_such_dir')
    const broken = await test(['--from', tempProject({ 'main.baml': 'class A {\n  b Bogus\n}\n' })])
    expect(broken.code).toBe(4)
    expect(broken.stderr).toContain('Bogus')
    expect(broken.stderr).not.toMatch(/at .*\.ts:\d+/)
  }, SLOW)
  it('5 when no test is selected, 0 with --pass-if-no-tests', async () => {
    const none = await test(['-i', 'Nothing'])
    expect(none.code).toBe(5)
    expect(none.stdout).toContain('No tests selected')
    expect((await test(['-i', 'Nothing', '--pass-if-no-tests'])).code).toBe(0)
  }, SLOW)
})

describe('plain output (no terminal)', () => {
  it('prints one line per finished test, then the failures in detail and a table per function', () => {
    const lines = full.stdout.split('\n')
    const results = lines.filter((l) => /^[✔✘] /.test(l))
    // 18 lines while running, then the 6 failures again in the details
    expect(results.length).toBe(18 + 6)
    for (const k of ALL) expect(results.filter((l) => l.startsWith(`✔ ${k} `) || l.startsWith(`✘ ${k} `)).length).toBeGreaterThanOrEqual(1)
    for (const k of FAILING) expect(results.filter((l) => l.startsWith(`✘ ${k} `)).length).toBe(2)
    expect(full.stdout).toContain('✘ ExtractPerson::AssertFails')
    expect(full.stdout).toContain('at baml_src/extract.baml:30')
    expect(full.stdout).toContain('assert adult failed: this.age >= 18')
    expect(full.stdout).toContain('raw output:\n      I would rather not say')
    expect(full.stdout).toMatch(/function\s+passed\s+failed\s+time\s+tokens in\/out/)
    expect(full.stdout).toMatch(/\nExtractPerson\s+4\s+6\s+\S+s\s+\d+\/\d+\n/)
    expect(full.stdout).toMatch(/\ntotal\s+12\s+6\s/)
    expect(full.stdout).toContain('18 tests: 12 passed, 6 failed in ')
    expect(full.stdout).not.toContain('\x1b[')
  }, SLOW)
})

describe('reports', () => {
  it('--reporter junit --output FILE: one testsuite per function, failures and errors with messages', async () => {
    const out = join(tempDir(), 'reports', 'junit.xml')
    const r = await test(['--reporter', 'junit', '--output', out])
    expect(r.code).toBe(2)
    const doc = parseXml(readFileSync(out, 'utf8'))
    expect(doc.name).toBe('testsuites')
    expect(doc.attrs.tests).toBe('18')
    const suites = findAll(doc, 'testsuite')
    expect(suites.map((s) => s.attrs.name)).toEqual(['Describe', 'DescribeShape', 'Echo', 'ExtractPerson', 'Shout'])
    const ex = suites.find((s) => s.attrs.name === 'ExtractPerson')!
    expect([ex.attrs.tests, ex.attrs.failures, ex.attrs.errors, ex.attrs.skipped]).toEqual(['10', '5', '1', '0'])
    const cases = new Map(findAll(ex, 'testcase').map((c) => [c.attrs.name, c]))
    const passes = cases.get('Passes')!
    expect(passes.children).toEqual([])
    expect(Number(passes.attrs.time)).toBeGreaterThan(0)
    expect(passes.attrs.classname).toBe('ExtractPerson')
    expect([passes.attrs.file, passes.attrs.line]).toEqual(['baml_src/extract.baml', '14'])
    const fail = cases.get('AssertFails')!.children[0]!
    expect(fail.name).toBe('failure')
    expect(fail.attrs.type).toBe('assert')
    expect(fail.attrs.message).toBe('assert adult failed: this.age >= 18')
    expect(fail.text).toContain('"age": 3')
    const err = cases.get('ServerError')!.children[0]!
    expect(err.name).toBe('error')
    expect(err.attrs.message).toContain('failure 500 on purpose')
    expect(cases.get('CheckFails')!.children[0]!.attrs.type).toBe('checks_failed')
  }, SLOW)
  it('the reference\'s hidden --junit --junit-path are accepted', async () => {
    const out = join(tempDir(), 'j.xml')
    const r = await test(['--junit', '--junit-path', out, '-i', 'Echo::'])
    expect(r.code).toBe(0)
    const doc = parseXml(readFileSync(out, 'utf8'))
    expect(findAll(doc, 'testcase').map((c) => c.attrs.name)).toEqual(['BothFunctions', 'FloatStaysFloat', 'IntStaysInt'])
  }, SLOW)
  it('--reporter json: one document on stdout, people\'s output on stderr', async () => {
    const r = await test(['--reporter', 'json'])
    expect(r.code).toBe(2)
    const doc = JSON.parse(r.stdout) as {
      exit_code: number
      summary: Record<string, number>
      tests: { function: string; test: string; outcome: string; reason: { kind: string; message: string } | null; duration_ms: number; usage: { input_tokens: number | null }; file: string; line: number }[]
    }
    expect(doc.exit_code).toBe(2)
    expect(doc.summary).toMatchObject({ total: 18, passed: 12, failed: 5, checks_failed: 1, needs_human_eval: 0, cancelled: 0 })
    expect(doc.tests.map((t) => `${t.function}::${t.test}`)).toEqual(ALL)
    const assert = doc.tests.find((t) => t.test === 'AssertFails')!
    expect(assert.outcome).toBe('failed')
    expect(assert.reason).toEqual({ kind: 'assert', message: 'assert adult failed: this.age >= 18' })
    expect([assert.file, assert.line]).toEqual(['baml_src/extract.baml', 30])
    expect(assert.duration_ms).toBeGreaterThan(0)
    expect(assert.usage.input_tokens).toBeGreaterThan(0)
    expect(doc.tests.find((t) => t.test === 'ServerError')!.reason!.kind).toBe('http')
    expect(r.stderr).toContain('18 tests: 12 passed, 6 failed')
  }, SLOW)
  it('--reporter github: an ::error annotation on each failing test\'s line', async () => {
    const r = await test(['--reporter', 'github'])
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'))
    expect(annotations.length).toBe(6)
    expect(annotations).toContain('::error file=baml_src/extract.baml,line=30,title=ExtractPerson%3A%3AAssertFails failed::assert adult failed: this.age >= 18')
    const server500 = annotations.find((a) => a.includes('ServerError'))!
    expect(server500).toMatch(/^::error file=baml_src\/extract\.baml,line=63,title=ExtractPerson%3A%3AServerError failed::client Local failed with HTTP 500: .*%0A/)
    expect(annotations.find((a) => a.includes('CheckFails'))).toMatch(/title=ExtractPerson%3A%3ACheckFails checks failed::check failed: ancient/)
  }, SLOW)
})

describe('--record / --replay', () => {
  it('replays a recorded run with the server gone and no key: the same result for every test', async () => {
    const local = await startModelServer()
    const dir = join(tempDir(), 'recordings')
    const localEnv = modelEnv(local.url)
    const recorded = await test(['--record', dir, '--reporter', 'json'], { env: localEnv })
    await local.close()
    expect(recorded.code).toBe(2)
    expect(readFileSync(join(dir, 'ExtractPerson', 'Passes.json'), 'utf8')).not.toContain(KEY)
    const replayed = await test(['--replay', dir, '--reporter', 'json'], { env: { TEST_MODEL_URL: local.url, TEST_MODEL_KEY: '' } })
    expect(replayed.code).toBe(2)
    const outcome = (run: Run) => (JSON.parse(run.stdout) as { tests: { test: string; function: string; outcome: string; reason: { kind: string } | null }[] }).tests.map((t) => [t.function, t.test, t.outcome, t.reason?.kind ?? null])
    expect(outcome(replayed)).toEqual(outcome(recorded))
    expect(local.requests.length).toBe(18)
  }, SLOW)
  it('a miss says which test and what to do', async () => {
    const r = await test(['--replay', tempDir(), '-i', 'Echo::IntStaysInt'])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('no recording for Echo::IntStaysInt, run with --record')
  }, SLOW)
})

describe('--shard i/n', () => {
  it('the shards of a run together hold every selected test exactly once', async () => {
    const seen: string[] = []
    for (let i = 1; i <= 3; i++) {
      const r = await test(['--list', '--shard', `${i}/3`])
      expect(r.code).toBe(0)
      const keys = r.stdout.trim().split('\n').filter(Boolean)
      expect(keys.length).toBeGreaterThan(0)
      seen.push(...keys)
    }
    expect(seen.sort()).toEqual(ALL)
  }, SLOW)
  it('running the shards gives the full run\'s results', async () => {
    const outcomes = new Map<string, string>()
    const dir = tempDir()
    for (let i = 1; i <= 2; i++) {
      const out = join(dir, `shard${i}.json`)
      await test(['--shard', `${i}/2`, '--reporter', 'json', '--output', out])
      for (const t of (JSON.parse(readFileSync(out, 'utf8')) as { tests: { function: string; test: string; outcome: string }[] }).tests) {
        expect(outcomes.has(`${t.function}::${t.test}`)).toBe(false)
        outcomes.set(`${t.function}::${t.test}`, t.outcome)
      }
    }
    expect([...outcomes.keys()].sort()).toEqual(ALL)
    expect([...outcomes].filter(([, o]) => o !== 'passed').map(([k]) => k).sort()).toEqual(FAILING)
  }, SLOW)
})

describe('Ctrl-C', () => {
  it('cancels, exits 3, and still prints and writes what finished', async () => {
    const local = await startModelServer()
    const out = join(tempDir(), 'junit.xml')
    let sent = false
    const r = await baml(['test', '--parallel', '5', '--reporter', 'junit', '--output', out], {
      cwd: join(FIXTURES, 'slow'),
      env: modelEnv(local.url),
      onStdout: (all, child) => {
        if (!sent && all.includes('✔ Echo::Quick1') && all.includes('✔ Echo::Quick2')) {
          sent = true
          // the hanging tests have sent their requests by now
          setTimeout(() => child.kill('SIGINT'), 100)
        }
      },
    })
    await local.close()
    expect(r.code).toBe(3)
    expect(r.stderr + r.stdout).toContain('Ctrl-C')
    expect(r.stdout).toContain('5 tests: 2 passed, 3 cancelled')
    const doc = parseXml(readFileSync(out, 'utf8'))
    const cases = findAll(doc, 'testcase')
    expect(cases.length).toBe(5)
    expect(cases.filter((c) => c.children.length === 0).map((c) => c.attrs.name)).toEqual(['Quick1', 'Quick2'])
    expect(cases.filter((c) => c.children[0]?.name === 'skipped').length).toBe(3)
  }, SLOW)
})

const hasScript = spawnSync('script', ['--version']).status === 0

describe('live view on a terminal', () => {
  it.skipIf(!hasScript)('draws spinners, a counter and ✔ lines through a pseudo-terminal (skipped without util-linux script)', async () => {
    const cmd = `'${BUN}' '${MAIN}' test -i Echo:: --parallel 2`
    const r = await runCommand('script', ['-qec', cmd, '/dev/null'], { cwd: CWD, env: { ...env, NO_COLOR: '', TERM: 'xterm' } })
    expect(r.code).toBe(0)
    const out = r.stdout
    expect(out).toContain('\x1b[?25l') // cursor hidden while drawing
    expect(out).toContain('\x1b[?25h') // and shown again
    expect(out).toMatch(/\x1b\[\d+F\x1b\[J/) // the region redrawn in place
    expect(out).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏].*Echo::\w+/)
    expect(out).toMatch(/0\/3/)
    expect(out).toMatch(/3\/3/)
    expect(out).toMatch(/✔.* Echo::IntStaysInt/)
    expect(out).toContain('3 tests')
  }, SLOW)
})

describe('misc', () => {
  it('writes the JUnit report even when no test ran', async () => {
    const out = join(tempDir(), 'empty.xml')
    const r = await test(['-i', 'Nothing', '--reporter', 'junit', '--output', out])
    expect(r.code).toBe(5)
    expect(existsSync(out)).toBe(true)
    expect(parseXml(readFileSync(out, 'utf8')).attrs.tests).toBe('0')
  }, SLOW)
  it('accepts --dotenv and --dotenv-path', async () => {
    const f = join(tempDir(), '.env')
    writeFileSync(f, '')
    const r = await test(['--dotenv', '--dotenv-path', f, '--list', '-i', 'Shout::'])
    expect(r.code).toBe(0)
  }, SLOW)
})
