// The portable core under Deno: load a project from strings, render, build a request, parse,
// stream-parse, and call a model through an injected fetch (no network).
// Run: npx deno task smoke
import { BamlRuntime, type HttpRequest } from '../core/index.ts'

const files = {
  'baml_src/main.baml': `
class Person {
  name string
  age int?
}
function Extract(text: string) -> Person {
  client "openai/gpt-4o-mini"
  prompt #"{{ _.role("user") }}{{ text }} {{ ctx.output_format }}"#
}
`,
}

function assertEq(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

const rt = BamlRuntime.fromFiles('baml_src', files, { OPENAI_API_KEY: 'sk-deno' })
const schema = 'Answer in JSON using this schema:\n{\n  name: string,\n  age: int or null,\n}'
const prompt = rt.renderPrompt('Extract', { text: 'Ada, 36.' })
assertEq(prompt, { kind: 'chat', messages: [{ role: 'user', parts: [{ type: 'text', text: `Ada, 36. ${schema}` }] }] }, 'render')

const req: HttpRequest = await rt.buildRequest('Extract', { text: 'Ada' })
assertEq(req.url, 'https://api.openai.com/v1/chat/completions', 'request url')

assertEq(rt.parse('Extract', 'Sure: {"name": "Ada", "age": "36"}'), { name: 'Ada', age: 36 }, 'parse')
const sp = rt.streamParser('Extract')
sp.push('{"name": "A')
assertEq(sp.push('da"'), { name: 'Ada', age: null }, 'stream parse')

const fakeFetch = (async () =>
  new Response(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: '{"name": "Grace"}' }, finish_reason: 'stop' }] }), {
    headers: { 'content-type': 'application/json' },
  })) as typeof fetch
assertEq(await rt.call('Extract', { text: 'Grace' }, { fetch: fakeFetch }), { name: 'Grace', age: null }, 'call')
console.log('deno smoke OK')
