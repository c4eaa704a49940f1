// "Did you mean" suggestions: the same answers as a plain edit-distance scan, at a bounded cost
// when a project has thousands of unknown names and thousands of declared ones.
import { describe, expect, it } from 'vitest'
import { closest, editDistance, Suggester } from '../../core/ir/suggest.ts'
import { loadProject } from '../../core/project.ts'

/** The rule, written plainly: distance ≤ max(2, ⌊len/3⌋) case-insensitively, or containment. */
function plainClosest(name: string, candidates: readonly string[]): string[] {
  const lower = name.toLowerCase()
  const max = Math.max(2, Math.floor(name.length / 3))
  const scored: { c: string; d: number }[] = []
  for (const c of candidates) {
    const cl = c.toLowerCase()
    const d = editDistance(lower, cl)
    if (d <= max) scored.push({ c, d })
    else if (cl.length >= 3 && (lower.includes(cl) || cl.includes(lower))) scored.push({ c, d: max + 1 })
  }
  scored.sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1))
  return scored.slice(0, 5).map((s) => s.c)
}

describe('suggestions', () => {
  it('match the plain scan on random names', () => {
    let seed = 11
    const r = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
    const alphabet = 'abcdeXY12_'
    const word = () => Array.from({ length: Math.floor(r() * 12) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('')
    for (let k = 0; k < 5000; k++) {
      const name = word() || 'a'
      const cands = Array.from({ length: 1 + Math.floor(r() * 8) }, word)
      expect([name, cands, closest(name, cands)]).toEqual([name, cands, plainClosest(name, cands)])
    }
  })

  it('the usual cases', () => {
    expect(closest('Strng', ['string', 'int', 'Sting'])).toEqual(['Sting', 'string'])
    expect(closest('FrontDesk', ['Desk', 'Front', 'Other'])).toEqual(['Desk', 'Front'])
    expect(closest('zzz', ['string'])).toEqual([])
  })

  it('a large list answers a bounded number of distinct names, then stops suggesting', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `Klass${i}`)
    const s = new Suggester(names)
    expect(s.closest('Klas0')).toEqual(['Klass0', 'Klass1', 'Klass10', 'Klass2', 'Klass20'])
    let answered = 0
    for (let i = 1; i < 5000; i++) if (s.closest(`Klas${i}`).length > 0) answered++
    expect(answered).toBeGreaterThan(200)
    expect(answered).toBeLessThan(1000)
    // asked again, a name keeps its (memoised) answer
    expect(s.closest('Klas0')).toEqual(['Klass0', 'Klass1', 'Klass10', 'Klass2', 'Klass20'])
    // small lists are never cut off
    const small = new Suggester(['alpha', 'beta'])
    for (let i = 0; i < 20_000; i++) small.closest(`alpah${i % 3000}`)
    expect(small.closest('alpah')).toEqual(['alpha'])
  })

  it('3,000 unknown types in a project: every error reported, the first ones with suggestions', () => {
    let src = ''
    for (let i = 0; i < 3000; i++) src += `class Klass${i} {\n  f Klas${i}\n}\n`
    const r = loadProject({ 'baml_src/main.baml': src })
    const msgs = r.diagnostics.map((d) => d.message)
    expect(msgs.length).toBe(3000)
    expect(msgs[0]).toBe('Type `Klas0` does not exist. Did you mean `Klass0`, `Klass1`, `Klass10`, `Klass2` or `Klass20`?')
    expect(msgs[2999]).toBe('Type `Klas2999` does not exist.')
  })
})
