// `baml call FUNCTION`: call the model and print the parsed value (partials on stderr with --stream).
// Ctrl-C aborts the call and exits 130.
import { EXIT_CODE, Interrupted, interruptSignal } from '../conventions.ts'
import { printJson, writeErr } from '../write.ts'
import { prepareCall, type ArgsOptions, type ProjectOptions } from './common.ts'

interface CallCommandOptions extends ProjectOptions, ArgsOptions {
  stream?: boolean
  client?: string
}

export async function callCommand(fn: string, opts: CallCommandOptions): Promise<number> {
  const { rt, args } = await prepareCall(fn, opts)
  const interrupt = interruptSignal()
  try {
    const callOpts = { signal: interrupt.signal, ...(opts.client ? { client: opts.client } : {}) }
    if (!opts.stream) {
      printJson(await rt.call(fn, args, callOpts))
      return EXIT_CODE.ok
    }
    const stream = rt.stream(fn, args, callOpts)
    for await (const partial of stream) writeErr(JSON.stringify(partial) + '\n')
    printJson(await stream.getFinalResponse())
    return EXIT_CODE.ok
  } catch (e) {
    // Whatever the call failed with once Ctrl-C aborted it, the story is the interruption.
    if (interrupt.signal.aborted) throw new Interrupted()
    throw e
  } finally {
    interrupt.dispose()
  }
}
