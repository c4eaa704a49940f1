// Reading a whole LLM event stream in tests.
import type { LlmResponse, LlmStreamDelta, LlmStreamEvent } from '../../../core/providers/types.ts'

/** Every delta, and the final response (a stream that ends without a `done` event is an error). */
export async function collect(events: AsyncIterable<LlmStreamEvent>): Promise<{ deltas: LlmStreamDelta[]; response: LlmResponse }> {
  const deltas: LlmStreamDelta[] = []
  let response: LlmResponse | undefined
  for await (const ev of events) {
    if (ev.type === 'delta') deltas.push(ev)
    else response = ev.response
  }
  if (!response) throw new Error('no done event')
  return { deltas, response }
}
