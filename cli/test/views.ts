// How a run looks while it runs. On a terminal: a live region redrawn in place (a spinner line per
// running test with its elapsed time, then a `12/40` counter) with finished tests printed above it.
// Elsewhere (CI logs, pipes): one plain line per finished test. Both end with the failures in detail
// and the summary table. Text for people goes through consola (with a reporter that prints messages
// as given); only the live region's cursor movements are written to the stream directly.
import { createConsola, type ConsolaInstance, type ConsolaReporter } from 'consola/core'
import type { SelectedTest, TestRunEvent, TestRunReport } from '../../core/index.ts'
import { failureDetails, isProblem, resultLine, summaryLine, summaryTable, type PathOf } from './human.ts'
import { formatDuration, stripAnsi, type Style } from './style.ts'

export interface OutStream {
  write(chunk: string): unknown
  readonly isTTY?: boolean
  readonly columns?: number
  readonly rows?: number
}

export interface RunView {
  onEvent(e: TestRunEvent): void
  /** A message for people (e.g. "cancelling…"). */
  note(text: string): void
  /** Stop any live drawing, then print the failures and the summary. */
  finish(report: TestRunReport): void
}

/** consola, printing each message as given (no icons, no markup) to `stream`. */
export function messagesTo(stream: OutStream): ConsolaInstance {
  const reporter: ConsolaReporter = {
    log(obj) {
      const text = obj.args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ')
      const prefix = obj.type === 'warn' ? 'warning: ' : obj.type === 'error' || obj.type === 'fatal' ? 'error: ' : ''
      stream.write(prefix + text + '\n')
    },
  }
  return createConsola({ level: 3, reporters: [reporter] })
}

function printFinal(c: ConsolaInstance, report: TestRunReport, s: Style, pathOf: PathOf, detailsShown: boolean): void {
  const problems = report.results.filter(isProblem)
  if (problems.length && !detailsShown) {
    c.log('')
    c.log(s.bold('Failures:'))
    for (const r of problems) {
      c.log('')
      c.log(resultLine(r, s, false))
      c.log(failureDetails(r, s, pathOf))
    }
  }
  if (report.results.length === 0) return
  c.log('')
  c.log(summaryTable(report, s))
  c.log('')
  c.log(summaryLine(report, s))
}

/** One line per finished test; the details of failures come at the end. */
export function plainView(stream: OutStream, s: Style, pathOf: PathOf): RunView {
  const c = messagesTo(stream)
  return {
    onEvent(e) {
      if (e.type === 'test-end') c.log(resultLine(e.result, s, true))
      else if (e.type === 'test-retry') c.log(s.yellow(`… ${e.test.key} rate limited, running it again in ${formatDuration(e.delayMs)}`))
    },
    note: (text) => c.warn(text),
    finish: (report) => printFinal(c, report, s, pathOf, false),
  }
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

interface Running {
  readonly test: SelectedTest
  readonly since: number
  waitingUntil?: number
}

export interface LiveViewOptions {
  readonly now?: () => number
  /** Redraw period (default 80 ms); 0 draws only on events (for tests). */
  readonly intervalMs?: number
}

/** The live region on a terminal. */
export function liveView(stream: OutStream, s: Style, pathOf: PathOf, opts: LiveViewOptions = {}): RunView {
  const c = messagesTo(stream)
  const now = opts.now ?? Date.now
  const running = new Map<string, Running>()
  let total = 0
  let done = 0
  let passed = 0
  let failed = 0
  let drawn = 0
  let frame = 0
  let timer: ReturnType<typeof setInterval> | undefined
  let stopped = false

  const fit = (line: string): string => {
    const width = Math.max(20, (stream.columns || 80) - 1)
    const plain = stripAnsi(line)
    return plain.length <= width ? line : plain.slice(0, width - 1) + '…'
  }
  const lines = (): string[] => {
    const out: string[] = []
    const room = Math.max(1, Math.min(8, (stream.rows || 24) - 4))
    const list = [...running.values()]
    const spin = s.cyan(SPINNER[frame % SPINNER.length]!)
    for (const r of list.slice(0, list.length > room ? room - 1 : room)) {
      const t = now()
      const waiting = r.waitingUntil !== undefined && r.waitingUntil > t ? s.yellow(` rate limited, again in ${formatDuration(r.waitingUntil - t)}`) : ''
      out.push(fit(`${spin} ${r.test.key} ${s.dim(formatDuration(t - r.since))}${waiting}`))
    }
    if (list.length > room) out.push(fit(s.dim(`  … and ${list.length - room + 1} more running`)))
    const counts = [s.green(`✔ ${passed}`), ...(failed ? [s.red(`✘ ${failed}`)] : [])]
    out.push(fit(`${s.bold(`${done}/${total}`)} ${counts.join(' ')}`))
    return out
  }
  const clear = () => {
    if (drawn > 0) stream.write(`\x1b[${drawn}F\x1b[J`)
    drawn = 0
  }
  const draw = () => {
    if (stopped) return
    clear()
    const l = lines()
    stream.write(l.join('\n') + '\n')
    drawn = l.length
  }
  const above = (text: string) => {
    clear()
    c.log(text)
    draw()
  }
  const stop = () => {
    if (stopped) return
    stopped = true
    if (timer) clearInterval(timer)
    timer = undefined
    clear()
    stream.write('\x1b[?25h')
  }

  return {
    onEvent(e) {
      switch (e.type) {
        case 'run-start':
          total = e.tests.length
          stream.write('\x1b[?25l')
          if ((opts.intervalMs ?? 80) > 0) {
            timer = setInterval(() => {
              frame++
              draw()
            }, opts.intervalMs ?? 80)
            ;(timer as { unref?: () => void }).unref?.()
          }
          draw()
          return
        case 'test-start':
          if (!running.has(e.test.key)) running.set(e.test.key, { test: e.test, since: now() })
          else running.get(e.test.key)!.waitingUntil = undefined
          draw()
          return
        case 'test-retry': {
          const r = running.get(e.test.key)
          if (r) r.waitingUntil = now() + e.delayMs
          draw()
          return
        }
        case 'test-end': {
          const r = e.result
          running.delete(r.key)
          done++
          if (r.outcome === 'passed') passed++
          else if (r.outcome === 'failed' || r.outcome === 'checks_failed') failed++
          above(isProblem(r) ? resultLine(r, s, false) + '\n' + failureDetails(r, s, pathOf) : resultLine(r, s, false))
          return
        }
        case 'run-end':
          stop()
          return
      }
    },
    note: (text) => above(s.yellow(text)),
    finish(report) {
      stop()
      printFinal(c, report, s, pathOf, true)
    },
  }
}
