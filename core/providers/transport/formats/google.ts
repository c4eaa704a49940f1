// Google Gemini generateContent (google-ai and vertex-ai): exactly one candidate, text = non-thought parts.
// Streaming uses `?alt=sse`: every SSE event is a complete GenerateContentResponse chunk.
import type { LlmSnapshot, LlmUsage } from '../../types.ts'
import { EMPTY_USAGE } from '../../types.ts'
import type { FormatHandler, StreamAccumulator } from './format.ts'
import { ProviderStreamError } from './format.ts'
import { ShapeError, asRecord, isRecord, mergeUsage, optCount, optRecord, optString, usage, type JsonRecord } from './shape.ts'

function readUsage(u: unknown): LlmUsage {
  if (!isRecord(u)) return EMPTY_USAGE
  return usage(optCount(u, 'promptTokenCount'), optCount(u, 'candidatesTokenCount'), optCount(u, 'totalTokenCount'), optCount(u, 'cachedContentTokenCount'))
}

/** Concatenated text of the parts not marked `thought: true`; undefined when there are none. */
function nonThoughtText(content: JsonRecord | undefined): string | undefined {
  const parts = content?.['parts']
  if (!Array.isArray(parts)) return undefined
  let text: string | undefined
  for (const p of parts) {
    if (!isRecord(p) || p['thought'] === true || typeof p['text'] !== 'string') continue
    text = (text ?? '') + p['text']
  }
  return text
}

function errorOf(r: JsonRecord): string | undefined {
  const e = r['error']
  if (!isRecord(e)) return undefined
  return typeof e['message'] === 'string' ? e['message'] : JSON.stringify(e)
}

export const googleFormat: FormatHandler = {
  parse(body, ctx) {
    const r = asRecord(body, 'response')
    const candidates = Array.isArray(r['candidates']) ? r['candidates'] : []
    if (candidates.length !== 1) {
      const feedback = optRecord(r, 'promptFeedback')
      const block = feedback && typeof feedback['blockReason'] === 'string' ? ` (blockReason ${feedback['blockReason']})` : ''
      throw new ShapeError(`Expected exactly one content block, got ${candidates.length}${block}`)
    }
    const candidate = asRecord(candidates[0], 'candidates[0]')
    const content = optRecord(candidate, 'content')
    if (!content) throw new ShapeError('No content returned')
    const finishReason = optString(candidate, 'finishReason', 'candidates[0]')
    return {
      content: nonThoughtText(content) ?? '',
      model: optString(r, 'modelVersion', 'response') ?? ctx.modelHint,
      finishReason,
      isComplete: finishReason === 'STOP',
      usage: readUsage(r['usageMetadata']),
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
        const err = errorOf(r)
        if (err !== undefined) throw new ProviderStreamError(err)
        const candidates = r['candidates']
        if (Array.isArray(candidates) && candidates.length > 0) {
          const c = asRecord(candidates[0], 'candidates[0]')
          content += nonThoughtText(optRecord(c, 'content')) ?? ''
          finishReason = optString(c, 'finishReason', 'candidates[0]') ?? finishReason
        }
        model = optString(r, 'modelVersion', 'stream event') ?? model
        if (isRecord(r['usageMetadata'])) u = mergeUsage(u, readUsage(r['usageMetadata']))
        return false
      },
      snapshot(): LlmSnapshot {
        return { content, model, finishReason, isComplete: finishReason === 'STOP', usage: u }
      },
    }
  },
}
