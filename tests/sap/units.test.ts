// Unit tests for the pieces of SAP, with the reference's behaviour as the expectation (the
// golden suites check whole parses; these pin down the building blocks and their quirks).
import { describe, it, expect } from 'vitest'
import { parseStrictJson } from '../../core/sap/jsonish/strict-json.ts'
import { parseFixing } from '../../core/sap/jsonish/fixing-parser.ts'
import { newReader, readJsonish } from '../../core/sap/jsonish/reader.ts'
import { Source } from '../../core/sap/jsonish/source.ts'
import { displayValue, formatFloat, type JValue } from '../../core/sap/jsonish/value.ts'
import { dedent } from '../../core/sap/jsonish/dedent.ts'
import { fromCommaSeparated, fromFraction } from '../../core/sap/coerce/numbers-in-text.ts'
import { matchesKey, matchString, removeAccents, stripPunctuation } from '../../core/sap/coerce/match-string.ts'
import { parseRustFloat } from '../../core/sap/text.ts'
import { rustTrim } from '../../core/rust-str.ts'
import { smallGet, smallHas, smallSet, type SmallMap } from '../../core/sap/small-map.ts'
import { fit } from '../../core/sap/work.ts'

/** A compact, readable form of a candidate value. */
function show(v: JValue | undefined): unknown {
  if (v === undefined) return undefined
  switch (v.t) {
    case 'str':
      return v.done ? v.s : { incomplete: v.s }
    case 'num':
      return v.done ? v.n : { incomplete: v.n }
    case 'bool':
      return v.b
    case 'null':
      return null
    case 'obj':
      return { obj: v.keys.map((k, i) => [k, show(v.vals[i])]), ...(v.done ? {} : { open: true }) }
    case 'arr':
      return { arr: v.items.map(show), ...(v.done ? {} : { open: true }) }
    case 'md':
      return { md: v.tag, inner: show(v.inner) }
    case 'fixed':
      return { fixed: show(v.inner), fixes: v.fixes }
    case 'any':
      return { any: v.choices.map(show) }
  }
}

const fix = (s: string): unknown[] => (parseFixing(s) ?? []).map(show)

describe('strict JSON', () => {
  it('marks a top-level number incomplete (more digits may follow)', () => {
    expect(show(parseStrictJson('12'))).toEqual({ incomplete: 12 })
    expect(show(parseStrictJson('[12]'))).toEqual({ arr: [12] })
  })
  it('rejects what serde_json rejects', () => {
    for (const bad of ['[1,]', '{"a":1,}', "{'a':1}", '01', '1.', '.5', '1e', '"\t"', '[1] x', 'tru', '', '"\\x"', '"\\ud800"']) {
      expect(parseStrictJson(bad), bad).toBeUndefined()
    }
  })
  it('keeps repeated keys and tells integers from floats', () => {
    const v = parseStrictJson('{"a": 1, "a": 2.0, "b": -0, "c": 12345678901234567890}')
    expect(v?.t).toBe('obj')
    if (v?.t !== 'obj') return
    expect(v.keys).toEqual(['a', 'a', 'b', 'c'])
    expect(v.vals.map((x) => (x.t === 'num' ? [x.n, x.int] : null))).toEqual([[1, true], [2, false], [-0, false], [12345678901234567890, true]])
  })
  it('limits nesting like serde_json', () => {
    expect(parseStrictJson('['.repeat(127) + ']'.repeat(127))).toBeDefined()
    expect(parseStrictJson('['.repeat(128) + ']'.repeat(128))).toBeUndefined()
  })
})

