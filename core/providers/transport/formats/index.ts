import type { ResponseFormat } from '../../types.ts'
import { anthropicFormat } from './anthropic.ts'
import { bedrockFormat } from './bedrock.ts'
import type { FormatHandler } from './format.ts'
import { googleFormat } from './google.ts'
import { openAiChatFormat } from './openai-chat.ts'
import { openAiResponsesFormat } from './openai-responses.ts'

export const FORMATS: Readonly<Record<ResponseFormat, FormatHandler>> = {
  openai: openAiChatFormat,
  'openai-responses': openAiResponsesFormat,
  anthropic: anthropicFormat,
  google: googleFormat,
  bedrock: bedrockFormat,
}

export type { FormatContext, FormatHandler, StreamAccumulator, StreamInput } from './format.ts'
export { ProviderStreamError } from './format.ts'
export { ShapeError } from './shape.ts'
