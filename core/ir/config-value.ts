// Config values as the IR keeps them (core/ir/types.ts ConfigValue) from the syntax tree.
import type { ValueAst } from '../syntax/ast.ts'
import { dedentBlock } from '../syntax/strings.ts'
import type { ConfigEntry, ConfigValue } from './types.ts'

export type ConfigMap = Extract<ConfigValue, { kind: 'map' }>

/** Convert a syntax-tree value to the IR's config value. */
export function toConfigValue(v: ValueAst): ConfigValue {
  switch (v.kind) {
    case 'string':
      if (v.quoted === 'block') return { kind: 'string', value: dedentBlock(v.value).text, quoted: 'block', span: v.span }
      return { kind: 'string', value: v.value, quoted: v.quoted, span: v.span }
    case 'number':
      return { kind: 'number', value: v.value, isInt: v.isInt, span: v.span }
    case 'bool':
      return { kind: 'bool', value: v.value, span: v.span }
    case 'env':
      return { kind: 'env', name: v.name, span: v.span }
    case 'ident':
      if (v.name === 'null') return { kind: 'null', span: v.span }
      return { kind: 'ident', name: v.name, span: v.span }
    case 'jinja':
      // The reference accepts `{{ ... }}` as a value and keeps its text.
      return { kind: 'string', value: `{{${v.expression}}}`, quoted: 'none', span: v.span }
    case 'array':
      return { kind: 'array', items: v.items.map(toConfigValue), span: v.span }
    case 'call': {
      // The IR has no call value: keep the call's source text (e.g. a template_string used as a test arg).
      return { kind: 'string', value: v.text, quoted: 'none', span: v.span }
    }
    case 'map': {
      const entries: ConfigEntry[] = v.entries.map((e) => ({ key: e.key, keySpan: e.keySpan, value: toConfigValue(e.value) }))
      return { kind: 'map', entries, span: v.span }
    }
  }
}

/** The text of a string-like value (quoted, block or unquoted string, or a bare identifier). */
export function stringOf(v: ConfigValue): string | undefined {
  if (v.kind === 'string') return v.value
  if (v.kind === 'ident') return v.name
  return undefined
}

export function describeConfigValue(v: ConfigValue): string {
  switch (v.kind) {
    case 'string':
      return `string value \`${JSON.stringify(v.value)}\``
    case 'number':
      return `number \`${v.value}\``
    case 'bool':
      return `boolean \`${v.value}\``
    case 'null':
      return '`null`'
    case 'env':
      return `environment variable \`env.${v.name}\``
    case 'ident':
      return `\`${v.name}\``
    case 'array':
      return 'an array'
    case 'map':
      return 'a map'
  }
}
