// Error messages worded for people: argument types, JSON syntax, unknown names.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { baml, project } from './helpers.ts'

/** Each test runs the CLI as processes: generous for Bun's test runner on a loaded machine. */
const SLOW = 60_000

const src = project({
  'main.baml': `
client<llm> Careful {
  provider openai
  options {
    model "gpt-4o"
  }
}
client<llm> Creative {
  provider openai
  options {
    model "gpt-4o"
  }
}
enum Mood {
  HAPPY
  SAD
}
function Echo(text: string, count: int?, mood: Mood?, tags: map<string, int>?) -> string {
  client Careful
  prompt #"{{ text }} {{ count }} {{ mood }}"#
}
`,
})

async function render(args: string[]) {
  return baml(['render', 'Echo', '--from', src, ...args])
}

describe('argument type mismatches', () => {
  it('say what was expected and what was given, in words', async () => {
    for (const [args, line] of [
      ['{"text": 42}', 'error: argument `text`: expected a string, got the number 42\n'],
      ['{"text": "x", "count": "five"}', 'error: argument `count`: expected an int or null, got the string "five"\n'],
      ['{"text": "x", "count": 1.5}', 'error: argument `count`: expected an int or null, got the number 1.5\n'],
      ['{"text": "x", "mood": "MEH"}', 'error: argument `mood`: expected one of "HAPPY", "SAD" (enum Mood) or null, got the string "MEH"\n'],
      ['{"text": "x", "tags": {"a": "b"}}', 'error: argument `tags`, key `a`: expected an int, got the string "b"\n'],
      ['{"text": [1, 2]}', 'error: argument `text`: expected a string, got a list of 2 items\n'],
      ['{}', 'error: missing required argument `text` (a string)\n'],
    ] as const) {
      const r = await render(['--args', args])
      expect(r.stderr).toBe(line)
      expect(r.code).toBe(1)
    }
  }, SLOW)
  it('list every problem, one per line', async () => {
    const r = await render(['--args', '{"text": true, "count": "x"}'])
    expect(r.stderr).toBe('error: argument `text`: expected a string, got true\n  argument `count`: expected an int or null, got the string "x"\n')
  }, SLOW)
})

describe('--args that is not JSON', () => {
  it('says where it broke, with the place marked (usage error, exit 2)', async () => {
    const r = await render(['--args', '{"text": "a",, "count": 1}'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'error: --args is not valid JSON: expected a property name in double quotes, found `,` at line 1, column 14\n' +
        '    {"text": "a",, "count": 1}\n' +
        '                 ^\n' +
        '  Run `baml render --help` for usage.\n',
    )
  }, SLOW)
  it('counts lines in --args-file (exit 1: the file is the input)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'baml-args-')), 'args.json')
    writeFileSync(file, '{\n  "text": "a"\n  "count": 1\n}\n')
    const r = await render(['--args-file', file])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`--args-file ${file} is not valid JSON: expected \`,\` or \`}\` after the property value, found \`"\` at line 3, column 3`)
  }, SLOW)
  it('names the end of the text when it stops too soon', async () => {
    const r = await render(['--args', '{"text": "a'])
    expect(r.stderr).toContain('expected a closing `"`, found the end of the text at line 1, column 12')
  }, SLOW)
})

describe('unknown names', () => {
  it('extra arguments are an error naming them and the parameters', async () => {
    const r = await render(['--args', '{"text": "x", "cuont": 2, "zzz": 1}'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('error: unknown arguments `cuont`, `zzz` for function `Echo` (it takes `text`, `count`, `mood`, `tags`).\n')
    const one = await render(['--args', '{"text": "x", "cuont": 2}'])
    expect(one.stderr).toBe('error: unknown argument `cuont` for function `Echo` (it takes `text`, `count`, `mood`, `tags`). Did you mean `count`?\n')
  }, SLOW)
  it('an unknown --client suggests the near names', async () => {
    for (const cmd of ['render', 'request', 'call']) {
      const r = await baml([cmd, 'Echo', '--from', src, '--args', '{"text": "x"}', '--client', 'Carful'])
      expect(r.code).toBe(1)
      expect(r.stderr).toBe('error: client `Carful` does not exist (give a client\'s name, or "provider/model"). Did you mean `Careful`?\n')
    }
  }, SLOW)
  it('a far-off --client lists the clients', async () => {
    const r = await render(['--args', '{"text": "x"}', '--client', 'Zebra'])
    expect(r.stderr).toBe('error: client `Zebra` does not exist (give a client\'s name, or "provider/model"). The project\'s clients: `Careful`, `Creative`.\n')
  }, SLOW)
  it('a "provider/model" --client is taken as is', async () => {
    const r = await render(['--args', '{"text": "x"}', '--client', 'anthropic/claude-3-5-haiku-latest'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\[user\]/)
  }, SLOW)
  it('an unknown function suggests the near names', async () => {
    const r = await baml(['render', 'Ecko', '--from', src])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('error: function `Ecko` does not exist. Did you mean `Echo`?\n')
  }, SLOW)
})
