// `ctx.output_format(k=v, ...)`: turn the template's keyword arguments (template values, see
// core/template/value.ts) into options, with the reference's conversions (strings accept any value,
// printed as `{{ v }}` prints it; booleans only booleans) and error texts.
// Error messages start with the template engine's error-kind description, e.g.
// `syntax error: Invalid value for ...`; the caller adds where in the template it happened.
import { BamlTemplateError } from '../errors.ts'
import { display, kindName } from '../template/value.ts'
import type { OutputFormatOptions } from './options.ts'

const UNKNOWN_KWARG =
  "too many arguments: output_format() got an unexpected keyword argument (only 'prefix', 'always_hoist_enums', " +
  "'enum_value_prefix', 'or_splitter', 'hoisted_class_prefix', 'hoist_classes', 'map_style', 'quote_class_fields', " +
  "and 'render_null_as' are allowed)"

const POSITIONAL = 'too many arguments: output_format() may only be called with named arguments'

const KNOWN = new Set([
  'prefix',
  'or_splitter',
  'enum_value_prefix',
  'always_hoist_enums',
  'hoisted_class_prefix',
  'hoist_classes',
  'map_style',
  'quote_class_fields',
  'render_null_as',
])

function invalid(name: string, expected: string, detail: string): BamlTemplateError {
  return new BamlTemplateError(`syntax error: Invalid value for ${name} (expected ${expected}): ${detail}`)
}

/** `string | null` kwargs: undefined and none mean null ("none"), anything else prints as text. */
function optionalString(v: unknown): string | null {
  return v === undefined || v === null ? null : display(v)
}

function bool(name: string, v: unknown): boolean {
  if (typeof v === 'boolean') return v
  throw invalid(name, 'bool', `invalid operation: cannot convert ${kindName(v)} to bool`)
}

/**
 * Parse the keyword arguments of `ctx.output_format(...)` (snake_case names, template values).
 * `positional`: arguments passed without a name, which the reference rejects.
 * Throws BamlTemplateError for positional arguments, bad values and unknown names.
 */
export function parseOutputFormatKwargs(
  kwargs: Readonly<Record<string, unknown>>,
  positional: readonly unknown[] = [],
): OutputFormatOptions {
  if (positional.length > 0) throw new BamlTemplateError(POSITIONAL)
  const has = (k: string) => Object.prototype.hasOwnProperty.call(kwargs, k)
  const out: OutputFormatOptions = {}
  // Checked in the reference's order, so the first bad argument is the one reported.
  if (has('prefix')) out.prefix = optionalString(kwargs.prefix)
  if (has('or_splitter')) out.orSplitter = display(kwargs.or_splitter)
  if (has('enum_value_prefix')) out.enumValuePrefix = optionalString(kwargs.enum_value_prefix)
  if (has('always_hoist_enums')) out.alwaysHoistEnums = bool('always_hoist_enums', kwargs.always_hoist_enums)
  if (has('hoisted_class_prefix')) out.hoistedClassPrefix = optionalString(kwargs.hoisted_class_prefix)
  if (has('hoist_classes')) out.hoistClasses = hoistClasses(kwargs.hoist_classes)
  if (has('map_style')) {
    const s = display(kwargs.map_style)
    if (s !== 'angle' && s !== 'object') throw invalid('map_style', 'one of angle, object', 'Matching variant not found')
    out.mapStyle = s
  }
  if (has('quote_class_fields')) out.quoteClassFields = bool('quote_class_fields', kwargs.quote_class_fields)
  if (has('render_null_as')) out.renderNullAs = optionalString(kwargs.render_null_as)
  for (const k in kwargs) if (has(k) && !KNOWN.has(k)) throw new BamlTemplateError(UNKNOWN_KWARG)
  return out
}

/** `true` hoists all, `false` and `"auto"` only recursive classes, a sequence names classes. */
function hoistClasses(v: unknown): boolean | 'auto' | string[] {
  if (typeof v === 'boolean') return v ? true : 'auto'
  if (display(v) === 'auto') return 'auto'
  if (Array.isArray(v)) return v.map((x) => display(x))
  throw invalid('hoist_classes', 'one of bool | "auto" | string[]', 'invalid operation: not iterable')
}
