// The built outputs (`npm run build`): the compiled binary and the Node bundle behave the same for
// .env files (read only with --dotenv) and for output that cannot be written.
import { spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { demo, root, runProcess } from './helpers.ts'

/** Each test runs the CLI as processes: generous for Bun's test runner on a loaded machine. */
const SLOW = 60_000

const targets: [name: string, cmd: string, pre: string[]][] = [
  ['binary', join(root, 'dist', 'baml'), []],
  ['node bundle', process.execPath.includes('bun') ? 'node' : process.execPath, [join(root, 'dist', 'baml.mjs')]],
]

beforeAll(() => {
  // the build's own commands (scripts/build.mjs), the library and its types left out
  const r = spawnSync('node', [join(root, 'scripts', 'build.mjs'), '--cli'], { cwd: root, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`)
}, 180_000)

const dir = mkdtempSync(join(tmpdir(), 'baml-built-'))
mkdirSync(join(dir, 'baml_src'))
writeFileSync(
  join(dir, 'baml_src', 'main.baml'),
  'client<llm> K {\n  provider openai\n  options {\n    model "m"\n    api_key env.TEST_BUILT_KEY\n  }\n}\nfunction F(x: string) -> string {\n  client K\n  prompt #"{{ x }}"#\n}\n',
)
writeFileSync(join(dir, '.env'), 'TEST_BUILT_KEY=from-dotenv\n')
const argsFile = join(dir, 'big.json')
writeFileSync(argsFile, JSON.stringify({ text: 'x'.repeat(400_000) }))

for (const [name, cmd, pre] of targets) {
  describe(name, () => {
    it('does not read ./.env unless --dotenv is given', async () => {
      const args = [...pre, 'request', 'F', '--args', '{"x": "1"}', '--expose-secrets']
      const plain = await runProcess(cmd, args, { cwd: dir })
      expect(plain.code).toBe(0)
      expect(JSON.parse(plain.stdout).headers.authorization).not.toContain('from-dotenv')
      const asked = await runProcess(cmd, [...args, '--dotenv'], { cwd: dir })
      expect(JSON.parse(asked.stdout).headers.authorization).toBe('Bearer from-dotenv')
    }, SLOW)
    it('ends quietly when the reader closes the pipe, and fails in one line on /dev/full', async () => {
      const render = [...pre, 'render', 'ExtractRecipe', '--from', demo, '--args-file', argsFile]
      const piped = await runProcess('bash', ['-c', `"$@" | head -c 20 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`, 'sh', cmd, ...render])
      expect(piped.stderr).toBe('exit=0\n')
      const fd = openSync('/dev/full', 'w')
      try {
        const full = spawnSync(cmd, render, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
        expect(full.stderr).toBe('error: cannot write to standard output: no space left on device\n')
        expect(full.status).toBe(1)
      } finally {
        closeSync(fd)
      }
    }, SLOW)
  })
}

it('the binary reports a closed stdout', async () => {
  const r = await runProcess('sh', ['-c', 'exec "$@" >&-', 'sh', join(root, 'dist', 'baml'), 'render', 'ExtractRecipe', '--from', demo, '--args', '{"text": "x"}'])
  expect(r.stderr).toBe('error: cannot write to standard output: it is closed\n')
  expect(r.code).toBe(1)
}, SLOW)
