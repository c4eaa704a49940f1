// The REPL over plain streams (as when stdin is piped): one entry per line, results on one stream,
// messages on the other. Listing, show, render, request and curl, parse, let/$_, settings, reload,
// and recovery from bad input.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { drive, PROJECT, script, writeProject } from './helpers.ts'

const ENV = { LOCAL_URL: 'http://127.0.0.1:9/v1', LOCAL_KEY: 'sk-repl-secret-42' }

describe('listing and show', () => {
  it('lists functions with signatures, classes, enums, clients and tests', async () => {
    const dir = writeProject({ 'main.baml': PROJECT, 'kinds.baml': 'enum Mood {\n  HAPPY\n  SAD\n}\n' })
    const r = await script(dir, ['functions', 'classes', 'enums', 'clients', 'tests', 'functions gre'], ENV)
    expect(r.code).toBe(0)
    expect(r.out).toContain('Greet(name: string, langs: string[]) -> string\n')
    expect(r.out).toContain('Extract(text: string) -> Person\n')
    expect(r.out).toContain('Describe(img: image) -> string\n')
    expect(r.out).toMatch(/^Person {2}name: string, age: int$/m)
    expect(r.out).toMatch(/^Mood {2}HAPPY \| SAD$/m)
    expect(r.out).toMatch(/^Local {2}openai-generic local-model$/m)
    expect(r.out).toContain('Extract::Grace\nGreet::AdaInEnglish\n')
    // the filtered listing has only Greet
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('Greet(name: string, langs: string[]) -> string')
    expect(r.err).toBe('')
  })

  it('shows a definition as BAML text, through the printer', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['show Greet', 'show Person', 'show Grace', 'show Nothing'], ENV)
    expect(r.out).toContain('// baml_src/main.baml\n/// Greets someone.\nfunction Greet(name: string, langs: string[]) -> string {\n  client Local\n  prompt #"')
    expect(r.out).toContain('class Person {\n  name string\n  age int\n}')
    expect(r.out).toContain('test Grace {\n  functions [Extract]\n  args {\n    text "Grace Hopper, 85"\n  }\n  @@assert(old_enough, {{ this.age == 85 }})\n}')
    expect(r.err).toContain('nothing is called `Nothing`')
    expect(r.code).toBe(1)
  })
})

describe('render and request', () => {
  it('renders with BAML-syntax args and with JSON args, the same prompt', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['render Greet { name "Ada" langs ["en", "fr"] }', 'render Greet {"name": "Ada", "langs": ["en", "fr"]}'], ENV)
    expect(r.code).toBe(0)
    const expected = '[system]\nGreet people in en, fr.\n\n[user]\nSay hello to Ada.\n'
    expect(r.out).toBe(expected + expected)
  })

  it('continues an entry while a brace is open, and takes a block string', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['render Extract {', '  text #"', '    Ada Lovelace,', '    36', '  "#', '}'], ENV)
    expect(r.code).toBe(0)
    expect(r.out).toContain('Extract the person from: Ada Lovelace,\n36')
    expect(r.out).toContain('Answer in JSON using this schema:')
  })

  it('binds a bare value to the only parameter, shows media as a placeholder', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['render Extract "Alan, 41"', 'render Describe { img { url "https://example.com/cat.png" } }'], ENV)
    expect(r.code).toBe(0)
    expect(r.out).toContain('Extract the person from: Alan, 41')
    expect(r.out).toContain('[user]\nDescribe\n<image: https://example.com/cat.png>')
  })

  it("renders a test's args with Fn::Test", async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['render Greet::AdaInEnglish', 'render Greet::AdaInEnglish { name "Grace" }'], ENV)
    expect(r.code).toBe(0)
    expect(r.out).toContain('Greet people in en.\n\n[user]\nSay hello to Ada.')
    // args typed after the test override its own
    expect(r.out).toContain('Greet people in en.\n\n[user]\nSay hello to Grace.')
  })

  it('prints the HTTP request with the key masked, as curl too, and the key with :secrets on', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['request Greet { name "Ada" langs ["en"] }', ':curl', ':secrets on', ':curl Greet { name "Ada" langs ["en"] }'], ENV)
    expect(r.code).toBe(0)
    const [request, curlMasked, curlOpen] = r.out.split(/\n(?=curl )/)
    expect(request).toMatch(/^POST http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions\n/)
    expect(request).toMatch(/^authorization: Bearer \S+$/m)
    expect(request).not.toContain('sk-repl-secret-42')
    const body = JSON.parse(request!.slice(request!.indexOf('\n{') + 1))
    expect(body).toMatchObject({ model: 'local-model', messages: [{ role: 'system' }, { role: 'user' }] })
    expect(curlMasked).toMatch(/^curl -sS -X POST http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions \\\n {2}-H 'authorization: Bearer /)
    expect(curlMasked).not.toContain('sk-repl-secret-42')
    expect(curlOpen).toContain("-H 'authorization: Bearer sk-repl-secret-42'")
    // the body in the curl command is the request's body, quoted for a shell
    const data = /--data-raw '(.*)'$/m.exec(curlOpen!)![1]!
    expect(JSON.parse(data.replace(/'\\''/g, "'"))).toEqual(body)
    expect(r.err).toContain('secrets are shown')
  })
})

