// The text the reader scans. A stream appends to it chunk by chunk; keeping it as one JavaScript
// string (`text += chunk`) would make every push pay for the whole text, because engines store a
// concatenation as a rope and flatten all of it on the first character read. So the text is kept
// in two flat pieces: a long settled head and a short recent tail. A push re-flattens only the
// tail; the head is rebuilt when the tail outgrows a limit that grows with the square root of the
// length, which balances the two copies (a 64 KB stream in 20-character chunks copies about 4 MB
// in all, a small cost next to the scanning).
//
// The API mirrors the few string methods the readers use, with indices into the whole text.

const TAIL_MIN = 1024

export class Source {
  private head: string
  private headLen: number
  private tail: string
  length: number

  private constructor(
    text: string,
    private readonly tailMin: number,
  ) {
    this.head = text
    this.headLen = text.length
    this.tail = ''
    this.length = text.length
  }

  static of(text: string): Source {
    return new Source(text, TAIL_MIN)
  }

  /** An empty text to append to (`tailMin` only for tests of the head/tail seam). */
  static empty(tailMin = TAIL_MIN): Source {
    return new Source('', tailMin)
  }

  append(chunk: string): void {
    if (chunk.length === 0) return
    this.length += chunk.length
    if (this.tail.length + chunk.length > Math.max(this.tailMin, 8 * Math.sqrt(this.length))) {
      this.head = flat(this.head + this.tail + chunk)
      this.headLen = this.head.length
      this.tail = ''
    } else this.tail = flat(this.tail + chunk)
  }

  charCodeAt(i: number): number {
    const h = this.headLen
    return i < h ? this.head.charCodeAt(i) : this.tail.charCodeAt(i - h)
  }

  /** Code point at `i` (a surrogate pair split between head and tail is joined). */
  codePointAt(i: number): number {
    const h = this.headLen
    if (i >= h) return this.tail.codePointAt(i - h)!
    if (i < h - 1) return this.head.codePointAt(i)!
    const c = this.head.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && this.tail.length > 0) {
      const d = this.tail.charCodeAt(0)
      if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000
    }
    return c
  }

  slice(a: number, b: number): string {
    const h = this.headLen
    if (b <= h) return this.head.slice(a, b)
    if (a >= h) return this.tail.slice(a - h, b - h)
    return this.head.slice(a) + this.tail.slice(0, b - h)
  }

  /** Index of `ch` (one UTF-16 unit) at or after `from`, or -1. */
  indexOf(ch: string, from: number): number {
    const h = this.headLen
    if (from < h) {
      const r = this.head.indexOf(ch, from)
      if (r >= 0) return r
    }
    const r = this.tail.indexOf(ch, Math.max(0, from - h))
    return r < 0 ? r : r + h
  }

  toString(): string {
    return this.tail.length === 0 ? this.head : this.head + this.tail
  }
}

/** Forces a rope to be flattened now (reading one character flattens all of it). */
function flat(s: string): string {
  s.charCodeAt(0)
  return s
}
