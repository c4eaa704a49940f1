// `--dotenv` / `--dotenv-path F`: the environment from a .env file only when asked, read as the
// reference reads it. (tests/cli/built.test.ts checks that the built binary does not load it unasked.)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDotenv } from '../../cli/dotenv.ts'
import { baml } from './helpers.ts'

/** Each test runs the CLI as processes: generous for Bun's test runner on a loaded machine. */
const SLOW = 60_000

/** A project whose client's api key is env.TEST_DOTENV_KEY, in a fresh directory with `.env` text. */
function workspace(dotenv?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'baml-dotenv-'))
  mkdirSync(join(dir, 'baml_src'))
  writeFileSync(
    join(dir, 'baml_src', 'main.baml'),
    `client<llm> Keyed {
  provider openai
  options {
    model "m"
    api_key env.TEST_DOTENV_KEY
  }
}
function F(x: string) -> string {
  client Keyed
  prompt #"{{ x }}"#
}
`,
  )
  if (dotenv !== undefined) writeFileSync(join(dir, '.env'), dotenv)
  return dir
}

async function authorization(cwd: string, extra: string[] = [], env: Record<string, string> = {}) {
  const r = await baml(['request', 'F', '--args', '{"x": "1"}', '--expose-secrets', ...extra], { cwd, env })
  return { ...r, auth: r.code === 0 ? (JSON.parse(r.stdout).headers.authorization as string) : undefined }
}

describe('.env files', () => {
  it('are not read without --dotenv', async () => {
    const dir = workspace('TEST_DOTENV_KEY=from-file\n')
    const r = await authorization(dir)
    expect(r.auth).not.toContain('from-file')
    expect(r.stderr).toBe('')
  }, SLOW)
  it('--dotenv reads ./.env and says so', async () => {
    const dir = workspace('TEST_DOTENV_KEY=from-file\n')
    const r = await authorization(dir, ['--dotenv'])
    expect(r.auth).toBe('Bearer from-file')
    expect(r.stderr).toBe(`ℹ loaded 1 variable from ${join(dir, '.env')}\n`)
  }, SLOW)
  it('--dotenv looks in the directories above, and takes .env.local when there is no .env', async () => {
    const dir = workspace()
    writeFileSync(join(dir, '.env.local'), 'TEST_DOTENV_KEY=local\n')
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true })
    const r = await baml(['request', 'F', '--from', '../../baml_src', '--args', '{"x": "1"}', '--expose-secrets', '--dotenv'], { cwd: join(dir, 'sub', 'deeper') })
    expect(JSON.parse(r.stdout).headers.authorization).toBe('Bearer local')
  }, SLOW)
  it('--dotenv-path F reads F (without --dotenv), and its values replace the environment', async () => {
    const dir = workspace()
    writeFileSync(join(dir, 'keys.env'), 'TEST_DOTENV_KEY=from-path\n')
    const r = await authorization(dir, ['--dotenv-path', 'keys.env'], { TEST_DOTENV_KEY: 'from-env' })
    expect(r.auth).toBe('Bearer from-path')
  }, SLOW)
  it('--dotenv-path to a missing file is an error naming it', async () => {
    const dir = workspace()
    const r = await authorization(dir, ['--dotenv-path', 'nope.env'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('error: cannot read the .env file nope.env: no such file or directory\n')
  }, SLOW)
  it('--dotenv with no file found warns and goes on', async () => {
    const dir = workspace()
    const r = await authorization(dir, ['--dotenv'])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('warning: --dotenv: no .env')
  }, SLOW)
  it('are documented in the help of the commands that read the environment', async () => {
    for (const cmd of ['render', 'request', 'call']) {
      const r = await baml([cmd, '--help'])
      expect(r.stdout).toContain('--dotenv ')
      expect(r.stdout).toContain('--dotenv-path <file>')
    }
  }, SLOW)
})

describe('parseDotenv', () => {
  it('reads comments, quotes, escapes, multi-line values, export and $VAR', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN = value with spaces  ',
      "SINGLE='single # not a comment'",
      'DOUBLE="a\\nb"',
      'export EXPORTED=yes',
      'MULTI="line one',
      'line two"',
      'REF=${PLAIN}/$HOME_DIR/$MISSING',
      'EMPTY=',
      'not a variable line',
    ].join('\n')
    expect(parseDotenv(text, { HOME_DIR: '/home/x' })).toEqual({
      PLAIN: 'value with spaces',
      SINGLE: 'single # not a comment',
      DOUBLE: 'a\nb',
      EXPORTED: 'yes',
      MULTI: 'line one\nline two',
      REF: 'value with spaces//home/x/$MISSING',
      EMPTY: '',
    })
  }, SLOW)
})
