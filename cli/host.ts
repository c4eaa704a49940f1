// The host adapter for Node, Bun and Deno (all three provide node:fs). The portable core never
// touches the file system itself; it receives these functions.
// Project files are read synchronously (a CLI reads them once, before anything else can run), and
// node:fs/promises is loaded only when media files are read: in Bun it costs milliseconds to load.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { BamlInvalidArgumentError, type Host } from '../core/index.ts'

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in system',
  ENOSPC: 'no space left on device',
  EBADF: 'bad file descriptor',
  EPIPE: 'broken pipe',
  EROFS: 'read-only file system',
  EEXIST: 'file exists',
  ENOTEMPTY: 'directory not empty',
}

/** Why a file-system call failed, in words ("permission denied"), for messages that name the path. */
export function fsReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code === 'string') return REASONS[code] ?? code
  return e instanceof Error ? e.message : String(e)
}

function cannotRead(path: string, e: unknown): BamlInvalidArgumentError {
  return new BamlInvalidArgumentError(`cannot read ${path}: ${fsReason(e)}`)
}

/**
 * Every `.baml` file under `dir`, keyed `<basename(dir)>/<relative path>` with `/` separators, sorted.
 * Symbolic links inside the directory are not followed (as the reference's walk); a directory or
 * file that cannot be read is an error naming it.
 */
export function readBamlDirectory(dir: string): Record<string, string> {
  const root = resolve(dir)
  let info
  try {
    info = statSync(root)
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new BamlInvalidArgumentError(`BAML source directory not found: ${dir}`)
    throw cannotRead(dir, e)
  }
  if (!info.isDirectory()) throw new BamlInvalidArgumentError(`not a directory: ${dir}`)
  const paths: string[] = []
  const walk = (d: string, shown: string) => {
    let entries
    try {
      entries = readdirSync(d, { withFileTypes: true })
    } catch (e) {
      throw cannotRead(shown, e)
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(d, e.name), join(shown, e.name))
      else if (e.isFile() && e.name.endsWith('.baml')) paths.push(join(d, e.name))
    }
  }
  walk(root, dir)
  paths.sort()
  const prefix = basename(root)
  const out: Record<string, string> = {}
  for (const p of paths) {
    let text: string
    try {
      text = readFileSync(p, 'utf8')
    } catch (e) {
      throw cannotRead(join(dir, relative(root, p)), e)
    }
    out[[prefix, ...relative(root, p).split(sep)].join('/')] = text
  }
  return out
}

/** readBamlDirectory, but a directory without any `.baml` file is an error (as in the reference). */
export function readProjectFiles(dir: string): Record<string, string> {
  const files = readBamlDirectory(dir)
  if (Object.keys(files).length === 0) throw new BamlInvalidArgumentError(`no .baml files found in ${dir}`)
  return files
}

/**
 * Maps the project's file keys (`baml_src/x.baml`) to paths a shell or an editor can open: relative to
 * the working directory, or absolute when the file is outside it.
 */
export function displayPaths(dir: string, cwd: string = process.cwd()): (file: string) => string {
  const root = resolve(cwd, dir)
  const prefix = basename(root) + '/'
  return (file) => {
    if (!file.startsWith(prefix)) return file
    const abs = join(root, ...file.slice(prefix.length).split('/'))
    const rel = relative(cwd, abs)
    return rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel) ? abs : rel
  }
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
