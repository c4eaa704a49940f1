// OpenAI chat completions (also openai-generic, azure-openai, ollama, openrouter).
import type { LlmSnapshot, LlmUsage } from '../../types.ts'
import { EMPTY_USAGE } from '../../types.ts'
import type { FormatHandler, StreamAccumulator } from './format.ts'
import { ProviderStreamError } from './format.ts'
import { ShapeError, asArray, asRecord, isRecord, mergeUsage, optCount, optRecord, optString, usage, type JsonRecord } from './shape.ts'

/** `prompt_tokens`/`completion_tokens`, or the `input_tokens`/`output_tokens` spelling some servers use. */
export function readOpenAiUsage(u: unknown): LlmUsage {
  if (!isRecord(u)) return EMPTY_USAGE
  const details = optRecord(u, 'input_tokens_details') ?? optRecord(u, 'prompt_tokens_details')
  return usage(
    optCount(u, 'prompt_tokens') ?? optCount(u, 'input_tokens'),
    optCount(u, 'completion_tokens') ?? optCount(u, 'output_tokens'),
    optCount(u, 'total_tokens'),
    optCount(details, 'cached_tokens'),
  )
}

function errorMessage(r: JsonRecord): string | undefined {
  const e = r['error']
  if (e === undefined || e === null) return undefined
  if (typeof e === 'string') return e
  if (isRecord(e) && typeof e['message'] === 'string') return e['message']
  return JSON.stringify(e)
}

export const openAiChatFormat: FormatHandler = {
  parse(body, ctx) {
    const r = asRecord(body, 'response')
    const choices = asArray(r['choices'], 'response.choices')
    if (choices.length !== 1) throw new ShapeError(`Expected exactly one choices block, got ${choices.length}`)
    const choice = asRecord(choices[0], 'response.choices[0]')
    const message = asRecord(choice['message'], 'response.choices[0].message')
    const finishReason = optString(choice, 'finish_reason', 'choices[0]')
    return {
      content: optString(message, 'content', 'choices[0].message') ?? '',
      model: optString(r, 'model', 'response') ?? ctx.modelHint,
      finishReason,
      isComplete: finishReason === 'stop',
      usage: readOpenAiUsage(r['usage']),
    }
  },

  accumulator(ctx): StreamAccumulator {
    let content = ''
    let model = ctx.modelHint
    let finishReason: string | undefined
    let u = EMPTY_USAGE
    return {
      apply({ data }) {
        const r = asRecord(data, 'stream event')
        const choices = r['choices']
        const err = errorMessage(r)
        if (err !== undefined && !Array.isArray(choices)) throw new ProviderStreamError(err)
        if (Array.isArray(choices) && choices.length > 0) {
          const choice = asRecord(choices[0], 'choices[0]')
          const delta = optRecord(choice, 'delta')
          const text = delta ? optString(delta, 'content', 'choices[0].delta') : undefined
          if (text) content += text
          const fr = optString(choice, 'finish_reason', 'choices[0]')
          if (fr !== undefined) finishReason = fr
        }
        model = optString(r, 'model', 'stream event') ?? model
        if (isRecord(r['usage'])) u = mergeUsage(u, readOpenAiUsage(r['usage']))
        return false
      },
      snapshot(): LlmSnapshot {
        return { content, model, finishReason, isComplete: finishReason === 'stop', usage: u }
      },
    }
  },
}
