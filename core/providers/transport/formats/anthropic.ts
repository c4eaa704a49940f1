// Anthropic Messages API (also Claude on Vertex: rawPredict / streamRawPredict).
import type { LlmSnapshot, LlmUsage } from '../../types.ts'
import { EMPTY_USAGE } from '../../types.ts'
import type { FormatHandler, StreamAccumulator } from './format.ts'
import { ProviderStreamError } from './format.ts'
import { ShapeError, asArray, asRecord, isRecord, optCount, optRecord, optString, usage } from './shape.ts'

function isDone(stopReason: string | undefined): boolean {
  const r = stopReason?.toLowerCase()
  return r === 'end_turn' || r === 'stop_sequence'
}

function readUsage(u: unknown): LlmUsage {
  if (!isRecord(u)) return EMPTY_USAGE
  const input = optCount(u, 'input_tokens')
  const output = optCount(u, 'output_tokens')
  return usage(input, output, input !== null || output !== null ? (input ?? 0) + (output ?? 0) : null, optCount(u, 'cache_read_input_tokens'))
}

export const anthropicFormat: FormatHandler = {
  parse(body, ctx) {
    const r = asRecord(body, 'response')
    const blocks = asArray(r['content'], 'response.content')
    const text = blocks.find((b): b is { type: 'text'; text: string } => isRecord(b) && b['type'] === 'text' && typeof b['text'] === 'string')
    if (!text) throw new ShapeError('Anthropic response contains no text')
    const stopReason = optString(r, 'stop_reason', 'response')
    return {
      content: text.text,
      model: optString(r, 'model', 'response') ?? ctx.modelHint,
      finishReason: stopReason,
      isComplete: isDone(stopReason),
      usage: readUsage(r['usage']),
    }
  },

  accumulator(ctx): StreamAccumulator {
    let content = ''
    let model = ctx.modelHint
    let finishReason: string | undefined
    let u = EMPTY_USAGE
    return {
      apply({ event, data }) {
        const r = asRecord(data, 'stream event')
        const type = typeof r['type'] === 'string' ? r['type'] : event
        switch (type) {
          case 'message_start': {
            const msg = asRecord(r['message'], 'message_start.message')
            model = optString(msg, 'model', 'message') ?? model
            finishReason = optString(msg, 'stop_reason', 'message') ?? finishReason
            u = readUsage(msg['usage'])
            break
          }
          case 'content_block_delta': {
            const delta = optRecord(r, 'delta')
            if (delta && delta['type'] === 'text_delta') content += optString(delta, 'text', 'delta') ?? ''
            break
          }
          case 'message_delta': {
            const delta = optRecord(r, 'delta')
            if (delta) finishReason = optString(delta, 'stop_reason', 'delta') ?? finishReason
            const du = optRecord(r, 'usage')
            const out = optCount(du, 'output_tokens')
            const cached = optCount(du, 'cache_read_input_tokens')
            if (out !== null) u = { ...u, outputTokens: out, totalTokens: (u.inputTokens ?? 0) + out }
            if (cached !== null) u = { ...u, cachedInputTokens: cached }
            break
          }
          case 'error': {
            const err = optRecord(r, 'error')
            const message = err && typeof err['message'] === 'string' ? err['message'] : JSON.stringify(r)
            const status = err?.['type'] === 'overloaded_error' ? 529 : err?.['type'] === 'rate_limit_error' ? 429 : undefined
            throw new ProviderStreamError(message, status)
          }
          default:
            break // ping, content_block_start/stop, message_stop, unknown events
        }
        return false
      },
      snapshot(): LlmSnapshot {
        return { content, model, finishReason, isComplete: isDone(finishReason), usage: u }
      },
    }
  },
}
