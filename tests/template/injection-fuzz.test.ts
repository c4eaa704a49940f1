// Template text is data, never code. Generated templates splice Jinja constructs (comments, raw
// blocks, whitespace control, set, macros, call blocks, loops, folded constants) between the
// characters of code-generator delimiters (Eta's `<%=`, `%>`, JS quotes, `${`, `*/`, line
// separators...) and around payloads that name a sentinel global. Every template must compile and
// render, its output must be its literal text (compared without whitespace, which trimming may
// remove), and no generated code may ever touch the sentinel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileTemplate, compileTemplateToSource, renderTemplate, templateFromSource } from '../../core/template/compile.ts'
import { evaluateExpression } from '../../core/template/expression.ts'
import { loadProject } from '../../core/project.ts'
import { renderPrompt, renderTemplateString } from '../../core/runtime/prompt/index.ts'

const SENTINEL = '__bamlSentinel'
let touched = 0

beforeAll(() => {
  Object.defineProperty(globalThis, SENTINEL, {
    configurable: true,
    get() {
      touched++
      return 42
    },
    set() {
      touched++
    },
  })
})

afterAll(() => {
  delete (globalThis as Record<string, unknown>)[SENTINEL]
})

// Small, fast, seeded PRNG (mulberry32): failures reproduce from the printed seed.
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Pieces that may appear in plain template text (no `{`, which could open a tag).
const PLAIN = [
  '<%', '%>', '<%=', '<%~', '<%-', '<%_', '-%>', '_%>', '%', '<', '>', '=', '~', '-', '_', '+', '*',
  ' ', '  ', '\n', '\t', '\r\n', ' \n ', '\u2028', '\u2029',
  '"', "'", '`', '\\', '\\"', '\\u0022', '\\n', '}', ')', ']', ';', ',', '*/', '/*', '//', '</script>', '<!--',
  '$r', 'R.out(', 'it.V', 'capture(', '6*7', '#}', '%}', '}}', '-}}', '+%}', 'x',
  SENTINEL, `${SENTINEL}=1`, `globalThis.${SENTINEL}`, `(${SENTINEL})`, `";${SENTINEL};"`, `';${SENTINEL};'`,
  `<%= ${SENTINEL} %>`, `<%~ ${SENTINEL} %>`, `<% ${SENTINEL} = 1 %>`, `%><% ${SENTINEL} %><%`, `*/${SENTINEL}/*`,
  `\u2028${SENTINEL}`, `\n${SENTINEL}\n`,
]
// Pieces only placed where `{` is inert: inside raw blocks and string literals.
const BRACED = ['${', `\${${SENTINEL}}`, '{', '{{', '{#', `{{ ${SENTINEL} }}`, '{%', '`${`']

// Constructs that print nothing (the whitespace control ones may remove whitespace around them).
const NOOPS = [
  '{# c #}', '{#- c -#}', '{#- c #}', '{# c -#}', '{##}',
  '{{ "" }}', "{{ '' }}", '{{- "" -}}', '{{ u|default("") }}', '{{ "" ~ "" }}',
  '{% set v = 1 %}', '{%- set v = 2 -%}', '{%+ set v = 3 %}', '{% set w %}{% endset %}',
  '{% macro nm() %}<%= 6*7 %>{% endmacro %}', '{% if false %}<%= 1 %>{% endif %}', '{%- if true -%}{%- endif -%}',
  '{% raw %}{% endraw %}', '{%- raw -%}{%- endraw -%}', '{% for q in [] %}%>{% endfor %}', '{% with %}{% endwith %}',
  '{% filter upper %}{% endfilter %}', '{% do range(0) %}',
]

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!
}

function chunk(r: () => number, braced: boolean): string {
  let s = ''
  const n = 1 + Math.floor(r() * 3)
  for (let i = 0; i < n; i++) s += braced && r() < 0.3 ? pick(r, BRACED) : pick(r, PLAIN)
  return s
}

/** A Jinja string literal with the value `s` (JSON escapes are minijinja escapes). */
function lit(s: string): string {
  return JSON.stringify(s)
}

let macroId = 0

