// The consola instance `baml init` prints through. It is built from consola's core entry with a
// small reporter of ours: consola's default entry inlines std-env, whose `import.meta.env` cannot be
// compiled into the CommonJS-shaped bytecode binary (`bun build --compile --bytecode`).
import type { Writable } from 'node:stream'
import { createConsola, LogLevels, type ConsolaInstance, type ConsolaReporter, type LogObject } from 'consola/core'
import { format } from 'node:util'

const ICONS: Readonly<Record<string, readonly [string, string]>> = {
  // type: [icon, ANSI colour]
  success: ['✔', '32'],
  info: ['ℹ', '36'],
  warn: ['⚠', '33'],
  error: ['✖', '31'],
  fatal: ['✖', '31'],
}

function reporter(stdout: Writable, stderr: Writable, color: boolean): ConsolaReporter {
  return {
    log(obj: LogObject) {
      // Errors and warnings to stderr, everything else to stdout (as consola's own reporters do).
      const stream = obj.level < 2 ? stderr : stdout
      const text = format(...(obj.args as unknown[]))
      const icon = ICONS[obj.type]
      const prefix = icon ? (color ? `\x1b[${icon[1]}m${icon[0]}\x1b[39m ` : `${icon[0]} `) : ''
      stream.write(prefix + text + '\n')
    },
  }
}

export function initLogger(
  stdout: Writable,
  stderr: Writable,
  env: Readonly<Record<string, string | undefined>>,
): ConsolaInstance {
  const level = Number.parseInt(env.CONSOLA_LEVEL ?? '', 10)
  const tty = (s: Writable) => (s as { isTTY?: boolean }).isTTY === true
  const color = !env.NO_COLOR && env.TERM !== 'dumb' && tty(stdout) && tty(stderr)
  return createConsola({
    level: Number.isNaN(level) ? LogLevels.info : level,
    reporters: [reporter(stdout, stderr, color)],
  })
}
