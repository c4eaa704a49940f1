// The engine's resource limits. Each one ends in a BamlTemplateError that names it (render errors
// read like minijinja's: "invalid operation: ..."), never in a JS RangeError or an endless render.
import { renderError, type TemplateRenderError } from './errors.ts'

/**
 * The render's recursion budget, as minijinja counts it (its MAX_RECURSION): a macro call costs 6,
 * each `for` loop level (recursive `loop(...)` calls included) and `with` block 1. Past it:
 * "invalid operation: recursion limit exceeded". A macro can call itself 83 levels deep.
 */
export const MAX_RECURSION = 500

/** Parser recursion (brackets, nested blocks): minijinja's "template exceeds maximum recursion limits". */
export const MAX_PARSER_RECURSION = 150

/**
 * The deepest expression a template may contain, counting every operator, filter, test, attribute,
 * item, call and literal level (`1+1+…`, `not not …`, `x|f|f|…`). Past it, a syntax error:
 * "expression nesting exceeds the limit of 500 levels".
 */
export const MAX_EXPRESSION_DEPTH = 500

/**
 * The longest string a template may build (by `*`, `~`, `+`, filters, padding) and the longest
 * output a render may produce, in UTF-16 code units (128 Mi). Past it: "invalid operation: string
 * too long (the template limit is 134217728 characters)".
 */
export const MAX_STRING_LENGTH = 128 * 1024 * 1024

/** The most items a list built by a template (`*`, `+`) may have: "invalid operation: list too long ...". */
export const MAX_LIST_LENGTH = 10_000_000

/**
 * The deepest value the engine prints, serializes or accepts as a function argument (lists, maps
 * and class instances inside each other). Past it: "value nested deeper than 1000 levels".
 */
export const MAX_VALUE_DEPTH = 1000

export function stringTooLongError(): TemplateRenderError {
  return renderError('invalid operation', `string too long (the template limit is ${MAX_STRING_LENGTH} characters)`)
}

export function listTooLongError(): TemplateRenderError {
  return renderError('invalid operation', `list too long (the template limit is ${MAX_LIST_LENGTH} items)`)
}

export function valueTooDeepError(): TemplateRenderError {
  return renderError('invalid operation', `value nested deeper than ${MAX_VALUE_DEPTH} levels`)
}

export function tooLong(): never {
  throw stringTooLongError()
}

export function listTooLong(): never {
  throw listTooLongError()
}

/** Fail before building a string of `n` characters past the limit. */
export function checkLength(n: number): void {
  if (n > MAX_STRING_LENGTH) tooLong()
}

/** `s.replaceAll(from, to)`, failing first if the result would pass the string limit. */
export function replaceAllBounded(s: string, from: string, to: string): string {
  if (to.length > from.length) {
    let count = 0
    if (from === '') count = s.length + 1
    else for (let i = s.indexOf(from); i >= 0; i = s.indexOf(from, i + from.length)) count++
    checkLength(s.length + count * (to.length - from.length))
  }
  return s.replaceAll(from, () => to)
}
