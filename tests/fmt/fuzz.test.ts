// Fuzzing the formatter: corpus files with comments (//, ///, {// //}, over one or several lines),
// blanks and line breaks inserted at random token boundaries, sometimes with CRLF line ends or a
// byte-order mark. Whatever parses must format to text that keeps every comment and block string,
// parses to the same tree, and formats to itself again. The one refusal allowed is a block string
// left outside every block by the edit (the parser ignores it, so formatting would drop it).
// Seeded: a failure names its seed and input.
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatBaml } from '../../core/index.ts'
import { tokenize } from '../../core/syntax/lexer.ts'
import { mulberry32 } from '../../scripts/bench/gen-project.ts'
import { blockStrings, commentTexts, corpusFiles, ROOT, syntaxErrors, tree } from './helpers.ts'

const COMMENTS = ['// c1', '{// c2 //}', '/// d3', '{// multi\n   line //}', '//', '// "quote" and #"hash"#', '\n/// d5', '\n\n// c6', '{//\n//}', '///', '/// d7 ', '// c8 \t']
const BLANKS = ['  ', '\t', '\n\n', '\n', ' \t ']

function mutate(text: string, r: () => number): string {
  const ends = tokenize(text)
    .filter((t) => t.kind !== 'eof')
    .map((t) => t.end)
  if (!ends.length) return text
  const pick = () => ends[Math.floor(r() * ends.length)]!
  // From the end backwards, so that earlier offsets stay valid.
  const edits: [number, string][] = []
  for (let k = 1 + Math.floor(r() * 6); k > 0; k--) {
    const c = COMMENTS[Math.floor(r() * COMMENTS.length)]!
    // A line comment ends its line: a line break after it keeps the rest of the line in the code.
    edits.push([pick(), c.endsWith('//}') ? ` ${c} ` : ` ${c}\n`])
  }
  for (let k = Math.floor(r() * 3); k > 0; k--) edits.push([pick(), BLANKS[Math.floor(r() * BLANKS.length)]!])
  let s = text
  for (const [at, ins] of edits.sort((a, b) => b[0] - a[0])) s = s.slice(0, at) + ins + s.slice(at)
  if (r() < 0.2) s = s.replace(/\r?\n/g, '\r\n')
  if (r() < 0.1) s = '\uFEFF' + s
  return s
}

describe('fmt fuzz: comments inserted at random token boundaries', () => {
  const files = corpusFiles().map((f) => ({ rel: relative(ROOT, f), text: readFileSync(f, 'utf8') }))
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: every mutated file that parses formats with every comment kept`, () => {
      const r = mulberry32(seed)
      let formatted = 0
      let stray = 0
      for (const { rel, text } of files) {
        const input = mutate(text, r)
        if (syntaxErrors(rel, input).length) continue
        const label = `seed ${seed}, ${rel}, input ${JSON.stringify(input)}`
        const out = formatBaml(rel, input)
        if (out.diagnostics.length === 1 && out.diagnostics[0]!.message.startsWith('This block string is outside every block')) {
          expect(out.text, label).toBe(input)
          stray++
          continue
        }
        expect(out.diagnostics.map((d) => d.message), label).toEqual([])
        expect(commentTexts(rel, out.text), label).toEqual(commentTexts(rel, input))
        expect(blockStrings(out.text), label).toEqual(blockStrings(input))
        expect(tree(rel, out.text), label).toEqual(tree(rel, input))
        expect(formatBaml(rel, out.text).text, label).toBe(out.text)
        // Line ends follow the file's first one: then no bare LF outside block strings.
        if (/^[^\n]*\r\n/.test(input)) expect(out.text.replace(/#+"[^]*?"#+/g, '').replace(/\r\n/g, ''), label).not.toContain('\n')
        if (input.startsWith('\uFEFF')) expect(out.text.startsWith('\uFEFF'), label).toBe(true)
        formatted++
      }
      expect(formatted).toBeGreaterThan(files.length / 4)
      expect(stray).toBeLessThan(formatted / 10)
    })
  }
})
