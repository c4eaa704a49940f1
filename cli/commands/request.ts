// `baml request FUNCTION`: the HTTP request a call would send, as JSON (secrets masked by default).
import { printJson } from '../write.ts'
import { prepareCall, type ArgsOptions, type ProjectOptions } from './common.ts'

interface RequestCommandOptions extends ProjectOptions, ArgsOptions {
  stream?: boolean
  client?: string
  exposeSecrets?: boolean
}

export async function requestCommand(fn: string, opts: RequestCommandOptions): Promise<number> {
  const { rt, args } = await prepareCall(fn, opts)
  const req = await rt.buildRequest(fn, args, {
    stream: Boolean(opts.stream),
    exposeSecrets: Boolean(opts.exposeSecrets),
    ...(opts.client ? { client: opts.client } : {}),
  })
  printJson({ url: req.url, method: req.method, headers: req.headers, body: req.body })
  return 0
}
