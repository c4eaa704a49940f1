// Stands in for core/ir/load.ts in the bundled client runtime. The client needs only
// `findRecursiveClasses` from it (a TypeBuilder's classes may form new cycles); the loader itself
// (and the BAML parser it imports) stays out of the bundle. The function body is core/ir/load.ts's.
import { allClassRefs, cycles } from '../../ir/cycles.ts'
import type { ClassIR } from '../../index.ts'

export function findRecursiveClasses(classes: ReadonlyMap<string, ClassIR>): Set<string> {
  const graph = new Map<string, Set<string>>()
  for (const c of classes.values()) {
    const deps = new Set<string>()
    for (const f of c.fields) allClassRefs(f.type, deps)
    graph.set(c.name, deps)
  }
  const out = new Set<string>()
  for (const cycle of cycles(graph, [...classes.keys()])) for (const n of cycle) out.add(n)
  return out
}
