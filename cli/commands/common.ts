// Shared by the commands that run functions: load the project, read `--args`, read stdin.
import { readFileSync } from 'node:fs'
import { BamlInvalidArgumentError, BamlRuntime } from '../../core/index.ts'
import { nodeHost } from '../host.ts'

export interface ProjectOptions {
  from: string
}

export interface ArgsOptions {
  args?: string
  argsFile?: string
}

export async function loadRuntime(opts: ProjectOptions): Promise<BamlRuntime> {
  const host = nodeHost()
  return BamlRuntime.fromDirectory(opts.from, host, host.env!())
}

function parseJsonArgs(text: string, where: string): Record<string, unknown> {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch (e) {
    throw new BamlInvalidArgumentError(`${where} is not valid JSON: ${(e as Error).message}`)
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new BamlInvalidArgumentError(`${where} must be a JSON object keyed by parameter name, e.g. {"text": "..."}`)
  }
  return v as Record<string, unknown>
}

/** The function's arguments from `--args JSON` or `--args-file F` (default: none). */
export async function readArgs(opts: ArgsOptions): Promise<Record<string, unknown>> {
  if (opts.args !== undefined && opts.argsFile !== undefined) throw new BamlInvalidArgumentError('give either --args or --args-file, not both')
  if (opts.args !== undefined) return parseJsonArgs(String(opts.args), '--args')
  if (opts.argsFile !== undefined) {
    let text: string
    try {
      text = readFileSync(String(opts.argsFile), 'utf8')
    } catch {
      throw new BamlInvalidArgumentError(`cannot read --args-file ${opts.argsFile}`)
    }
    return parseJsonArgs(text, `--args-file ${opts.argsFile}`)
  }
  return {}
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new BamlInvalidArgumentError('no input: pass --text, or pipe the model output on stdin')
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
