// The REPL's terminal side: lines in through node:readline (prompt, line editing, completion and
// history on a terminal; one entry per line when piped), results and messages out, Ctrl-C to
// cancel what runs, partial values redrawn in place, and the project reloaded when its files change.
// What an entry does is decided elsewhere (commands.ts parses it, evaluate.ts runs it).
import { createInterface, type Interface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { InputError, parseCommand } from './commands.ts'
import { complete } from './complete.ts'
import { evaluate, type LiveArea, type Output } from './evaluate.ts'
import { appendHistory, HISTORY_SIZE, historyPath, loadHistory } from './history.ts'
import { isComplete } from './input.ts'
import { errorView, reportLoad } from './report.ts'
import { Session, type SessionOptions } from './session.ts'
import { C, painter, stripAnsi } from './view.ts'
import { watchDirectory, type Watcher } from './watch.ts'

export interface ReplOptions extends SessionOptions {
  readonly input: Readable
  /** Results; on a terminal, everything. */
  readonly output: Writable
  /** Messages (notices, summaries, errors) when not on a terminal; default: `output`. */
  readonly errorOutput?: Writable
  /** Prompt, line editing, completion, history, live redraws. Default: input and output are terminals. */
  readonly terminal?: boolean
  /** Default: on a terminal, unless NO_COLOR is set (in `env`). */
  readonly color?: boolean
  /** History file; null for none. Default: $BAML_REPL_HISTORY or ~/.baml_repl_history (terminal sessions only). */
  readonly historyFile?: string | null
  /** Reload while waiting at the prompt when the files change. Default: on a terminal. */
  readonly watch?: boolean
  /** Also cancel on the process's SIGINT (when the input is not a terminal, Ctrl-C arrives as a signal). */
  readonly handleSignals?: boolean
}

const PROMPT = 'baml> '
const CONTINUE = '... '
const EOF = Symbol('eof')
/** Ctrl-C while reading; `hadText`: it cleared something typed. */
interface Interrupt {
  readonly interrupt: true
  readonly hadText: boolean
}
/** Ctrl-D on a terminal while pasting: the paste is over, the session goes on. */
const PASTE_END = Symbol('paste-end')
type Next = string | typeof EOF | typeof PASTE_END | Interrupt

function isInterrupt(n: Next): n is Interrupt {
  return typeof n === 'object'
}

type Mode = 'idle' | 'continue' | 'paste' | 'busy'

/** Run a session until `:quit` or the end of input. The exit code: 0, or 1 when an entry failed in a non-terminal session. */
export async function runRepl(opts: ReplOptions): Promise<number> {
  const { input, output } = opts
  const env = opts.env ?? {}
  const tty = (s: unknown) => Boolean((s as { isTTY?: boolean }).isTTY)
  const terminal = opts.terminal ?? (tty(input) && tty(output))
  const color = opts.color ?? (terminal && !env.NO_COLOR)
  const paint = painter(color)
  const errorOutput = terminal ? output : (opts.errorOutput ?? output)
  const session = new Session(opts)
  const history = terminal ? historyPath(opts.historyFile, env) : undefined

  let mode: Mode = 'idle'
  let running: AbortController | undefined
  let failures = 0
  let interruptedOut = false

  // ---- output ----
  let liveRows = 0
  const size = () => {
    const o = output as { columns?: number; rows?: number }
    return { columns: o.columns || 80, rows: o.rows || 24 }
  }
  const live: LiveArea = {
    show(text) {
      const { columns, rows } = size()
      let lines = text.split('\n')
      // Only what fits can be redrawn: the last lines of a tall value.
      if (lines.length > rows - 2) lines = ['…', ...lines.slice(lines.length - (rows - 3))]
      live.clear()
      output.write(lines.join('\n') + '\n')
      liveRows = lines.reduce((n, l) => n + Math.max(1, Math.ceil(stripAnsi(l).length / columns)), 0)
    },
    clear() {
      if (liveRows) output.write(`\x1b[${liveRows}A\r\x1b[J`)
      liveRows = 0
    },
  }
  const line = (t: string) => (t.endsWith('\n') ? t : t + '\n')
  const out: Output = {
    data: (t) => output.write(line(t)),
    info: (t) => {
      if (t) errorOutput.write(line(t))
    },
    paint,
    color,
    interactive: terminal,
    ...(terminal ? { live } : {}),
  }

  // ---- input ----
  const queue: Next[] = []
  let wake: (() => void) | undefined
  const push = (n: Next) => {
    queue.push(n)
    wake?.()
  }
  const next = async (): Promise<Next> => {
    while (queue.length === 0) await new Promise<void>((r) => (wake = r))
    wake = undefined
    // The end of input stays at the head of the queue: every later read sees it too.
    return queue[0] === EOF ? EOF : queue.shift()!
  }
  let pending = ''
  let closing = false
  let rl: Interface
  let savedHistory = loadHistory(history)

  const open = (): Interface => {
    const r = createInterface({
      input,
      ...(terminal ? { output } : {}),
      terminal,
      historySize: terminal ? HISTORY_SIZE : 0,
      ...(terminal ? { history: savedHistory, removeHistoryDuplicates: true } : {}),
      ...(terminal
        ? {
            completer: (text: string): [string[], string] => {
              try {
                return complete(session, pending, text)
              } catch {
                return [[], text]
              }
            },
          }
        : {}),
      tabSize: 2,
    })
    r.setPrompt(PROMPT)
    r.on('line', (l) => push(l))
    r.on('SIGINT', () => interrupt(r.line.length > 0))
    r.on('close', () => {
      if (closing) return
      // Ctrl-D on a terminal closes readline; while pasting it only ends the paste.
      const ended = (input as { readableEnded?: boolean }).readableEnded === true
      if (terminal && mode === 'paste' && !ended) {
        savedHistory = (r as unknown as { history?: string[] }).history ?? savedHistory
        rl = open()
        push(PASTE_END)
      } else push(EOF)
    })
    return r
  }

  const interrupt = (hadText: boolean) => {
    // While pasting, Ctrl-C cancels the paste (the reader gets it), not a call.
    if (running && mode !== 'paste') {
      running.abort(new Error('interrupted'))
      return
    }
    if (terminal && hadText) {
      // Drop what was typed on the line: to its end, then everything before.
      rl.write(null, { ctrl: true, name: 'e' })
      rl.write(null, { ctrl: true, name: 'u' })
    }
    push({ interrupt: true, hadText: hadText || pending !== '' })
  }
  const onSignal = () => {
    if (running) running.abort(new Error('interrupted'))
    else {
      interruptedOut = true
      push(EOF)
    }
  }

  const prompt = (p: string) => {
    if (!terminal) return
    rl.setPrompt(p)
    rl.prompt()
  }

  /** One entry: a line, or several while braces or a block string are open. */
  const readEntry = async (): Promise<string | typeof EOF | Interrupt> => {
    pending = ''
    mode = 'idle'
    prompt(PROMPT)
    for (;;) {
      const n = await next()
      if (n === PASTE_END) continue
      if (n === EOF) return pending === '' ? EOF : pending
      if (isInterrupt(n)) {
        pending = ''
        return n
      }
      const text = pending === '' ? n : pending + '\n' + n
      if (isComplete(text)) {
        pending = ''
        return text
      }
      pending = text
      mode = 'continue'
      prompt(CONTINUE)
    }
  }

  /** The lines after `parse Fn`, up to an empty line, Ctrl-D or the end of input; undefined on Ctrl-C. */
  const readPaste = async (): Promise<string | undefined> => {
    const before = mode
    mode = 'paste'
    const lines: string[] = []
    prompt('')
    try {
      for (;;) {
        const n = await next()
        if (isInterrupt(n)) return undefined
        if (n === EOF) return lines.join('\n')
        if (n === PASTE_END || n === '') return lines.join('\n')
        lines.push(n)
      }
    } finally {
      mode = before
    }
  }

  /** A message while the prompt is shown: clear the prompt line, print, draw the prompt again. */
  const printAbove = (text: string) => {
    if (!terminal || (mode !== 'idle' && mode !== 'continue')) return out.info(text)
    output.write('\r\x1b[K')
    out.info(text)
    rl.prompt(true)
  }

  const refresh = (force = false, above = false) => {
    const outcome = session.refresh(force)
    if (!outcome) return
    if (!above) return reportLoad(outcome, out, session.displayPath)
    // Collected, then printed above the prompt in one piece.
    const parts: string[] = []
    const collect = (t: string) => void parts.push(t)
    reportLoad(outcome, { paint, color, interactive: terminal, data: collect, info: collect }, session.displayPath)
    printAbove(parts.join('\n'))
  }

  // ---- start ----
  const first = session.refresh(true)!
  if (first.kind === 'unreadable') {
    out.info(`${paint(C.boldRed, 'error')}: ${first.error.message}`)
    return 1
  }
  if (first.kind === 'errors' || first.warnings.length || terminal) reportLoad(first, out, session.displayPath, { quietWhenClean: !terminal })
  if (terminal) out.info(paint(C.dim, 'Type :help for the commands, Tab to complete, Ctrl-D or :quit to leave.'))

  rl = open()
  let watcher: Watcher | undefined
  if (opts.watch ?? terminal) {
    // Started once the first prompt is up (setting up the watches is not needed to type).
    setImmediate(() => {
      if (closing) return
      watcher = watchDirectory(session.root, () => {
        if (mode === 'idle' || mode === 'continue') refresh(false, true)
      })
    })
  }
  if (opts.handleSignals) process.on('SIGINT', onSignal)

  let lastInterrupt = false
  // Leaving with Ctrl-D or Ctrl-C leaves the cursor after the prompt: end that line.
  let endLine = false
  try {
    for (;;) {
      const entry = await readEntry()
      if (entry === EOF) {
        endLine = terminal
        break
      }
      if (isInterrupt(entry)) {
        if (!terminal) break
        if (!entry.hadText && lastInterrupt) {
          endLine = true
          break
        }
        if (!entry.hadText) out.info(paint(C.dim, '(Ctrl-C again, Ctrl-D or :quit to leave)'))
        else output.write('\n')
        lastInterrupt = !entry.hadText
        continue
      }
      lastInterrupt = false
      if (terminal) appendHistory(history, entry)
      let cmd
      try {
        cmd = parseCommand(entry)
      } catch (e) {
        if (!(e instanceof InputError)) throw e
        out.info(errorView(e, entry, session, out))
        failures++
        continue
      }
      if (cmd.kind === 'quit') break
      if (cmd.kind === 'empty') continue
      // Edits since the last entry are picked up first (the watcher only reports them early).
      if (cmd.kind !== 'reload') refresh()
      mode = 'busy'
      running = new AbortController()
      const ok = await evaluate(session, cmd, entry, { out, signal: running.signal, readPaste })
      running = undefined
      if (!ok) failures++
      if (terminal) refresh()
    }
  } finally {
    closing = true
    watcher?.close()
    if (opts.handleSignals) process.removeListener('SIGINT', onSignal)
    rl.close()
    if (endLine) output.write('\n')
  }
  if (interruptedOut) return 130
  return !terminal && failures > 0 ? 1 : 0
}
