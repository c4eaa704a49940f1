// How the SAP tests get an IR from .baml files: the project loader, as the runtime does it.
import type { BamlIR, ClassIR } from '../../../core/ir/types.ts'
import { loadProject } from '../../../core/ir/load.ts'

export function loadIR(files: Record<string, string>): BamlIR {
  const r = loadProject(files)
  if (!r.ir) throw new Error('project did not load:\n' + r.diagnostics.map((d) => d.message).join('\n'))
  return r.ir
}
