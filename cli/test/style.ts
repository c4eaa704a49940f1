// Colours and small text helpers for the test reports people read. Colours are on only when the
// stream is a terminal and NO_COLOR is unset (FORCE_COLOR turns them on anywhere).

export interface Style {
  readonly color: boolean
  green(s: string): string
  red(s: string): string
  yellow(s: string): string
  cyan(s: string): string
  dim(s: string): string
  bold(s: string): string
}

export function makeStyle(color: boolean): Style {
  const sgr = (open: number, close: number) => (s: string) => (color && s ? `\x1b[${open}m${s}\x1b[${close}m` : s)
  return { color, green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), dim: sgr(2, 22), bold: sgr(1, 22) }
}

export function wantsColor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return isTTY && env.TERM !== 'dumb'
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '')
}

/** `0.52s`, `12.3s`, `2m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
}

export function formatTokens(n: number | null): string {
  return n === null ? '-' : String(n)
}

/** Each line of `text` indented by `pad`. */
export function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n')
}

/** At most `maxLines` lines and `maxChars` characters, saying how much was cut. */
export function clip(text: string, maxLines = 30, maxChars = 4000): string {
  let out = text.length > maxChars ? text.slice(0, maxChars) : text
  const lines = out.split('\n')
  if (lines.length > maxLines) out = lines.slice(0, maxLines).join('\n')
  return out.length < text.length ? `${out}\n… (${text.length - out.length} more characters)` : out
}
