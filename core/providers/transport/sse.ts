// Server-sent events parser following the WHATWG "event stream interpretation" rules:
// CRLF / LF / CR line endings, `data:` lines joined with "\n", `event:` / `id:` / `retry:` fields,
// `:` comments, one optional space after the colon, a leading BOM dropped. Bytes may be split anywhere,
// including inside a UTF-8 sequence or between the CR and LF of one line ending.

export interface SseEvent {
  /** The `event:` field, or "message" when absent. */
  readonly event: string
  readonly data: string
  /** The last event id seen so far (empty when none). */
  readonly id: string
  /** `retry:` value if this event carried one. */
  readonly retry?: number
}

export interface SseParser {
  /** Feed bytes (or already-decoded text); returns the events completed by this chunk. */
  push(chunk: Uint8Array | string): SseEvent[]
  /** End of stream. An event not terminated by a blank line is discarded, as the spec says. */
  end(): SseEvent[]
}

export function createSseParser(): SseParser {
  const decoder = new TextDecoder('utf-8')
  let line = ''
  let afterCR = false
  let startOfStream = true
  let data: string[] = []
  let hasData = false
  let eventType = ''
  let lastId = ''
  let retry: number | undefined

  const dispatch = (out: SseEvent[]): void => {
    if (hasData) {
      const ev: SseEvent = retry === undefined
        ? { event: eventType || 'message', data: data.join('\n'), id: lastId }
        : { event: eventType || 'message', data: data.join('\n'), id: lastId, retry }
      out.push(ev)
    }
    data = []
    hasData = false
    eventType = ''
    retry = undefined
  }

  const processLine = (l: string, out: SseEvent[]): void => {
    if (l === '') return dispatch(out)
    if (l.charCodeAt(0) === 58 /* : */) return // comment
    const colon = l.indexOf(':')
    let field: string
    let value: string
    if (colon === -1) {
      field = l
      value = ''
    } else {
      field = l.slice(0, colon)
      value = l.charCodeAt(colon + 1) === 32 ? l.slice(colon + 2) : l.slice(colon + 1)
    }
    switch (field) {
      case 'event':
        eventType = value
        break
      case 'data':
        data.push(value)
        hasData = true
        break
      case 'id':
        if (!value.includes('\u0000')) lastId = value
        break
      case 'retry':
        if (/^[0-9]+$/.test(value)) retry = Number(value)
        break
      default:
        break // unknown fields are ignored
    }
  }

  const feedText = (text: string, out: SseEvent[]): void => {
    if (startOfStream && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      startOfStream = text.length === 0
    }
    let start = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === 10 /* \n */) {
        if (afterCR && i === start && line === '') {
          // second half of a CRLF split across chunks, or right after a CR line end
          afterCR = false
          start = i + 1
          continue
        }
        processLine(line + text.slice(start, i), out)
        line = ''
        start = i + 1
        afterCR = false
      } else if (c === 13 /* \r */) {
        processLine(line + text.slice(start, i), out)
        line = ''
        start = i + 1
        afterCR = true
        if (text.charCodeAt(i + 1) === 10) {
          i++
          start = i + 1
          afterCR = false
        }
      } else if (afterCR) {
        afterCR = false
      }
    }
    line += text.slice(start)
  }

  return {
    push(chunk) {
      const out: SseEvent[] = []
      feedText(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), out)
      return out
    },
    end() {
      const out: SseEvent[] = []
      feedText(decoder.decode(), out)
      // Spec: a pending line without terminator is dropped with the incomplete event.
      line = ''
      data = []
      hasData = false
      return out
    },
  }
}
