import { describe, expect, it } from 'vitest'
import { dedentBlock, scanUnquoted, unescapeString } from '../../core/syntax/strings.ts'

describe('dedentBlock (RawString::new)', () => {
  it('trims leading newlines and trailing whitespace, then dedents', () => {
    expect(dedentBlock('\n    hello\n    world\n  ').text).toBe('hello\nworld')
    expect(dedentBlock('\n    hello\n    world\n  ').indent).toBe(4)
  })
  it('keeps relative indentation and blank lines', () => {
    const d = dedentBlock('\n  first\n    nested\n\n  back\n')
    expect(d.text).toBe('first\n  nested\n\nback')
  })
  it('a blank line with other whitespace shortens the prefix, as in the reference', () => {
    expect(dedentBlock('\n    a\n\t\n    b').text).toBe('    a\n\n    b')
  })
  it('a later line indented less than the first sets the prefix; space-only lines shorter than it are blank', () => {
    expect(dedentBlock('\n      a\n    b\n  \n        c').text).toBe('  a\nb\n\n    c')
    expect(dedentBlock('\n    a\n  \n\n      b\n').text).toBe('a\n\n\n  b')
    expect(dedentBlock('\n  \n    \n    a\n   \n    b').text).toBe('a\n\nb')
  })
  it('unindented text keeps its lines; blank ones are emptied', () => {
    expect(dedentBlock('a\n   \n b').text).toBe('a\n\n b')
  })
  it('handles CRLF', () => {
    expect(dedentBlock('\r\n  a\r\n  b\r\n').text).toBe('a\nb')
  })
  it('single line and empty', () => {
    expect(dedentBlock('{{ x }}').text).toBe('{{ x }}')
    expect(dedentBlock('   \n  ').text).toBe('')
  })
  it('maps offsets in the dedented text back to the raw body', () => {
    const raw = '\n    {% for t in titles %}\n    - {{ t }}\n  '
    const d = dedentBlock(raw)
    expect(d.text).toBe('{% for t in titles %}\n- {{ t }}')
    const at = d.text.indexOf('{{ t }}')
    expect(raw.slice(d.toRawOffset(at), d.toRawOffset(at) + 7)).toBe('{{ t }}')
    expect(raw[d.toRawOffset(0)]).toBe('{')
    expect(d.toRawOffset(d.text.length)).toBe(raw.indexOf('}}\n') + 2)
  })
})

describe('unescapeString', () => {
  it('resolves the reference escapes and keeps unknown ones', () => {
    expect(unescapeString('a\\nb\\t\\"q\\" \\\\ \\x41 \\d')).toBe('a\nb\t"q" \\ A \\d')
  })
})

describe('scanUnquoted', () => {
  const scan = (s: string) => s.slice(0, scanUnquoted(s, 0))
  it('takes text with spaces, dashes, slashes, colons and dots', () => {
    expect(scan('gpt-4o\n')).toBe('gpt-4o')
    expect(scan('python/pydantic')).toBe('python/pydantic')
    expect(scan('http://localhost:9000/v1 // comment')).toBe('http://localhost:9000/v1')
    expect(scan('some words here  \n')).toBe('some words here')
  })
  it('stops at banned characters', () => {
    expect(scan('abc, def')).toBe('abc')
    expect(scan('abc}')).toBe('abc')
    expect(scan('{x}')).toBe('')
  })
})
