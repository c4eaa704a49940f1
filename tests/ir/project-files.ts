// Test helper: read a project folder's baml_src into the `files` map loadProject takes.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url))

/** `{ 'baml_src/<rel>': text }` for every .baml under `<dir>/baml_src`, in sorted order. */
export function readProject(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (d: string, rel: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f)
      if (statSync(p).isDirectory()) walk(p, `${rel}${f}/`)
      else if (f.endsWith('.baml')) files[`baml_src/${rel}${f}`] = readFileSync(p, 'utf8')
    }
  }
  walk(join(dir, 'baml_src'), '')
  return files
}

/** Sub-folders of a golden suite folder (sorted). */
export function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => statSync(join(dir, f)).isDirectory())
      .sort()
  } catch {
    return []
  }
}
