// The per-provider response readers on their own: edge cases of the documented shapes.
import { describe, expect, it } from 'vitest'
import { FORMATS, ProviderStreamError, ShapeError } from '../../core/providers/transport/formats/index.ts'
import { modelHintFor, responseFormatFor } from '../../core/providers/transport/response-format.ts'
import type { ResponseFormat } from '../../core/providers/types.ts'

function stream(format: ResponseFormat, events: readonly (readonly [string, unknown])[], modelHint?: string) {
  const acc = FORMATS[format].accumulator(modelHint === undefined ? {} : { modelHint })
  for (const [event, data] of events) acc.apply({ event, data })
  return acc.snapshot()
}

describe('which reader', () => {
  it('maps providers and client_response_type to formats', () => {
    expect(responseFormatFor('openai')).toBe('openai')
    expect(responseFormatFor('ollama')).toBe('openai')
    expect(responseFormatFor('openai-responses')).toBe('openai-responses')
    expect(responseFormatFor('openai-generic', { clientResponseType: 'openai-responses' })).toBe('openai-responses')
    expect(responseFormatFor('azure-openai', { clientResponseType: 'vertex' })).toBe('google')
    expect(responseFormatFor('anthropic', { clientResponseType: 'openai' })).toBe('anthropic')
    expect(responseFormatFor('google-ai')).toBe('google')
    expect(responseFormatFor('vertex-ai', { url: 'https://x/models/gemini:generateContent' })).toBe('google')
    expect(responseFormatFor('vertex-ai', { url: 'https://x/models/claude-3@1:streamRawPredict' })).toBe('anthropic')
    expect(responseFormatFor('aws-bedrock')).toBe('bedrock')
  })

  it('finds a model name in the body or the URL', () => {
    expect(modelHintFor('https://x/v1/chat/completions', { model: 'gpt-4o' })).toBe('gpt-4o')
    expect(modelHintFor('https://g/v1beta/models/gemini-1.5-flash:streamGenerateContent?alt=sse', {})).toBe('gemini-1.5-flash')
    expect(modelHintFor('https://b/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream', {})).toBe('anthropic.claude-3-haiku-20240307-v1:0')
    expect(modelHintFor('not a url', null)).toBeUndefined()
  })
})

describe('openai', () => {
  it('accepts input_tokens/output_tokens usage and null content', () => {
    const r = FORMATS.openai.parse({ model: 'm', choices: [{ message: { role: 'assistant', content: null, tool_calls: [] }, finish_reason: 'tool_calls' }], usage: { input_tokens: 3, output_tokens: 4, total_tokens: 7, input_tokens_details: { cached_tokens: 1 } } }, {})
    expect(r).toEqual({ content: '', model: 'm', finishReason: 'tool_calls', isComplete: false, usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7, cachedInputTokens: 1 } })
  })

  it('rejects zero choices and wrong types', () => {
    expect(() => FORMATS.openai.parse({ choices: [] }, {})).toThrow(ShapeError)
    expect(() => FORMATS.openai.parse({ choices: [{ message: { content: 5 } }] }, {})).toThrow(/expected a string/)
    expect(() => FORMATS.openai.parse([], {})).toThrow(/expected an object/)
  })

  it('stream: an error object instead of a chunk is a provider error', () => {
    expect(() => stream('openai', [['message', { error: { message: 'upstream died', code: 502 } }]])).toThrow(ProviderStreamError)
  })

  it('stream: keeps the model hint when chunks carry no model', () => {
    expect(stream('openai', [['message', { choices: [{ delta: { content: 'x' } }] }]], 'local-model').model).toBe('local-model')
  })
})

