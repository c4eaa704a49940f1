// The REPL with readline in terminal mode over in-memory streams: keys are typed (Tab, arrows,
// Ctrl-C, Ctrl-D, Enter as \r), the screen output is read back.
import { readFileSync, writeFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { drive, PROJECT, writeProject } from './helpers.ts'

const ENV = { LOCAL_URL: 'http://127.0.0.1:9/v1', LOCAL_KEY: 'k' }

describe('terminal sessions', () => {
  it('greets with what was loaded and shows the prompt', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const d = drive({ dir, terminal: true, env: ENV })
    await d.waitFor(/loaded .*baml_src: 1 file, 3 functions, 2 tests/)
    await d.waitFor('Type :help')
    await d.waitFor('baml> ')
    d.send(':quit\r')
    expect(await d.done).toBe(0)
  })

  it('completes commands, functions, parameter names and tests with Tab', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const d = drive({ dir, terminal: true, env: ENV })
    await d.waitFor('baml> ')
    // Every part of this entry is completed: the command, the function, both parameter names.
    d.send('ren\t')
    d.send('Gr\t')
    d.send('{ na\t')
    d.send('"Ada" la\t')
    d.send('["en"] }\r')
    await d.waitFor('Say hello to Ada.')
    d.send('render Greet::Ada\t')
    d.send('\r')
    await d.waitFor(/Greet people in en\.[\s\S]*Say hello to Ada\./)
    d.send(':quit\r')
    expect(await d.done).toBe(0)
    expect(d.out).toContain('render Greet { name "Ada" langs ["en"] }')
    expect(d.out).toContain('render Greet::AdaInEnglish')
  })

  it('lists the choices on a second Tab when there are several', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const d = drive({ dir, terminal: true, env: ENV })
    await d.waitFor('baml> ')
    d.send('call \t\t')
    await d.waitFor(/Describe\s+Extract\s+Greet/)
    d.send('\x03')
    d.send(':quit\r')
    expect(await d.done).toBe(0)
  })

  it('continues an entry on an open brace, with a continuation prompt', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const d = drive({ dir, terminal: true, env: ENV })
    await d.waitFor('baml> ')
    d.send('render Greet {\r')
    await d.waitFor('... ')
    d.send('  name "Multi"\r')
    await d.waitFor('... ')
    d.send('  langs ["fr"]\r')
    d.send('}\r')
    await d.waitFor('Say hello to Multi.')
    d.send(':quit\r')
    expect(await d.done).toBe(0)
  })

  it('saves history in the file and recalls it in the next session with the up arrow', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const historyFile = join(mkdtempSync(join(tmpdir(), 'baml-hist-')), 'history')
    const a = drive({ dir, terminal: true, env: ENV, historyFile })
    await a.waitFor('baml> ')
    a.send('render Greet { name "Remembered" langs [] }\r')
    await a.waitFor('Say hello to Remembered.')
    a.send('classes\r')
    await a.waitFor('Person')
    a.send(':quit\r')
    expect(await a.done).toBe(0)
    expect(readFileSync(historyFile, 'utf8')).toBe('render Greet { name "Remembered" langs [] }\nclasses\n:quit\n')

    const b = drive({ dir, terminal: true, env: ENV, historyFile })
    await b.waitFor('baml> ')
    // Up three times: :quit, classes, then the render.
    b.send('\x1b[A')
    b.send('\x1b[A')
    b.send('\x1b[A')
    b.send('\r')
    await b.waitFor('Say hello to Remembered.')
    b.send(':quit\r')
    expect(await b.done).toBe(0)
  })

  it('Ctrl-C clears an unfinished entry; twice on an empty line leaves', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const d = drive({ dir, terminal: true, env: ENV })
    await d.waitFor('baml> ')
    d.send('render Greet {\r')
    await d.waitFor('... ')
    d.send('\x03')
    await d.waitFor('baml> ')
    d.send('functions\r')
    await d.waitFor('Greet(name: string')
    d.send('\x03')
    await d.waitFor('Ctrl-C again')
    d.send('\x03')
    expect(await d.done).toBe(0)
  })

  it('parse takes pasted lines until Ctrl-D, then the session goes on', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const d = drive({ dir, terminal: true, env: ENV })
    await d.waitFor('baml> ')
    d.send('parse Extract\r')
    await d.waitFor('paste the model output')
    d.send('{"name": "Pasted",\r')
    d.send('\r'.slice(1) + ' "age": 5}\r')
    d.send('\x04')
    await d.waitFor('"name": "Pasted"')
    await d.waitFor('baml> ')
    d.send('$_.age\r')
    await d.waitFor(/\n5\r?\n/)
    d.send(':quit\r')
    expect(await d.done).toBe(0)
  })

  it('Ctrl-C while pasting cancels the parse', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const d = drive({ dir, terminal: true, env: ENV })
    await d.waitFor('baml> ')
    d.send('parse Extract\r')
    await d.waitFor('paste the model output')
    d.send('{"name": "Never",\r')
    d.send('\x03')
    await d.waitFor('cancelled')
    await d.waitFor('baml> ')
    d.send('classes\r')
    await d.waitFor('Person')
    d.send(':quit\r')
    expect(await d.done).toBe(0)
    expect(d.out).not.toContain('"name": "Never"\n')
  })

  it('redraws partial values in place while streaming', async () => {
    const { startServer, streamChunks, byStream, json } = await import('../providers/helpers/server.ts')
    const { openaiChat, openaiChatSse } = await import('../providers/helpers/wire.ts')
    const server = await startServer()
    try {
      server.route('/v1/chat/completions', byStream(json(openaiChat('x')), streamChunks(openaiChatSse(['{"name": "A', 'da", "age"', ': 3', '6}']), { gapMs: 15 })))
      const dir = writeProject({ 'main.baml': PROJECT })
      const d = drive({ dir, terminal: true, env: { LOCAL_URL: `${server.url}/v1`, LOCAL_KEY: 'k' } })
      await d.waitFor('baml> ')
      d.send('stream Extract "Ada"\r')
      await d.waitFor(/✓ .*tokens/)
      d.send(':quit\r')
      expect(await d.done).toBe(0)
      const shown = d.out.slice(d.out.indexOf('stream Extract'))
      // A partial is drawn, then moved up over and cleared (cursor up N, clear to the end) before the next.
      expect(shown).toMatch(/"name": "A"[\s\S]*\x1b\[\d+A\r\x1b\[J[\s\S]*"name": "Ada"/)
      // The final value is printed once, after the live area is cleared.
      expect(shown).toMatch(/\x1b\[J\{\r?\n {2}"name": "Ada",\r?\n {2}"age": 36\r?\n\}/)
    } finally {
      await server.close()
    }
  })

  it('reloads on its own while waiting at the prompt when a file changes', async () => {
    const dir = writeProject({ 'main.baml': PROJECT })
    const d = drive({ dir, terminal: true, env: ENV, watch: true })
    await d.waitFor('baml> ')
    writeFileSync(join(dir, 'more.baml'), 'function Extra(x: string) -> string {\n  client Local\n  prompt #"{{ x }}"#\n}\n')
    await d.waitFor(/reloaded .*: 2 files, 4 functions/, 15_000)
    writeFileSync(join(dir, 'more.baml'), 'function Extra(x: string) -> string {\n  client Nowhere\n  prompt #"{{ x }}"#\n}\n')
    await d.waitFor(/Nowhere[\s\S]*still using the last project that loaded/, 15_000)
    d.send('functions\r')
    await d.waitFor('Extra(x: string) -> string')
    d.send(':quit\r')
    expect(await d.done).toBe(0)
  })
})
