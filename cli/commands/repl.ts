// `baml repl [--from DIR]` (and `baml` alone on a terminal): the interactive playground, on the
// process's stdin/stdout. Piped input runs one entry per line: results on stdout, messages on stderr.
import { statSync } from 'node:fs'
import { displayPaths, nodeHost, readBamlDirectory } from '../host.ts'
import { runRepl } from '../../repl/index.ts'

interface ReplCommandOptions {
  from: string
}

export async function replCommand(opts: ReplCommandOptions): Promise<number> {
  const host = nodeHost()
  const from = String(opts.from)
  return runRepl({
    source: { root: from, read: () => readBamlDirectory(from), displayPath: displayPaths(from) },
    host,
    env: host.env!(),
    input: process.stdin,
    output: process.stdout,
    // Read only when not on a terminal (there messages go to stdout): Bun takes ~10 ms to build
    // process.stderr, which would delay the first prompt.
    get errorOutput() {
      return process.stderr
    },
    handleSignals: !process.stdin.isTTY,
  })
}

/** Whether `dir` exists (a bare `baml` opens the REPL only in a project). */
export function hasProject(dir: string): boolean {
  try {
    return statSync(dir).isDirectory()
  } catch {
    return false
  }
}
