// The host adapter for Node, Bun and Deno (all three provide node:fs). The portable core never
// touches the file system itself; it receives these functions.
import { readFile, readdir, stat } from 'node:fs/promises'
import { basename, join, relative, resolve, sep } from 'node:path'
import type { Host } from '../core/host.ts'
import { BamlInvalidArgumentError } from '../core/errors.ts'

/** Every `.baml` file under `dir`, keyed `<basename(dir)>/<relative path>` with `/` separators. */
export async function readBamlDirectory(dir: string): Promise<Record<string, string>> {
  const root = resolve(dir)
  let info
  try {
    info = await stat(root)
  } catch {
    throw new BamlInvalidArgumentError(`BAML source directory not found: ${dir}`)
  }
  if (!info.isDirectory()) throw new BamlInvalidArgumentError(`not a directory: ${dir}`)
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  const prefix = basename(root)
  const out: Record<string, string> = {}
  const paths = entries
    .filter((e) => e.isFile() && e.name.endsWith('.baml'))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort()
  const texts = await Promise.all(paths.map((p) => readFile(p, 'utf8')))
  paths.forEach((p, i) => {
    out[[prefix, ...relative(root, p).split(sep)].join('/')] = texts[i]!
  })
  return out
}

export function nodeHost(cwd: string = process.cwd()): Host {
  return {
    readFile: async (p) => new Uint8Array(await readFile(resolve(cwd, p))),
    readTextFile: (p) => readFile(resolve(cwd, p), 'utf8'),
    listBamlFiles: (d) => readBamlDirectory(resolve(cwd, d)),
    env: () => ({ ...process.env }),
    now: () => Date.now(),
  }
}
