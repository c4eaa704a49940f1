// Post-processing of a rendered prompt before it is turned into a provider request (the reference's
// `render_prompt` in llm_client/traits): merge adjacent same-role messages, turn a completion prompt
// into one chat message, and keep at most one (leading) system message where providers need that.
import type { ChatMessage, RenderedPrompt } from '../../values.ts'
import type { ResolvedLeafClient } from './types.ts'

export interface PrepareOptions {
  /**
   * Also apply allowed_roles → default_role and remap_roles. Off by default: the prompt renderer does
   * this while splitting the rendered text (as the reference does), and applying it twice would undo
   * remaps (e.g. google's `model` is not an allowed role).
   */
  readonly applyRoles?: boolean
}

/**
 * Roles not in `allowedRoles` become `defaultRole`, then `remapRoles` renames. For renderers that
 * split chat text themselves; `prepareMessages` does not call this unless asked.
 */
function applyRoleRules(messages: readonly ChatMessage[], client: ResolvedLeafClient): ChatMessage[] {
  return messages.map((m) => {
    let role = client.allowedRoles.includes(m.role) ? m.role : client.defaultRole
    role = client.remapRoles[role] ?? role
    return role === m.role ? m : { ...m, role }
  })
}

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

/** Returns the chat messages to send (a completion prompt becomes one `defaultRole` message). */
export function prepareChatMessages(prompt: RenderedPrompt, client: ResolvedLeafClient, opts: PrepareOptions = {}): ChatMessage[] {
  let messages: ChatMessage[]
  if (prompt.kind === 'completion') {
    // Completion text is neither merged nor role-checked: it is one message as is.
    messages = [{ role: client.defaultRole, parts: [{ type: 'text', text: prompt.text }] }]
  } else {
    messages = opts.applyRoles ? applyRoleRules(prompt.messages, client) : [...prompt.messages]
    messages = mergeAdjacentMessages(messages)
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

export function prepareMessages(prompt: RenderedPrompt, client: ResolvedLeafClient, opts: PrepareOptions = {}): RenderedPrompt {
  return { kind: 'chat', messages: prepareChatMessages(prompt, client, opts) }
}
