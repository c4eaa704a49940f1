// Recursive classes and recursive type aliases, grouped into cycles in the reference's order.
// The order matters: hoisted definitions are written in the order their cycles list them.
// Like the reference: strongly connected components (core/ir/cycles.ts), visiting declarations
// and successors in declaration order; each cycle starts at its earliest declaration. The edges
// are the reference's for ctx.output_format (classes reach classes through one alias), not the
// loader's `recursiveClasses`.
import { cycles } from '../ir/cycles.ts'
import type { BamlIR, TypeIR } from '../ir/types.ts'

export interface ProjectCycles {
  /** Class name -> every class of its cycle, in cycle order. */
  readonly classCycle: ReadonlyMap<string, readonly string[]>
  /** Recursive alias name -> the cycles (alias names in order) that contain it. */
  readonly aliasCycle: ReadonlyMap<string, readonly string[]>
}

const cache = new WeakMap<BamlIR, ProjectCycles>()

export function projectCycles(ir: BamlIR): ProjectCycles {
  let c = cache.get(ir)
  if (!c) {
    c = { classCycle: classCycles(ir), aliasCycle: aliasCycles(ir) }
    cache.set(ir, c)
  }
  return c
}

function byMember(components: readonly string[][]): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>()
  for (const cycle of components) for (const n of cycle) out.set(n, cycle)
  return out
}

/**
 * Class A depends on class B when B appears anywhere in A's field types (skipped fields too),
 * or directly in the definition of a recursive alias A's fields use.
 */
function classCycles(ir: BamlIR): Map<string, readonly string[]> {
  const graph = new Map<string, Set<string>>()
  for (const [name, c] of ir.classes) {
    const deps = new Set<string>()
    const visit = (t: TypeIR, throughAlias: boolean): void => {
      switch (t.kind) {
        case 'class':
          deps.add(t.name)
          return
        case 'alias': {
          const def = ir.typeAliases.get(t.name)
          if (def && !throughAlias) visit(def.type, true)
          return
        }
        case 'list':
          return visit(t.item, throughAlias)
        case 'map':
          visit(t.key, throughAlias)
          return visit(t.value, throughAlias)
        case 'union':
          for (const o of t.options) visit(o, throughAlias)
          return
        default:
          return
      }
    }
    for (const f of c.fields) visit(f.type, false)
    graph.set(name, deps)
  }
  return byMember(cycles(graph, [...ir.classes.keys()]))
}

/** Alias A depends on alias B when B is referenced anywhere in A's definition. */
function aliasCycles(ir: BamlIR): Map<string, readonly string[]> {
  const graph = new Map<string, Set<string>>()
  for (const [name, a] of ir.typeAliases) {
    const deps = new Set<string>()
    const visit = (t: TypeIR): void => {
      switch (t.kind) {
        case 'alias':
          deps.add(t.name)
          return
        case 'list':
          return visit(t.item)
        case 'map':
          visit(t.key)
          return visit(t.value)
        case 'union':
          for (const o of t.options) visit(o)
          return
        default:
          return
      }
    }
    visit(a.type)
    graph.set(name, deps)
  }
  return byMember(cycles(graph, [...ir.typeAliases.keys()]))
}
