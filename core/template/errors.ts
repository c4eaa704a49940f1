// Template errors: syntax errors carry their position in the template source; render errors are
// plain BamlTemplateErrors whose message reads like minijinja's ("unknown filter: filter x is unknown").
import { BamlTemplateError } from '../errors.ts'

/** A template failed to parse. `offset`/`end` are UTF-16 offsets; `line`/`column` are 1-based. */
export class TemplateSyntaxError extends BamlTemplateError {
  override name = 'TemplateSyntaxError'
  readonly line: number
  readonly column: number
  /** minijinja's error kind: "syntax error", or "bad string escape" for a bad `\x` in a literal. */
  readonly kind: 'syntax error' | 'bad string escape'
  constructor(
    /** The bare message, e.g. "unexpected end of input, expected end of block". */
    readonly detail: string,
    readonly source: string,
    readonly offset: number,
    readonly end: number = offset,
  ) {
    const { line, column } = lineCol(source, offset)
    const kind = detail === 'bad string escape' ? 'bad string escape' : 'syntax error'
    super(`${kind === 'syntax error' ? `syntax error: ${detail}` : kind} (in template:${line}:${column})`)
    this.kind = kind
    this.line = line
    this.column = column
  }

  /** "syntax error: <detail>", as minijinja prints it without the location. */
  get text(): string {
    return this.kind === 'syntax error' ? `syntax error: ${this.detail}` : this.kind
  }
}

function lineCol(src: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const stop = Math.min(offset, src.length)
  for (let i = 0; i < stop; i++) {
    if (src.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/** minijinja error kinds, used as message prefixes. */
export type ErrorKind =
  | 'invalid operation'
  | 'too many arguments'
  | 'missing argument'
  | 'unknown filter'
  | 'unknown function'
  | 'unknown test'
  | 'unknown method'
  | 'undefined value'
  | 'cannot unpack'
  | 'could not serialize to value'
  | 'cannot deserialize'

/** A render-time error; `kind` and `detail` follow minijinja ("invalid operation: ..."). */
export class TemplateRenderError extends BamlTemplateError {
  override name = 'BamlTemplateError'
  /** 1-based line in the template where the failing expression starts (0 if unknown). */
  line = 0
  constructor(
    readonly kind: ErrorKind,
    readonly detail?: string,
  ) {
    super(detail ? `${kind}: ${detail}` : kind)
  }
}

export function renderError(kind: ErrorKind, detail?: string): TemplateRenderError {
  return new TemplateRenderError(kind, detail)
}
