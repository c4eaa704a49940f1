// `baml check [--from DIR] [--json]`: load every .baml file, print the diagnostics, exit 1 on errors.
// Start-up matters here (a cold run is the whole use): the files are read and the report written
// with synchronous `node:fs` calls, because Bun builds `node:fs/promises` and `process.stderr` (a
// stream) on first use, which costs a few milliseconds each; `node:tty` is loaded only when there
// are diagnostics to colour, and consola only when there is a message to print (a failure).
// The report (diagnostics and the summary line) is this command's output: it goes to stderr as one
// write; file paths in it are relative to the working directory (absolute outside it), so that a
// terminal or an editor can open them.
import { checkProject, formatDiagnostic, lineColAt, location, type SourceFile } from '../../core/index.ts'
import { displayPaths, readProjectFiles } from '../host.ts'
import { printJson, stderrColor, writeErr } from '../write.ts'

interface CheckOptions {
  from: string
  json?: boolean
}

export async function checkCommand(opts: CheckOptions): Promise<number> {
  const files = readProjectFiles(opts.from)
  const diagnostics = checkProject(files)
  const sources = new Map<string, SourceFile>(Object.entries(files).map(([path, text]) => [path, { path, text }]))
  const path = displayPaths(opts.from)
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
        return { severity: d.severity, message: d.message, file: path(d.span.file), line: at.line, column: at.column, location: location(d.span, sources, path) }
      }),
    })
  } else {
    // Warnings first, then errors, as the reference prints them.
    const ordered = [...diagnostics.filter((d) => d.severity === 'warning'), ...diagnostics.filter((d) => d.severity === 'error')]
    const color = ordered.length > 0 && (await stderrColor())
    const n = Object.keys(files).length
    const summary = `${n} file${n === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
    // One write for the whole report.
    writeErr(ordered.map((d) => formatDiagnostic(d, sources, { color, path }) + '\n\n').join('') + (errors ? '✖ ' : '✔ ') + summary + '\n')
  }
  return errors ? 1 : 0
}
