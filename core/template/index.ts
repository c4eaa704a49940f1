// The template engine: the Jinja subset BAML prompts use, with minijinja's semantics as BAML
// configures it (trim_blocks, lstrip_blocks, lenient undefined, no autoescape).
export {
  compileTemplate,
  compileTemplateToSource,
  registerCompiledTemplate,
  renderTemplate,
  templateFromFunction,
  templateFromSource,
} from './compile.ts'
export type { RenderFn, TemplateFn, EtaTemplateFn } from './compile.ts'
export { compileExpression, evaluateExpression, evaluatePredicate, isTruthy } from './expression.ts'
export type { CompiledExpression } from './expression.ts'
export { TemplateSyntaxError, TemplateRenderError } from './errors.ts'
export { parseTemplate, parseExpression } from './parser.ts'
export { checkTemplate, type TemplateIssue, type CheckOptions } from './check.ts'
export { Float, float, HOST, Kwargs, NO_METHOD, nullList, display, repr, truthy, equals, compare, kindName } from './value.ts'
export type { HostObject, HostRepr } from './value.ts'
