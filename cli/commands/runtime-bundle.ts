// The client runtime `generate` writes into baml_client/ (runtime.mjs, runtime.d.mts).
//
// Built binaries and the Node bundle carry its text, embedded at build time (npm run build builds
// dist/client-runtime/ first; the .txt imports below are inlined by Bun's bundler). Running from
// source (`bun cli/main.ts`, the tests), it is built on demand into dist/client-runtime/ by
// scripts/client-runtime/build.ts, again whenever a file under core/ is newer than the build.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { RuntimeBundle } from '../../core/index.ts'

// A compiled binary keeps its modules' source URLs (with --bytecode), but its main module lives in
// Bun's embedded file system (/$bunfs/ on Unix, B:\~BUN\ on Windows).
const bunMain = (globalThis as { Bun?: { main?: string } }).Bun?.main ?? ''
const compiled = bunMain.includes('$bunfs') || bunMain.includes('~BUN')
const fromSource = import.meta.url.endsWith('.ts') && !compiled

export async function clientRuntimeBundle(): Promise<RuntimeBundle> {
  if (fromSource) return sourceBundle()
  const [js, dts] = await Promise.all([import('../../dist/client-runtime/runtime.js.txt'), import('../../dist/client-runtime/runtime.d.ts.txt')])
  return { js: js.default, dts: dts.default }
}

const root = fileURLToPath(new URL('../../', import.meta.url))
const outDir = join(root, 'dist', 'client-runtime')
const builder = join(root, 'scripts', 'client-runtime', 'build.ts')

function newestMtime(dir: string): number {
  let newest = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** Whether dist/client-runtime/ is missing or older than the sources it is built from. */
export function clientRuntimeStale(): boolean {
  const js = join(outDir, 'runtime.js.txt')
  const dts = join(outDir, 'runtime.d.ts.txt')
  if (!existsSync(js) || !existsSync(dts)) return true
  const built = Math.min(statSync(js).mtimeMs, statSync(dts).mtimeMs)
  return Math.max(newestMtime(join(root, 'core')), statSync(builder).mtimeMs) > built
}

/** Build dist/client-runtime/ if it is stale: in this process under Bun, else with Bun from devDependencies. */
export async function ensureClientRuntime(): Promise<void> {
  if (!clientRuntimeStale()) return
  if ((globalThis as { Bun?: unknown }).Bun) {
    const mod = (await import(pathToFileURL(builder).href)) as { writeClientRuntime(): Promise<unknown> }
    await mod.writeClientRuntime()
    return
  }
  const bun = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'bun.exe' : 'bun')
  const r = spawnSync(bun, [builder], { cwd: root, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`building the client runtime failed:\n${r.stderr || r.error?.message}`)
}

async function sourceBundle(): Promise<RuntimeBundle> {
  await ensureClientRuntime()
  return { js: readFileSync(join(outDir, 'runtime.js.txt'), 'utf8'), dts: readFileSync(join(outDir, 'runtime.d.ts.txt'), 'utf8') }
}