describe('fixing parser', () => {
  it('reads unquoted keys and values, comments and trailing commas', () => {
    expect(fix('{a: 1, b: hello world, /* c */ d: [x, y,], // e\n}')).toEqual([
      { obj: [['a', 1], ['b', 'hello world'], ['d', { arr: ['x', 'y'] }]] },
    ])
  })
  it('lets an unquoted value swallow ", key:" when the value has a space (the reference does)', () => {
    expect(fix('{name: Ann Lee, age: 3}')).toEqual([{ obj: [['name', 'Ann Lee, age: 3']] }])
    expect(fix('{name: Ann, age: 3}')).toEqual([{ obj: [['name', 'Ann'], ['age', 3]] }])
  })
  it('closes a quoted string only where the structure allows', () => {
    expect(fix('{"a": "say "hi" now", "b": 1}')).toEqual([{ obj: [['a', 'say "hi" now'], ['b', 1]] }])
  })
  it('keeps the backslash and drops the last digit of \\u escapes (reference quirk)', () => {
    expect(fix('["caf\\u00e9"')).toEqual([{ arr: ['caf\\u00e'], open: true }])
  })
  it('skips three characters after the first quote of a closing """ (reference quirk)', () => {
    // the skip swallows the comma here, which is harmless
    expect(fix('{"a": """x""", "b": 1}')).toEqual([{ obj: [['a', 'x'], ['b', 1]] }])
    // and the closing bracket here
    expect(fix('["""x"""]')).toEqual([{ arr: ['x'], open: true }])
  })
  it('skips by bytes after non-ASCII unquoted text (reference quirk)', () => {
    // "éé" is four bytes but two characters: after the comma two more characters are skipped
    expect(fix('[aéé,x]')).toEqual([{ arr: ['aéé'] }])
    expect(fix('[abc,x]')).toEqual([{ arr: ['abc', 'x'] }])
  })
  it('returns the objects and arrays among several top-level values', () => {
    expect(fix('note {"a": 1} and [2]')).toEqual([{ obj: [['a', 1]] }, { arr: [2] }])
    expect(parseFixing('just words')?.map(show)).toEqual([{ incomplete: 'just words' }])
    expect(parseFixing('  // only a comment')).toBeUndefined()
  })
  it('leaves unterminated values incomplete', () => {
    expect(fix('{"a": [1, 2')).toEqual([{ obj: [['a', { arr: [1, { incomplete: 2 }], open: true }]], open: true }])
  })
})

describe('reader stages', () => {
  const read = (s: string, done = true): unknown => show(readJsonish(newReader(Source.of(s)), done))
  it('strict JSON first', () => {
    expect(read('{"a": 1}')).toEqual({ any: [{ obj: [['a', 1]] }] })
  })
  it('one markdown block is an incomplete Markdown candidate', () => {
    expect(read('```json\n[1]\n```')).toEqual({ any: [{ md: 'json', inner: { any: [{ arr: [1] }] } }] })
  })
  it('an unclosed fence also offers the whole text', () => {
    const v = readJsonish(newReader(Source.of('x\n```json\n[1')), false)
    expect(v.t === 'any' && v.choices.length).toBe(3)
  })
  it('fences must be `\\n`-terminated lines (CRLF fences are not fences)', () => {
    const v = readJsonish(newReader(Source.of('```json\r\n[1]\r\n```\r\n')), true)
    expect(v.t === 'any' && v.choices[0]!.t).toBe('fixed')
  })
  it('several bracket regions give each plus the list of all', () => {
    expect(read('a {"x":1} b {"y":2}')).toEqual({
      any: [
        { fixed: { any: [{ obj: [['x', 1]] }] }, fixes: ['GreppedForJSON'] },
        { fixed: { any: [{ obj: [['y', 2]] }] }, fixes: ['GreppedForJSON'] },
        { fixed: { arr: [{ any: [{ obj: [['x', 1]] }] }, { any: [{ obj: [['y', 2]] }] }], open: true }, fixes: ['GreppedForJSON'] },
      ],
    })
  })
  it('plain text is a string, complete only when the output is done', () => {
    expect(read('hello there')).toBe('hello there')
    expect(read('hello there', false)).toEqual({ incomplete: 'hello there' })
  })
})

