// Cycle analysis over names: Tarjan's strongly connected components, and the edges the loader
// feeds it: alias references, the classes a class cannot exist without (a class that needs itself
// with no optional/list/map/union escape can never be built), and every class a type mentions (for
// the recursive-class set that ctx.output_format hoists).
import type { TypeAst } from '../syntax/ast.ts'
import type { ClassIR, TypeIR } from './types.ts'

/**
 * Strongly connected components that form cycles (size > 1, or a node with a self edge), each
 * rotated to start at its smallest member in `order` and listed in `order` of that member.
 * Iterative, so deep graphs cannot overflow the stack.
 */
export function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>, order: readonly string[]): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const out: string[][] = []
  let counter = 0
  const rank = new Map(order.map((n, i) => [n, i] as const))
  const succ = (n: string) => [...(graph.get(n) ?? [])].filter((m) => graph.has(m)).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))

  for (const root of order) {
    if (!graph.has(root) || index.has(root)) continue
    const work: { node: string; next: string[]; i: number }[] = []
    const visit = (n: string) => {
      index.set(n, counter)
      low.set(n, counter)
      counter++
      stack.push(n)
      onStack.add(n)
      work.push({ node: n, next: succ(n), i: 0 })
    }
    visit(root)
    while (work.length) {
      const top = work[work.length - 1]!
      if (top.i < top.next.length) {
        const m = top.next[top.i++]!
        if (!index.has(m)) visit(m)
        else if (onStack.has(m)) low.set(top.node, Math.min(low.get(top.node)!, index.get(m)!))
        continue
      }
      work.pop()
      const n = top.node
      if (work.length) {
        const parent = work[work.length - 1]!.node
        low.set(parent, Math.min(low.get(parent)!, low.get(n)!))
      }
      if (low.get(n) === index.get(n)) {
        const comp: string[] = []
        for (;;) {
          const m = stack.pop()!
          onStack.delete(m)
          comp.push(m)
          if (m === n) break
        }
        comp.reverse()
        if (comp.length > 1 || graph.get(n)!.has(n)) {
          let min = 0
          for (let i = 1; i < comp.length; i++) if (rank.get(comp[i]!)! < rank.get(comp[min]!)!) min = i
          out.push([...comp.slice(min), ...comp.slice(0, min)])
        }
      }
    }
  }
  out.sort((a, b) => rank.get(a[0]!)! - rank.get(b[0]!)!)
  return out
}

/**
 * Names of aliases referenced in a syntax-tree type. With `throughContainers` false, references
 * inside a list or map are left out: optionals and unions do not stop an alias cycle, containers do.
 */
export function aliasRefs(t: TypeAst, isAlias: (n: string) => boolean, out: Set<string>, throughContainers: boolean): void {
  switch (t.kind) {
    case 'named':
      if (isAlias(t.name)) out.add(t.name)
      return
    case 'optional':
      return aliasRefs(t.inner, isAlias, out, throughContainers)
    case 'union':
      for (const o of t.options) aliasRefs(o, isAlias, out, throughContainers)
      return
    case 'tuple':
      for (const o of t.items) aliasRefs(o, isAlias, out, throughContainers)
      return
    case 'list':
      if (throughContainers) aliasRefs(t.item, isAlias, out, true)
      return
    case 'map':
      if (throughContainers) {
        aliasRefs(t.key, isAlias, out, true)
        aliasRefs(t.value, isAlias, out, true)
      }
      return
    default:
      return
  }
}

/**
 * Classes a value of type `t` cannot exist without. A union needs something only if every member
 * does (and a union whose only need is `self` does not count as needing itself); null, lists,
 * maps and recursive aliases need nothing.
 */
export function requiredClassDeps(t: TypeIR, self: string, out: Set<string>): void {
  switch (t.kind) {
    case 'class':
      out.add(t.name)
      return
    case 'union': {
      // A member that needs nothing (null, a list, a primitive...) makes the union need nothing.
      for (const o of t.options) if (o.kind !== 'class' && o.kind !== 'union') return
      const all = new Set<string>()
      for (const o of t.options) {
        const nested = new Set<string>()
        requiredClassDeps(o, self, nested)
        if (nested.size === 0) return
        for (const n of nested) all.add(n)
      }
      if (all.size > 1) all.delete(self)
      for (const n of all) out.add(n)
      return
    }
    default:
      return
  }
}

/** Every class mentioned anywhere in `t` (through lists, maps, unions; not through recursive aliases). */
export function allClassRefs(t: TypeIR, out: Set<string>): void {
  switch (t.kind) {
    case 'class':
      out.add(t.name)
      return
    case 'list':
      return allClassRefs(t.item, out)
    case 'map':
      allClassRefs(t.key, out)
      return allClassRefs(t.value, out)
    case 'union':
      for (const o of t.options) allClassRefs(o, out)
      return
    default:
      return
  }
}

/** Classes that take part in a cycle of field references (hoisted in ctx.output_format). */
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

