// What `baml init` reads from the machine: the project's language (from marker files in the
// destination), the Go module path, and how openapi-generator can be run.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import type { OutputType } from './choices.ts'
import { DEFAULT_OPENAPI_COMMAND } from './templates.ts'

/** The output type the npm-installed reference CLI falls back to when nothing is detected. */
export const FALLBACK_OUTPUT_TYPE: OutputType = 'typescript'

// Checked in this order, as the reference does: Python markers win over package.json, and so on.
const MARKERS: readonly (readonly [readonly string[], OutputType])[] = [
  [['uv.lock', 'pyproject.toml', 'requirements.txt', 'setup.py'], 'python/pydantic'],
  [['package.json'], 'typescript'],
  [['Gemfile'], 'ruby/sorbet'],
  [['go.mod'], 'go'],
]

/** The output type suggested by the marker files in `dir`, and the file that suggested it, if any. */
export function detectOutputType(dir: string): { readonly outputType: OutputType; readonly marker: string } | undefined {
  for (const [files, outputType] of MARKERS) {
    const marker = files.find((f) => existsSync(join(dir, f)))
    if (marker) return { outputType, marker }
  }
  return undefined
}

/**
 * The `module` path of the first of `dirs` holding a readable go.mod. (The reference reads only the
 * working directory's go.mod; the destination's is tried first here, for `--dest` into a module.)
 */
export function goModulePath(dirs: readonly string[]): string | undefined {
  for (const dir of dirs) {
    let text: string
    try {
      text = readFileSync(join(dir, 'go.mod'), 'utf8')
    } catch {
      continue
    }
    for (const line of text.split(/\r?\n/)) {
      if (line.startsWith('module ')) return line.slice('module '.length).trim().replace(/^"(.*)"$/, '$1')
    }
  }
  return undefined
}

function onPath(name: string, pathEnv: string, exts: readonly string[]): boolean {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue
    for (const ext of exts) {
      try {
        accessSync(join(dir, name + ext), constants.X_OK)
        return true
      } catch {
        // not here
      }
    }
  }
  return false
}

/**
 * How to run openapi-generator, as the reference picks it: an installed `openapi-generator` or
 * `openapi-generator-cli`, else through npx. `found` is false when not even npx is on PATH (the
 * npx command is used anyway).
 */
export function openapiGeneratorCommand(env: Readonly<Record<string, string | undefined>>): { command: string; found: boolean } {
  const pathEnv = env.PATH ?? env.Path ?? ''
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').concat('') : ['']
  for (const name of ['openapi-generator', 'openapi-generator-cli']) if (onPath(name, pathEnv, exts)) return { command: name, found: true }
  return { command: DEFAULT_OPENAPI_COMMAND, found: onPath('npx', pathEnv, exts) }
}
