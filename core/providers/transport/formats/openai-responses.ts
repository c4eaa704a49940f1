// OpenAI Responses API (`/responses`): output items, status / incomplete_details, typed SSE events.
import type { LlmSnapshot } from '../../types.ts'
import { EMPTY_USAGE } from '../../types.ts'
import type { FormatHandler, StreamAccumulator } from './format.ts'
import { ProviderStreamError } from './format.ts'
import { readOpenAiUsage } from './openai-chat.ts'
import { asArray, asRecord, isRecord, mergeUsage, optRecord, optString, type JsonRecord } from './shape.ts'

/**
 * Text of the first output item that has any: a `message`'s first content part, or a `function_call`
 * rendered as a JSON string `{type, name, arguments, call_id}`. Reasoning, tool and other items are skipped.
 */
function responsesOutputText(output: unknown): string {
  if (!Array.isArray(output)) return ''
  for (const item of output) {
    if (!isRecord(item)) continue
    if (item['type'] === 'message' && Array.isArray(item['content']) && item['content'].length > 0) {
      const first: unknown = item['content'][0]
      if (isRecord(first) && typeof first['text'] === 'string') return first['text']
    } else if (item['type'] === 'function_call' && typeof item['name'] === 'string' && typeof item['arguments'] === 'string') {
      return JSON.stringify({ type: 'function_call', name: item['name'], arguments: item['arguments'], call_id: item['call_id'] ?? null })
    }
  }
  return ''
}

function finishReasonOf(resp: JsonRecord): string | undefined {
  const details = optRecord(resp, 'incomplete_details')
  const reason = details && typeof details['reason'] === 'string' ? details['reason'] : undefined
  return reason ?? optString(resp, 'status', 'response')
}

export const openAiResponsesFormat: FormatHandler = {
  parse(body, ctx) {
    const r = asRecord(body, 'response')
    asArray(r['output'] ?? [], 'response.output')
    const status = optString(r, 'status', 'response')
    return {
      content: responsesOutputText(r['output']),
      model: optString(r, 'model', 'response') ?? ctx.modelHint,
      finishReason: finishReasonOf(r),
      isComplete: status === 'completed',
      usage: readOpenAiUsage(r['usage']),
    }
  },

  accumulator(ctx): StreamAccumulator {
    let content = ''
    let model = ctx.modelHint
    let finishReason: string | undefined
    let isComplete = false
    let u = EMPTY_USAGE
    /** The final output's text replaces the deltas; true when it does not just extend them. */
    const finalText = (resp: JsonRecord): boolean => {
      const text = responsesOutputText(resp['output'])
      if (text === '') return false
      const replaced = !text.startsWith(content)
      content = text
      return replaced
    }
    return {
      apply({ event, data }) {
        let replaced = false
        const r = asRecord(data, 'stream event')
        const type = typeof r['type'] === 'string' ? r['type'] : event
        const resp = optRecord(r, 'response')
        switch (type) {
          case 'response.created':
          case 'response.in_progress':
            if (resp) model = optString(resp, 'model', 'response') ?? model
            break
          case 'response.output_text.delta':
            content += optString(r, 'delta', type) ?? ''
            break
          case 'response.output_text.done':
            if (content === '') content = optString(r, 'text', type) ?? ''
            break
          case 'response.content_part.done': {
            const part = optRecord(r, 'part')
            if (content === '' && part && part['type'] === 'output_text') content = optString(part, 'text', 'part') ?? ''
            break
          }
          case 'response.completed':
          case 'response.incomplete': {
            const full = asRecord(resp, `${type}.response`)
            model = optString(full, 'model', 'response') ?? model
            isComplete = type === 'response.completed'
            finishReason = finishReasonOf(full)
            replaced = finalText(full)
            if (isRecord(full['usage'])) u = mergeUsage(u, readOpenAiUsage(full['usage']))
            break
          }
          case 'response.failed': {
            const full = asRecord(resp, `${type}.response`)
            isComplete = false
            finishReason = finishReasonOf(full)
            const err = full['error']
            if (err !== undefined && err !== null) throw new ProviderStreamError(`Response failed with error: ${JSON.stringify(err)}`)
            break
          }
          case 'error':
            throw new ProviderStreamError(typeof r['message'] === 'string' ? r['message'] : JSON.stringify(r))
          default:
            break
        }
        return replaced
      },
      snapshot(): LlmSnapshot {
        return { content, model, finishReason, isComplete, usage: u }
      },
    }
  },
}