describe('parse, let and $_', () => {
  it('parses pasted model output (ended by an empty line) and keeps it in $_', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['parse Extract', 'Sure! Here it is:', '```json', '{"name": "Ada", "age": "36"}', '```', '', '$_.age', 'let who = $_', 'render Greet { name $who.name langs ["en"] }'], ENV)
    expect(r.code).toBe(0)
    expect(r.out).toContain('{\n  "name": "Ada",\n  "age": 36\n}\n36\n')
    expect(r.out).toContain('Say hello to Ada.')
    expect(r.err).toContain('$who is set')
  })

  it('parses pasted text ended by the end of input, and text on the same line', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const inline = await script(dir, ['parse Greet hello there'], ENV)
    expect(inline.out).toBe('"hello there"\n')
    const r = await script(dir, ['parse Extract', '{"name": "Bo",', ' "age": 7}'], ENV)
    expect(r.code).toBe(0)
    expect(r.out).toBe('{\n  "name": "Bo",\n  "age": 7\n}\n')
  })

  it('passes one result into the next call through let', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['let p = { name "Lin" age 3 }', 'let names = ["en", "de"]', 'render Greet { name $p.name langs $names }', ':vars'], ENV)
    expect(r.code).toBe(0)
    expect(r.out).toContain('Greet people in en, de.\n\n[user]\nSay hello to Lin.')
    expect(r.out).toContain('$p = {\n  "name": "Lin",\n  "age": 3\n}')
  })

  it('names a variable that does not exist, pointing at it', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, ['render Greet { name $nobody langs [] }'], ENV)
    expect(r.code).toBe(1)
    expect(r.err).toContain('error: there is no variable $nobody')
    expect(r.err).toContain(' --> <input>:1:21\n')
    expect(r.err).toContain('1 | render Greet { name $nobody langs [] }')
    expect(r.err).toMatch(/\n\s+\| {21}\^{7}\n/)
  })
})

describe('bad input never ends the session', () => {
  it('reports each mistake with an excerpt and goes on', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(
      dir,
      [
        'frobnicate',
        'render',
        'render Gret { name "x" }',
        'render Greet { name "Ada" langs ] }',
        'render Greet { nme "Ada" }',
        'render Greet { name "Ada" }',
        'call Greet::Nope',
        'parse Extract not json at all',
        ':client Nowhere',
        'render Greet { name "still here" langs ["en"] }',
      ],
      ENV,
    )
    expect(r.code).toBe(1)
    expect(r.err).toContain('unknown command `frobnicate`')
    expect(r.err).toContain('`render` needs a function name')
    expect(r.err).toContain('there is no function `Gret` (did you mean `Greet`?)')
    expect(r.err).toContain("error: Expected a value for `langs`, found `]`\n --> <input>:1:33\n")
    expect(r.err).toContain('Greet has no parameter `nme` (parameters: name, langs)')
    expect(r.err).toMatch(/BamlInvalidArgumentError: .*langs/)
    expect(r.err).toContain('Greet has no test `Nope` (its tests: Greet::AdaInEnglish)')
    expect(r.err).toMatch(/BamlValidationError: [^\n]*\n[\s\S]*model output:\n\s+not json at all/)
    expect(r.err).toContain('there is no client `Nowhere`')
    expect(r.out).toContain('Say hello to still here.')
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/)
  })
})

