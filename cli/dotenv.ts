// `--dotenv` / `--dotenv-path F`: environment variables from a .env file, read the way the reference
// CLI reads them. `KEY=VALUE` lines; `#` comments; values trimmed; single- or double-quoted values,
// which may span lines; the escapes \n \r \t \\ \' \"; `$VAR` and `${VAR}` replaced by a variable
// defined earlier in the file or in the environment. Values from the file replace the environment's.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { BamlInvalidArgumentError } from '../core/index.ts'
import type { DotenvOptions } from './conventions.ts'
import { fsReason } from './host.ts'

const CANDIDATES = ['.env', '.env.local', '.env.development', '.env.production']

function unescape(s: string): string {
  return s.replace(/\\([nrt\\'"])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c)
}

function expand(s: string, vars: Readonly<Record<string, string>>, env: Readonly<Record<string, string | undefined>>): string {
  return s.replace(/\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare!
    return vars[name] ?? env[name] ?? whole
  })
}

/** The variables a .env text defines, in order. */
export function parseDotenv(text: string, env: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
  const lines = text.split(/\r?\n/)
  const vars: Record<string, string> = {}
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '' || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    if (eq < 0) continue
    const key = line.slice(0, eq).trim().replace(/^export\s+/, '')
    let value = line.slice(eq + 1).trim()
    const q = value[0]
    if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) {
      value = value.slice(1, -1)
    } else if (q === '"' || q === "'") {
      // An opening quote without its closing one: the value continues on the following lines.
      const parts = [lines[i]!.slice(lines[i]!.indexOf('=') + 1).trimStart().slice(1)]
      while (++i < lines.length) {
        const next = lines[i]!
        if (next.trimEnd().endsWith(q)) {
          parts.push(next.slice(0, next.lastIndexOf(q)))
          break
        }
        parts.push(next)
      }
      value = parts.join('\n')
    }
    if (key) vars[key] = expand(unescape(value), vars, env)
  }
  return vars
}

/** The first candidate .env file in `dir` or a directory above it. */
function findDotenv(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    for (const name of CANDIDATES) if (existsSync(join(d, name))) return join(d, name)
    if (dirname(d) === d) return undefined
  }
}

/**
 * Loads the .env file the options ask for into `env` (process.env by default). Returns the file read
 * and how many variables it set, or undefined when no file was asked for or (with `--dotenv`) found.
 */
export function loadDotenv(
  opts: DotenvOptions,
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): { path: string; count: number } | undefined {
  const path = opts.dotenvPath !== undefined ? resolve(cwd, opts.dotenvPath) : opts.dotenv ? findDotenv(cwd) : undefined
  if (path === undefined) return undefined
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new BamlInvalidArgumentError(`cannot read the .env file ${opts.dotenvPath ?? path}: ${fsReason(e)}`)
  }
  const vars = parseDotenv(text, env)
  for (const [k, v] of Object.entries(vars)) env[k] = v
  return { path, count: Object.keys(vars).length }
}
