// Reading a project from disk: no .baml files, paths a shell can open, binary files, unreadable paths.
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { baml, project } from './helpers.ts'

/** Each test runs the CLI as processes: generous for Bun's test runner on a loaded machine. */
const SLOW = 60_000

const BAD = 'class A {\n  b Bogus\n}\n'

describe('a directory without .baml files', () => {
  it('is an error for check (exit 1), not "0 files checked"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baml-empty-'))
    writeFileSync(join(dir, 'notes.txt'), 'not baml')
    const r = await baml(['check', '--from', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`no .baml files found in ${dir}`)
    expect(r.stderr).not.toContain('0 files checked')
  }, SLOW)
  it('is the same error for the commands that load the project', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baml-empty-'))
    for (const cmd of [['render', 'F'], ['request', 'F'], ['parse', 'F', '--text', 'x'], ['call', 'F']]) {
      const r = await baml([...cmd, '--from', dir])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('no .baml files found')
    }
  }, SLOW)
})

describe('diagnostic paths', () => {
  it('are relative to the working directory when the project is under it', async () => {
    const src = project({ 'x.baml': BAD })
    const cwd = join(src, '..', '..')
    const rel = join(src.slice(cwd.length + 1), 'x.baml') // <tmp dir>/baml_src/x.baml
    for (const from of [src, join(src.slice(cwd.length + 1))]) {
      const r = await baml(['check', '--from', from], { cwd })
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(` --> ${rel}:2:5\n`)
      const json = await baml(['check', '--from', from, '--json'], { cwd })
      expect(JSON.parse(json.stdout).diagnostics[0]).toMatchObject({ file: rel, location: `${rel}:2:5` })
    }
  }, SLOW)
  it('are plain file names when run from inside the source directory', async () => {
    const src = project({ 'x.baml': BAD })
    const r = await baml(['check', '--from', '.'], { cwd: src })
    expect(r.stderr).toContain(' --> x.baml:2:5\n')
  }, SLOW)
  it('are absolute when the project is outside the working directory', async () => {
    const src = project({ 'x.baml': BAD })
    const elsewhere = mkdtempSync(join(tmpdir(), 'baml-cwd-'))
    const r = await baml(['check', '--from', src], { cwd: elsewhere })
    expect(r.stderr).toContain(` --> ${join(src, 'x.baml')}:2:5\n`)
  }, SLOW)
  it('are the same in the load errors of render, request and call', async () => {
    const src = project({ 'x.baml': BAD })
    const cwd = join(src, '..')
    const r = await baml(['render', 'F', '--from', 'baml_src'], { cwd })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(' --> baml_src/x.baml:2:5\n')
    expect(r.stderr).toContain('could not load the BAML project (1 error)')
  }, SLOW)
})

describe('a binary file named x.baml', () => {
  it('is reported without raw control bytes reaching the terminal', async () => {
    const bytes = new Uint8Array(600)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 256
    bytes.set(new TextEncoder().encode('\x1b]0;pwned\x07\x1b[2J\x9b31m'), 0)
    const src = project({ 'x.baml': bytes })
    for (const args of [['check', '--from', src], ['render', 'F', '--from', src]]) {
      const r = await baml(args)
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('x.baml:1:1')
      // No C0 control other than newline, no DEL, no C1 (U+0080–U+009F).
      expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/)
      expect(r.stderr).toContain('\\x1b')
    }
  }, SLOW)
  it('keeps the caret under the marked text after an escaped character', async () => {
    const src = project({ 'x.baml': 'class A {\n  b string @description("\x01x") @bogus\n}\n' })
    const r = await baml(['check', '--from', src])
    expect(r.stderr).toContain('Attribute not known: `@bogus`')
    const lines = r.stderr.split('\n')
    const at = lines.findIndex((l) => l.includes('|   b string'))
    expect(lines[at]).toContain('@description("\\x01x") @bogus')
    const caret = lines[at + 1]!.indexOf('^')
    const marked = lines[at]!.slice(caret)
    expect(marked).toMatch(/^@?bogus$/)
    expect(lines[at + 1]!.slice(caret)).toBe('^'.repeat(marked.length))
  }, SLOW)
})

describe('paths that cannot be read', () => {
  it('/proc/self: no stack, no "unexpected failure"', async () => {
    const r = await baml(['check', '--from', '/proc/self'])
    expect(r.code).toBe(1)
    expect(r.stderr).not.toContain('unexpected failure')
    expect(r.stderr).toContain('/proc/self')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  }, SLOW)
  it('a symbolic-link loop: the path and the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baml-loop-'))
    symlinkSync(join(dir, 'b'), join(dir, 'a'))
    symlinkSync(join(dir, 'a'), join(dir, 'b'))
    const r = await baml(['check', '--from', join(dir, 'a')])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`error: cannot read ${join(dir, 'a')}: too many levels of symbolic links\n`)
  }, SLOW)
  it('a looping link inside the project is skipped, as the reference skips links', async () => {
    const src = project({ 'main.baml': 'class A {\n  b int\n}\n' })
    symlinkSync(join(src, 'loop.baml'), join(src, 'loop.baml'))
    const r = await baml(['check', '--from', src])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('1 file checked')
  }, SLOW)
  it('an unreadable directory inside the project: the path and "permission denied"', async () => {
    const src = project({ 'main.baml': 'class A {\n  b int\n}\n' })
    mkdirSync(join(src, 'locked'))
    writeFileSync(join(src, 'locked', 'x.baml'), 'class B {\n  c int\n}\n')
    chmodSync(join(src, 'locked'), 0o000)
    chmodSync(join(src, '..'), 0o755)
    // root reads anything: run as nobody then
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
    const r = await baml(['check', '--from', src], { ...asNobody, cwd: '/' })
    chmodSync(join(src, 'locked'), 0o755)
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`error: cannot read ${join(src, 'locked')}: permission denied\n`)
  }, SLOW)
})
