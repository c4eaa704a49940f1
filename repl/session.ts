// The state a REPL session keeps between entries: the last good project (a BamlRuntime), the files
// it was last read from, the client and environment overrides, variables, the last request.
// Reloading keeps all of it; a project with errors is reported and the last good one stays in use.
import { BamlLoadError, BamlRuntime, type Diagnostic, type Env, type Host, type HttpRequest, type SourceFile } from '../core/index.ts'

export interface ProjectSource {
  /** The directory the `.baml` files come from, as given (`baml_src`, `../app/baml_src`). */
  readonly root: string
  /** Every `.baml` file, keyed `<dir name>/<path inside>`. Throws when the directory cannot be read. */
  read(): Record<string, string>
  /** A file's key as a path the user can open (relative to the working directory); default: the key. */
  displayPath?(file: string): string
}

export interface SessionOptions {
  readonly source: ProjectSource
  /** File access for media arguments and the runtime (the CLI's node host). */
  readonly host?: Host
  /** The environment calls start from (process.env in the CLI). */
  readonly env?: Env
  /** The network, for calls and tests (default: the global fetch). */
  readonly fetch?: typeof fetch
}

/** What a (re)load found. */
export type LoadOutcome =
  | { readonly kind: 'loaded'; readonly rt: BamlRuntime; readonly warnings: readonly Diagnostic[]; readonly first: boolean }
  /** The files have errors; `kept` says whether an earlier project is still in use. */
  | { readonly kind: 'errors'; readonly diagnostics: readonly Diagnostic[]; readonly sources: ReadonlyMap<string, SourceFile>; readonly kept: boolean }
  /** The directory could not be read. */
  | { readonly kind: 'unreadable'; readonly error: Error; readonly kept: boolean }

function sameFiles(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>>): boolean {
  if (!a) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  return ka.every((k) => a[k] === b[k])
}

function sourcesOf(files: Readonly<Record<string, string>>): Map<string, SourceFile> {
  return new Map(Object.entries(files).map(([path, text]) => [path, { path, text }]))
}

export class Session {
  /** The last project that loaded without errors. */
  rt: BamlRuntime | undefined
  /** The files as last read (whether or not they loaded). */
  private files: Record<string, string> | undefined
  /** Errors of the current files when they do not load (the REPL reminds of them). */
  brokenFiles: LoadOutcome | undefined
  /** `:env` overrides, merged over the base environment for every call. */
  readonly envOverrides: Record<string, string | undefined> = {}
  /** `:client`: the client every call uses instead of the function's. */
  client: string | undefined
  /** `:secrets on`. */
  exposeSecrets = false
  /** `let` variables and `_`. */
  readonly vars = new Map<string, unknown>()
  /** The last request built, for `:curl`. */
  lastRequest: HttpRequest | undefined

  constructor(readonly opts: SessionOptions) {}

  get root(): string {
    return this.opts.source.root
  }

  /** A project file's key as the user's path to it. */
  readonly displayPath = (file: string): string => this.opts.source.displayPath?.(file) ?? file

  /** The base environment with the `:env` overrides on top (what tests and `env.NAME` args see). */
  env(): Env {
    return { ...(this.opts.env ?? {}), ...this.envOverrides }
  }

  /**
   * Read the files and load them if they changed since the last read (always with `force`).
   * Undefined when nothing changed.
   */
  refresh(force = false): LoadOutcome | undefined {
    let files: Record<string, string>
    try {
      files = this.opts.source.read()
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e))
      // Report an unreadable directory once, until it changes again.
      if (!force && this.brokenFiles?.kind === 'unreadable' && this.brokenFiles.error.message === error.message) return undefined
      this.files = undefined
      return (this.brokenFiles = { kind: 'unreadable', error, kept: this.rt !== undefined })
    }
    if (!force && sameFiles(this.files, files)) return undefined
    this.files = files
    const first = this.rt === undefined
    try {
      const rt = BamlRuntime.fromFiles(this.root, files, this.opts.env ?? {}, this.opts.host ?? {})
      this.rt = rt
      this.brokenFiles = undefined
      return { kind: 'loaded', rt, warnings: rt.diagnostics.filter((d) => d.severity === 'warning'), first }
    } catch (e) {
      if (!(e instanceof BamlLoadError)) throw e
      return (this.brokenFiles = { kind: 'errors', diagnostics: e.diagnostics, sources: sourcesOf(files), kept: this.rt !== undefined })
    }
  }

  /** The runtime to use; throws when no version of the project has loaded yet. */
  runtime(): BamlRuntime {
    if (this.rt) return this.rt
    throw new NoProjectError(
      this.brokenFiles?.kind === 'unreadable'
        ? `cannot read the project: ${this.brokenFiles.error.message}`
        : 'the project has errors (shown above); fix them and it reloads on its own, or type :reload',
    )
  }
}

export class NoProjectError extends Error {
  override name = 'NoProjectError'
}
