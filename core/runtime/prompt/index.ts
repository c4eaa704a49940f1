// Prompt rendering: function prompt templates → RenderedPrompt.
export { renderPrompt, renderTemplateString, dedentAndTrim, promptTemplateSource, templateStringMacros, precompilePrompts } from './render.ts'
export type { RenderPromptOptions } from './render.ts'
export { convertArgs } from './args.ts'
export { splitPrompt } from './split.ts'
export { ClassValue, EnumValue, EnumType, MediaValue } from './jinja-values.ts'
