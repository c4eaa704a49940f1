// BamlStream: partial values as an async iterable, the final value as a promise. The producer starts
// on first use (iteration or getFinalResponse), like the reference's stream object.
//
// Leaving the iteration early (`break` in for-await, `iterator.return()`, cancelling toStreamable()'s
// reader) cancels the call: the producer's signal aborts, which aborts the HTTP request and its timers.
// getFinalResponse() then rejects with BamlAbortError.
import { BamlAbortError } from '../errors.ts'

/** Runs the call: `emit` each partial; `signal` aborts when the consumer leaves early. */
type Producer<F> = (emit: (partial: unknown) => void, signal: AbortSignal) => Promise<F>

export class BamlStream<P, F> implements AsyncIterable<P> {
  private started: Promise<F> | undefined
  private settled: Promise<void> | undefined
  private queue: P[] = []
  private head = 0
  private wake: (() => void) | undefined
  private done = false
  private readonly controller = new AbortController()

  constructor(private readonly producer: Producer<F>) {}

  private start(): Promise<F> {
    if (!this.started) {
      this.started = this.producer((p) => {
        this.queue.push(p as P)
        this.wake?.()
      }, this.controller.signal)
      const finish = (): void => {
        this.done = true
        this.wake?.()
      }
      this.settled = this.started.then(finish, finish)
    }
    return this.started
  }

  /** The final parsed value (rejects with the call's error, or BamlAbortError once the stream was cancelled). */
  getFinalResponse(): Promise<F> {
    return this.start()
  }

  /**
   * Stop the call if it is still running: the HTTP request is aborted. Resolves once the call has wound down.
   * Called for you when a for-await loop over the stream ends early.
   */
  async cancel(reason: string = 'the stream was closed before it finished'): Promise<void> {
    if (!this.started || this.done) return
    if (!this.controller.signal.aborted) this.controller.abort(new BamlAbortError(reason))
    await this.settled
  }

  private async nextPartial(): Promise<IteratorResult<P, undefined>> {
    for (;;) {
      if (this.head < this.queue.length) {
        const p = this.queue[this.head++]!
        if (this.head === this.queue.length) {
          this.queue = []
          this.head = 0
        }
        return { done: false, value: p }
      }
      if (this.done) return { done: true, value: undefined }
      await new Promise<void>((r) => (this.wake = r))
      this.wake = undefined
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<P, undefined> {
    const final = this.start()
    let closed = false
    const iterator: AsyncIterator<P, undefined> & AsyncIterable<P> = {
      next: async () => {
        if (closed) return { done: true, value: undefined }
        const r = await this.nextPartial()
        if (r.done && !closed) {
          closed = true
          await final // surface the call's error to the iterating code
        }
        return r
      },
      // for-await calls this on break / throw / return: the consumer is gone, so stop the call.
      return: async () => {
        closed = true
        await this.cancel()
        return { done: true, value: undefined }
      },
      [Symbol.asyncIterator]: () => iterator,
    }
    return iterator
  }

  /** A web ReadableStream of JSON lines: `{"partial": ...}` per partial, then `{"final": ...}`. Cancelling it cancels the call. */
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
      cancel: async () => {
        await it.return?.()
      },
    })
  }
}
