// The text by which the reference tells types apart while collecting the classes and enums a
// target uses (its type display: `Foo`, `(int | null)`, `Foo[] @check(label, {{..}} )`).
// Two types with the same text are visited once; attributes make otherwise equal types differ.
import type { TypeAttrs, TypeIR } from '../ir/types.ts'
import { unionView } from './union-view.ts'

export function typeKey(t: TypeIR): string {
  let s: string
  switch (t.kind) {
    case 'primitive':
    case 'media':
      s = t.name
      break
    case 'literal':
      s = typeof t.value === 'string' ? `"${t.value}"` : String(t.value)
      break
    case 'class':
    case 'enum':
      s = t.name
      break
    case 'alias':
      s = 'Streaming.' + t.name
      break
    case 'list':
      s = typeKey(t.item) + '[]'
      break
    case 'map':
      s = `map<${typeKey(t.key)}, ${typeKey(t.value)}>`
      break
    case 'union': {
      const v = unionView(t)
      const parts = v.members.map(typeKey)
      if (v.optional) parts.push('null')
      s = '(' + parts.join(' | ') + ')'
      break
    }
  }
  return t.attrs ? s + attrsSuffix(t.attrs) : s
}

function attrsSuffix(a: TypeAttrs): string {
  let s = ''
  for (const c of a.constraints ?? []) s += ` @${c.level}(${c.label !== undefined ? c.label + ', ' : ''}{{..}} )`
  if (a.streamDone) s += ' @stream.done'
  if (a.streamNotNull) s += ' @stream.not_null'
  if (a.streamWithState) s += ' @stream.with_state'
  return s
}