describe('settings', () => {
  it(':client switches the client; provider/model works; default goes back', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, [':client openai/gpt-4o-mini', 'request Greet { name "A" langs [] }', ':client default', 'request Greet { name "A" langs [] }', ':client'], { ...ENV, OPENAI_API_KEY: 'sk-o' })
    expect(r.code).toBe(0)
    const urls = [...r.out.matchAll(/^POST (\S+)$/gm)].map((m) => m[1])
    expect(urls).toEqual(['https://api.openai.com/v1/chat/completions', 'http://127.0.0.1:9/v1/chat/completions'])
    expect(r.out).toContain('"model": "gpt-4o-mini"')
    expect(r.err).toContain("calls use each function's own client")
  })

  it(':env sets a variable for calls and env.NAME args', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const r = await script(dir, [':env LOCAL_URL=http://example.test/v2', 'request Greet { name "A" langs [] }', 'render Greet { name env.WHO langs [] }', ':env WHO=Zed', 'render Greet { name env.WHO langs [] }', ':env'], ENV)
    expect(r.err).toContain('Environment variable WHO is not set')
    expect(r.out).toContain('POST http://example.test/v2/chat/completions')
    expect(r.out).toContain('Say hello to Zed.')
    expect(r.err).toContain('LOCAL_URL is set')
    // values are never echoed
    expect(r.err).not.toContain('Zed')
  })
})

describe('reload', () => {
  it('reloads when a file changes, keeps the last good project after a broken edit, and recovers', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const d = drive({ dir, env: ENV })
    d.send('let x = { name "Kept" langs ["en"] }')
    d.send('functions')
    await d.waitFor('Describe(img: image) -> string')
    writeFileSync(join(dir, 'extra.baml'), 'function Shout(text: string) -> string {\n  client Local\n  prompt #"{{ text | upper }}"#\n}\n')
    d.send('render Shout "hey"')
    await d.waitFor(/reloaded .*baml_src: 2 files, 4 functions/)
    await d.waitFor('HEY')
    // A broken edit: the diagnostics are shown, and the last good project stays in use.
    writeFileSync(join(dir, 'extra.baml'), 'function Shout(text: string) -> string {\n  client Local\n  prompt #"{{ text | upper }}"#\n}\nclass Broken {\n  field Missing\n}\n')
    d.send('render Shout "still"')
    await d.waitFor(/error: .*Missing[\s\S]*extra\.baml:6:9[\s\S]*still using the last project that loaded/)
    await d.waitFor('STILL')
    // Variables survive reloads.
    d.send('render Greet $x')
    await d.waitFor('Say hello to Kept.')
    writeFileSync(join(dir, 'extra.baml'), 'function Shout(text: string) -> string {\n  client Local\n  prompt #"{{ text | lower }}!"#\n}\n')
    d.send(':reload')
    await d.waitFor(/reloaded .*: 2 files, 4 functions/)
    d.send('render Shout "QUIET"')
    await d.waitFor('quiet!')
    expect(await d.end()).toBe(0)
  })

  it('starts with a broken project, says so, and picks up the fix', async () => {
    const dir = writeProject({ 'main.baml': 'class A {\n  b Bogus\n}\n' })
    const d = drive({ dir, env: ENV })
    await d.waitFor(/error: .*Bogus[\s\S]*nothing loaded yet/)
    d.send('functions')
    await d.waitFor('the project has errors')
    writeFileSync(join(dir, 'main.baml'), PROJECT)
    d.send('functions')
    await d.waitFor('Greet(name: string, langs: string[]) -> string')
    expect(await d.end()).toBe(1)
  })

  it('exits 1 when the directory does not exist', async () => {
    const r = await script('/nonexistent/baml_src', ['functions'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('not found')
  })
})
