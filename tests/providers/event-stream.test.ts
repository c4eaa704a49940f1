import { describe, expect, it } from 'vitest'
import { crc32 } from '../../core/providers/transport/crc32.ts'
import {
  createEventStreamDecoder,
  encodeEventStreamMessage,
  EventStreamFramingError,
  headerString,
  type EventStreamMessage,
} from '../../core/providers/transport/event-stream.ts'
import { concatBytes, converseStreamFrames } from './helpers/wire.ts'

const enc = new TextEncoder()
const dec = new TextDecoder()

function decodeAll(chunks: readonly Uint8Array[]): EventStreamMessage[] {
  const d = createEventStreamDecoder()
  const out: EventStreamMessage[] = []
  for (const c of chunks) out.push(...d.push(c))
  d.end()
  return out
}

describe('CRC32', () => {
  it('matches the standard check value', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array(0))).toBe(0)
  })

  it('can continue a running checksum', () => {
    const b = enc.encode('hello world')
    expect(crc32(b, 5, b.length, crc32(b, 0, 5))).toBe(crc32(b))
  })
})

describe('AWS event-stream framing', () => {
  it('round-trips headers and payload', () => {
    const frame = encodeEventStreamMessage({ ':event-type': 'contentBlockDelta', ':message-type': 'event' }, '{"delta":{"text":"hi"}}')
    const [msg] = decodeAll([frame])
    expect(headerString(msg!, ':event-type')).toBe('contentBlockDelta')
    expect(headerString(msg!, ':message-type')).toBe('event')
    expect(dec.decode(msg!.payload)).toBe('{"delta":{"text":"hi"}}')
  })

  it('has the documented byte layout: lengths, prelude CRC, message CRC', () => {
    const frame = encodeEventStreamMessage({ a: 'b' }, 'xy')
    const view = new DataView(frame.buffer)
    const headersLen = 1 + 1 + 1 + 2 + 1 // name len, "a", type 7, u16 len, "b"
    expect(view.getUint32(0)).toBe(frame.length)
    expect(frame.length).toBe(12 + headersLen + 2 + 4)
    expect(view.getUint32(4)).toBe(headersLen)
    expect(view.getUint32(8)).toBe(crc32(frame, 0, 8))
    expect(view.getUint32(frame.length - 4)).toBe(crc32(frame, 0, frame.length - 4))
    expect(frame[12]).toBe(1)
    expect(frame[14]).toBe(7) // string header
  })

  it('decodes a ConverseStream however the bytes are split', () => {
    const all = concatBytes(converseStreamFrames(['Hel', 'lo \u00e9']))
    const whole = decodeAll([all])
    expect(whole.map((m) => headerString(m, ':event-type'))).toEqual(['messageStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata'])
    for (let i = 0; i <= all.length; i += 7) expect(decodeAll([all.subarray(0, i), all.subarray(i)])).toEqual(whole)
    expect(decodeAll(Array.from(all, (b) => new Uint8Array([b])))).toEqual(whole)
  })

  it('reads every header value type', () => {
    // name "t" + each type tag with its value
    const parts: number[] = []
    const h = (tag: number, value: number[]) => parts.push(1, 0x74, tag, ...value)
    h(0, [])
    h(1, [])
    h(2, [0xff])
    h(3, [0x01, 0x02])
    h(4, [0, 0, 1, 0])
    h(6, [0, 2, 9, 8])
    const headers = new Uint8Array(parts)
    // Build the frame by hand so non-string headers are covered.
    const total = 12 + headers.length + 4
    const frame = new Uint8Array(total)
    const view = new DataView(frame.buffer)
    view.setUint32(0, total)
    view.setUint32(4, headers.length)
    view.setUint32(8, crc32(frame, 0, 8))
    frame.set(headers, 12)
    view.setUint32(total - 4, crc32(frame, 0, total - 4))
    const d = createEventStreamDecoder()
    // every header is named "t": the last one wins
    const [msg] = d.push(frame)
    expect(msg!.headers['t']).toEqual({ type: 'bytes', value: new Uint8Array([9, 8]) })
    expect(msg!.payload.length).toBe(0)
  })

  it('rejects a corrupted prelude or message CRC', () => {
    const frame = encodeEventStreamMessage({ ':event-type': 'x' }, '{}')
    const badPrelude = frame.slice()
    badPrelude[8] = badPrelude[8]! ^ 1
    expect(() => createEventStreamDecoder().push(badPrelude)).toThrow(EventStreamFramingError)
    const badBody = frame.slice()
    badBody[frame.length - 6] = badBody[frame.length - 6]! ^ 1
    expect(() => createEventStreamDecoder().push(badBody)).toThrow(/message CRC/)
  })

  it('complains when the stream ends inside a message', () => {
    const frame = encodeEventStreamMessage({ ':event-type': 'x' }, '{}')
    const d = createEventStreamDecoder()
    expect(d.push(frame.subarray(0, 20))).toEqual([])
    expect(() => d.end()).toThrow(/ended inside a message/)
  })
})
