// Post-processing of a rendered prompt before it is turned into a provider request (the reference's
// `render_prompt` in llm_client/traits): merge adjacent same-role messages, turn a completion prompt
// into one chat message, and keep at most one (leading) system message where providers need that.
import type { ChatMessage, RenderedPrompt } from '../../values.ts'
import type { ResolvedLeafClient } from './types.ts'

/** Adjacent messages with the same role become one, unless the later one allows a duplicate role. */
function mergeAdjacentMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  const out: ChatMessage[] = []
  for (const m of messages) {
    const last = out[out.length - 1]
    if (last && last.role === m.role && !m.allowDuplicateRole) {
      // The merged message keeps the first message's allow-duplicate flag.
      out[out.length - 1] = { ...last, parts: [...last.parts, ...m.parts] }
    } else out.push(m)
  }
  return out
}

/**
 * Returns the chat messages to send (a completion prompt becomes one `defaultRole` message).
 * allowed_roles / default_role / remap_roles were applied when the prompt was split into messages
 * (core/runtime/prompt/split.ts), as the reference does; they are not applied again here.
 */
export function prepareChatMessages(prompt: RenderedPrompt, client: ResolvedLeafClient): ChatMessage[] {
  let messages: ChatMessage[]
  if (prompt.kind === 'completion') {
    // Completion text is neither merged nor role-checked: it is one message as is.
    messages = [{ role: client.defaultRole, parts: [{ type: 'text', text: prompt.text }] }]
  } else {
    messages = mergeAdjacentMessages(prompt.messages)
  }
  if (client.maxOneSystemPrompt) {
    if (messages.length === 1 && messages[0]!.role === 'system') {
      // These APIs always need a user message.
      messages[0] = { ...messages[0]!, role: 'user' }
    } else {
      for (let i = 1; i < messages.length; i++)
        if (messages[i]!.role === 'system') messages[i] = { ...messages[i]!, role: 'user' }
    }
  }
  return messages
}

export function prepareMessages(prompt: RenderedPrompt, client: ResolvedLeafClient): RenderedPrompt {
  return { kind: 'chat', messages: prepareChatMessages(prompt, client) }
}
