// Response bodies in each provider's documented wire format (JSON, SSE text, AWS event-stream frames).
import { encodeEventStreamMessage } from '../../../core/providers/transport/event-stream.ts'

export function sseEvent(data: unknown, event?: string): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data)
  return `${event ? `event: ${event}\n` : ''}data: ${text}\n\n`
}

// ---- OpenAI chat completions ------------------------------------------------------------------

export function openaiChat(content: string, opts: { finish?: string | null; model?: string; choices?: number; cached?: number } = {}): unknown {
  const choice = (i: number) => ({ index: i, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: opts.finish === undefined ? 'stop' : opts.finish })
  return {
    id: 'chatcmpl-B7rcnRIX2lh1okEeeIrCtzLppkaSw',
    object: 'chat.completion',
    created: 1741214129,
    model: opts.model ?? 'gpt-4o-mini-2024-07-18',
    choices: Array.from({ length: opts.choices ?? 1 }, (_, i) => choice(i)),
    usage: {
      prompt_tokens: 12,
      completion_tokens: 7,
      total_tokens: 19,
      prompt_tokens_details: { cached_tokens: opts.cached ?? 4, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_eb9dce56a8',
  }
}

export function openaiChatSse(pieces: readonly string[], opts: { finish?: string; model?: string; usage?: boolean; done?: boolean } = {}): string[] {
  const model = opts.model ?? 'gpt-4o-mini-2024-07-18'
  const base = { id: 'chatcmpl-123', object: 'chat.completion.chunk', created: 1694268190, model, system_fingerprint: 'fp_44709d6fcb' }
  const out = [sseEvent({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }], usage: null })]
  for (const p of pieces) out.push(sseEvent({ ...base, choices: [{ index: 0, delta: { content: p }, logprobs: null, finish_reason: null }], usage: null }))
  out.push(sseEvent({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: opts.finish ?? 'stop' }], usage: null }))
  if (opts.usage !== false) out.push(sseEvent({ ...base, choices: [], usage: { prompt_tokens: 12, completion_tokens: pieces.length, total_tokens: 12 + pieces.length, prompt_tokens_details: { cached_tokens: 2 } } }))
  if (opts.done !== false) out.push('data: [DONE]\n\n')
  return out
}

// ---- OpenAI Responses ---------------------------------------------------------------------------

export function responsesBody(text: string, opts: { status?: string; incomplete?: string; functionCall?: boolean } = {}): unknown {
  const output: unknown[] = [{ id: 'rs_1', type: 'reasoning', summary: [] }]
  if (opts.functionCall) {
    output.push({ type: 'function_call', id: 'fc_1', call_id: 'call_42', name: 'lookup', arguments: '{"isbn":"978-0"}', status: 'completed' })
  } else {
    output.push({ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] })
  }
  return {
    id: 'resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b',
    object: 'response',
    created_at: 1741476542,
    status: opts.status ?? 'completed',
    error: null,
    incomplete_details: opts.incomplete ? { reason: opts.incomplete } : null,
    model: 'gpt-4.1-2025-04-14',
    output,
    usage: { input_tokens: 36, input_tokens_details: { cached_tokens: 6 }, output_tokens: 87, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 123 },
  }
}

export function responsesSse(pieces: readonly string[], opts: { end?: 'completed' | 'incomplete' | 'failed' } = {}): string[] {
  const full = pieces.join('')
  const resp = (status: string, output: unknown[], extra: Record<string, unknown> = {}) => ({
    id: 'resp_1', object: 'response', created_at: 1741476542, status, model: 'gpt-4.1-mini-2025-04-14', output, usage: null, error: null, incomplete_details: null, ...extra,
  })
  const out: string[] = []
  let seq = 0
  const ev = (type: string, body: Record<string, unknown>) => out.push(sseEvent({ type, sequence_number: seq++, ...body }, type))
  ev('response.created', { response: resp('in_progress', []) })
  ev('response.in_progress', { response: resp('in_progress', []) })
  ev('response.output_item.added', { output_index: 0, item: { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] } })
  ev('response.content_part.added', { item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } })
  for (const p of pieces) ev('response.output_text.delta', { item_id: 'msg_1', output_index: 0, content_index: 0, delta: p })
  ev('response.output_text.done', { item_id: 'msg_1', output_index: 0, content_index: 0, text: full })
  ev('response.content_part.done', { item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: full, annotations: [] } })
  const message = { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: full, annotations: [] }] }
  ev('response.output_item.done', { output_index: 0, item: message })
  const usage = { input_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens: pieces.length, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 20 + pieces.length }
  const end = opts.end ?? 'completed'
  if (end === 'completed') ev('response.completed', { response: resp('completed', [message], { usage }) })
  if (end === 'incomplete') ev('response.incomplete', { response: resp('incomplete', [message], { usage, incomplete_details: { reason: 'max_output_tokens' } }) })
  if (end === 'failed') ev('response.failed', { response: resp('failed', [], { error: { code: 'server_error', message: 'The model failed' } }) })
  return out
}

