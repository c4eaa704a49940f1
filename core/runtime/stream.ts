// BamlStream: partial values as an async iterable, the final value as a promise. The producer starts
// on first use (iteration or getFinalResponse), like the reference's stream object.

type Producer<F> = (emit: (partial: unknown) => void) => Promise<F>

export class BamlStream<P, F> implements AsyncIterable<P> {
  private started: Promise<F> | undefined
  private queue: P[] = []
  private head = 0
  private wake: (() => void) | undefined
  private done = false

  constructor(private readonly producer: Producer<F>) {}

  private start(): Promise<F> {
    if (!this.started) {
      this.started = this.producer((p) => {
        this.queue.push(p as P)
        this.wake?.()
      })
      const finish = () => {
        this.done = true
        this.wake?.()
      }
      this.started.then(finish, finish)
    }
    return this.started
  }

  /** The final parsed value (rejects with the call's error). */
  getFinalResponse(): Promise<F> {
    return this.start()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<P> {
    const final = this.start()
    for (;;) {
      while (this.head < this.queue.length) {
        const p = this.queue[this.head++]!
        if (this.head === this.queue.length) {
          this.queue = []
          this.head = 0
        }
        yield p
      }
      if (this.done) break
      await new Promise<void>((r) => (this.wake = r))
      this.wake = undefined
    }
    await final // surface the call's error to the iterating code
  }

  /** A web ReadableStream of JSON lines: `{"partial": ...}` per partial, then `{"final": ...}`. */
  toStreamable(): ReadableStream<Uint8Array> {
    const enc = new TextEncoder()
    const it = this[Symbol.asyncIterator]()
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const r = await it.next()
          if (!r.done) return controller.enqueue(enc.encode(JSON.stringify({ partial: r.value }) + '\n'))
          controller.enqueue(enc.encode(JSON.stringify({ final: await this.getFinalResponse() }) + '\n'))
          controller.close()
        } catch (e) {
          controller.error(e)
        }
      },
    })
  }
}
