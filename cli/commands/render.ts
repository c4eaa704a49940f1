// `baml render FUNCTION`: the prompt a function sends, as chat messages for a person to read. Each
// message shows the role it is sent with (a prompt without `_.role` goes out in the client's default
// role, `system` for openai, `user` for anthropic), after the merging the request applies.
import { promptToText } from '../../core/index.ts'
import { colorFor, printJson, writeOut } from '../write.ts'
import { prepareCall, type ArgsOptions, type ProjectOptions } from './common.ts'

interface RenderOptions extends ProjectOptions, ArgsOptions {
  client?: string
  json?: boolean
}

export async function renderCommand(fn: string, opts: RenderOptions): Promise<number> {
  const { rt, args } = await prepareCall(fn, opts)
  const prompt = { kind: 'chat' as const, messages: rt.renderMessages(fn, args, opts.client ? { client: opts.client } : {}) }
  if (opts.json) {
    printJson(prompt)
    return 0
  }
  const color = await colorFor(1)
  const text = promptToText(prompt)
  writeOut((color ? text.replace(/^\[(\w+)\]$/gm, '\x1b[1;36m[$1]\x1b[0m') : text) + '\n')
  return 0
}
