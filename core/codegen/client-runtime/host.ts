// What a generated client reads from the platform it runs on, found at run time so that the
// runtime module imports nothing: the environment (Node, Bun and Deno expose `process.env`; Deno
// also `Deno.env`), and, only where a Node-compatible `process.getBuiltinModule` exists, files
// (media given as `file`) and worker threads (the sync client).
import type { Host } from '../../index.ts'

type Env = Record<string, string | undefined>

interface ProcessLike {
  readonly env?: Env
  getBuiltinModule?(id: string): unknown
}

function processObject(): ProcessLike | undefined {
  return (globalThis as { process?: ProcessLike }).process
}

/** A snapshot of the process environment; empty where there is none (browsers, most edge runtimes). */
export function processEnv(): Env {
  try {
    const env = processObject()?.env
    if (env) return { ...env }
  } catch {
    // Deno without --allow-env throws on access.
  }
  try {
    const deno = (globalThis as { Deno?: { env?: { toObject(): Env } } }).Deno
    if (deno?.env) return deno.env.toObject()
  } catch {
    // no permission
  }
  return {}
}

/** A Node built-in module, or undefined where the platform has none. */
export function builtinModule<T>(id: string): T | undefined {
  try {
    return processObject()?.getBuiltinModule?.(id) as T | undefined
  } catch {
    return undefined
  }
}

interface FsPromises {
  readFile(path: string): Promise<Uint8Array>
  readFile(path: string, encoding: 'utf8'): Promise<string>
}

/** The host a generated client gives the core: a clock, and file reads where files exist. */
export function clientHost(): Host {
  const fs = () => {
    const m = builtinModule<{ promises: FsPromises }>('fs')
    if (!m) throw new Error('this platform cannot read files; pass media as a URL or base64')
    return m.promises
  }
  return {
    now: () => Date.now(),
    readFile: async (p) => new Uint8Array(await fs().readFile(p)),
    readTextFile: async (p) => fs().readFile(p, 'utf8'),
  }
}