describe('openai-responses', () => {
  it('stream: falls back to output_text.done / content_part.done text when no deltas came', () => {
    expect(stream('openai-responses', [['response.output_text.done', { type: 'response.output_text.done', text: 'from done' }]]).content).toBe('from done')
    expect(stream('openai-responses', [['response.content_part.done', { type: 'response.content_part.done', part: { type: 'output_text', text: 'from part' } }]]).content).toBe('from part')
  })

  it('stream: an error event is a provider error; unknown events are ignored', () => {
    expect(() => stream('openai-responses', [['error', { type: 'error', code: 'x', message: 'bad things' }]])).toThrow('bad things')
    expect(stream('openai-responses', [['response.reasoning_summary_text.delta', { type: 'response.reasoning_summary_text.delta', delta: 'thinking' }]]).content).toBe('')
  })

  it('skips reasoning items and uses the first message', () => {
    const r = FORMATS['openai-responses'].parse({ status: 'completed', model: 'm', output: [{ type: 'reasoning', summary: [] }, { type: 'web_search_call' }, { type: 'message', content: [{ type: 'output_text', text: 'hi' }] }] }, {})
    expect(r.content).toBe('hi')
  })
})

describe('anthropic', () => {
  it('stop reasons are compared case-insensitively for completeness', () => {
    expect(FORMATS.anthropic.parse({ content: [{ type: 'text', text: 'x' }], stop_reason: 'STOP_SEQUENCE', usage: {} }, {}).isComplete).toBe(true)
  })

  it('stream: message_delta updates output tokens and cache reads', () => {
    const s = stream('anthropic', [
      ['message_start', { type: 'message_start', message: { model: 'claude', usage: { input_tokens: 10, output_tokens: 1 } } }],
      ['content_block_delta', { type: 'content_block_delta', delta: { type: 'input_json_delta', partial_json: '{"a"' } }],
      ['content_block_delta', { type: 'content_block_delta', delta: { type: 'text_delta', text: 'ok' } }],
      ['message_delta', { type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 9, cache_read_input_tokens: 4 } }],
    ])
    expect(s).toEqual({ content: 'ok', model: 'claude', finishReason: 'max_tokens', isComplete: false, usage: { inputTokens: 10, outputTokens: 9, totalTokens: 19, cachedInputTokens: 4 } })
  })
})

describe('google', () => {
  it('explains a blocked prompt (no candidates)', () => {
    expect(() => FORMATS.google.parse({ promptFeedback: { blockReason: 'SAFETY' } }, {})).toThrow('Expected exactly one content block, got 0 (blockReason SAFETY)')
  })

  it('a candidate without content is an error; all-thought content is empty text', () => {
    expect(() => FORMATS.google.parse({ candidates: [{ finishReason: 'SAFETY' }] }, {})).toThrow('No content returned')
    expect(FORMATS.google.parse({ candidates: [{ content: { parts: [{ text: 'hmm', thought: true }] }, finishReason: 'STOP' }] }, { modelHint: 'g' })).toMatchObject({ content: '', model: 'g' })
  })

  it('stream: thought parts are skipped, error chunks are provider errors', () => {
    expect(stream('google', [['message', { candidates: [{ content: { parts: [{ text: 'plan', thought: true }, { text: 'answer' }] } }] }]]).content).toBe('answer')
    expect(() => stream('google', [['message', { error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }]])).toThrow('overloaded')
  })
})

describe('bedrock', () => {
  it('joins text blocks and ignores others', () => {
    const r = FORMATS.bedrock.parse({ output: { message: { content: [{ reasoningContent: {} }, { text: 'a' }, { text: 'b' }] } }, stopReason: 'max_tokens', usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } }, { modelHint: 'mid' })
    expect(r).toEqual({ content: 'ab', model: 'mid', finishReason: 'max_tokens', isComplete: false, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3, cachedInputTokens: null } })
  })

  it('rejects empty content and content without text', () => {
    expect(() => FORMATS.bedrock.parse({ output: { message: { content: [] } }, stopReason: 'end_turn' }, {})).toThrow(/content is empty/)
    expect(() => FORMATS.bedrock.parse({ output: { message: { content: [{ toolUse: {} }] } }, stopReason: 'tool_use' }, {})).toThrow(/Content: toolUse/)
  })
})
