// `render` shows each message with the role it is sent with, the role `request` puts in the body.
import { describe, expect, it } from 'vitest'
import { baml, project } from './helpers.ts'

/** Each test runs the CLI as processes: generous for Bun's test runner on a loaded machine. */
const SLOW = 60_000

const src = project({
  'main.baml': `
function Plain(text: string) -> string {
  client "openai/gpt-4o"
  prompt #"Say {{ text }}"#
}
function PlainClaude(text: string) -> string {
  client "anthropic/claude-3-5-sonnet-latest"
  prompt #"Say {{ text }}"#
}
function SystemOnlyClaude(text: string) -> string {
  client "anthropic/claude-3-5-sonnet-latest"
  prompt #"{{ _.role("system") }}Say {{ text }}"#
}
function Twice(text: string) -> string {
  client "openai/gpt-4o"
  prompt #"{{ _.role("user") }}one {{ text }}{{ _.role("user") }}two"#
}
`,
})
const env = { ANTHROPIC_API_KEY: 'sk-ant-test' }

async function render(fn: string, json = false) {
  const r = await baml(['render', fn, '--from', src, '--args', '{"text": "hi"}', ...(json ? ['--json'] : [])], { env })
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return r.stdout
}

async function requestRoles(fn: string): Promise<string[]> {
  const r = await baml(['request', fn, '--from', src, '--args', '{"text": "hi"}'], { env })
  expect(r.code).toBe(0)
  return (JSON.parse(r.stdout).body.messages as { role: string }[]).map((m) => m.role)
}

describe('render shows the role a message is sent with', () => {
  it('a prompt without _.role: system for openai', async () => {
    expect(await render('Plain')).toBe('[system]\nSay hi\n')
    expect(await requestRoles('Plain')).toEqual(['system'])
  }, SLOW)
  it('a prompt without _.role: user for anthropic', async () => {
    expect(await render('PlainClaude')).toBe('[user]\nSay hi\n')
    expect(await requestRoles('PlainClaude')).toEqual(['user'])
  }, SLOW)
  it('a lone system message goes to anthropic as user', async () => {
    expect(await render('SystemOnlyClaude')).toBe('[user]\nSay hi\n')
    expect(await requestRoles('SystemOnlyClaude')).toEqual(['user'])
  }, SLOW)
  it('neighbouring messages of one role are shown merged, as sent', async () => {
    expect(await render('Twice')).toBe('[user]\none hi\ntwo\n')
    expect(await requestRoles('Twice')).toEqual(['user'])
  }, SLOW)
  it('--json gives the same messages', async () => {
    expect(JSON.parse(await render('PlainClaude', true))).toEqual({ kind: 'chat', messages: [{ role: 'user', parts: [{ type: 'text', text: 'Say hi' }] }] })
  }, SLOW)
})
