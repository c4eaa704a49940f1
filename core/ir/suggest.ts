// "Did you mean ...?" suggestions by edit distance.

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

/** Candidates close to `name` (case-insensitive distance ≤ max(2, ⌊len/3⌋)), closest first. */
export function closest(name: string, candidates: Iterable<string>, limit = 5): string[] {
  const lower = name.toLowerCase()
  const max = Math.max(2, Math.floor(name.length / 3))
  const scored: { c: string; d: number }[] = []
  for (const c of candidates) {
    const cl = c.toLowerCase()
    const d = editDistance(lower, cl)
    // Close spellings, or one name containing the other (`FrontDesk` → `Desk`).
    if (d <= max) scored.push({ c, d })
    else if (cl.length >= 3 && (lower.includes(cl) || cl.includes(lower))) scored.push({ c, d: max + 1 })
  }
  scored.sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1))
  return scored.slice(0, limit).map((s) => s.c)
}

/** " Did you mean `a` or `b`?" or "". */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const list = closest(name, candidates)
  if (list.length === 0) return ''
  const quoted = list.map((c) => `\`${c}\``)
  return ` Did you mean ${quoted.length === 1 ? quoted[0] : quoted.slice(0, -1).join(', ') + ' or ' + quoted[quoted.length - 1]}?`
}
