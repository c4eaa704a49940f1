// The loader's template hook: Jinja syntax errors in prompts, template_strings and constraint
// expressions become errors at their .baml position; unknown variables and filters become warnings.
import { error, warning, type Diagnostic } from '../../syntax/diagnostics.ts'
import type { TemplateCheckInput } from '../../ir/template-check.ts'
import type { BamlIR } from '../../ir/types.ts'
import { checkTemplate, type TemplateIssue } from '../../template/check.ts'
import { templateCallIssues } from './template-calls.ts'

const knownCache = new WeakMap<BamlIR, string[]>()
const CONSTRAINT_OPTIONS = { variables: ['this', '_'], expression: true, skipVariables: true } as const

/** Globals every prompt sees: ctx, _, enum names and template_string macros. */
function projectGlobals(ir: BamlIR): string[] {
  let g = knownCache.get(ir)
  if (!g) knownCache.set(ir, (g = ['ctx', '_', ...ir.enums.keys(), ...ir.templateStrings.keys()]))
  return g
}

/**
 * A constraint expression's issues depend on its text alone (the options are fixed), and projects
 * repeat the same few (`this`, `_.result != null`): each text is checked once.
 */
const constraintIssues = new Map<string, readonly TemplateIssue[]>()
const MAX_CONSTRAINT_TEXTS = 1000

function checkConstraint(text: string): readonly TemplateIssue[] {
  let issues = constraintIssues.get(text)
  if (issues === undefined) {
    if (constraintIssues.size >= MAX_CONSTRAINT_TEXTS) constraintIssues.clear()
    constraintIssues.set(text, (issues = checkTemplate(text, CONSTRAINT_OPTIONS)))
  }
  return issues
}

/** `LoadOptions.checkTemplate` for buildIR (wired in core/project.ts). */
export function checkTemplateInput(input: TemplateCheckInput): Diagnostic[] {
  const issues =
    input.kind === 'constraint'
      ? checkConstraint(input.text)
      : [...checkTemplate(input.text, { variables: input.params.map((p) => p.name), globals: projectGlobals(input.ir) }), ...templateCallIssues(input)]
  if (issues.length === 0) return []
  // errors at the very end (an unterminated string or comment) point where the block string ends
  const endOf = input.kind === 'constraint' ? undefined : input.template.span.start + input.template.raw.length
  const at = (o: number) => (endOf !== undefined && o >= input.text.length ? endOf : input.toFileOffset(o))
  return issues.map((i) => {
    const span = { file: input.file, start: at(i.offset), end: at(Math.max(i.end, i.offset)) }
    return i.severity === 'error' ? error(`Error parsing jinja template: ${i.message}`, span) : warning(i.message, span)
  })
}
