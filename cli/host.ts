// The host adapter for Node, Bun and Deno (all three provide node:fs). The portable core never
// touches the file system itself; it receives these functions.
// Project files are read synchronously (a CLI reads them once, before anything else can run), and
// node:fs/promises is loaded only when media files are read: in Bun it costs milliseconds to load.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join, relative, resolve, sep } from 'node:path'
import { BamlInvalidArgumentError, type Host } from '../core/index.ts'

/** Every `.baml` file under `dir`, keyed `<basename(dir)>/<relative path>` with `/` separators, sorted. */
export function readBamlDirectory(dir: string): Record<string, string> {
  const root = resolve(dir)
  let info
  try {
    info = statSync(root)
  } catch {
    throw new BamlInvalidArgumentError(`BAML source directory not found: ${dir}`)
  }
  if (!info.isDirectory()) throw new BamlInvalidArgumentError(`not a directory: ${dir}`)
  const prefix = basename(root)
  const paths = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.baml'))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort()
  const out: Record<string, string> = {}
  for (const p of paths) out[[prefix, ...relative(root, p).split(sep)].join('/')] = readFileSync(p, 'utf8')
  return out
}

export function nodeHost(cwd: string = process.cwd()): Host {
  return {
    readFile: async (p) => new Uint8Array(await (await import('node:fs/promises')).readFile(resolve(cwd, p))),
    readTextFile: async (p) => (await import('node:fs/promises')).readFile(resolve(cwd, p), 'utf8'),
    listBamlFiles: async (d) => readBamlDirectory(resolve(cwd, d)),
    env: () => ({ ...process.env }),
    now: () => Date.now(),
  }
}
