// Deep and recursive arguments: converted and rendered in time linear in their size, up to
// MAX_VALUE_DEPTH (1000) levels; deeper (or circular) ones are refused with a BamlInvalidArgumentError
// naming the limit, never a RangeError. (Timings live in scripts/bench/deep-bench.ts.)
import { describe, expect, it } from 'vitest'
import { loadProject } from '../../core/project.ts'
import { renderPrompt } from '../../core/runtime/prompt/index.ts'
import { BamlInvalidArgumentError } from '../../core/errors.ts'
import { MAX_VALUE_DEPTH } from '../../core/template/limits.ts'
import type { RenderedPrompt } from '../../core/values.ts'

const SRC = `
client<llm> L {
  provider openai-generic
  options {
    base_url "http://localhost/v1"
    model "m"
  }
}
class Node {
  value int
  next Node?
}
type J = string | J[]
class A {
  next T?
  a int
}
class B {
  next T?
  b int
}
type T = A | B
class Loose {
  @@dynamic
  name string
}
function Chain(n: Node) -> string {
  client L
  prompt #"{{ n }}"#
}
function Lists(j: J) -> string {
  client L
  prompt #"{{ j }}"#
}
function Either(t: T) -> string {
  client L
  prompt #"{{ t }}"#
}
function Walk(n: Node) -> string {
  client L
  prompt #"{% set ns = namespace(c=n, s=0) %}{% for i in range(2000) %}{% if ns.c %}{% set ns.s = ns.s + ns.c.value %}{% set ns.c = ns.c.next %}{% endif %}{% endfor %}{{ ns.s }} {{ n|format(type="json")|length }}"#
}
function Untyped(x: Loose) -> string {
  client L
  prompt #"{{ x.extra|length }}"#
}
function Plain(x: int[][]) -> string {
  client L
  prompt #"{{ x }}"#
}
`
const ir = loadProject({ 'baml_src/main.baml': SRC }).ir!
const client = { name: 'L', provider: 'openai-generic', defaultRole: 'system', allowedRoles: ['system'], remapRoles: {}, options: { model: 'm' } }

function text(p: RenderedPrompt): string {
  return p.kind === 'chat' ? (p.messages[0]!.parts[0] as { text: string }).text : p.text
}

function chain(d: number): unknown {
  let n: unknown = null
  for (let i = 0; i < d; i++) n = { value: i, next: n }
  return n
}

/** What the reference prints for `chain(d)`: a pretty map per level, 4 more spaces each. */
function chainText(d: number): string {
  let s = '{\n'
  for (let l = 0; l < d; l++) {
    const ind = ' '.repeat(4 * (l + 1))
    s += `${ind}"value": ${d - 1 - l},\n${ind}"next": ${l < d - 1 ? '{\n' : 'null,\n'}`
  }
  for (let l = d - 1; l >= 0; l--) s += ' '.repeat(4 * l) + '}' + (l > 0 ? ',\n' : '')
  return s
}

function nested(d: number, leaf: unknown = 'x'): unknown {
  let j = leaf
  for (let i = 0; i < d; i++) j = [j]
  return j
}

function refused(fn: string, args: Record<string, unknown>): BamlInvalidArgumentError {
  try {
    renderPrompt(ir, fn, args, client)
  } catch (e) {
    expect(e).toBeInstanceOf(BamlInvalidArgumentError)
    return e as BamlInvalidArgumentError
  }
  throw new Error('expected a BamlInvalidArgumentError')
}

describe('deep arguments', () => {
  it('a 100-level recursive class prints as the reference does (62,794 characters)', () => {
    const out = text(renderPrompt(ir, 'Chain', { n: chain(100) }, client))
    expect(out.length).toBe(62794)
    expect(out).toBe(chainText(100))
  })

  it(`${MAX_VALUE_DEPTH} levels render (6 MB of pretty output); one more is refused with the limit's name`, () => {
    expect(text(renderPrompt(ir, 'Chain', { n: chain(MAX_VALUE_DEPTH) }, client))).toBe(chainText(MAX_VALUE_DEPTH))
    expect(text(renderPrompt(ir, 'Lists', { j: nested(MAX_VALUE_DEPTH) }, client))).toBe('['.repeat(MAX_VALUE_DEPTH) + '"x"' + ']'.repeat(MAX_VALUE_DEPTH))
    expect(refused('Chain', { n: chain(MAX_VALUE_DEPTH + 1) }).message).toBe(`argument \`n\`: nested deeper than the limit of ${MAX_VALUE_DEPTH} levels (or circular)`)
    expect(refused('Lists', { j: nested(MAX_VALUE_DEPTH + 1) }).message).toBe(`argument \`j\`: nested deeper than the limit of ${MAX_VALUE_DEPTH} levels (or circular)`)
  })

  it('5,000 and 100,000 levels are refused at once (they used to run for minutes or overflow the stack)', () => {
    for (const d of [5000, 100_000]) {
      expect(refused('Chain', { n: chain(d) }).message).toContain('nested deeper than the limit')
      expect(refused('Lists', { j: nested(d) }).message).toContain('nested deeper than the limit')
    }
  })

  it('circular arguments are refused too', () => {
    const n: { value: number; next: unknown } = { value: 1, next: null }
    n.next = n
    expect(refused('Chain', { n }).message).toContain('(or circular)')
  })

  it('a union of two recursive classes converts in linear time (it was exponential in the depth)', () => {
    let t: unknown = null
    for (let i = 0; i < 600; i++) t = { b: i, next: t }
    const out = text(renderPrompt(ir, 'Either', { t }, client))
    expect(out.startsWith('{\n    "b": 599,\n    "next": {\n        "b": 598,')).toBe(true)
    expect(out.split('"b": ').length - 1).toBe(600)
  })

  it('templates walk deep arguments field by field, and serialize them', () => {
    expect(text(renderPrompt(ir, 'Walk', { n: chain(MAX_VALUE_DEPTH) }, client))).toBe(
      `${(MAX_VALUE_DEPTH * (MAX_VALUE_DEPTH - 1)) / 2} ${JSON.stringify(chain(MAX_VALUE_DEPTH)).length}`,
    )
  })

  it('untyped (dynamic class) values have the same limit', () => {
    expect(text(renderPrompt(ir, 'Untyped', { x: { name: 'a', extra: nested(10, 1) } }, client))).toBe('1')
    expect(refused('Untyped', { x: { name: 'a', extra: nested(50_000, 1) } }).message).toContain('nested deeper than the limit')
  })

  it('a deep value given to a shallow type is a type error, not a stack overflow', () => {
    expect(refused('Plain', { x: nested(50_000, 1) }).message).toBe('argument `x`: expected an int, got a list of 1 item')
  })

  it('values a template nests past the limit fail with a render error naming it', () => {
    const src = `${SRC}
function Wrap(j: J) -> string {
  client L
  prompt #"{{ [[j]] }}"#
}
`
    const ir2 = loadProject({ 'baml_src/main.baml': src }).ir!
    expect(() => renderPrompt(ir2, 'Wrap', { j: nested(MAX_VALUE_DEPTH) }, client)).toThrow(`invalid operation: value nested deeper than ${MAX_VALUE_DEPTH} levels`)
  })
})
