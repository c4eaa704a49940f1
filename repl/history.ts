// The entries typed in terminal sessions, kept in a file under the home directory
// (`~/.baml_repl_history`, or $BAML_REPL_HISTORY; an empty value turns it off), newest last.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** Lines kept in readline's memory and in the file. */
export const HISTORY_SIZE = 1000

/** Where the history goes: an explicit path, $BAML_REPL_HISTORY, or the home directory; undefined: nowhere. */
export function historyPath(given: string | null | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (given === null) return undefined
  if (given !== undefined) return given
  const fromEnv = env.BAML_REPL_HISTORY
  if (fromEnv !== undefined) return fromEnv === '' ? undefined : fromEnv
  return join(homedir(), '.baml_repl_history')
}

/** The saved lines, newest first (as readline wants them). The file is trimmed when it has grown to twice the size kept. */
export function loadHistory(path: string | undefined): string[] {
  if (!path) return []
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return []
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  const kept = lines.slice(-HISTORY_SIZE)
  if (lines.length > 2 * HISTORY_SIZE) {
    try {
      writeFileSync(path, kept.join('\n') + '\n', { mode: 0o600 })
    } catch {
      // a read-only history is still a history
    }
  }
  return kept.reverse()
}

/** Add one line (appended at once, so a crash loses nothing). Failures are ignored: history is a convenience. */
export function appendHistory(path: string | undefined, line: string): void {
  if (!path || line.trim() === '') return
  try {
    appendFileSync(path, line.replace(/\n/g, ' ') + '\n', { mode: 0o600 })
  } catch {
    // ignore
  }
}
