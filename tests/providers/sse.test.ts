import { describe, expect, it } from 'vitest'
import { createSseParser, type SseEvent } from '../../core/providers/transport/sse.ts'

function parseAll(chunks: readonly (string | Uint8Array)[]): SseEvent[] {
  const p = createSseParser()
  const out: SseEvent[] = []
  for (const c of chunks) out.push(...p.push(c))
  out.push(...p.end())
  return out
}

const enc = new TextEncoder()

/** Every way of cutting `bytes` into two pieces gives the same events as one piece. */
function everySplit(text: string): void {
  const bytes = enc.encode(text)
  const whole = parseAll([bytes])
  for (let i = 0; i <= bytes.length; i++) {
    expect(parseAll([bytes.subarray(0, i), bytes.subarray(i)])).toEqual(whole)
  }
  // and byte by byte
  expect(parseAll(Array.from(bytes, (b) => new Uint8Array([b])))).toEqual(whole)
}

describe('SSE parser', () => {
  it('reads data, event and id fields', () => {
    expect(parseAll(['event: add\ndata: 73857293\nid: 7\n\n'])).toEqual([{ event: 'add', data: '73857293', id: '7' }])
  })

  it('joins multi-line data with \\n and defaults the event to "message"', () => {
    expect(parseAll(['data: YHOO\ndata: +2\ndata: 10\n\n'])).toEqual([{ event: 'message', data: 'YHOO\n+2\n10', id: '' }])
  })

  it('ignores comments and unknown fields; strips exactly one leading space', () => {
    expect(parseAll([': keep-alive\nfoo: bar\ndata:  two spaces\n\ndata:none\n\n'])).toEqual([
      { event: 'message', data: ' two spaces', id: '' },
      { event: 'message', data: 'none', id: '' },
    ])
  })

  it('treats a field with no colon as an empty value; an empty data line still dispatches', () => {
    expect(parseAll(['data\n\ndata:\ndata:\n\n'])).toEqual([
      { event: 'message', data: '', id: '' },
      { event: 'message', data: '\n', id: '' },
    ])
  })

  it('does not dispatch events without data, and resets the event type after a blank line', () => {
    expect(parseAll(['event: a\n\ndata: x\n\n'])).toEqual([{ event: 'message', data: 'x', id: '' }])
  })

  it('handles CRLF, LF and CR line endings, mixed', () => {
    const evs = parseAll(['data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: d\r\n\n'])
    expect(evs.map((e) => e.data)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('keeps the last event id, ignores ids with NUL, reads retry', () => {
    const evs = parseAll(['id: 1\ndata: a\n\ndata: b\n\nid: x\u0000y\nretry: 3000\ndata: c\n\nretry: soon\ndata: d\n\n'])
    expect(evs).toEqual([
      { event: 'message', data: 'a', id: '1' },
      { event: 'message', data: 'b', id: '1' },
      { event: 'message', data: 'c', id: '1', retry: 3000 },
      { event: 'message', data: 'd', id: '1' },
    ])
  })

  it('drops a leading BOM once', () => {
    expect(parseAll(['\ufeffdata: x\n\n\ufeffdata: y\n\n']).map((e) => e.data)).toEqual(['x'])
  })

  it('discards an unterminated last event (spec), but keeps everything before it', () => {
    expect(parseAll(['data: complete\n\ndata: partial']).map((e) => e.data)).toEqual(['complete'])
    expect(parseAll(['data: complete\n\ndata: partial\n']).map((e) => e.data)).toEqual(['complete'])
  })

  it('gives the same events however the bytes are split (CRLF and multi-byte UTF-8 included)', () => {
    everySplit('event: delta\r\ndata: {"t":"h\u00e9llo \u4e16\u754c \ud83d\ude00"}\r\n\r\n: ping\r\rdata: a\rdata: b\r\r')
    everySplit('data: \u00e9\u00e8\n\nid: 9\ndata: x\n\n')
  })

  it('decodes a UTF-8 sequence split across chunks', () => {
    const bytes = enc.encode('data: \ud83d\ude00\n\n')
    expect(parseAll([bytes.subarray(0, 8), bytes.subarray(8)])).toEqual([{ event: 'message', data: '\ud83d\ude00', id: '' }])
  })

  it('accepts string chunks too', () => {
    expect(parseAll(['da', 'ta: 1', '\n', '\n']).map((e) => e.data)).toEqual(['1'])
  })
})
