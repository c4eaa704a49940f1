// `baml check [--from DIR] [--json]`: load every .baml file, print the diagnostics, exit 1 on errors.
// Start-up matters here (a cold run is the whole use): the files are read and the report written
// with synchronous `node:fs` calls, because Bun builds `node:fs/promises` and `process.stderr` (a
// stream) on first use, which costs a few milliseconds each; `node:tty` is loaded only when there
// are diagnostics to colour.
import { writeSync } from 'node:fs'
import { checkProject, formatDiagnostic, lineColAt, location, type SourceFile } from '../../core/index.ts'
import { readBamlDirectory } from '../host.ts'
import { printJson } from '../output.ts'

interface CheckOptions {
  from: string
  json?: boolean
}

/** Write to stderr; if the descriptor is non-blocking and full, hand the rest to `process.stderr`. */
function writeStderr(text: string): void {
  const data = new TextEncoder().encode(text)
  let done = 0
  try {
    while (done < data.length) done += writeSync(2, data, done)
  } catch (e) {
    if ((e as { code?: string }).code !== 'EAGAIN') throw e
    process.stderr.write(data.subarray(done))
  }
}

export async function checkCommand(opts: CheckOptions): Promise<number> {
  const files = readBamlDirectory(opts.from)
  const diagnostics = checkProject(files)
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
    // Warnings first, then errors, as the reference prints them.
    const ordered = [...diagnostics.filter((d) => d.severity === 'warning'), ...diagnostics.filter((d) => d.severity === 'error')]
    // node:tty takes a few milliseconds to load in Bun: only ask when there is something to colour.
    const color = ordered.length > 0 && !process.env.NO_COLOR && (await import('node:tty')).isatty(2)
    const n = Object.keys(files).length
    const summary = `${n} file${n === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
    // One write for the whole report.
    writeStderr(ordered.map((d) => formatDiagnostic(d, sources, { color }) + '\n\n').join('') + (errors ? '✖ ' : '✔ ') + summary + '\n')
  }
  return errors ? 1 : 0
}
