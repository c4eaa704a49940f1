// Loading golden suites ({baml_src, cases.json, expected.json}) and running their request cases
// through resolveClient + buildRequest.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Shared from '../helpers/golden.ts'
import { BASE_ENV, caseArgs, type GoldenCase } from '../helpers/golden.ts'
import type { BamlIR, ClientIR } from '../../core/ir/types.ts'
import {
  buildRequest,
  clientRenderContext,
  resolveClient,
  shorthandClientIR,
  type ResolvedLeafClient,
} from '../../core/providers/request/index.ts'
import type { HttpRequest } from '../../core/values.ts'
import { renderPrompt } from '../../core/runtime/prompt/index.ts'

export { findSuites, lowerHeaders } from '../helpers/golden.ts'
/** Request suites: expected results are HTTP requests. */
export type Suite = Shared.Suite<HttpRequest>
export const loadSuite = (dir: string): Suite => Shared.loadSuite<HttpRequest>(dir)

const projectOf = (suite: Suite): BamlIR => Shared.suiteIR(suite)

function clientFor(ir: BamlIR, ref: string): ClientIR {
  const c = ir.clients.get(ref)
  if (c) return c
  if (ref.includes('/')) return shorthandClientIR(ref)
  throw new Error(`unknown client ${ref}`)
}

/** Runs one request / stream_request case; throws what the implementation throws. */
export async function runRequestCase(suite: Suite, c: GoldenCase): Promise<HttpRequest> {
  const ir = projectOf(suite)
  const fn = ir.functions.get(c.function)
  if (!fn) throw new Error(`unknown function ${c.function}`)
  const env = { ...BASE_ENV, ...c.env }
  const client = resolveClient(clientFor(ir, fn.client), env)
  if (client.family === 'strategy') throw new Error('strategy clients are not covered here')
  const prompt = renderPrompt(ir, fn.name, caseArgs(c), clientRenderContext(client as ResolvedLeafClient))
  return buildRequest(client, prompt, { stream: c.kind === 'stream_request', fetch: mediaFetch(suite) })
}

/** The generator serves a suite's `media/` folder on this origin; tests answer from the same files. */
const MEDIA_ORIGIN = 'http://127.0.0.1:47811/'

function mediaFetch(suite: Suite): typeof fetch {
  const dir = join(suite.dir, 'media')
  return async (input) => {
    const url = String(input instanceof Request ? input.url : input)
    const file = url.startsWith(MEDIA_ORIGIN) ? join(dir, decodeURIComponent(url.slice(MEDIA_ORIGIN.length))) : undefined
    if (!file || !existsSync(file)) return new Response('not found', { status: 404, statusText: 'Not Found' })
    return new Response(readFileSync(file), { status: 200 })
  }
}
