// The schema and text builder shared by the stream cost tests (stream-cost, stream-copies) and the
// stream benchmark (scripts/bench/sap-stream-bench.ts). No vitest import: the benchmark runs
// outside vitest.
import { buildIR } from '../../../core/ir/load.ts'
import type { BamlIR, TypeIR } from '../../../core/ir/types.ts'

const SCHEMA = `
class Person {
  name string
  age int?
}

class Node {
  name string
  next Node?
}

class Tree {
  value int
  children Tree[]
}

type JsonValue = string | int | float | bool | null | JsonValue[] | map<string, JsonValue>
`

/** The schema's IR with a function `Get<name>` per target (name -> return type), and each target's type by name. */
export function loadTargets(targets: Readonly<Record<string, string>>): { ir: BamlIR; types: Record<string, TypeIR> } {
  let src = SCHEMA
  for (const [fn, t] of Object.entries(targets)) src += `function Get${fn}(text: string) -> ${t} {\n  client "openai/gpt-4o-mini"\n  prompt #"{{ text }}"#\n}\n`
  const loaded = buildIR({ 'baml_src/main.baml': src })
  if (!loaded.ir) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '))
  const ir = loaded.ir
  const types: Record<string, TypeIR> = {}
  for (const fn of Object.keys(targets)) types[fn] = ir.functions.get(`Get${fn}`)!.returnType
  return { ir, types }
}

/** `unit` repeated after `head` to at least `n` characters. */
export function repeatTo(n: number, unit: string, head = ''): string {
  return head + unit.repeat(Math.max(1, Math.ceil((n - head.length) / unit.length)))
}
