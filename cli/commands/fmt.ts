// `baml fmt [PATHS...] [--from DIR] [--check] [-n|--dry-run]`: format .baml files in the canonical
// layout (core formatBaml). With no paths, every .baml file under --from (default `.`, as the
// reference) is formatted; node_modules and hidden directories are skipped. A file is written only
// when its text changes. A file with syntax errors is left untouched and its diagnostics printed.
// --check writes nothing, lists the files that are not formatted on stdout and exits 1 if there
// are any; --dry-run writes nothing and prints the formatted text to stdout.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { BamlInvalidArgumentError, formatBaml, formatDiagnostic, type SourceFile } from '../../core/index.ts'
import { EXIT_CODE } from '../conventions.ts'
import { fsReason } from '../host.ts'
import { logger } from '../output.ts'
import { stderrColor, writeErr, writeOut } from '../write.ts'

interface FmtOptions {
  from: string
  check?: boolean
  dryRun?: boolean
}

/** Directories never searched: dependencies and hidden folders (.git, .venv, ...). */
function skipDir(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.')
}

/** Every .baml file under `dir` (absolute paths, sorted), not following symbolic links. */
function bamlFilesUnder(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    let entries
    try {
      entries = readdirSync(d, { withFileTypes: true })
    } catch (e) {
      throw new BamlInvalidArgumentError(`cannot read ${shown(d)}: ${fsReason(e)}`)
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.isDirectory()) {
        if (!skipDir(e.name)) walk(join(d, e.name))
      } else if (e.isFile() && e.name.endsWith('.baml')) out.push(join(d, e.name))
    }
  }
  walk(dir)
  return out
}

/** The files to format: the paths given (a directory stands for the .baml files under it), else those under --from. */
function targets(paths: readonly string[], from: string): string[] {
  const roots = paths.length ? paths : [from]
  const files: string[] = []
  for (const p of roots) {
    const abs = resolve(p)
    let info
    try {
      info = statSync(abs)
    } catch (e) {
      throw new BamlInvalidArgumentError(`cannot read ${p}: ${fsReason(e)}`)
    }
    if (info.isDirectory()) files.push(...bamlFilesUnder(abs))
    else files.push(abs)
  }
  return [...new Set(files)]
}

/** How a file is named in messages: relative to the current directory, with `/` separators. */
function shown(abs: string): string {
  const rel = relative(process.cwd(), abs)
  return (rel === '' || rel.startsWith('..') ? abs : rel).split(sep).join('/')
}

/** The file's text, or why it cannot be formatted. A file that is not UTF-8 is not touched (decoding would replace bytes). */
function readText(abs: string): { text: string } | { problem: string } {
  let bytes
  try {
    bytes = readFileSync(abs)
  } catch (e) {
    return { problem: `cannot read ${shown(abs)}: ${fsReason(e)}` }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    return { problem: `${shown(abs)} is not UTF-8 text; left unchanged` }
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export async function fmtCommand(paths: string[], opts: FmtOptions): Promise<number> {
  const files = targets(paths ?? [], opts.from)
  const log = logger()
  const write = !opts.check && !opts.dryRun
  const changed: string[] = []
  let failed = 0

  for (const abs of files) {
    const name = shown(abs)
    const read = readText(abs)
    if ('problem' in read) {
      log.error(read.problem)
      failed++
      continue
    }
    const text = read.text
    const r = formatBaml(name, text)
    if (r.diagnostics.length) {
      const sources = new Map<string, SourceFile>([[name, { path: name, text }]])
      const color = await stderrColor()
      writeErr(r.diagnostics.map((d) => formatDiagnostic(d, sources, { color }) + '\n\n').join(''))
      log.error(`${name}: not formatted (${plural(r.diagnostics.length, 'error')})`)
      failed++
      continue
    }
    if (opts.dryRun) writeOut((files.length > 1 ? `==> ${name} <==\n` : '') + r.text)
    if (!r.changed) continue
    if (!write) {
      changed.push(name)
      if (opts.check && !opts.dryRun) writeOut(name + '\n')
      else if (opts.check) log.warn(`${name} is not formatted`)
      continue
    }
    try {
      writeFileSync(abs, r.text)
    } catch (e) {
      log.error(`cannot write ${name}: ${fsReason(e)}`)
      failed++
      continue
    }
    changed.push(name)
    log.success(`formatted ${name}`)
  }

  const formatted = files.length - changed.length - failed
  if (files.length === 0) log.warn(paths.length ? 'no .baml files in the given paths' : `no .baml files under ${opts.from}`)
  else if (opts.check) {
    if (changed.length) log.error(`${plural(changed.length, 'file')} of ${files.length} not formatted (run \`baml fmt\` to format them)`)
    else if (!failed) log.success(files.length === 1 ? 'the file is formatted' : `all ${files.length} files are formatted`)
  } else if (write) {
    log.info(`${plural(changed.length, 'file')} formatted, ${formatted} already formatted${failed ? `, ${failed} could not be formatted` : ''}`)
  }
  return failed || (opts.check && changed.length) ? EXIT_CODE.failure : EXIT_CODE.ok
}
