// Recursive classes and recursive type aliases, grouped into cycles in the reference's order.
// The order matters: hoisted definitions are written in the order their cycles list them.
// Like the reference: strongly connected components found by Tarjan's algorithm, visiting
// declarations and successors in declaration order; each cycle starts at its earliest declaration.
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

function byMember(names: readonly string[], components: number[][]): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>()
  for (const comp of components) {
    const cycle = comp.map((i) => names[i]!)
    for (const n of cycle) out.set(n, cycle)
  }
  return out
}

/**
 * Class A depends on class B when B appears anywhere in A's field types (skipped fields too),
 * or directly in the definition of a recursive alias A's fields use.
 */
function classCycles(ir: BamlIR): Map<string, readonly string[]> {
  const names = [...ir.classes.keys()]
  const index = new Map(names.map((n, i) => [n, i]))
  const edges = names.map((n) => {
    const deps = new Set<number>()
    const visit = (t: TypeIR, throughAlias: boolean): void => {
      switch (t.kind) {
        case 'class': {
          const i = index.get(t.name)
          if (i !== undefined) deps.add(i)
          return
        }
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
    for (const f of ir.classes.get(n)!.fields) visit(f.type, false)
    return [...deps].sort((a, b) => a - b)
  })
  return byMember(names, tarjan(edges))
}

/** Alias A depends on alias B when B is referenced anywhere in A's definition. */
function aliasCycles(ir: BamlIR): Map<string, readonly string[]> {
  const names = [...ir.typeAliases.keys()]
  const index = new Map(names.map((n, i) => [n, i]))
  const edges = names.map((n) => {
    const deps = new Set<number>()
    const visit = (t: TypeIR): void => {
      switch (t.kind) {
        case 'alias': {
          const i = index.get(t.name)
          if (i !== undefined) deps.add(i)
          return
        }
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
    visit(ir.typeAliases.get(n)!.type)
    return [...deps].sort((a, b) => a - b)
  })
  return byMember(names, tarjan(edges))
}

/** Strongly connected components that are cycles (several nodes, or one pointing to itself). */
function tarjan(edges: readonly (readonly number[])[]): number[][] {
  const n = edges.length
  const idx = new Array<number>(n).fill(-1)
  const low = new Array<number>(n).fill(0)
  const onStack = new Array<boolean>(n).fill(false)
  const stack: number[] = []
  const components: number[][] = []
  let counter = 0

  const connect = (v: number): void => {
    idx[v] = low[v] = counter++
    stack.push(v)
    onStack[v] = true
    for (const w of edges[v]!) {
      if (idx[w] === -1) {
        connect(w)
        low[v] = Math.min(low[v]!, low[w]!)
      } else if (onStack[w]) {
        low[v] = Math.min(low[v]!, idx[w]!)
      }
    }
    if (low[v] !== idx[v]) return
    const comp: number[] = []
    for (;;) {
      const w = stack.pop()!
      onStack[w] = false
      comp.push(w)
      if (w === v) break
    }
    comp.reverse()
    if (comp.length > 1 || edges[v]!.includes(v)) {
      // Start the cycle at its earliest declaration, keeping the cyclic order.
      let min = 0
      for (let i = 1; i < comp.length; i++) if (comp[i]! < comp[min]!) min = i
      components.push(comp.slice(min).concat(comp.slice(0, min)))
    }
  }

  for (let v = 0; v < n; v++) if (idx[v] === -1) connect(v)
  components.sort((a, b) => a[0]! - b[0]!)
  return components
}
