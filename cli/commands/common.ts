// Shared by the commands that run functions: load the project, read and check `--args`, check
// `--client`, read stdin.
import { readFileSync } from 'node:fs'
import { BamlInvalidArgumentError, BamlLoadError, BamlRuntime, type SourceFile } from '../../core/index.ts'
import { ProjectLoadFailed, UsageError } from '../conventions.ts'
import { displayPaths, fsReason, nodeHost, readProjectFiles } from '../host.ts'
import { findJsonError, jsonErrorExcerpt } from '../json-error.ts'
import { didYouMean } from '../suggest.ts'

export interface ProjectOptions {
  from: string
}

export interface ArgsOptions {
  args?: string
  argsFile?: string
}

/** The project's runtime. Load errors are printed against the files, with paths the user can open. */
export async function loadRuntime(opts: ProjectOptions): Promise<BamlRuntime> {
  const files = readProjectFiles(opts.from)
  const host = nodeHost()
  try {
    return BamlRuntime.fromFiles(opts.from, files, host.env!(), host)
  } catch (e) {
    if (!(e instanceof BamlLoadError)) throw e
    const sources = new Map<string, SourceFile>(Object.entries(files).map(([path, text]) => [path, { path, text }]))
    throw new ProjectLoadFailed(e, sources, displayPaths(opts.from))
  }
}

/** Throws (naming near names) unless the project defines function `name`. */
export function checkFunction(rt: BamlRuntime, name: string): void {
  if (rt.ir.functions.has(name)) return
  const known = rt.functionNames()
  const hint = didYouMean(name, known) || (known.length ? ` The project's functions: ${known.map((k) => `\`${k}\``).join(', ')}.` : '')
  throw new BamlInvalidArgumentError(`function \`${name}\` does not exist.${hint}`)
}

/** Throws (naming the function's parameters) when `args` has a key the function does not take. */
export function checkArgNames(rt: BamlRuntime, fn: string, args: Readonly<Record<string, unknown>>): void {
  const params = rt.ir.functions.get(fn)?.params.map((p) => p.name)
  if (!params) return
  const unknown = Object.keys(args).filter((k) => !params.includes(k))
  if (unknown.length === 0) return
  const list = unknown.map((k) => `\`${k}\``).join(', ')
  const hint = unknown.length === 1 ? didYouMean(unknown[0]!, params) : ''
  const takes = params.length ? `it takes ${params.map((p) => `\`${p}\``).join(', ')}` : 'it takes none'
  throw new BamlInvalidArgumentError(`unknown argument${unknown.length > 1 ? 's' : ''} ${list} for function \`${fn}\` (${takes}).${hint}`)
}

/** Throws (naming near names) when `--client` is neither a client of the project nor "provider/model". */
export function checkClient(rt: BamlRuntime, client: string | undefined): void {
  if (client === undefined || client.includes('/') || rt.ir.clients.has(client)) return
  const known = [...rt.ir.clients.keys()]
  const hint = didYouMean(client, known) || (known.length ? ` The project's clients: ${known.map((k) => `\`${k}\``).join(', ')}.` : '')
  throw new BamlInvalidArgumentError(`client \`${client}\` does not exist (give a client's name, or "provider/model").${hint}`)
}

function parseJsonArgs(text: string, where: string, usage: boolean): Record<string, unknown> {
  const fail = (message: string) => (usage ? new UsageError(message) : new BamlInvalidArgumentError(message))
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch (e) {
    const at = findJsonError(text)
    if (!at) throw fail(`${where} is not valid JSON: ${(e as Error).message}`)
    throw fail(`${where} is not valid JSON: ${at.message} at line ${at.line}, column ${at.column}\n${jsonErrorExcerpt(text, at)}`)
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw fail(`${where} must be a JSON object keyed by parameter name, e.g. {"text": "..."}`)
  }
  return v as Record<string, unknown>
}

/** The function's arguments from `--args JSON` or `--args-file F` (default: none). */
export async function readArgs(opts: ArgsOptions): Promise<Record<string, unknown>> {
  if (opts.args !== undefined && opts.argsFile !== undefined) throw new UsageError('give either --args or --args-file, not both')
  if (opts.args !== undefined) return parseJsonArgs(String(opts.args), '--args', true)
  if (opts.argsFile !== undefined) {
    let text: string
    try {
      text = readFileSync(String(opts.argsFile), 'utf8')
    } catch (e) {
      throw new BamlInvalidArgumentError(`cannot read --args-file ${opts.argsFile}: ${fsReason(e)}`)
    }
    return parseJsonArgs(text, `--args-file ${opts.argsFile}`, false)
  }
  return {}
}

/** Reads the arguments, loads the runtime, then checks the function, `--client` and the argument names. */
export async function prepareCall(fn: string, opts: ProjectOptions & ArgsOptions & { client?: string }) {
  const args = await readArgs(opts)
  const rt = await loadRuntime(opts)
  checkFunction(rt, fn)
  checkClient(rt, opts.client)
  checkArgNames(rt, fn, args)
  return { rt, args }
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('no input: pass --text, or pipe the model output on stdin')
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
