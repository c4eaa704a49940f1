// "Did you mean …?": the known names closest to a mistyped one.

/** Edit distance (insertions, deletions, substitutions; a swap of neighbours counts as one). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1)
      d[i]![j] = v
    }
  return d[a.length]![b.length]!
}

/** Up to three of `known` close to `name` (case-insensitive; closest first). */
export function closest(name: string, known: Iterable<string>): string[] {
  const lower = name.toLowerCase()
  const scored: [string, number][] = []
  for (const k of known) {
    const kl = k.toLowerCase()
    const dist = editDistance(lower, kl)
    const limit = Math.max(1, Math.floor(Math.max(name.length, k.length) / 3))
    if (dist <= limit || (lower.length >= 3 && (kl.includes(lower) || lower.includes(kl)))) scored.push([k, dist])
  }
  return scored
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, 3)
    .map(([k]) => k)
}

/** ` Did you mean `a` or `b`?` (with a leading space), or '' when nothing is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const near = closest(name, known).map((k) => `\`${k}\``)
  if (near.length === 0) return ''
  return ` Did you mean ${near.length === 1 ? near[0] : `${near.slice(0, -1).join(', ')} or ${near[near.length - 1]}`}?`
}