// ---- Anthropic ----------------------------------------------------------------------------------

export function anthropicMessage(text: string | null, opts: { stop?: string } = {}): unknown {
  return {
    id: 'msg_01TmchHftFKihgeV7Zy9vCvZ',
    type: 'message',
    role: 'assistant',
    model: 'claude-3-5-sonnet-20241022',
    content: text === null ? [{ type: 'tool_use', id: 'toolu_1', name: 'x', input: {} }] : [{ type: 'thinking', thinking: 'hmm', signature: 's' }, { type: 'text', text }],
    stop_reason: opts.stop ?? 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 321, cache_creation_input_tokens: 0, cache_read_input_tokens: 9, output_tokens: 158 },
  }
}

export function anthropicSse(pieces: readonly string[], opts: { stop?: string; errorAfter?: number } = {}): string[] {
  const out = [
    sseEvent({ type: 'message_start', message: { id: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY', type: 'message', role: 'assistant', content: [], model: 'claude-3-5-sonnet-20241022', stop_reason: null, stop_sequence: null, usage: { input_tokens: 25, output_tokens: 1 } } }, 'message_start'),
    sseEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
    sseEvent({ type: 'ping' }, 'ping'),
  ]
  pieces.forEach((p, i) => {
    out.push(sseEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: p } }, 'content_block_delta'))
    if (opts.errorAfter === i) out.push(sseEvent({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'error'))
  })
  if (opts.errorAfter !== undefined && opts.errorAfter >= pieces.length) {
    out.push(sseEvent({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'error'))
    return out
  }
  out.push(sseEvent({ type: 'content_block_stop', index: 0 }, 'content_block_stop'))
  out.push(sseEvent({ type: 'message_delta', delta: { stop_reason: opts.stop ?? 'end_turn', stop_sequence: null }, usage: { output_tokens: 15 } }, 'message_delta'))
  out.push(sseEvent({ type: 'message_stop' }, 'message_stop'))
  return out
}

// ---- Google Gemini ------------------------------------------------------------------------------

export function geminiBody(text: string, opts: { finish?: string; candidates?: number; thought?: string } = {}): unknown {
  const parts: unknown[] = []
  if (opts.thought) parts.push({ text: opts.thought, thought: true })
  parts.push({ text })
  const candidate = { content: { parts, role: 'model' }, finishReason: opts.finish ?? 'STOP', avgLogprobs: -0.12 }
  return {
    candidates: Array.from({ length: opts.candidates ?? 1 }, () => candidate),
    usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 10, totalTokenCount: 15, cachedContentTokenCount: 3 },
    modelVersion: 'gemini-1.5-flash-002',
  }
}

/** `?alt=sse`: every event is a whole GenerateContentResponse, separated by CRLF CRLF as Google does. */
export function geminiSse(pieces: readonly string[]): string[] {
  return pieces.map((p, i) => {
    const last = i === pieces.length - 1
    const chunk: Record<string, unknown> = {
      candidates: [{ content: { parts: [{ text: p }], role: 'model' }, ...(last ? { finishReason: 'STOP' } : {}), index: 0 }],
      usageMetadata: last ? { promptTokenCount: 5, candidatesTokenCount: pieces.length, totalTokenCount: 5 + pieces.length } : { promptTokenCount: 5, totalTokenCount: 5 },
      modelVersion: 'gemini-1.5-flash-002',
    }
    return `data: ${JSON.stringify(chunk)}\r\n\r\n`
  })
}

// ---- AWS Bedrock Converse ---------------------------------------------------------------------

export function converseBody(text: string, opts: { stop?: string } = {}): unknown {
  return {
    output: { message: { role: 'assistant', content: [{ text }] } },
    stopReason: opts.stop ?? 'end_turn',
    usage: { inputTokens: 30, outputTokens: 8, totalTokens: 38 },
    metrics: { latencyMs: 412 },
  }
}

function frame(eventType: string, payload: unknown): Uint8Array {
  return encodeEventStreamMessage({ ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' }, JSON.stringify(payload))
}

export function converseStreamFrames(pieces: readonly string[], opts: { stop?: string } = {}): Uint8Array[] {
  return [
    frame('messageStart', { p: 'abcdefghijk', role: 'assistant' }),
    ...pieces.map((p) => frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: p }, p: 'abcd' })),
    frame('contentBlockStop', { contentBlockIndex: 0, p: 'abcdefgh' }),
    frame('messageStop', { p: 'abcdef', stopReason: opts.stop ?? 'end_turn' }),
    frame('metadata', { metrics: { latencyMs: 120 }, p: 'ab', usage: { inputTokens: 30, outputTokens: pieces.length, totalTokens: 30 + pieces.length } }),
  ]
}

export function converseException(type: string, message: string): Uint8Array {
  return encodeEventStreamMessage({ ':exception-type': type, ':content-type': 'application/json', ':message-type': 'exception' }, JSON.stringify({ message }))
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}