describe('text helpers', () => {
  it('finds one number with separators and currency, as the reference does', () => {
    const table: [string, number | undefined][] = [
      ['3,14', 314],
      ['1.234,56', undefined],
      ['€1.234', 1.234],
      ['3,000', 3000],
      ['1,234,567.89', 1234567.89],
      ['-$1,234.56', -1234.56],
      ['+$1,234.56', 1234.56],
      ['1,234$', 1234],
      ['$1.23.456', undefined],
      ['$1,23,456', 123456],
      ['50%', 50],
      ['.009%', 0.009],
      ['The answer is 10,000', 10000],
      ['The answer is 10,000 and $3,000', undefined],
      ['12,111,123.', 12111123],
    ]
    for (const [input, want] of table) expect(fromCommaSeparated(input), input).toBe(want)
  })
  it('reads fractions', () => {
    expect(fromFraction('3/4')).toBe(0.75)
    expect(fromFraction('1/0')).toBeUndefined()
    expect(fromFraction(' 1 / 2 ')).toBe(0.5)
  })
  it('parses floats like Rust', () => {
    expect(parseRustFloat('1.')).toBe(1)
    expect(parseRustFloat('.5')).toBe(0.5)
    expect(parseRustFloat('+1e3')).toBe(1000)
    expect(parseRustFloat('inf')).toBe(Infinity)
    expect(Number.isNaN(parseRustFloat('NaN'))).toBe(true)
    expect(parseRustFloat('1e')).toBeUndefined()
    expect(parseRustFloat('0x10')).toBeUndefined()
  })
  it('trims Unicode White_Space but not U+FEFF', () => {
    expect(rustTrim('\u00a0 x \u2003')).toBe('x')
    expect(rustTrim('\ufeffx')).toBe('\ufeffx')
  })
  it('formats floats like serde_json (ryu)', () => {
    expect([1, 0.1, 1e20, 1.5e-7, 123456, 1e16, 1e15, -2.5, 0.0001].map(formatFloat)).toEqual([
      '1.0', '0.1', '1e20', '1.5e-7', '123456.0', '1e16', '1000000000000000.0', '-2.5', '0.0001',
    ])
  })
  it('displays values the way the reference prints them', () => {
    const v = parseFixing('{a: [1, 2.0, "x"], b: null}')![0]!
    expect(displayValue(v)).toBe('{a: [1, 2.0, x], b: null}')
  })
  it('dedents triple-quoted text', () => {
    expect(dedent('\n    a\n      b\n    c\n  ')).toBe('a\n  b\nc')
    expect(dedent('x\n  y')).toBe('x\n  y')
  })
})

describe('string matching', () => {
  const cands = [
    ['ON_LOAN', ['on loan', 'ON_LOAN']],
    ['LOST', ['LOST']],
  ] as const
  const m = (s: string): unknown => {
    const r = matchString({ t: 'str', s, done: true }, cands, true, undefined, 'Status')
    return 'err' in r ? 'error' : r.value
  }
  it('matches exactly, by substring, without punctuation and case-insensitively', () => {
    expect(m('LOST')).toBe('LOST')
    expect(m('the book is lost')).toBe('LOST')
    expect(m('It is "on loan".')).toBe('ON_LOAN')
    expect(m('On_Loan')).toBe('ON_LOAN')
    expect(m('On-Loan')).toBe('error') // '-' is kept, the candidate's space is dropped
  })
  it('counts occurrences and refuses ties', () => {
    expect(m('LOST, LOST, on loan')).toBe('LOST')
    expect(m('LOST or on loan')).toBe('error')
    // case-sensitive matches win before case-insensitive ones are looked for
    expect(m('lost, lost, on loan')).toBe('ON_LOAN')
  })
  it('folds accents and ligatures, keeps letters digits - and _', () => {
    expect(removeAccents('Straße ældre øl œuvre')).toBe('Strasse aeldre ol oeuvre')
    expect(stripPunctuation('a-b_c! d?é')).toBe('a-b_cdé')
  })
  it('matches class keys without substrings', () => {
    expect(matchesKey(' First Name ', 'first_name')).toBe(false)
    expect(matchesKey('FIRST-NAME', 'first-name')).toBe(true)
    expect(matchesKey('Café', 'cafe')).toBe(true)
    expect(matchesKey('title2', 'title')).toBe(false)
  })
})

