// Golden suites: a folder with baml_src/, cases.json and expected.json (the reference's results).
// One reader for every test that runs them.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadProject } from '../../core/project.ts'
import type { BamlIR } from '../../core/ir/types.ts'
import type { BamlMedia, JsonValue } from '../../core/values.ts'

export const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url))

/** The environment every golden case runs with (a case's `env` is merged over it). */
export const BASE_ENV: Readonly<Record<string, string>> = {
  OPENAI_API_KEY: 'sk-test',
  ANTHROPIC_API_KEY: 'ak-test',
  GOOGLE_API_KEY: 'gk-test',
  AZURE_OPENAI_API_KEY: 'az-test',
}

export interface GoldenCase {
  readonly id: string
  readonly kind: string
  readonly function: string
  readonly args?: Record<string, JsonValue>
  readonly text?: string
  readonly env?: Record<string, string>
}

export interface GoldenExpected<R = unknown> {
  readonly id: string
  readonly kind: string
  readonly result?: R
  readonly error?: string
  readonly ok?: boolean
}

export interface Suite<R = unknown> {
  readonly dir: string
  readonly files: Record<string, string>
  readonly cases: GoldenCase[]
  readonly expected: Map<string, GoldenExpected<R>>
}

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

export function loadSuite<R = unknown>(dir: string): Suite<R> {
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as GoldenCase[]
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as GoldenExpected<R>[]
  return { dir, files: readProject(dir), cases, expected: new Map(expected.map((e) => [e.id, e])) }
}

const projects = new WeakMap<Suite<unknown>, BamlIR>()

/** The suite's project, loaded as the runtime loads it (cached per suite). Throws with the diagnostics when it does not load. */
export function suiteIR(suite: Suite<unknown>): BamlIR {
  let ir = projects.get(suite)
  if (!ir) {
    const r = loadProject(suite.files)
    if (!r.ir) throw new Error(`${suite.dir} does not load:\n${r.diagnostics.map((d) => d.message).join('\n')}`)
    projects.set(suite, (ir = r.ir))
  }
  return ir
}

/** Every folder under `root` (itself included) that holds a cases.json, sorted. */
export function findSuites(root: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    const names = readdirSync(d)
    if (names.includes('cases.json')) out.push(d)
    for (const n of names) {
      const p = join(d, n)
      if (n !== 'baml_src' && statSync(p).isDirectory()) walk(p)
    }
  }
  walk(root)
  return out.sort()
}

/** Sub-folders of a folder (sorted); none when it does not exist. */
export function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => statSync(join(dir, f)).isDirectory())
      .sort()
  } catch {
    return []
  }
}

/**
 * Case arguments: `{"__media": "image", "url" | "base64" | "file", "media_type"?}` → BamlMedia, as
 * the reference's TypeScript media classes build them (`Pdf.fromUrl/fromBase64` always say
 * application/pdf).
 */
export function toArg(v: JsonValue): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v['__media'] === 'string') {
    const kind = v['__media'] as BamlMedia['__baml_media']
    const given = typeof v['media_type'] === 'string' ? v['media_type'] : undefined
    const mediaType = kind === 'pdf' && v['file'] === undefined ? 'application/pdf' : given
    const base: BamlMedia =
      typeof v['url'] === 'string'
        ? { __baml_media: kind, url: v['url'] }
        : typeof v['file'] === 'string'
          ? { __baml_media: kind, file: v['file'] }
          : { __baml_media: kind, base64: v['base64'] as string }
    return mediaType === undefined ? base : { ...base, mediaType }
  }
  if (Array.isArray(v)) return v.map(toArg)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toArg(x)]))
  return v
}

export function caseArgs(c: GoldenCase): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c.args ?? {}).map(([k, v]) => [k, toArg(v)]))
}

/** Headers with lower-cased names, for case-insensitive comparison. */
export function lowerHeaders(h: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v
  return out
}

