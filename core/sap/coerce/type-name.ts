// How types are spelled in parse error messages.
import type { CType } from '../schema.ts'

const names = new WeakMap<CType, string>()

export function typeName(t: CType): string {
  let n = names.get(t)
  if (n === undefined) {
    n = spell(t)
    names.set(t, n)
  }
  return n
}

function spell(t: CType): string {
  switch (t.k) {
    case 'string':
    case 'int':
    case 'float':
    case 'bool':
    case 'null':
      return t.k
    case 'media':
      return t.media
    case 'literal':
      return typeof t.value === 'string' ? JSON.stringify(t.value) : String(t.value)
    case 'class':
    case 'enum':
    case 'alias':
      return t.name
    case 'list':
      return `${typeName(t.item)}[]`
    case 'map':
      return `map<${typeName(t.key)}, ${typeName(t.value)}>`
    case 'union': {
      const parts = t.options.map(typeName)
      if (t.optional) {
        if (parts.length === 1) return `${parts[0]}?`
        parts.push('null')
      }
      return `(${parts.join(' | ')})`
    }
  }
}
