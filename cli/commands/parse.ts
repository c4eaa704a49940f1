// `baml parse FUNCTION`: model output (from --text or stdin) parsed into the function's return type.
import { printJson } from '../write.ts'
import { checkFunction, loadRuntime, readStdin, type ProjectOptions } from './common.ts'

interface ParseCommandOptions extends ProjectOptions {
  text?: string
  stream?: boolean
}

export async function parseCommand(fn: string, opts: ParseCommandOptions): Promise<number> {
  const rt = await loadRuntime(opts)
  checkFunction(rt, fn)
  const text = opts.text !== undefined ? String(opts.text) : await readStdin()
  const value = rt.parse(fn, text, { partial: Boolean(opts.stream) })
  printJson(value === undefined ? null : value)
  return 0
}
