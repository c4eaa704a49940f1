// The REPL's pieces on their own: entry parsing, continuation, value literals (the core's
// parseValueLiteral), completion, curl quoting.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { BamlRuntime, parseValueLiteral, printDefinition } from '../../core/index.ts'
import { InputError, parseCommand } from '../../repl/commands.ts'
import { complete } from '../../repl/complete.ts'
import { isComplete } from '../../repl/input.ts'
import { lookupVar } from '../../repl/values.ts'
import { curlCommand, shellQuote, typeText } from '../../repl/view.ts'
import { PROJECT } from './helpers.ts'

const rt = BamlRuntime.fromFiles('baml_src', { 'baml_src/main.baml': PROJECT })

describe('parseCommand', () => {
  it('splits a call into target and args, with offsets into the entry', () => {
    const cmd = parseCommand('call Greet::AdaInEnglish  { name "x" }')
    expect(cmd).toEqual({ kind: 'call', target: { fn: 'Greet', test: 'AdaInEnglish', start: 5, end: 24 }, args: { text: '{ name "x" }', offset: 26 } })
    expect(parseCommand('render Greet')).toMatchObject({ kind: 'render', args: { text: '' } })
    expect(parseCommand(':curl')).toEqual({ kind: 'last-curl' })
    expect(parseCommand(':curl Greet {}')).toMatchObject({ kind: 'curl', target: { fn: 'Greet' } })
  })

  it('reads let, values, settings and aliases', () => {
    expect(parseCommand('let x = call Extract "a"')).toMatchObject({ kind: 'let', name: 'x', value: { kind: 'call', target: { fn: 'Extract', start: 13 }, args: { text: '"a"', offset: 21 } } })
    expect(parseCommand('let $y = { a 1 }')).toMatchObject({ kind: 'let', name: 'y', value: { text: '{ a 1 }', offset: 9 } })
    expect(parseCommand('$_.name')).toEqual({ kind: 'value', value: { text: '$_.name', offset: 0 } })
    expect(parseCommand('test A:: ::B')).toEqual({ kind: 'test', patterns: ['A::', '::B'] })
    expect(parseCommand('test')).toEqual({ kind: 'test', patterns: [] })
    expect(parseCommand(':secrets on')).toEqual({ kind: 'secrets', on: true })
    expect(parseCommand(':env A=b c')).toEqual({ kind: 'env', assignment: 'A=b c' })
    expect(parseCommand(':q')).toEqual({ kind: 'quit' })
    expect(parseCommand('exit')).toEqual({ kind: 'quit' })
    expect(parseCommand('  // a comment')).toEqual({ kind: 'empty' })
    expect(parseCommand('# a comment')).toEqual({ kind: 'empty' })
    expect(parseCommand('parse Extract {"a": 1}')).toMatchObject({ kind: 'parse', text: { text: '{"a": 1}' } })
  })

  it('rejects malformed entries with a place to point at', () => {
    const err = (text: string) => {
      try {
        parseCommand(text)
      } catch (e) {
        expect(e).toBeInstanceOf(InputError)
        return e as InputError
      }
      throw new Error(`no error for ${text}`)
    }
    expect(err('rendr Greet')).toMatchObject({ message: expect.stringContaining('Did you mean `render`?'), start: 0, end: 5 })
    expect(err('let _ = {}').message).toContain('`$_` is set by every result')
    expect(err('let x').message).toContain('let NAME = call Fn ARGS')
    expect(err('parse Greet::T').message).toContain('takes a function, not a test')
    expect(err(':secrets maybe').message).toContain(':secrets on')
  })
})

describe('isComplete', () => {
  it('waits for open braces, brackets and block strings', () => {
    expect(isComplete('call F { a 1 }')).toBe(true)
    expect(isComplete('call F {')).toBe(false)
    expect(isComplete('call F { a [1,\n2')).toBe(false)
    expect(isComplete('call F { a "}" ')).toBe(false)
    expect(isComplete('call F { a "{" }')).toBe(true)
    expect(isComplete('call F { a #"\n{ text')).toBe(false)
    expect(isComplete('call F { a #"\n{ text\n"# }')).toBe(true)
    expect(isComplete('call F { a ##"x"# still"## }')).toBe(true)
    expect(isComplete('render F }')).toBe(true)
  })
})

describe('parseValueLiteral (core)', () => {
  it('reads test-block syntax and JSON alike', () => {
    const baml = parseValueLiteral('{ name "Ada" langs ["en", fr] n -2.5 ok true none null nested { k v } }')
    expect(baml).toEqual({ ok: true, value: { name: 'Ada', langs: ['en', 'fr'], n: -2.5, ok: true, none: null, nested: { k: 'v' } }, diagnostics: [] })
    expect(parseValueLiteral('{"a": [1, {"b": "c\\n"}]}')).toMatchObject({ ok: true, value: { a: [1, { b: 'c\n' }] } })
  })

  it('dedents block strings and keeps unquoted text with spaces, as test blocks do', () => {
    expect(parseValueLiteral('{ text #"\n    one\n      two\n  "# }')).toMatchObject({ value: { text: 'one\n  two' } })
    expect(parseValueLiteral('{ text I like it }')).toMatchObject({ value: { text: 'I like it' } })
  })

  it('ends $vars, env.NAME, true/false/null at the word on one line', () => {
    const r = parseValueLiteral('{ a $x.y b env.HOME_DIR c false d "s" }', { env: { HOME_DIR: '/h' }, resolveWord: (w) => (w === '$x.y' ? 7 : undefined) })
    expect(r).toMatchObject({ ok: true, value: { a: 7, b: '/h', c: false, d: 's' } })
  })

  it('reports errors at the place in the text as typed', () => {
    const r = parseValueLiteral('{ a 1 b { c } }')
    expect(r.ok).toBe(false)
    expect(r.diagnostics[0]).toMatchObject({ message: expect.stringContaining('Expected a value for `c`'), span: { start: 12, end: 13 } })
    const env = parseValueLiteral('{ a 1 b env.NOPE }', { env: {} })
    expect(env.diagnostics[0]).toMatchObject({ message: 'Environment variable NOPE is not set', span: { start: 8, end: 16 } })
    expect(parseValueLiteral('{ a 1 } extra').diagnostics[0]).toMatchObject({ message: 'Unexpected text after the value', span: { start: 8, end: 13 } })
    expect(parseValueLiteral('   ').ok).toBe(false)
    const word = parseValueLiteral('[ $nope ]', { resolveWord: () => { throw new Error('no such variable') } })
    expect(word.diagnostics[0]).toMatchObject({ message: 'no such variable', span: { start: 2, end: 7 } })
  })
})