/** One segment: [template source, the literal text it must print]. */
function segment(r: () => number): [string, string] {
  const k = Math.floor(r() * 16)
  switch (k) {
    case 0:
    case 1: {
      const t = chunk(r, false)
      return [t, t]
    }
    case 2:
    case 3: {
      // a delimiter with constructs between its characters
      const d = pick(r, ['<%=', '<%~', '<%', '%>', '-%>', '<%-', `<%= ${SENTINEL} %>`, '*/', '</script>'])
      let t = ''
      for (let i = 0; i < d.length; i++) {
        t += d[i]
        if (i < d.length - 1 && r() < 0.7) t += pick(r, NOOPS) + (r() < 0.3 ? pick(r, [' ', '\n', '\t']) : '')
      }
      return [t, d]
    }
    case 4:
      return [pick(r, NOOPS), '']
    case 5: {
      const t = chunk(r, true)
      return [pick(r, ['{% raw %}', '{%- raw %}', '{% raw -%}', '{%+ raw %}']) + t + pick(r, ['{% endraw %}', '{%- endraw %}', '{% endraw -%}']), t]
    }
    case 6: {
      const t = chunk(r, true)
      return [`{{ ${lit(t)} }}`, t]
    }
    case 7: {
      // folded at compile time
      const a = chunk(r, true)
      const b = chunk(r, true)
      return [pick(r, [`{{ ${lit(a)} ~ ${lit(b)} }}`, `{{ ${lit(a)} + ${lit(b)} }}`, `{{ (${lit(a)} ~ ${lit(b)})|safe }}`, `{{ [${lit(a)}, ${lit(b)}]|join }}`]), a + b]
    }
    case 8: {
      const t = chunk(r, true)
      return [`{% set s = ${lit(t)} %}{{ s }}`, t]
    }
    case 9: {
      const t = chunk(r, false)
      return [`{% set s %}${t}{% endset %}{{ s }}`, t]
    }
    case 10: {
      const t = chunk(r, false)
      const m = `m${++macroId}`
      return [`{% macro ${m}(a) %}${t}{{ a }}{% endmacro %}{{ ${m}(${lit(t)}) }}`, t + t]
    }
    case 11: {
      const t = chunk(r, false)
      return [`{% macro w() %}{{ caller() }}{% endmacro %}{% call w() %}${t}{% endcall %}`, t]
    }
    case 12: {
      const t = chunk(r, false)
      return [`{% for q in [1] %}${t}{% endfor %}`, t]
    }
    case 13: {
      const t = chunk(r, false)
      return [`{% for q in [1] recursive %}${t}{% endfor %}`, t]
    }
    case 14: {
      const t = chunk(r, false)
      return [`{% if true %}${t}{% else %}<%= 1 %>{% endif %}`, t]
    }
    default: {
      const t = chunk(r, false)
      return [`{% filter safe %}${t}{% endfilter %}`, t]
    }
  }
}

function template(r: () => number): [string, string] {
  let src = ''
  let expected = ''
  const n = 2 + Math.floor(r() * 6)
  for (let i = 0; i < n; i++) {
    const [s, e] = segment(r)
    src += s
    expected += e
  }
  return [src, expected]
}

const noWs = (s: string) => s.replace(/\s/g, '')

const STRING_LITERAL = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g
const NEVER_IN_SOURCE = ['<%', '%>', '</', '\u2028', '\u2029']
const NEVER_IN_CODE = [SENTINEL, '`', '${', '/*', '*/', '//', 'process', 'globalThis']

/** What generated source must not contain: a delimiter anywhere, template text outside string literals. */
function unsafeSource(js: string): string | undefined {
  for (const x of NEVER_IN_SOURCE) if (js.includes(x)) return JSON.stringify(x)
  const code = js.replace(STRING_LITERAL, '""')
  for (const x of NEVER_IN_CODE) if (code.includes(x)) return `${JSON.stringify(x)} outside string literals`
  return undefined
}

