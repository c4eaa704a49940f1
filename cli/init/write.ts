// Creating `<dest>/baml_src/` with its files, all or nothing: the directory is created exclusively
// (an existing one, even one that appeared since the check, is never written into), and if a write
// fails the directory is removed again.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ProjectFiles } from './templates.ts'

export class ProjectExistsError extends Error {}

/** `<dest>/baml_src` as the reference prints it (`./baml_src` for the working directory). */
export function bamlSrcDisplay(dest: string): string {
  return `${dest.replace(/[\\/]+$/, '')}/baml_src`
}

export function bamlSrcExists(dest: string): boolean {
  return existsSync(join(dest, 'baml_src'))
}

/** Writes the files into a new `<dest>/baml_src` (creating dest if needed); returns its path. */
export function writeProject(dest: string, files: ProjectFiles): string {
  const dir = join(dest, 'baml_src')
  // The first directory this call created (undefined if dest existed): removed again on failure.
  const created = mkdirSync(dest, { recursive: true })
  try {
    try {
      mkdirSync(dir)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new ProjectExistsError(dir)
      throw e
    }
    try {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { flag: 'wx' })
    } catch (e) {
      rmSync(dir, { recursive: true, force: true })
      throw e
    }
  } catch (e) {
    if (created) rmSync(created, { recursive: true, force: true })
    throw e
  }
  return dir
}