describe('printDefinition (core)', () => {
  it('prints one block with its doc comment', () => {
    const fn = rt.ir.functions.get('Greet')!
    const text = printDefinition(rt.ir.files.get(fn.span.file)!, fn.span)!
    expect(text.startsWith('/// Greets someone.\nfunction Greet(name: string, langs: string[]) -> string {\n')).toBe(true)
    expect(text).not.toContain('class Person')
    expect(printDefinition(rt.ir.files.get(fn.span.file)!, { ...fn.span, start: fn.span.start + 1 })).toBeUndefined()
  })
})

describe('variables', () => {
  it('follows paths into objects and arrays, and says what is missing', () => {
    const vars = new Map<string, unknown>([['p', { items: [{ n: 1 }, { n: 2 }] }]])
    expect(lookupVar(vars, '$p.items.1.n')).toBe(2)
    expect(() => lookupVar(vars, '$p.items.5')).toThrow('$p.items has 2 items; there is no item 5')
    expect(() => lookupVar(vars, '$p.nope')).toThrow('$p has no field `nope`')
    expect(() => lookupVar(vars, '$q')).toThrow('there is no variable $q (set: $p)')
  })
})

describe('complete', () => {
  const src = { rt, vars: new Map<string, unknown>([['who', { name: 'A', age: 1 }]]) }
  const c = (line: string, pending = '') => complete(src, pending, line)

  it('commands, then each command’s names', () => {
    expect(c('re')).toEqual([['render ', 'request '], 're'])
    expect(c(':cl')).toEqual([[':client '], ':cl'])
    expect(c('call E')).toEqual([['Extract '], 'E'])
    expect(c('render Greet::')).toEqual([['Greet::AdaInEnglish '], 'Greet::'])
    expect(c('test E')).toEqual([['Extract::', 'Extract::Grace '], 'E'])
    expect(c(':client L')).toEqual([['Local '], 'L'])
    expect(c('show P')).toEqual([['Person '], 'P'])
    expect(c('let x = st')).toEqual([['stream '], 'st'])
    expect(c('let x = call Gr')).toEqual([['Greet '], 'Gr'])
  })

  it('parameter names where a key goes, not where a value goes', () => {
    expect(c('call Greet { ')).toEqual([['langs ', 'name '], ''])
    expect(c('call Greet { name "x" l')).toEqual([['langs '], 'l'])
    expect(c('call Greet { name "x", ')).toEqual([['langs '], ''])
    expect(c('call Greet { name ')).toEqual([[], ''])
    expect(c('call Greet { name { nested ')).toEqual([[], ''])
    expect(c('  la', 'call Greet {\n  name "x"\n')).toEqual([['langs '], 'la'])
    expect(c('call Greet::AdaInEnglish { na')).toEqual([['name '], 'na'])
  })

  it('variables and their fields', () => {
    expect(c('call Greet { name $w')).toEqual([['$who'], '$w'])
    expect(c('call Greet { name $who.')).toEqual([['$who.age', '$who.name'], '$who.'])
  })
})

describe('curl', () => {
  it('quotes for a POSIX shell: the command runs back to the same body', () => {
    const req = { url: 'https://x.test/v1?a=1&b=2', method: 'POST' as const, headers: { 'content-type': 'application/json', 'x-note': "it's" }, body: { text: "Ada's \"quote\" $HOME `id`" } }
    const cmd = curlCommand(req)
    expect(cmd.split(' \\\n  ')[0]).toBe("curl -sS -X POST 'https://x.test/v1?a=1&b=2'")
    // sh parses the quoted body back to the same JSON
    const data = /--data-raw (.*)$/s.exec(cmd)![1]!
    const echoed = execFileSync('sh', ['-c', `printf %s ${data}`]).toString()
    expect(JSON.parse(echoed)).toEqual(req.body)
    expect(shellQuote('plain-word')).toBe('plain-word')
  })

  it('shows types as BAML writes them', () => {
    expect(typeText({ kind: 'union', options: [{ kind: 'list', item: { kind: 'class', name: 'A' } }, { kind: 'primitive', name: 'null' }] })).toBe('A[]?')
    expect(typeText({ kind: 'map', key: { kind: 'primitive', name: 'string' }, value: { kind: 'literal', value: 'x' } })).toBe('map<string, "x">')
    expect(typeText({ kind: 'list', item: { kind: 'union', options: [{ kind: 'primitive', name: 'int' }, { kind: 'primitive', name: 'string' }] } })).toBe('(int | string)[]')
  })
})
