// Golden suites ({baml_src, cases.json, expected.json}) run through loadProject + renderPrompt +
// the providers' request builder, compared with the reference's request bodies.
import * as Shared from '../helpers/golden.ts'
import { BASE_ENV, toArg, type GoldenCase } from '../helpers/golden.ts'
import { loadProject } from '../../core/ir/load.ts'
import type { BamlIR } from '../../core/ir/types.ts'
import { buildRequest, clientRenderContext, resolveClient, shorthandClientIR, type ResolvedLeafClient } from '../../core/providers/request/index.ts'
import { renderPrompt } from '../../core/runtime/prompt/index.ts'
import { loaderHooks } from '../../core/runtime/hooks.ts'
import type { HttpRequest, RenderedPrompt } from '../../core/values.ts'

export { BASE_ENV, findSuites, toArg, type GoldenCase } from '../helpers/golden.ts'
/** Request suites: expected results are HTTP requests. */
export type GoldenExpected = Shared.GoldenExpected<HttpRequest>
export type Suite = Shared.Suite<HttpRequest>
export const loadSuite = (dir: string): Suite => Shared.loadSuite<HttpRequest>(dir)

const projects = new WeakMap<Suite, BamlIR>()

export function projectOf(suite: Suite): BamlIR {
  let ir = projects.get(suite)
  if (!ir) {
    const r = loadProject(suite.files, loaderHooks)
    if (!r.ir) throw new Error(`${suite.dir} does not load:\n${r.diagnostics.map((d) => d.message).join('\n')}`)
    projects.set(suite, (ir = r.ir))
  }
  return ir
}

function leafClient(ir: BamlIR, fnName: string, env: Record<string, string>): ResolvedLeafClient {
  const fn = ir.functions.get(fnName)
  if (!fn) throw new Error(`unknown function ${fnName}`)
  const c = ir.clients.get(fn.client) ?? shorthandClientIR(fn.client)
  const client = resolveClient(c, env)
  if (client.family === 'strategy') throw new Error('strategy clients are not covered here')
  return client as ResolvedLeafClient
}

export function renderCase(suite: Suite, c: GoldenCase): RenderedPrompt {
  const ir = projectOf(suite)
  const env = { ...BASE_ENV, ...c.env }
  const client = leafClient(ir, c.function, env)
  const args = Object.fromEntries(Object.entries(c.args ?? {}).map(([k, v]) => [k, toArg(v)]))
  return renderPrompt(ir, c.function, args, clientRenderContext(client))
}

export async function requestCase(suite: Suite, c: GoldenCase): Promise<HttpRequest> {
  const ir = projectOf(suite)
  const env = { ...BASE_ENV, ...c.env }
  const client = leafClient(ir, c.function, env)
  const prompt = renderCase(suite, c)
  return buildRequest(client, prompt, { stream: c.kind === 'stream_request' })
}
