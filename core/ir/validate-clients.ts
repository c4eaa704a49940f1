// Name-level checks on strategy clients: every client listed in a fallback/round-robin
// `strategy` exists, and fallback chains do not loop. Provider option checks live elsewhere
// (see LoadOptions.validateClient).
import { error, type Diagnostic } from '../syntax/diagnostics.ts'
import { stringOf } from './config-value.ts'
import { cycles } from './cycles.ts'
import { didYouMean } from './suggest.ts'
import type { ClientIR, ConfigValue } from './types.ts'

function strategyNames(c: ClientIR): { name: string; value: ConfigValue }[] {
  if (c.provider !== 'fallback' && c.provider !== 'round-robin') return []
  const s = c.options.entries.find((e) => e.key === 'strategy')?.value
  if (!s || s.kind !== 'array') return []
  const out: { name: string; value: ConfigValue }[] = []
  for (const v of s.items) {
    const name = stringOf(v)
    if (name !== undefined && name.indexOf('/') < 0) out.push({ name, value: v })
  }
  return out
}

export function checkStrategyClients(clients: ReadonlyMap<string, ClientIR>, declared: ReadonlySet<string>, diags: Diagnostic[]): void {
  for (const c of clients.values()) {
    for (const { name, value } of strategyNames(c)) {
      if (!declared.has(name)) diags.push(error(`Client \`${name}\` does not exist.${didYouMean(name, declared)}`, value.span))
    }
  }
}

export function checkFallbackCycles(clients: ReadonlyMap<string, ClientIR>, diags: Diagnostic[]): void {
  const graph = new Map<string, Set<string>>()
  for (const c of clients.values()) {
    graph.set(c.name, new Set(c.provider === 'fallback' ? strategyNames(c).map((s) => s.name).filter((n) => clients.has(n)) : []))
  }
  for (const cycle of cycles(graph, [...clients.keys()])) {
    diags.push(error(`These fallback clients form a dependency cycle: ${cycle.join(' -> ')}`, clients.get(cycle[0]!)!.span))
  }
}
