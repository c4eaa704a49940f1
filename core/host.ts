// What the portable core needs from its host. cli/ provides a Node/Bun/Deno adapter;
// browsers and edge runtimes can pass their own (or none: everything except file access works).

export interface Host {
  /** Read a file as bytes (media `file` args) . Paths are absolute or relative to the process. */
  readFile?(path: string): Promise<Uint8Array>
  /** Read a text file. */
  readTextFile?(path: string): Promise<string>
  /** Every `.baml` file under `dir`, as paths relative to `dir`'s parent joined with `/`. */
  listBamlFiles?(dir: string): Promise<Record<string, string>>
  /** Process environment (a snapshot taken per call). */
  env?(): Record<string, string | undefined>
  /** Milliseconds since the epoch. */
  now?(): number
}
