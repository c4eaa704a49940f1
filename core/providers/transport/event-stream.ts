// AWS event-stream binary framing (application/vnd.amazon.eventstream), used by Bedrock ConverseStream.
//
// Message layout (all integers big-endian):
//   total length (u32) | headers length (u32) | prelude CRC32 (over the first 8 bytes)
//   headers | payload | message CRC32 (over everything before it)
// Header: name length (u8) | name (UTF-8) | value type (u8) | value.
import { crc32 } from './crc32.ts'

export type EventStreamHeaderValue =
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'byte' | 'short' | 'int'; readonly value: number }
  | { readonly type: 'long' | 'timestamp'; readonly value: bigint }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'string' | 'uuid'; readonly value: string }

export interface EventStreamMessage {
  readonly headers: Readonly<Record<string, EventStreamHeaderValue>>
  readonly payload: Uint8Array
}

export class EventStreamFramingError extends Error {
  override name = 'EventStreamFramingError'
}


const PRELUDE = 12
const TRAILER = 4
/** Messages larger than this are treated as corrupt framing rather than buffered forever (AWS caps them at 16 MiB). */
const MAX_MESSAGE = 16 * 1024 * 1024 + 1024

const utf8 = new TextDecoder('utf-8')

function readHeaders(bytes: Uint8Array, start: number, end: number): Record<string, EventStreamHeaderValue> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out: Record<string, EventStreamHeaderValue> = {}
  let p = start
  const need = (n: number): void => {
    if (p + n > end) throw new EventStreamFramingError('event-stream header runs past the header block')
  }
  while (p < end) {
    need(1)
    const nameLen = bytes[p++]!
    need(nameLen + 1)
    const name = utf8.decode(bytes.subarray(p, p + nameLen))
    p += nameLen
    const type = bytes[p++]!
    let value: EventStreamHeaderValue
    switch (type) {
      case 0: value = { type: 'bool', value: true }; break
      case 1: value = { type: 'bool', value: false }; break
      case 2: need(1); value = { type: 'byte', value: view.getInt8(p) }; p += 1; break
      case 3: need(2); value = { type: 'short', value: view.getInt16(p) }; p += 2; break
      case 4: need(4); value = { type: 'int', value: view.getInt32(p) }; p += 4; break
      case 5: need(8); value = { type: 'long', value: view.getBigInt64(p) }; p += 8; break
      case 6:
      case 7: {
        need(2)
        const len = view.getUint16(p)
        p += 2
        need(len)
        const raw = bytes.slice(p, p + len)
        p += len
        value = type === 6 ? { type: 'bytes', value: raw } : { type: 'string', value: utf8.decode(raw) }
        break
      }
      case 8: need(8); value = { type: 'timestamp', value: view.getBigInt64(p) }; p += 8; break
      case 9: {
        need(16)
        const hex = Array.from(bytes.subarray(p, p + 16), (b) => b.toString(16).padStart(2, '0')).join('')
        value = { type: 'uuid', value: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` }
        p += 16
        break
      }
      default:
        throw new EventStreamFramingError(`unknown event-stream header value type ${type}`)
    }
    out[name] = value
  }
  return out
}

export interface EventStreamDecoder {
  /** Feed bytes; returns every message completed by them. Throws EventStreamFramingError on a bad frame. */
  push(chunk: Uint8Array): EventStreamMessage[]
  /** End of input. Throws if a partial message is left over. */
  end(): void
}

export function createEventStreamDecoder(): EventStreamDecoder {
  let buf = new Uint8Array(0)
  return {
    push(chunk) {
      if (chunk.length === 0) return []
      const joined = new Uint8Array(buf.length + chunk.length)
      joined.set(buf, 0)
      joined.set(chunk, buf.length)
      buf = joined
      const out: EventStreamMessage[] = []
      let off = 0
      while (buf.length - off >= PRELUDE) {
        const view = new DataView(buf.buffer, buf.byteOffset + off, buf.length - off)
        const total = view.getUint32(0)
        const headersLen = view.getUint32(4)
        const preludeCrc = view.getUint32(8)
        if (crc32(buf, off, off + 8) !== preludeCrc) throw new EventStreamFramingError('event-stream prelude CRC mismatch')
        if (total < PRELUDE + TRAILER + headersLen || total > MAX_MESSAGE) {
          throw new EventStreamFramingError(`event-stream message has an impossible length (${total})`)
        }
        if (buf.length - off < total) break
        const msgCrc = view.getUint32(total - TRAILER)
        if (crc32(buf, off, off + total - TRAILER) !== msgCrc) throw new EventStreamFramingError('event-stream message CRC mismatch')
        const headers = readHeaders(buf, off + PRELUDE, off + PRELUDE + headersLen)
        const payload = buf.slice(off + PRELUDE + headersLen, off + total - TRAILER)
        out.push({ headers, payload })
        off += total
      }
      buf = buf.slice(off)
      return out
    },
    end() {
      if (buf.length > 0) throw new EventStreamFramingError(`event-stream ended inside a message (${buf.length} bytes left)`)
    },
  }
}

/** String value of a header, if it is a string header. */
export function headerString(msg: EventStreamMessage, name: string): string | undefined {
  const h = msg.headers[name]
  return h && (h.type === 'string' || h.type === 'uuid') ? h.value : undefined
}

/** Build one frame (string headers only: all Bedrock needs). Used by tests and mock servers. */
export function encodeEventStreamMessage(headers: Readonly<Record<string, string>>, payload: Uint8Array | string): Uint8Array {
  const enc = new TextEncoder()
  const body = typeof payload === 'string' ? enc.encode(payload) : payload
  const parts: Uint8Array[] = []
  let headersLen = 0
  for (const [name, value] of Object.entries(headers)) {
    const n = enc.encode(name)
    const v = enc.encode(value)
    const h = new Uint8Array(1 + n.length + 1 + 2 + v.length)
    h[0] = n.length
    h.set(n, 1)
    h[1 + n.length] = 7
    new DataView(h.buffer).setUint16(2 + n.length, v.length)
    h.set(v, 4 + n.length)
    parts.push(h)
    headersLen += h.length
  }
  const total = PRELUDE + headersLen + body.length + TRAILER
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  view.setUint32(0, total)
  view.setUint32(4, headersLen)
  view.setUint32(8, crc32(out, 0, 8))
  let p = PRELUDE
  for (const h of parts) {
    out.set(h, p)
    p += h.length
  }
  out.set(body, p)
  view.setUint32(total - TRAILER, crc32(out, 0, total - TRAILER))
  return out
}
