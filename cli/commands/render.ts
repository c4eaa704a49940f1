// `baml render FUNCTION`: the prompt a function sends, as chat messages for a person to read.
import { promptToText } from '../../core/index.ts'
import { printJson } from '../output.ts'
import { loadRuntime, readArgs, type ArgsOptions, type ProjectOptions } from './common.ts'

interface RenderOptions extends ProjectOptions, ArgsOptions {
  client?: string
  json?: boolean
}

export async function renderCommand(fn: string, opts: RenderOptions): Promise<number> {
  const rt = await loadRuntime(opts)
  const prompt = rt.renderPrompt(fn, await readArgs(opts), opts.client ? { client: opts.client } : {})
  if (opts.json) {
    printJson(prompt)
    return 0
  }
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
  const text = promptToText(prompt)
  process.stdout.write((color ? text.replace(/^\[(\w+)\]$/gm, '\x1b[1;36m[$1]\x1b[0m') : text) + '\n')
  return 0
}
