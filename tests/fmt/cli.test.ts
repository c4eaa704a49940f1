// `baml fmt` as a user runs it: a real process (Bun running cli/main.ts) in a scratch directory.
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeTree } from '../helpers/files.ts'
import { runProcess, type Run } from '../helpers/process.ts'
import { ROOT } from './helpers.ts'

const bun = join(ROOT, 'node_modules', '.bin', 'bun')
const TIMEOUT = 60_000

function baml(cwd: string, args: string[]): Promise<Run> {
  return runProcess(bun, [join(ROOT, 'cli', 'main.ts'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } })
}

const MESSY = 'class  A{\n  a   int\n}\n'
const NEAT = 'class A {\n  a int\n}\n'
const BROKEN = 'class B {\n  b strin g\n'

/** A scratch directory holding `files`; every file's modification time is set an hour back. */
const scratchDirs: string[] = []
afterAll(() => {
  for (const d of scratchDirs) rmSync(d, { recursive: true, force: true })
})

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'baml-fmt-'))
  scratchDirs.push(dir)
  const past = new Date(Date.now() - 3600_000)
  writeTree(dir, files)
  for (const name of Object.keys(files)) utimesSync(join(dir, name), past, past)
  return dir
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8')
const mtime = (dir: string, name: string) => statSync(join(dir, name)).mtimeMs

describe('baml fmt', () => {
  it(
    'formats every .baml under the current directory, writes only the files that change, skips node_modules and hidden folders',
    async () => {
      const dir = scratch({ 'baml_src/a.baml': MESSY, 'baml_src/deep/b.baml': MESSY, 'baml_src/ok.baml': NEAT, 'node_modules/x/n.baml': MESSY, '.venv/h.baml': MESSY, 'notes.txt': MESSY })
      const before = mtime(dir, 'baml_src/ok.baml')
      const r = await baml(dir, ['fmt'])
      expect(r.code).toBe(0)
      expect(r.stdout).toBe('')
      expect(read(dir, 'baml_src/a.baml')).toBe(NEAT)
      expect(read(dir, 'baml_src/deep/b.baml')).toBe(NEAT)
      expect(mtime(dir, 'baml_src/ok.baml')).toBe(before)
      for (const untouched of ['node_modules/x/n.baml', '.venv/h.baml', 'notes.txt']) expect(read(dir, untouched)).toBe(MESSY)
      expect(r.stderr).toContain('formatted baml_src/a.baml')
      expect(r.stderr).toContain('formatted baml_src/deep/b.baml')
      expect(r.stderr).not.toContain('formatted baml_src/ok.baml')
      expect(r.stderr).toContain('2 files formatted, 1 already formatted')
      // A second run changes nothing.
      const again = await baml(dir, ['fmt'])
      expect(again.code).toBe(0)
      expect(again.stderr).toContain('0 files formatted, 3 already formatted')
    },
    TIMEOUT,
  )

  it(
    '--check lists the files that are not formatted on stdout, writes nothing and exits 1; 0 once formatted',
    async () => {
      const dir = scratch({ 'baml_src/a.baml': MESSY, 'baml_src/b.baml': NEAT, 'baml_src/c.baml': MESSY })
      const r = await baml(dir, ['fmt', '--check', '--from', 'baml_src'])
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('baml_src/a.baml\nbaml_src/c.baml\n')
      expect(r.stderr).toContain('2 files of 3 not formatted')
      expect(read(dir, 'baml_src/a.baml')).toBe(MESSY)
      expect((await baml(dir, ['fmt', '--from', 'baml_src'])).code).toBe(0)
      const ok = await baml(dir, ['fmt', '--check', '--from', 'baml_src'])
      expect(ok.code).toBe(0)
      expect(ok.stdout).toBe('')
    },
    TIMEOUT,
  )

  it(
    '-n / --dry-run prints the formatted text instead of writing (a header per file when there are several)',
    async () => {
      const dir = scratch({ 'baml_src/a.baml': MESSY, 'baml_src/b.baml': NEAT })
      const one = await baml(dir, ['fmt', '-n', 'baml_src/a.baml'])
      expect(one.code).toBe(0)
      expect(one.stdout).toBe(NEAT)
      const both = await baml(dir, ['fmt', '--dry-run', '--from', 'baml_src'])
      expect(both.code).toBe(0)
      expect(both.stdout).toBe(`==> baml_src/a.baml <==\n${NEAT}==> baml_src/b.baml <==\n${NEAT}`)
      expect(read(dir, 'baml_src/a.baml')).toBe(MESSY)
    },
    TIMEOUT,
  )

  it(
    'formats the paths given (files or folders) instead of --from; a missing path is an error and nothing is written',
    async () => {
      const dir = scratch({ 'baml_src/a.baml': MESSY, 'other/b.baml': MESSY, 'other/sub/c.baml': MESSY, 'x.baml': MESSY })
      const r = await baml(dir, ['fmt', '--from', 'baml_src', 'other', 'x.baml'])
      expect(r.code).toBe(0)
      expect(read(dir, 'other/b.baml')).toBe(NEAT)
      expect(read(dir, 'other/sub/c.baml')).toBe(NEAT)
      expect(read(dir, 'x.baml')).toBe(NEAT)
      expect(read(dir, 'baml_src/a.baml')).toBe(MESSY)
      const missing = await baml(dir, ['fmt', 'baml_src/a.baml', 'nope.baml'])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toContain('nope.baml')
      expect(read(dir, 'baml_src/a.baml')).toBe(MESSY)
    },
    TIMEOUT,
  )

  it(
    'leaves a file with syntax errors untouched, prints its diagnostics at file:line:col and exits 1; the other files are formatted',
    async () => {
      const dir = scratch({ 'baml_src/a.baml': MESSY, 'baml_src/bad.baml': BROKEN })
      for (const args of [['fmt'], ['fmt', '--check'], ['fmt', '-n']]) {
        const r = await baml(dir, args)
        expect(r.code, args.join(' ')).toBe(1)
        expect(r.stderr, args.join(' ')).toMatch(/--> baml_src\/bad\.baml:\d+:\d+/)
        expect(r.stderr, args.join(' ')).toContain('baml_src/bad.baml: not formatted')
        expect(read(dir, 'baml_src/bad.baml')).toBe(BROKEN)
      }
      expect(read(dir, 'baml_src/a.baml')).toBe(NEAT)
    },
    TIMEOUT,
  )

  it(
    'leaves a file that is not UTF-8 untouched (exit 1)',
    async () => {
      const dir = scratch({ 'baml_src/a.baml': MESSY })
      const bytes = Buffer.from([0x63, 0x6c, 0x61, 0x73, 0x73, 0x20, 0xff, 0xfe, 0x20, 0x7b, 0x7d, 0x0a])
      writeFileSync(join(dir, 'baml_src/latin.baml'), bytes)
      const r = await baml(dir, ['fmt'])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('baml_src/latin.baml is not UTF-8 text')
      expect(readFileSync(join(dir, 'baml_src/latin.baml')).equals(bytes)).toBe(true)
      expect(read(dir, 'baml_src/a.baml')).toBe(NEAT)
    },
    TIMEOUT,
  )

  it(
    'says so when there is nothing to format',
    async () => {
      const dir = scratch({ 'readme.md': '# nothing' })
      const r = await baml(dir, ['fmt'])
      expect(r.code).toBe(0)
      expect(r.stderr).toContain('no .baml files under .')
      const missing = await baml(dir, ['fmt', '--from', 'baml_src'])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toContain('baml_src')
    },
    TIMEOUT,
  )
})
