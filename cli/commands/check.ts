// `baml check [--from DIR] [--json]`: load every .baml file, print the diagnostics, exit 1 on errors.
import { loadProject } from '../../core/ir/load.ts'
import { formatDiagnostic, location } from '../../core/syntax/diagnostics.ts'
import { lineColAt } from '../../core/syntax/span.ts'
import type { SourceFile } from '../../core/syntax/span.ts'
import { readBamlDirectory } from '../host.ts'
import { printJson } from '../output.ts'
import { loaderHooks } from '../../core/runtime/hooks.ts'

interface CheckOptions {
  from: string
  json?: boolean
}

export async function checkCommand(opts: CheckOptions): Promise<number> {
  const files = await readBamlDirectory(opts.from)
  const { diagnostics } = loadProject(files, loaderHooks)
  const sources = new Map<string, SourceFile>(Object.entries(files).map(([path, text]) => [path, { path, text }]))
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.length - errors
  if (opts.json) {
    printJson({
      ok: errors === 0,
      files: Object.keys(files).length,
      errors,
      warnings,
      diagnostics: diagnostics.map((d) => {
        const f = sources.get(d.span.file)
        const at = f ? lineColAt(f, d.span.start) : { line: 0, column: 0 }
        return { severity: d.severity, message: d.message, file: d.span.file, line: at.line, column: at.column, location: location(d.span, sources) }
      }),
    })
  } else {
    const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR
    // Warnings first, then errors, as the reference prints them.
    const ordered = [...diagnostics.filter((d) => d.severity === 'warning'), ...diagnostics.filter((d) => d.severity === 'error')]
    for (const d of ordered) process.stderr.write(formatDiagnostic(d, sources, { color }) + '\n\n')
    const n = Object.keys(files).length
    const summary = `${n} file${n === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
    process.stderr.write((errors ? '✖ ' : '✔ ') + summary + '\n')
  }
  return errors ? 1 : 0
}
