// renderPrompt's companions: template strings, precompiled prompts, splitting.
import { describe, expect, it } from 'vitest'
import { buildIR } from '../../core/ir/load.ts'
import { precompilePrompts, renderPrompt, renderTemplateString, splitPrompt } from '../../core/runtime/prompt/index.ts'
import { templateFromSource } from '../../core/template/compile.ts'
import { float } from '../../core/template/value.ts'
import { UNDERSCORE } from '../../core/runtime/prompt/globals.ts'

const SRC = `
client<llm> L {
  provider openai-generic
  options {
    base_url "http://localhost/v1"
    model "m"
  }
}
class Pet {
  name string @alias("pet_name")
  weight float
}
template_string Describe(p: Pet) #"{{ p.name }} weighs {{ p.weight }}kg"#
function F(p: Pet, n: int) -> string {
  client L
  prompt #"
    {{ _.role("user") }}
    {{ Describe(p) }} / {{ p }} / {{ n }}
  "#
}
`
const ir = buildIR({ 'baml_src/main.baml': SRC }).ir!
const client = { name: 'L', provider: 'openai-generic', defaultRole: 'system', allowedRoles: ['system', 'user', 'assistant'], remapRoles: { user: 'human' }, options: { model: 'm' } }
const pet = { name: 'Rex', weight: 12 }

describe('prompt API', () => {
  it('renders a chat prompt with aliases, floats and remapped roles', () => {
    expect(renderPrompt(ir, 'F', { p: pet, n: 3 }, client)).toEqual({
      kind: 'chat',
      messages: [{ role: 'human', parts: [{ type: 'text', text: 'Rex weighs 12.0kg / {\n    "pet_name": "Rex",\n    "weight": 12.0,\n} / 3' }] }],
    })
  })

  it('renders a template string by name', () => {
    expect(renderTemplateString(ir, 'Describe', { p: pet }, client)).toBe('Rex weighs 12.0kg')
  })

  it('precompiled prompt code renders the same text', () => {
    const [pre] = precompilePrompts(ir)
    expect(pre!.function).toBe('F')
    const render = templateFromSource(pre!.code)
    const text = render({ p: { name: 'Rex', weight: float(2) }, n: 1 }, { _: UNDERSCORE })
    expect(text).toContain('Rex weighs 2.0kg / {"name": "Rex", "weight": 2.0} / 1')
  })

  it('splits media and roles', () => {
    const media = { __baml_media: 'image' as const, url: 'https://e/x.png' }
    const marker = `BAML_MEDIA_MAGIC_STRING_DELIMITER:baml-start-media:${JSON.stringify(media)}:baml-end-media:BAML_MEDIA_MAGIC_STRING_DELIMITER`
    expect(splitPrompt(`  intro \n${marker}\n  `, { defaultRole: 'system', allowedRoles: ['system'], remapRoles: {} })).toEqual({
      kind: 'chat',
      messages: [{ role: 'system', parts: [{ type: 'text', text: 'intro' }, { type: 'media', media }] }],
    })
    expect(splitPrompt('plain text ', { defaultRole: 'system', allowedRoles: [], remapRoles: {} })).toEqual({ kind: 'completion', text: 'plain text ' })
  })
})

describe('argument asserts', () => {
  // B's assert is reached from A directly and through the alias X; the answer must not depend on
  // which parameter is checked first.
  const src = (params: string) => `
class A {
  b B
}
class B {
  a X?
  v int @assert(small, {{ this < 5 }})
}
type X = A
function F(${params}) -> string {
  client "openai/gpt-4o"
  prompt #"{{ p }}{{ q }}"#
}
`
  for (const params of ['p: A, q: X', 'q: X, p: A'])
    it(`are checked through recursive types and aliases (${params})`, () => {
      const r = buildIR({ 'baml_src/main.baml': src(params) })
      expect(() => renderPrompt(r.ir!, 'F', { p: { b: { v: 1 } }, q: { b: { v: 10 } } }, client)).toThrow('Failed assert: small')
    })
})

describe('ctx.output_format keyword arguments', () => {
  // Expected texts are the reference's (0.226.2): kwargs print as `{{ v }}` prints template values.
  const ir2 = buildIR({
    'baml_src/main.baml': `
enum Color {
  RED @alias("rouge")
  GREEN
}
class Pt {
  x int
}
function F1() -> int {
  client "openai/gpt-4o"
  prompt #"{{ ctx.output_format(prefix=1.0) }}"#
}
function F2() -> int {
  client "openai/gpt-4o"
  prompt #"{{ ctx.output_format(prefix=[1.0, 2, "a\\u00a0b"]) }}"#
}
function F3(c: Color) -> int {
  client "openai/gpt-4o"
  prompt #"{{ ctx.output_format(prefix=c) }}|{{ ctx.output_format(prefix=[c]) }}"#
}
function F4() -> int {
  client "openai/gpt-4o"
  prompt #"{{ ctx.output_format(prefix={1: "x", "k": 2.0}) }}"#
}
function F5(p: Pt) -> int {
  client "openai/gpt-4o"
  prompt #"{{ ctx.output_format(prefix=p) }}"#
}
`,
  }).ir!
  const cases: [string, Record<string, unknown>, string][] = [
    ['F1', {}, '1.0int'],
    ['F2', {}, '[1.0, 2, "a\\u{a0}b"]int'],
    ['F3', { c: 'RED' }, 'rougeint|[rouge]int'],
    ['F4', {}, '{1: "x", "k": 2.0}int'],
    ['F5', { p: { x: 1 } }, '{\n    "x": 1,\n}int'],
  ]
  for (const [fn, args, text] of cases)
    it(`print floats, maps and BAML values as the template does (${fn})`, () => {
      expect(renderPrompt(ir2, fn, args, client)).toEqual({ kind: 'completion', text })
    })
})
