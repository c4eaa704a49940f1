// Driving the REPL in tests: a project in a temporary directory, and a session over in-memory
// streams (piped, or as a terminal with readline's line editing) whose output can be awaited.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { nodeHost, readBamlDirectory } from '../../cli/host.ts'
import { runRepl } from '../../repl/index.ts'
import { writeTree } from '../helpers/files.ts'

/** Write `files` under a new `<tmp>/baml_src`; returns that directory. */
export function writeProject(files: Record<string, string>): string {
  const root = join(mkdtempSync(join(tmpdir(), 'baml-repl-')), 'baml_src')
  writeTree(root, files)
  return root
}

export const PROJECT = `
client<llm> Local {
  provider openai-generic
  options {
    base_url env.LOCAL_URL
    model "local-model"
    api_key env.LOCAL_KEY
  }
}

class Person {
  name string
  age int
}

/// Greets someone.
function Greet(name: string, langs: string[]) -> string {
  client Local
  prompt #"
    {{ _.role("system") }}
    Greet people in {{ langs | join(", ") }}.
    {{ _.role("user") }}
    Say hello to {{ name }}.
  "#
}

function Extract(text: string) -> Person {
  client Local
  prompt #"
    Extract the person from: {{ text }}
    {{ ctx.output_format }}
  "#
}

function Describe(img: image) -> string {
  client Local
  prompt #"
    {{ _.role("user") }}
    Describe {{ img }}
  "#
}

test AdaInEnglish {
  functions [Greet]
  args {
    name "Ada"
    langs ["en"]
  }
  @@assert({{ this|length > 0 }})
}

test Grace {
  functions [Extract]
  args {
    text "Grace Hopper, 85"
  }
  @@assert(old_enough, {{ this.age == 85 }})
}
`

export interface Driven {
  /** Type a line (a newline is added unless the text holds control characters: keys go as typed). */
  send(text: string): void
  /** Results, and messages (errors, notices), as written so far. */
  readonly out: string
  readonly err: string
  /** Resolves when `pattern` appears in out+err after everything matched before; rejects after `ms`. */
  waitFor(pattern: RegExp | string, ms?: number): Promise<string>
  /** End the input and wait for the exit code. */
  end(): Promise<number>
  readonly done: Promise<number>
}

export interface DriveOptions {
  readonly dir: string
  readonly terminal?: boolean
  readonly env?: Record<string, string | undefined>
  readonly historyFile?: string | null
  readonly watch?: boolean
  readonly color?: boolean
  readonly columns?: number
  readonly rows?: number
}

export function drive(opts: DriveOptions): Driven {
  const input = new PassThrough()
  const output = new PassThrough()
  const errors = new PassThrough()
  const sizes = output as unknown as { columns: number; rows: number }
  sizes.columns = opts.columns ?? 100
  sizes.rows = opts.rows ?? 40
  let out = ''
  let err = ''
  // Both streams in the order written, for waiting.
  let log = ''
  output.on('data', (d: Buffer) => {
    out += d.toString()
    log += d.toString()
  })
  errors.on('data', (d: Buffer) => {
    err += d.toString()
    log += d.toString()
  })
  const dir = opts.dir
  const done = runRepl({
    source: { root: dir, read: () => readBamlDirectory(dir) },
    host: nodeHost(),
    env: opts.env ?? {},
    input,
    output,
    errorOutput: errors,
    terminal: opts.terminal ?? false,
    color: opts.color ?? false,
    historyFile: opts.historyFile ?? null,
    watch: opts.watch ?? false,
  })
  let seen = 0
  return {
    send(text) {
      // Keys (Tab, Enter as \r, arrows, Ctrl-C) go as typed; a plain line gets its newline.
      input.write(/[\x00-\x1f\x7f]/.test(text) ? text : text + '\n')
    },
    get out() {
      return out
    },
    get err() {
      return err
    },
    async waitFor(pattern, ms = 10_000) {
      const deadline = Date.now() + ms
      for (;;) {
        const rest = log.slice(seen)
        const m = typeof pattern === 'string' ? (rest.includes(pattern) ? { index: rest.indexOf(pattern), 0: pattern } : null) : pattern.exec(rest)
        if (m) {
          seen += m.index + m[0].length
          return rest.slice(0, m.index + m[0].length)
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; output so far:\n${out}\n--- messages:\n${err}`)
        await new Promise((r) => setTimeout(r, 10))
      }
    },
    end() {
      input.end()
      return done
    },
    done,
  }
}

/** Run a whole piped script; returns the exit code and both outputs. */
export async function script(dir: string, lines: readonly string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  const d = drive({ dir, env })
  d.send(lines.join('\n') + '\n')
  const code = await d.end()
  return { code, out: d.out, err: d.err }
}
