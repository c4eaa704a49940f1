// A rendered prompt as one readable text: for error messages (BamlValidationError.prompt) and the CLI.
import type { RenderedPrompt } from '../values.ts'

export function promptToText(p: RenderedPrompt): string {
  if (p.kind === 'completion') return p.text
  return p.messages
    .map((m) => {
      const body = m.parts
        .map((part) => {
          if (part.type === 'text') return part.text
          const media = part.media
          const where = media.url ?? (media.file ? `file ${media.file}` : `base64, ${media.base64?.length ?? 0} chars`)
          return `<${media.__baml_media}${media.mediaType ? ` ${media.mediaType}` : ''}: ${where}>`
        })
        .join('\n')
      return `[${m.role}]\n${body}`
    })
    .join('\n\n')
}