describe('template text never becomes code', () => {
  it('the issue examples print their literal text', () => {
    const cases: [string, string][] = [
      ['<{# #}%= process.getBuiltinModule("child_process").execSync("id") %>', '<%= process.getBuiltinModule("child_process").execSync("id") %>'],
      ['<{% raw %}%= 6*7 %>{% endraw %}', '<%= 6*7 %>'],
      ['< {#- -#} %= 5*5 %>', '<%= 5*5 %>'],
      ['<{{ "" }}%= 1+1 %>', '<%= 1+1 %>'],
      ['{{ "<" ~ "%= 3*3 %>" }}', '<%= 3*3 %>'],
      ['a {{ "\\u2028" }} `${1}` */ </script> "\'', 'a \u2028 `${1}` */ </script> "\''],
    ]
    for (const [src, out] of cases) {
      expect(renderTemplate(src, {})).toBe(out)
      expect(templateFromSource(compileTemplateToSource(src))({})).toBe(out)
    }
  })

  it('the same in prompts and template_strings', () => {
    const project = `
client<llm> L {
  provider openai-generic
  options {
    base_url "http://localhost/v1"
    model "m"
  }
}
template_string T() #"<{# #}%= 6*7 %>"#
function F() -> string {
  client L
  prompt #"<{% raw %}%= 6*7 %>{% endraw %} {{ T() }} < {#- -#} %= 5*5 %>"#
}
`
    const ir = loadProject({ 'baml_src/main.baml': project }).ir!
    const client = { name: 'L', provider: 'openai-generic', defaultRole: 'system', allowedRoles: ['system'], remapRoles: {}, options: { model: 'm' } }
    expect(renderTemplateString(ir, 'T', {}, client)).toBe('<%= 6*7 %>')
    expect(renderPrompt(ir, 'F', {}, client)).toEqual({ kind: 'completion', text: '<%= 6*7 %> <%= 6*7 %> <%= 5*5 %>' })
  })

  it('100,000 generated templates: text only in string literals, literal output, no code run', () => {
    const seed = 0x5eed
    const r = rng(seed)
    const N = 100_000
    // every template is compiled to source and checked; one in RENDER_EVERY is also run (the
    // JS engine's compile dominates the cost), through the cached path, precompiled source and
    // the standalone expression path in turn
    const RENDER_EVERY = 8
    let failures = 0
    const firstFailures: string[] = []
    const fail = (i: number, src: string, why: string) => {
      failures++
      if (firstFailures.length < 5) firstFailures.push(`#${i} (seed ${seed}): ${JSON.stringify(src)}\n  ${why}`)
    }
    for (let i = 0; i < N; i++) {
      macroId = 0
      const [src, expected] = template(r)
      let code: string
      try {
        code = compileTemplateToSource(src)
      } catch (e) {
        fail(i, src, `compile error: ${(e as Error).message}`)
        continue
      }
      const bad = unsafeSource(code)
      if (bad) fail(i, src, `generated source has ${bad}`)
      if (i % RENDER_EVERY !== 0) continue
      let out: string
      try {
        const k = (i / RENDER_EVERY) % 3
        out = k === 0 ? compileTemplate(src)({}) : templateFromSource(code)({})
        if (k === 2) {
          const t = chunk(r, true)
          if (evaluateExpression(`${lit(t)} ~ ""`, {}) !== t) throw new Error(`expression of ${lit(t)}`)
        }
      } catch (e) {
        out = `<error: ${(e as Error).message}>`
      }
      if (noWs(out) !== noWs(expected)) fail(i, src, `expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(out)}`)
    }
    expect(firstFailures).toEqual([])
    expect(failures).toBe(0)
    expect(touched).toBe(0)
  }, 120_000)

  it('templates reach only data: no JS properties, prototypes or constructors', () => {
    const probes = [
      '{{ "".constructor }}', '{{ x.__proto__ }}', '{{ x["__proto__"] }}', '{{ x.constructor }}', '{{ range.constructor }}',
      '{{ {}.constructor }}', '{{ [].constructor }}', '{{ x.toString }}', '{{ namespace().__proto__ }}',
      '{% for a in [1] %}{{ loop.constructor }}{% endfor %}', '{{ {"__proto__": {"a": 1}}.a }}',
    ]
    for (const p of probes) expect([p, renderTemplate(p, { x: { a: 1 } })]).toEqual([p, ''])
    for (const p of ['{{ [].constructor("return 1") }}', '{{ x.toString() }}', '{{ x.hasOwnProperty("a") }}', '{{ "abc".constructor.constructor("return process")() }}'])
      expect(() => renderTemplate(p, { x: { a: 1 } })).toThrow(/unknown method/)
    // assignments go to template values, never to prototypes
    expect(renderTemplate('{% set ns = namespace() %}{% set ns.__proto__ = 1 %}{{ ns }} {{ dict(__proto__=2) }}', {})).toBe('{"__proto__": 1} {"__proto__": 2}')
    expect(({} as Record<string, unknown>)['a']).toBeUndefined()
  })

  it('the sentinel does notice code that touches it', () => {
    // guards the guard: a template reading a host global through generated code would count
    const before = touched
    new Function(`return ${SENTINEL}`)()
    expect(touched).toBe(before + 1)
    touched = before
  })
})
