// IR contents for config blocks, tests, type builders, docstrings and aliases.
import { describe, expect, it } from 'vitest'
import { buildIR } from '../../core/ir/load.ts'
import type { BamlIR } from '../../core/ir/types.ts'

function load(src: string): BamlIR {
  const r = buildIR({ 'baml_src/main.baml': src })
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([])
  return r.ir!
}

const CLIENT = 'client<llm> C {\n  provider openai\n  options {\n    model "gpt-4o"\n  }\n}\n'

describe('retry policies', () => {
  it('fill in the reference defaults', () => {
    const ir = load(
      'retry_policy A {\n  max_retries 3\n}\n' +
        'retry_policy B {\n  max_retries 2\n  strategy {\n    type exponential_backoff\n  }\n}\n' +
        'retry_policy D {\n  max_retries 1\n  strategy {\n    type constant_delay\n    delay_ms 50\n  }\n  options {\n    x 1\n  }\n}\n',
    )
    expect(ir.retryPolicies.get('A')).toMatchObject({ maxRetries: 3, strategy: { type: 'constant_delay', delayMs: 200 } })
    expect(ir.retryPolicies.get('B')).toMatchObject({ maxRetries: 2, strategy: { type: 'exponential_backoff', delayMs: 200, multiplier: 1.5, maxDelayMs: 10000 } })
    expect(ir.retryPolicies.get('D')).toMatchObject({ strategy: { type: 'constant_delay', delayMs: 50 }, options: { kind: 'map', entries: [{ key: 'x' }] } })
  })
})

describe('clients', () => {
  it('map legacy provider names and keep the retry policy', () => {
    const ir = load('client<llm> L {\n  provider baml-anthropic-chat\n  retry_policy R\n}\nretry_policy R {\n  max_retries 1\n}\n')
    const c = ir.clients.get('L')!
    expect(c.provider).toBe('anthropic')
    expect(c.retryPolicy).toBe('R')
    expect(c.options).toMatchObject({ kind: 'map', entries: [] })
  })

  it('functions keep shorthand clients as written', () => {
    const ir = load('function F(x: string) -> string {\n  client "anthropic/claude-3-haiku"\n  prompt #"{{ x }}"#\n}\n')
    expect(ir.functions.get('F')!.client).toBe('anthropic/claude-3-haiku')
  })
})

describe('generators', () => {
  it('read fields with defaults', () => {
    const ir = load('generator target {\n  output_type "typescript"\n  version "0.226.2"\n  module_format esm\n  on_generate "prettier -w ."\n}\n')
    expect(ir.generators).toEqual([
      expect.objectContaining({ name: 'target', outputType: 'typescript', outputDir: '../', version: '0.226.2', moduleFormat: 'esm', onGenerate: 'prettier -w .' }),
    ])
    expect(load('generator g {\n  output_type "go"\n  client_package_name "example.com/x"\n}\n').generators[0]).toMatchObject({ version: '0.0.0', clientPackageName: 'example.com/x' })
  })
})

describe('tests', () => {
  it('keep functions, args (with block strings dedented), constraints and the type builder', () => {
    const ir = load(
      CLIENT +
        'class D {\n  a int\n  @@dynamic\n}\nenum E {\n  A\n  @@dynamic\n}\n' +
        'function F(x: string, d: D) -> D {\n  client C\n  prompt #"{{ x }}"#\n}\n' +
        'test T {\n  functions [F]\n  args {\n    x #"\n      hello\n        world\n    "#\n    d { a 1 }\n  }\n' +
        '  type_builder {\n    class N {\n      n int\n    }\n    dynamic class D {\n      extra N?\n    }\n    dynamic enum E {\n      B @alias("b")\n    }\n    type Alias = N | int\n  }\n' +
        '  @@check(has_result, {{ _.result != null }})\n  @@assert({{ _.latency_ms < 1000 }})\n}\n',
    )
    const t = ir.tests[0]!
    expect(t.functions.map((f) => f.name)).toEqual(['F'])
    expect(t.args.map((a) => a.key)).toEqual(['x', 'd'])
    expect(t.args[0]!.value).toMatchObject({ kind: 'string', value: 'hello\n  world', quoted: 'block' })
    expect(t.constraints).toEqual([
      expect.objectContaining({ level: 'check', label: 'has_result', expression: '_.result != null' }),
      expect.objectContaining({ level: 'assert', expression: '_.latency_ms < 1000' }),
    ])
    const tb = t.typeBuilder!
    expect(tb.classes.map((c) => c.name)).toEqual(['N'])
    expect(tb.extendClasses).toEqual([expect.objectContaining({ name: 'D', fields: [expect.objectContaining({ name: 'extra' })] })])
    expect(tb.extendClasses[0]!.fields[0]!.type).toEqual({ kind: 'union', options: [{ kind: 'class', name: 'N' }, { kind: 'primitive', name: 'null' }] })
    expect(tb.extendEnums).toEqual([expect.objectContaining({ name: 'E', values: [expect.objectContaining({ name: 'B', alias: 'b' })] })])
    expect(tb.typeAliases.map((a) => [a.name, a.type])).toEqual([['Alias', { kind: 'union', options: [{ kind: 'class', name: 'N' }, { kind: 'primitive', name: 'int' }] }]])
    expect(ir.classes.get('D')!.dynamic).toBe(true)
  })
})

