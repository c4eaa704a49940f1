// Test helper: every .baml file under a folder (any depth), in sorted order.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export function bamlFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f)
      if (statSync(p).isDirectory()) walk(p)
      else if (f.endsWith('.baml')) out.push(p)
    }
  }
  walk(dir)
  return out
}
