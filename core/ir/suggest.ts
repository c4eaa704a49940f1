// "Did you mean ...?" suggestions by edit distance.
//
// A project with thousands of unknown names and thousands of declared ones asks for errors × names
// comparisons, so candidate lists are prepared once (per list object: lower-cased, with a letter
// mask each), most pairs are ruled out by their masks and lengths before any distance is computed,
// distances are computed only as far as the threshold (a band, with early exit), answers are
// memoised per name, and a large list stops suggesting after a budget of comparisons (later
// errors simply have no "Did you mean").

export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  const m = a.length
  const n = b.length
  if (m === 0) return n
  if (n === 0) return m
  let prev = new Array<number>(n + 1)
  let cur = new Array<number>(n + 1)
  for (let j = 0; j <= n; j++) prev[j] = j
  for (let i = 1; i <= m; i++) {
    cur[0] = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= n; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
    }
    ;[prev, cur] = [cur, prev]
  }
  return prev[n]!
}

// Two rows of the banded distance table, reused across calls (grown as needed).
let rowA = new Int32Array(64)
let rowB = new Int32Array(64)

/** `editDistance(a, b)` when it is at most `max`, else `max + 1` (only the diagonal band is computed). */
function distanceWithin(a: string, b: string, max: number): number {
  const m = a.length
  const n = b.length
  if (Math.abs(m - n) > max) return max + 1
  if (m === 0 || n === 0) return Math.max(m, n)
  if (rowA.length < n + 2) {
    rowA = new Int32Array(n * 2 + 2)
    rowB = new Int32Array(n * 2 + 2)
  }
  const BIG = max + 1
  let prev = rowA
  let cur = rowB
  for (let j = 0; j <= n; j++) prev[j] = j <= max ? j : BIG
  for (let i = 1; i <= m; i++) {
    const lo = i - max > 1 ? i - max : 1
    const hi = i + max < n ? i + max : n
    cur[lo - 1] = lo === 1 ? i : BIG
    const ca = a.charCodeAt(i - 1)
    let rowMin = cur[lo - 1]!
    for (let j = lo; j <= hi; j++) {
      const up = j <= i - 1 + max ? prev[j]! + 1 : BIG
      const left = cur[j - 1]! + 1
      const diag = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1)
      let d = up < left ? up : left
      if (diag < d) d = diag
      if (d > BIG) d = BIG
      cur[j] = d
      if (d < rowMin) rowMin = d
    }
    if (rowMin > max) return BIG
    const t = prev
    prev = cur
    cur = t
  }
  return prev[n]! < BIG ? prev[n]! : BIG
}

/** One bit per letter (a-z) and a few for other characters: a cheap lower bound on edits. */
function letterMask(s: string): number {
  let m = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    m |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6))
  }
  return m
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

interface Candidate {
  readonly name: string
  readonly lower: string
  readonly mask: number
}

/** Comparisons a large candidate list may spend on suggestions (~0.1 s of work). */
const BUDGET = 2_000_000
/** Lists this small are never budgeted (their cost per error is negligible). */
const SMALL = 256

/** Suggestions against one candidate list: prepared once, memoised, budgeted when large. */
export class Suggester {
  private readonly candidates: Candidate[]
  private readonly memo = new Map<string, string[]>()
  private budget = BUDGET

  constructor(names: Iterable<string>) {
    this.candidates = []
    for (const name of names) {
      const lower = name.toLowerCase()
      this.candidates.push({ name, lower, mask: letterMask(lower) })
    }
  }

  get size(): number {
    return this.candidates.length
  }

  /** Candidates close to `name` (case-insensitive distance ≤ max(2, ⌊len/3⌋), or containing / contained), closest first. */
  closest(name: string, limit = 5): string[] {
    let hit = this.memo.get(name)
    if (hit === undefined) {
      hit = this.compute(name)
      this.memo.set(name, hit)
    }
    return hit.slice(0, limit)
  }

  private compute(name: string): string[] {
    const cands = this.candidates
    if (cands.length > SMALL) {
      if (this.budget < cands.length) return []
      this.budget -= cands.length
    }
    const lower = name.toLowerCase()
    const mask = letterMask(lower)
    const max = Math.max(2, Math.floor(name.length / 3))
    const scored: { c: string; d: number }[] = []
    for (const c of cands) {
      const cl = c.lower
      // every letter of one that the other lacks needs an edit
      const d =
        Math.abs(cl.length - lower.length) > max || popcount(mask & ~c.mask) > max || popcount(c.mask & ~mask) > max ? max + 1 : distanceWithin(lower, cl, max)
      // Close spellings, or one name containing the other (`FrontDesk` → `Desk`).
      if (d <= max) scored.push({ c: c.name, d })
      else if (cl.length >= 3 && (cl.length < lower.length ? (c.mask & ~mask) === 0 && lower.includes(cl) : (mask & ~c.mask) === 0 && cl.includes(lower)))
        scored.push({ c: c.name, d: max + 1 })
    }
    scored.sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1))
    return scored.map((s) => s.c)
  }
}

// Candidate lists seen before (the same Set or array passed for every error of a load).
const prepared = new WeakMap<object, Suggester>()

function suggesterFor(candidates: Iterable<string>): Suggester {
  if (typeof candidates !== 'object' || candidates === null) return new Suggester(candidates)
  let s = prepared.get(candidates)
  const size = candidates instanceof Set ? candidates.size : Array.isArray(candidates) ? candidates.length : undefined
  if (!s || size === undefined || s.size !== size) {
    s = new Suggester(candidates)
    if (size !== undefined) prepared.set(candidates, s)
  }
  return s
}

/** Candidates close to `name` (case-insensitive distance ≤ max(2, ⌊len/3⌋)), closest first. */
export function closest(name: string, candidates: Iterable<string>, limit = 5): string[] {
  return suggesterFor(candidates).closest(name, limit)
}

/** " Did you mean `a` or `b`?" or "". */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const list = closest(name, candidates)
  if (list.length === 0) return ''
  const quoted = list.map((c) => `\`${c}\``)
  return ` Did you mean ${quoted.length === 1 ? quoted[0] : quoted.slice(0, -1).join(', ') + ' or ' + quoted[quoted.length - 1]}?`
}