describe('docstrings and aliases', () => {
  it('attach `///` comments to blocks, fields and values (not across a blank line)', () => {
    const ir = load('/// A person\n/// (two lines)\nclass P {\n  /// their name\n  name string /// and more\n  age int\n}\n\n/// floating\n\nenum E {\n  /// first\n  A\n}\n')
    const p = ir.classes.get('P')!
    expect(p.docstring).toBe('A person\n(two lines)')
    expect(p.fields[0]!.docstring).toBe('their name\nand more')
    expect(p.fields[1]!.docstring).toBeUndefined()
    expect(ir.enums.get('E')!.docstring).toBeUndefined()
    expect(ir.enums.get('E')!.values[0]!.docstring).toBe('first')
  })

  it('expand chains of aliases and merge their constraints into the use site', () => {
    const ir = load('type Pos = int @check(pos, {{ this > 0 }})\ntype Count = Pos\nclass A {\n  n Count @assert(small, {{ this < 10 }})\n}\n')
    expect(ir.classes.get('A')!.fields[0]!.type).toEqual({
      kind: 'primitive',
      name: 'int',
      attrs: {
        constraints: [
          expect.objectContaining({ level: 'check', label: 'pos', expression: 'this > 0' }),
          expect.objectContaining({ level: 'assert', label: 'small', expression: 'this < 10' }),
        ],
      },
    })
    expect(ir.typeAliases.get('Count')!.recursive).toBe(false)
  })

  it('keep recursive aliases as alias nodes, expand the rest', () => {
    const ir = load('type JSON = string | int | JSON[] | map<string, JSON>\ntype Doc = JSON\nclass A {\n  d Doc\n}\n')
    expect(ir.typeAliases.get('JSON')!.recursive).toBe(true)
    expect(ir.classes.get('A')!.fields[0]!.type).toEqual({ kind: 'alias', name: 'JSON' })
    expect(ir.typeAliases.get('JSON')!.type).toEqual({
      kind: 'union',
      options: [
        { kind: 'primitive', name: 'string' },
        { kind: 'primitive', name: 'int' },
        { kind: 'list', item: { kind: 'alias', name: 'JSON' } },
        { kind: 'map', key: { kind: 'primitive', name: 'string' }, value: { kind: 'alias', name: 'JSON' } },
      ],
    })
  })

  it('doubles backslashes in constraint expressions, as the reference evaluates them', () => {
    const ir = load('class A {\n  s string @check(digits, {{ this|regex_match("\\d+") }})\n}\n')
    expect(ir.classes.get('A')!.fields[0]!.type.attrs!.constraints![0]!.expression).toBe('this|regex_match("\\\\d+")')
  })
})

describe('headers the reference accepts and ignores', () => {
  const warnings = (src: string) => buildIR({ 'baml_src/main.baml': src }).diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message)

  it('load a test with a parameter list, a function without `->` and a class method, each with a warning', () => {
    const src =
      CLIENT +
      'class A {\n  x int\n  function double(self) -> int {\n    self.x * 2\n  }\n}\n' +
      'function F(x: string) A {\n  client C @description("c")\n  prompt #"{{ x }}"#\n}\n' +
      'test T(a: int) {\n  functions [F]\n  args { x "a" }\n}\n' +
      'retry_policy R string {\n  max_retries 1\n}\n'
    const ir = load(src)
    expect(ir.functions.get('F')!.returnType).toMatchObject({ kind: 'class', name: 'A' })
    expect(ir.classes.get('A')!.fields.map((f) => f.name)).toEqual(['x'])
    expect(ir.tests.map((t) => t.name)).toEqual(['T'])
    expect(warnings(src)).toEqual([
      '`double` is a method in the expression language, which this implementation does not support; it is ignored',
      'Missing `->` before the return type of function `F`; write `function F(...) -> A { ... }`',
      'Attributes on `client` are ignored',
      '`test T` takes no parameters; the parameter list is ignored',
      '`retry_policy R` has no return type; `string` is ignored',
    ])
  })

  it('still reject `->` without a parameter list, and a function without a return type', () => {
    const errors = (src: string) => buildIR({ 'baml_src/main.baml': src }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)
    expect(errors(CLIENT + 'function F(x: string) -> string {\n  client C\n  prompt #"x"#\n}\ntest T -> int {\n  functions [F]\n  args { x "a" }\n}\n')).toEqual([
      'Invalid syntax for `test T`: `->` needs a parameter list, e.g. `test T(param: Type) -> ReturnType { ... }`',
    ])
    expect(errors(CLIENT + 'function F(x: string) {\n  client C\n  prompt #"x"#\n}\n')[0]).toMatch(/^Invalid syntax for function `F`: it needs a return type/)
  })
})
