// Writing test fixtures: files under a directory, their folders made as needed.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Writes each of `files` (paths relative to `dir`, `/`-separated) under `dir`. */
export function writeTree(dir: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
}
