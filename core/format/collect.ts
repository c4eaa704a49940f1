// Which enums, classes, recursive classes and recursive aliases a target type uses, in the order
// the reference finds them. That order is visible: it is the order of hoisted definitions.
// The reference walks the type with a stack (last pushed, first visited) and skips types whose
// display text it has seen; this walk does the same.
import type { BamlIR, ClassIR, EnumIR, TypeIR } from '../ir/types.ts'
import { BamlTemplateError } from '../errors.ts'
import { projectCycles } from './cycles.ts'
import { typeKey } from './type-key.ts'
import { simplifyTop, unionView } from './union-view.ts'

export interface EnumModel {
  readonly name: string
  /** `@@alias` or the name. */
  readonly shownName: string
  readonly values: readonly { readonly shown: string; readonly description: string | undefined }[]
  /** More than 6 values or a described value: always written as a block above the answer. */
  readonly hoistByDefault: boolean
}

export interface UsedModels {
  /** Enums in the order found (hoisted enum blocks follow it). */
  readonly enums: ReadonlyMap<string, EnumModel>
  /** Classes in the order found (`hoist_classes=true` follows it). */
  readonly classes: ReadonlyMap<string, ClassIR>
  /** Classes of the recursive cycles met, in order: these are always hoisted. */
  readonly recursiveClasses: ReadonlySet<string>
  /** Recursive aliases met (with their cycles), in order, with their definitions. */
  readonly recursiveAliases: ReadonlyMap<string, TypeIR>
}

const INLINE_ENUM_MAX_VALUES = 6

function enumModel(e: EnumIR): EnumModel {
  const values: { shown: string; description: string | undefined }[] = []
  let described = false
  for (const v of e.values) {
    if (v.skip) continue
    values.push({ shown: v.alias ?? v.name, description: v.description })
    if (v.description !== undefined) described = true
  }
  return {
    name: e.name,
    shownName: e.alias ?? e.name,
    values,
    hoistByDefault: described || values.length > INLINE_ENUM_MAX_VALUES,
  }
}

export function collectUsedModels(ir: BamlIR, target: TypeIR): UsedModels {
  const cycles = projectCycles(ir)
  const seen = new Set<string>()
  const enums = new Map<string, EnumModel>()
  const classes = new Map<string, ClassIR>()
  const recursiveClasses = new Set<string>()
  const recursiveAliases = new Map<string, TypeIR>()
  const stack: TypeIR[] = [simplifyTop(target)]
  const pushUnseen = (type: TypeIR) => {
    const t = simplifyTop(type)
    if (!seen.has(typeKey(t))) stack.push(t)
  }

  while (stack.length > 0) {
    const t = stack.pop()!
    switch (t.kind) {
      case 'enum': {
        if (!markSeen(seen, t)) break
        const e = ir.enums.get(t.name)
        if (!e) throw new BamlTemplateError(`could not serialize to value: Enum ${t.name} not found`)
        if (!enums.has(t.name)) enums.set(t.name, enumModel(e))
        break
      }
      case 'list':
        pushUnseen(t.item)
        break
      case 'map':
        if (!markSeen(seen, t)) break
        pushUnseen(t.key)
        pushUnseen(t.value)
        break
      case 'union': {
        if (!markSeen(seen, t)) break
        const v = unionView(t)
        for (const m of v.members) pushUnseen(m)
        if (v.optional) pushUnseen(NULL)
        break
      }
      case 'class': {
        if (!markSeen(seen, t)) break
        const c = ir.classes.get(t.name)
        if (!c) throw new BamlTemplateError(`could not serialize to value: Class ${t.name} not found`)
        for (const f of c.fields) if (!f.skip) pushUnseen(f.type)
        const cycle = cycles.classCycle.get(t.name)
        if (cycle) for (const n of cycle) recursiveClasses.add(n)
        if (!classes.has(t.name)) classes.set(t.name, c)
        break
      }
      case 'alias': {
        const cycle = cycles.aliasCycle.get(t.name)
        if (!cycle) break
        for (const n of cycle) {
          if (recursiveAliases.has(n)) continue
          const def = ir.typeAliases.get(n)!.type
          recursiveAliases.set(n, def)
          stack.push(simplifyTop(def))
        }
        break
      }
      default:
        break
    }
  }
  return { enums, classes, recursiveClasses, recursiveAliases }
}

const NULL: TypeIR = { kind: 'primitive', name: 'null' }

function markSeen(seen: Set<string>, t: TypeIR): boolean {
  const k = typeKey(t)
  if (seen.has(k)) return false
  seen.add(k)
  return true
}
