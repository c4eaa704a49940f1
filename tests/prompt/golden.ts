// Golden suites ({baml_src, cases.json, expected.json}) run through buildIR + renderPrompt +
// the providers' request builder, compared with the reference's request bodies.
import * as Shared from '../helpers/golden.ts'
import { BASE_ENV, caseArgs, type GoldenCase } from '../helpers/golden.ts'
import type { BamlIR } from '../../core/ir/types.ts'
import { buildRequest, clientRenderContext, resolveClient, shorthandClientIR, type ResolvedLeafClient } from '../../core/providers/request/index.ts'
import { renderPrompt } from '../../core/runtime/prompt/index.ts'
import type { HttpRequest, RenderedPrompt } from '../../core/values.ts'

export { findSuites } from '../helpers/golden.ts'
/** Request suites: expected results are HTTP requests. */
type Suite = Shared.Suite<HttpRequest>
export const loadSuite = (dir: string): Suite => Shared.loadSuite<HttpRequest>(dir)

const projectOf = (suite: Suite): BamlIR => Shared.suiteIR(suite)

function leafClient(ir: BamlIR, fnName: string, env: Record<string, string>): ResolvedLeafClient {
  const fn = ir.functions.get(fnName)
  if (!fn) throw new Error(`unknown function ${fnName}`)
  const c = ir.clients.get(fn.client) ?? shorthandClientIR(fn.client)
  const client = resolveClient(c, env)
  if (client.family === 'strategy') throw new Error('strategy clients are not covered here')
  return client as ResolvedLeafClient
}

/** The case's client and rendered prompt. */
function render(suite: Suite, c: GoldenCase): [ResolvedLeafClient, RenderedPrompt] {
  const ir = projectOf(suite)
  const client = leafClient(ir, c.function, { ...BASE_ENV, ...c.env })
  return [client, renderPrompt(ir, c.function, caseArgs(c), clientRenderContext(client))]
}

export function renderCase(suite: Suite, c: GoldenCase): RenderedPrompt {
  return render(suite, c)[1]
}

export async function requestCase(suite: Suite, c: GoldenCase): Promise<HttpRequest> {
  const [client, prompt] = render(suite, c)
  return buildRequest(client, prompt, { stream: c.kind === 'stream_request' })
}