describe('the reader source (a flat head and a short tail)', () => {
  it('reads like the string it holds, across the head/tail seam', () => {
    const chunks = ['{"a', '": "x😀', '\ud83d', '\ude00y",\n', ' "b"', ': [1, 2', ']}', '\n```\n', '😀', 'end']
    const src = Source.empty(4)
    let text = ''
    for (const c of chunks) {
      src.append(c)
      text += c
      expect(src.length).toBe(text.length)
      expect(src.toString()).toBe(text)
      for (let i = 0; i < text.length; i++) {
        expect(src.charCodeAt(i)).toBe(text.charCodeAt(i))
        expect(src.codePointAt(i), `codePointAt(${i}) of ${JSON.stringify(text)}`).toBe(text.codePointAt(i))
        for (const ch of ['\n', '"', '`']) expect(src.indexOf(ch, i)).toBe(text.indexOf(ch, i))
        for (let j = i; j <= text.length; j++) expect(src.slice(i, j)).toBe(text.slice(i, j))
      }
    }
  })
})

describe('number tokens valued as they are read', () => {
  const value = (s: string): unknown => {
    const v = parseFixing(s)?.[0]
    return v?.t === 'num' ? v.n : v?.t === 'str' ? `str:${v.s.length}` : v?.t
  }
  it('gives what parsing the whole token gives', () => {
    for (const s of ['1' + '0'.repeat(300), '0.' + '0'.repeat(400) + '15', '1.' + '9'.repeat(1200), '-' + '7'.repeat(40) + 'e-20', '.5e3', '5.e2']) {
      expect(value(s), s.slice(0, 20)).toBe(Number(s.replace(/\.e/, 'e')))
    }
    // beyond the double range: a string
    expect(value('9'.repeat(400))).toBe('str:400')
    expect(value('1e400')).toBe('str:5')
    // past 800 significant digits only "some nonzero digit follows" matters
    expect(value('0.' + '5'.repeat(2000))).toBe(0.5555555555555556)
    const half = '1.00000000000000011102230246251565404236316680908203125' // exactly between 1 and the next double…
    expect(value(half + '0'.repeat(900))).toBe(1) // …rounds to even
    expect(value(half + '0'.repeat(900) + '1')).toBe(1.0000000000000002) // …or up when anything follows
  })
})

describe('small-map: the flat key/value caches kept on streamed values', () => {
  it('behaves as a map from numbers, before and after it outgrows its flat array', () => {
    let m: SmallMap<string | null> | undefined
    const ref = new Map<number, string | null>()
    // keys as memo keys come: negative, repeated, values that are null
    const keys = [8, -16, 8, 3, 0, -1, 24, 40, 56, 72, 3, 88, 104, -16, 120]
    for (const [i, k] of keys.entries()) {
      const v = i % 4 === 3 ? null : `v${i}`
      m = smallSet(m, k, v)
      ref.set(k, v)
      for (const q of [...keys, 7, -7]) {
        expect(smallHas(m, q), `has ${q} after ${i}`).toBe(ref.has(q))
        expect(smallGet(m, q), `get ${q} after ${i}`).toBe(ref.get(q))
      }
    }
    expect(m instanceof Map, 'more than 8 keys: a Map').toBe(true)
    expect(smallGet(undefined, 1)).toBeUndefined()
    expect(smallHas(undefined, 1)).toBe(false)
  })

  it('fit keeps the items, copying only short lists', () => {
    const short = [1, 2, 3]
    expect(fit(short)).toEqual([1, 2, 3])
    expect(fit(short)).not.toBe(short)
    const long = Array.from({ length: 40 }, (_, i) => i)
    expect(fit(long)).toBe(long)
    const empty: number[] = []
    expect(fit(empty)).toBe(empty)
  })
})
