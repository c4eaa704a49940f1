// How the SAP tests get an IR from .baml files: the project loader, as the runtime does it.
import type { BamlIR, ClassIR } from '../../../core/ir/types.ts'
import { loadProject } from '../../../core/ir/load.ts'

export function loadIR(files: Record<string, string>): BamlIR {
  const r = loadProject(files)
  if (!r.ir) throw new Error('project did not load:\n' + r.diagnostics.map((d) => d.message).join('\n'))
  return r.ir
}

const BLOCK_NOT_NULL = /^\s*@@stream\.not_null\s*$/m

/**
 * The loader rejects `@@stream.not_null` on classes, which the reference accepts (it makes every
 * use of the class not-null while streaming). Until that is fixed, suites using it load without the
 * attribute and get it put back on the IR, so SAP's handling of it is still tested.
 */
export function loadIRPatchingBlockNotNull(files: Record<string, string>): { ir: BamlIR; patched: boolean } {
  const r = loadProject(files)
  if (r.ir) return { ir: r.ir, patched: false }
  if (!r.diagnostics.every((d) => d.severity !== 'error' || d.message.includes('`@@stream.not_null` is not allowed on a class'))) {
    throw new Error('project did not load:\n' + r.diagnostics.map((d) => d.message).join('\n'))
  }
  const classesWith = new Set<string>()
  const stripped: Record<string, string> = {}
  for (const [path, text] of Object.entries(files)) {
    // find the classes whose body holds the block attribute
    const re = /class\s+(\w+)\s*\{([^}]*)\}/g
    for (let m = re.exec(text); m; m = re.exec(text)) if (BLOCK_NOT_NULL.test(m[2]!)) classesWith.add(m[1]!)
    stripped[path] = text.replace(/^\s*@@stream\.not_null\s*$/gm, '')
  }
  const ir = loadIR(stripped)
  const classes = new Map<string, ClassIR>()
  for (const [name, c] of ir.classes) {
    classes.set(name, classesWith.has(name) ? { ...c, attrs: { ...c.attrs, streamNotNull: true } } : c)
  }
  return { ir: { ...ir, classes }, patched: true }
}
