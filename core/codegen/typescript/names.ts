// Identifiers, keys, string literals and comments in generated TypeScript.

const RESERVED = /* @__PURE__ */ new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'as', 'implements', 'interface', 'let', 'package',
  'private', 'protected', 'public', 'static', 'yield', 'await', 'any', 'boolean', 'number',
  'string', 'symbol', 'type', 'of', 'undefined', 'arguments', 'eval',
])

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** A string literal (double quotes, JSON escapes). */
export function str(s: string): string {
  return JSON.stringify(s)
}

/** An object key or interface property name: bare when it can be, quoted otherwise. */
export function key(name: string): string {
  return IDENT.test(name) ? name : str(name)
}

/** A local name for a value called `name` (parameters): reserved words get a trailing underscore. */
export function localName(name: string): string {
  if (!IDENT.test(name)) return `_${name.replace(/[^A-Za-z0-9_$]/g, '_')}`
  return RESERVED.has(name) || name === '__baml_options__' ? `${name}_` : name
}

/** `name` usable as a property access (`.name`), or undefined when it needs brackets. */
export function isIdentifier(name: string): boolean {
  return IDENT.test(name)
}

/** A TSDoc comment for `text` at `indent` (nothing for an empty text). */
export function docComment(text: string | undefined, indent: string): string[] {
  if (text === undefined || text.trim() === '') return []
  const lines = text.replace(/\*\//g, '*\\/').split('\n')
  return [`${indent}/**`, ...lines.map((l) => (l.trim() === '' ? `${indent} *` : `${indent} * ${l.trimEnd()}`)), `${indent} */`]
}
