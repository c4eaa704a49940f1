// Command-line conventions: exit codes, version and help, global flags, Ctrl-C.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeOpenAI, type FakeOpenAI } from '../runtime/openai-server.ts'
import { baml, demo, project } from './helpers.ts'

/** Each test runs the CLI as processes: generous for Bun's test runner on a loaded machine. */
const SLOW = 60_000

describe('usage errors exit 2', () => {
  it('for an unknown option, a missing argument or value, an unknown command, extra arguments', async () => {
    for (const [args, message] of [
      [['check', '--bogus'], 'error: unknown option `--bogus`\n  Run `baml check --help` for usage.\n'],
      [['render'], 'error: missing required args for command `render <function>`\n  Run `baml render --help` for usage.\n'],
      [['render', 'F', '--args'], 'error: option `--args <json>` value is missing\n  Run `baml render --help` for usage.\n'],
      [['chek'], 'error: unknown command `chek`. Did you mean `check`?\n  Run `baml --help` for usage.\n'],
      [['parse', 'A', 'B', '--from', demo], 'error: unexpected arguments: `B`\n  Run `baml parse --help` for usage.\n'],
      [['render', 'ExtractRecipe', '--from', demo, '--args', '{}', '--args-file', 'x.json'], 'error: give either --args or --args-file, not both\n  Run `baml render --help` for usage.\n'],
    ] as const) {
      const r = await baml([...args])
      expect(r.stderr).toBe(message)
      expect(r.code).toBe(2)
    }
  }, SLOW)
  it('no command at all: the usage on stderr, exit 2', async () => {
    const r = await baml([])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('Usage:')
    expect(r.stderr).toContain('check')
  }, SLOW)
  it('bad input that is not the command line still exits 1', async () => {
    const r = await baml(['render', 'ExtractRecipe', '--from', demo, '--args', '{"text": 1}'])
    expect(r.code).toBe(1)
  }, SLOW)
})

describe('--version, -v, help', () => {
  it('-v prints the same as --version (and -V)', async () => {
    const long = await baml(['--version'])
    expect(long.stdout).toMatch(/^baml-cli \d+\.\d+\.\d+ \(baml-ts \d+\.\d+\.\d+\)\n$/)
    for (const flag of ['-v', '-V']) {
      const r = await baml([flag])
      expect(r.code).toBe(0)
      expect(r.stdout).toBe(long.stdout)
    }
    // also after a command, as the reference's propagated --version
    expect((await baml(['check', '-v'])).stdout).toBe(long.stdout)
  }, SLOW)
  it('`baml help` and `baml help COMMAND` print the help', async () => {
    const top = await baml(['help'])
    expect(top.code).toBe(0)
    expect(top.stdout).toBe((await baml(['--help'])).stdout)
    const render = await baml(['help', 'render'])
    expect(render.code).toBe(0)
    expect(render.stdout).toBe((await baml(['render', '--help'])).stdout)
    expect(render.stdout).toContain('--args <json>')
    expect(render.stdout).toContain('--dotenv-path <file>')
  }, SLOW)
  it('`baml help UNKNOWN` is a usage error naming near commands', async () => {
    const r = await baml(['help', 'rendr'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('error: unknown command `rendr`. Did you mean `render`?\n  Run `baml --help` for usage.\n')
  }, SLOW)
})

describe('--features (global, as the reference)', () => {
  it('accepts beta and display_all_warnings, before or after the command, repeated', async () => {
    for (const args of [
      ['--features', 'beta', 'check', '--from', demo],
      ['check', '--from', demo, '--features', 'display_all_warnings'],
      ['--features', 'beta', '--features', 'display_all_warnings', 'check', '--from', demo],
      ['--features=beta', 'check', '--from', demo],
    ]) {
      const r = await baml(args)
      expect(r.code).toBe(0)
      expect(r.stderr).toContain('0 errors')
    }
  }, SLOW)
  it('rejects an unknown feature (exit 2)', async () => {
    const r = await baml(['--features', 'turbo', 'check', '--from', demo])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('unknown feature `turbo`')
  }, SLOW)
})

describe('Ctrl-C', () => {
  let server: FakeOpenAI
  let src: string
  beforeAll(async () => {
    server = await startFakeOpenAI()
    src = project({
      'main.baml': `
client<llm> Slow {
  provider openai-generic
  options {
    base_url "${server.url}"
    model "m"
  }
}
function Wait(x: int) -> string {
  client Slow
  prompt #"{{ x }}"#
}`,
    })
  })
  afterAll(() => server.close())

  for (const stream of [false, true]) {
    it(`stops a call waiting on a slow server: exit 130, "interrupted"${stream ? ' (--stream)' : ''}`, async () => {
      server.replies = [{ content: 'late', delayMs: 60_000 }]
      const before = server.requests.length
      const started = Date.now()
      const r = await baml(['call', 'Wait', '--from', src, '--args', '{"x": 1}', ...(stream ? ['--stream'] : [])], {
        onSpawn: (p) => {
          // signal once the request has reached the server
          const poll = setInterval(() => {
            if (server.requests.length > before) {
              clearInterval(poll)
              p.kill('SIGINT')
            }
          }, 20)
          p.on('close', () => clearInterval(poll))
        },
      })
      expect(r.code).toBe(130)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe('warning: interrupted\n')
      expect(Date.now() - started).toBeLessThan(30_000)
    }, SLOW)
  }
})
