// Writing to stdout and stderr with synchronous `write(2)` calls, so that a failed write is an error
// at the place that wrote, not an unhandled stream event with a stack trace:
// - stdout to a closed pipe (`baml render F | head -c 20`): OutputClosed, the command ends quietly;
// - any other failure (`> /dev/full`, stdout closed with `>&-`): OutputError, one line, exit 1.
// A write to stderr that fails is dropped (there is nowhere left to say so) and the exit code becomes 1.
// Dependency-free: `--help` and `--version` use it without loading the core, and `check` without consola.
import { readFileSync, readlinkSync, writeSync } from 'node:fs'

/** stdout was closed by the reader: stop writing, end quietly. */
export class OutputClosed extends Error {
  override name = 'OutputClosed'
  constructor() {
    super('standard output was closed')
  }
}

/** stdout cannot be written (disk full, closed descriptor, I/O error). */
export class OutputError extends Error {
  override name = 'OutputError'
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EBADF: 'it is closed',
  EIO: 'input/output error',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EINVAL: 'invalid argument',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
}

let stderrFailed = false

/** True once a write to stderr failed (the exit code should then not be 0). */
export function stderrWriteFailed(): boolean {
  return stderrFailed
}

const sleeper = typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : undefined

/** All of `data` to `fd`; waits while a non-blocking descriptor is full. Throws the write's error. */
function writeAll(fd: number, data: Uint8Array): void {
  let done = 0
  while (done < data.length) {
    try {
      done += writeSync(fd, data, done)
    } catch (e) {
      if ((e as { code?: string }).code !== 'EAGAIN') throw e
      if (sleeper) Atomics.wait(sleeper, 0, 0, 1)
    }
  }
}

let stdoutChecked = false

/**
 * Bun, like Node, opens /dev/null on a standard descriptor it finds closed, so `baml render F >&-`
 * would write into nothing and exit 0. Bun opens it read-write and close-on-exec, which a redirect
 * (`>/dev/null`: write-only) or a parent's "ignore" (not close-on-exec) does not, so on Linux the
 * descriptor's flags tell. (Under Node a closed stdout cannot be told from one sent to /dev/null.)
 */
function stdoutWasClosed(): boolean {
  if (!process.versions.bun || process.platform !== 'linux') return false
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false
    const m = /^flags:\s*([0-7]+)/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))
    if (!m) return false
    const flags = parseInt(m[1]!, 8)
    const O_ACCMODE = 3
    const O_RDWR = 2
    const O_CLOEXEC = 0o2000000
    return (flags & O_ACCMODE) === O_RDWR && (flags & O_CLOEXEC) !== 0
  } catch {
    return false
  }
}

/** Machine output (JSON, rendered text) to stdout. Throws OutputClosed or OutputError. */
export function writeOut(text: string): void {
  if (!stdoutChecked) {
    stdoutChecked = true
    if (stdoutWasClosed()) throw new OutputError('cannot write to standard output: it is closed')
  }
  try {
    writeAll(1, new TextEncoder().encode(text))
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'EPIPE') throw new OutputClosed()
    throw new OutputError(`cannot write to standard output: ${(code && REASONS[code]) ?? (e as Error).message}`)
  }
}

/** A value as indented JSON on stdout. */
export function printJson(value: unknown): void {
  writeOut(JSON.stringify(value, null, 2) + '\n')
}

/** Text for people to stderr (reports, log lines). Never throws. */
export function writeErr(text: string): void {
  try {
    writeAll(2, new TextEncoder().encode(text))
  } catch (e) {
    if ((e as { code?: string }).code !== 'EPIPE') stderrFailed = true
  }
}

/**
 * What the environment says about colour: off with NO_COLOR, on with FORCE_COLOR (not "0"), off with
 * TERM=dumb; undefined when only whether the stream is a terminal can tell.
 */
export function colorFromEnv(): boolean | undefined {
  if (process.env.NO_COLOR) return false
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true
  if (process.env.TERM === 'dumb') return false
  return undefined
}

/** Whether text for `fd` (1 or 2) may be coloured: a terminal, NO_COLOR unset (FORCE_COLOR forces it). */
export async function colorFor(fd: 1 | 2): Promise<boolean> {
  // node:tty takes a few milliseconds to load in Bun: callers ask only when there is something to colour.
  return colorFromEnv() ?? (await import('node:tty')).isatty(fd)
}

/** Whether people-facing text on stderr may be coloured. */
export function stderrColor(): Promise<boolean> {
  return colorFor(2)
}
