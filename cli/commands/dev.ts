// `baml dev [--from DIR]`: check and generate once, then again after every change to a .baml file
// under baml_src (changes within 200 ms are taken together), printing diagnostics, until Ctrl-C.
import { watch, type FSWatcher } from 'node:fs'
import { resolve } from 'node:path'
import { reportError } from '../output.ts'
import { checkCommand } from './check.ts'
import { generateProject } from './generate.ts'

interface DevOptions {
  from: string
  versionCheck?: boolean
}

const DEBOUNCE_MS = 200

async function rebuild(opts: DevOptions): Promise<void> {
  try {
    if ((await checkCommand({ from: opts.from })) !== 0) {
      process.stderr.write('Not generating until the errors above are fixed.\n')
      return
    }
    await generateProject({ from: opts.from, versionCheck: opts.versionCheck !== false })
  } catch (e) {
    reportError(e)
  }
}

export async function devCommand(opts: DevOptions): Promise<number> {
  const dir = resolve(opts.from)
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> | undefined
  let again = false
  const changed = new Set<string>()
  const run = () => {
    timer = undefined
    if (running) {
      again = true
      return
    }
    const files = [...changed]
    changed.clear()
    const t0 = performance.now()
    process.stderr.write(`\n${files.length} file${files.length === 1 ? '' : 's'} changed: ${files.join(', ')}\n`)
    running = rebuild(opts).then(() => {
      process.stderr.write(`Reloaded in ${Math.round(performance.now() - t0)} ms\n`)
      running = undefined
      if (again) {
        again = false
        run()
      }
    })
  }

  let watcher: FSWatcher
  try {
    watcher = watch(dir, { recursive: true }, (_event, name) => {
      const file = name ? String(name) : ''
      if (file && !file.endsWith('.baml')) return
      changed.add(file || '(unknown)')
      if (timer) clearTimeout(timer)
      timer = setTimeout(run, DEBOUNCE_MS)
    })
  } catch (e) {
    process.stderr.write(`error: cannot watch ${opts.from}: ${(e as Error).message}\n`)
    return 1
  }

  // The watcher starts before the first build, so no change made once "Watching" shows is missed.
  await rebuild(opts)
  changed.clear()
  if (timer) clearTimeout(timer)
  timer = undefined
  process.stderr.write(`Watching ${opts.from} for changes (Ctrl-C to stop)\n`)

  return new Promise<number>((done) => {
    const stop = () => {
      watcher.close()
      if (timer) clearTimeout(timer)
      process.stderr.write('\nStopped watching.\n')
      done(0)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}
