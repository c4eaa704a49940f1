// `baml call FUNCTION`: call the model and print the parsed value (partials on stderr with --stream).
import { printJson } from '../output.ts'
import { loadRuntime, readArgs, type ArgsOptions, type ProjectOptions } from './common.ts'

interface CallCommandOptions extends ProjectOptions, ArgsOptions {
  stream?: boolean
  client?: string
}

export async function callCommand(fn: string, opts: CallCommandOptions): Promise<number> {
  const rt = await loadRuntime(opts)
  const args = await readArgs(opts)
  const controller = new AbortController()
  const onSigint = () => controller.abort(new Error('interrupted'))
  process.once('SIGINT', onSigint)
  try {
    const callOpts = { signal: controller.signal, ...(opts.client ? { client: opts.client } : {}) }
    if (!opts.stream) {
      printJson(await rt.call(fn, args, callOpts))
      return 0
    }
    const stream = rt.stream(fn, args, callOpts)
    for await (const partial of stream) process.stderr.write(JSON.stringify(partial) + '\n')
    printJson(await stream.getFinalResponse())
    return 0
  } finally {
    process.removeListener('SIGINT', onSigint)
  }
}
