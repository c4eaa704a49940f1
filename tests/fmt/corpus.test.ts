// `baml fmt` over every .baml file of the test corpora: a file that parses is formatted, keeps every
// comment (//, /// docstrings, {// //}) and every block string byte for byte, parses to the same
// tree, and is a fixed point (formatting the output changes nothing). A file with syntax errors is
// left exactly as it is, with its diagnostics.
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatBaml } from '../../core/index.ts'
import { blockStrings, commentTexts, CORPORA, corpusFiles, ROOT, syntaxErrors, tree } from './helpers.ts'

const files = corpusFiles()
const STRAY = 'This block string is outside every block'

/** The files of one corpus folder, grouped so that a failure names a small set. */
function group(prefix: string): string[] {
  return files.filter((f) => relative(ROOT, f).startsWith(prefix + '/'))
}

const GROUPS = ['tests/golden/conformance', 'tests/golden/check-extra', 'tests/golden/providers', 'tests/golden/sap', 'tests/golden/template', 'tests/golden/format', 'tests/golden/init', 'tests/testing/fixtures', 'scripts/demo']

describe('fmt over the corpora', () => {
  it('the groups below cover every corpus file', () => {
    const covered = GROUPS.flatMap(group)
    expect(covered.length).toBe(files.length)
    expect(files.length).toBeGreaterThan(700)
    expect(CORPORA.every((c) => files.some((f) => relative(ROOT, f).startsWith(c)))).toBe(true)
  })

  for (const prefix of GROUPS) {
    const mine = group(prefix)
    it(`${prefix}: ${mine.length} files keep comments, prompts and tree; formatting is idempotent`, () => {
      let formatted = 0
      let refused = 0
      let stray = 0
      let comments = 0
      for (const file of mine) {
        const rel = relative(ROOT, file)
        const text = readFileSync(file, 'utf8')
        const r = formatBaml(rel, text)
        const errors = syntaxErrors(rel, text)
        if (errors.length) {
          // Not formatted: the text is untouched and the diagnostics are the parser's errors.
          expect(r.changed, rel).toBe(false)
          expect(r.text, rel).toBe(text)
          expect(r.diagnostics.map((d) => d.message), rel).toEqual(errors)
          refused++
          continue
        }
        if (r.diagnostics.length === 1 && r.diagnostics[0]!.message.startsWith(STRAY)) {
          // A block string outside every block (which the parser ignores) would be dropped: refused.
          const d = r.diagnostics[0]!
          expect(text.slice(d.span.start, d.span.end), rel).toMatch(/^#+"[^]*"#+$/)
          expect(r.text, rel).toBe(text)
          stray++
          continue
        }
        expect(r.diagnostics.map((d) => d.message), rel).toEqual([])
        expect(r.changed, rel).toBe(r.text !== text)
        expect(commentTexts(rel, r.text), rel).toEqual(commentTexts(rel, text))
        expect(blockStrings(r.text), rel).toEqual(blockStrings(text))
        expect(syntaxErrors(rel, r.text), rel).toEqual([])
        expect(tree(rel, r.text), rel).toEqual(tree(rel, text))
        const again = formatBaml(rel, r.text)
        expect(again.text, `${rel}: formatting twice`).toBe(r.text)
        expect(again.changed, rel).toBe(false)
        comments += commentTexts(rel, text).length
        formatted++
      }
      expect(formatted + refused + stray).toBe(mine.length)
      expect(stray).toBeLessThan(3)
      expect(formatted).toBeGreaterThan(0)
      if (prefix === 'tests/golden/check-extra') expect(comments).toBeGreaterThan(100)
    })
  }
})
