// cac parses options with mri, which turns every value that looks like a number into one ("007" → 7,
// "0x10" → 16, "" → 0) and offers no way to turn that off. Every value token is marked before
// parsing and unmarked after, so options and positionals reach the commands as the exact strings typed.

const MARK = '\u0000'

/**
 * argv with every value token prefixed with a marker mri cannot read as a number; not flags, not what
 * follows `--`, and not the first bare word (the command name, which cac matches as typed) unless it
 * is the value of a flag before the command that `takesValue` (`baml --features beta check`).
 */
export function markValues(argv: readonly string[], takesValue: (flag: string) => boolean = () => false): string[] {
  const out: string[] = []
  let rest = false
  let command = false
  let valueNext = false
  for (const a of argv) {
    const isValue = valueNext
    valueNext = false
    if (rest || a === '--') {
      rest = true
      out.push(a)
    } else if (a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=')
      out.push(eq > 0 && a.startsWith('--') ? a.slice(0, eq + 1) + MARK + a.slice(eq + 1) : a)
      valueNext = eq < 0 && takesValue(a)
    } else if (!command && !isValue) {
      command = true
      out.push(a)
    } else {
      out.push(MARK + a)
    }
  }
  return out
}

/** The value with every marker taken off (strings, and strings inside arrays and objects). */
export function unmark<T>(v: T): T {
  if (typeof v === 'string') return (v.startsWith(MARK) ? v.slice(1) : v) as T
  if (Array.isArray(v)) return v.map(unmark) as T
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    for (const k of Object.keys(o)) o[k] = unmark(o[k])
  }
  return v
}
