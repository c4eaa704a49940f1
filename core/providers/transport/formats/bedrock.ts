// AWS Bedrock Converse / ConverseStream. Stream events arrive as event-stream frames whose `:event-type`
// header names the event (messageStart, contentBlockDelta, messageStop, metadata, ...) and whose payload is JSON.
import type { LlmSnapshot, LlmUsage } from '../../types.ts'
import { EMPTY_USAGE } from '../../types.ts'
import type { FormatHandler, StreamAccumulator } from './format.ts'
import { ShapeError, asArray, asRecord, isRecord, mergeUsage, optCount, optRecord, optString, usage } from './shape.ts'

function isDone(stopReason: string | undefined): boolean {
  return stopReason === 'end_turn' || stopReason === 'stop_sequence'
}

function readUsage(u: unknown): LlmUsage {
  if (!isRecord(u)) return EMPTY_USAGE
  return usage(optCount(u, 'inputTokens'), optCount(u, 'outputTokens'), optCount(u, 'totalTokens'), optCount(u, 'cacheReadInputTokens'))
}

export const bedrockFormat: FormatHandler = {
  parse(body, ctx) {
    const r = asRecord(body, 'response')
    const output = asRecord(r['output'], 'response.output')
    const message = asRecord(output['message'], 'Expected message output in response; output.message')
    const blocks = asArray(message['content'], 'output.message.content')
    if (blocks.length === 0) throw new ShapeError('Expected message output to have content, but content is empty')
    let text: string | undefined
    for (const b of blocks) if (isRecord(b) && typeof b['text'] === 'string') text = (text ?? '') + b['text']
    if (text === undefined) {
      const kinds = blocks.map((b) => (isRecord(b) ? Object.keys(b)[0] ?? 'unknown' : 'unknown'))
      throw new ShapeError(`Expected message output to contain at least one text block, but found none. Content: ${kinds.join(', ')}`)
    }
    const stopReason = optString(r, 'stopReason', 'response')
    return { content: text, model: ctx.modelHint, finishReason: stopReason, isComplete: isDone(stopReason), usage: readUsage(r['usage']) }
  },

  accumulator(ctx): StreamAccumulator {
    let content = ''
    let finishReason: string | undefined
    let u = EMPTY_USAGE
    return {
      apply({ event, data }) {
        const r = asRecord(data, `${event} event`)
        switch (event) {
          case 'contentBlockDelta': {
            const delta = optRecord(r, 'delta')
            if (delta && typeof delta['text'] === 'string') content += delta['text']
            break
          }
          case 'messageStop':
            finishReason = optString(r, 'stopReason', 'messageStop') ?? finishReason
            break
          case 'metadata':
            if (isRecord(r['usage'])) u = mergeUsage(u, readUsage(r['usage']))
            break
          default:
            break // messageStart, contentBlockStart/Stop, unknown
        }
        return false
      },
      snapshot(): LlmSnapshot {
        return { content, model: ctx.modelHint, finishReason, isComplete: isDone(finishReason), usage: u }
      },
    }
  },
}
