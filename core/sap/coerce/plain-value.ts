// A coerced value as plain data (what `this` is bound to in @check/@assert expressions).
import type { CV } from './result.ts'

export function plainValue(v: CV): unknown {
  switch (v.k) {
    case 'string':
    case 'int':
    case 'float':
    case 'bool':
    case 'enum':
      return v.v
    case 'null':
      return null
  }
  if (v.pl !== undefined) return v.pl
  let out: unknown
  if (v.k === 'list') out = v.items.map(plainValue)
  else {
    const o: Record<string, unknown> = {}
    for (let i = 0; i < v.keys.length; i++) o[v.keys[i]!] = plainValue(v.vals[i]!)
    out = o
  }
  v.pl = out
  return out
}
