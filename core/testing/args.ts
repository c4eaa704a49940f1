// A test's `args { ... }` as the function's arguments, built as the reference builds them: strings as
// written (block strings already dedented by the loader), `5.0` kept a float (a `Float` box, so that
// `int | float` picks float and the prompt prints `5.0`), and media maps (`{ url }`, `{ base64
// media_type }`, `{ file }`) turned into media where the parameter's type expects media, `file` paths
// read relative to the `.baml` file that holds the test.
import { BamlInvalidArgumentError } from '../errors.ts'
import type { BamlIR, ConfigValue, FunctionIR, MediaKind, TestIR, TypeIR } from '../ir/types.ts'
import type { Env } from '../runtime/runtime.ts'
import { Float } from '../template/value.ts'
import type { BamlMedia } from '../values.ts'

export interface TestArgsOptions {
  /** For `env.NAME` values. */
  readonly env?: Env
  /** Where a media `file` path (as written in the test) is read from; default: as written. */
  readonly resolveFile?: (path: string) => string
}

const MEDIA_KEYS = new Set(['url', 'base64', 'file', 'media_type'])

/** The aliases resolved away (recursive ones through the IR). */
function resolve(ir: BamlIR, t: TypeIR | undefined, depth = 0): TypeIR | undefined {
  if (t?.kind === 'alias' && depth < 32) return resolve(ir, ir.typeAliases.get(t.name)?.type, depth + 1)
  return t
}

/** The options of a (possibly nested, possibly aliased) union, flattened. */
function options(ir: BamlIR, t: TypeIR | undefined): TypeIR[] {
  const r = resolve(ir, t)
  if (!r) return []
  if (r.kind === 'union') return r.options.flatMap((o) => options(ir, o))
  return [r]
}

function mediaKindFor(ir: BamlIR, t: TypeIR | undefined, v: Extract<ConfigValue, { kind: 'map' }>): MediaKind | undefined {
  if (v.entries.length === 0 || !v.entries.every((e) => MEDIA_KEYS.has(e.key))) return undefined
  for (const o of options(ir, t)) if (o.kind === 'media') return o.name
  return undefined
}

function toMedia(kind: MediaKind, v: Extract<ConfigValue, { kind: 'map' }>, opts: TestArgsOptions): BamlMedia {
  const field = (k: string): string | undefined => {
    const e = v.entries.find((x) => x.key === k)
    if (!e) return undefined
    if (e.value.kind !== 'string') throw new BamlInvalidArgumentError(`media \`${k}\` must be a string`)
    return e.value.value
  }
  const mediaType = field('media_type') ?? (kind === 'pdf' ? 'application/pdf' : undefined)
  const typed = (m: BamlMedia): BamlMedia => (mediaType === undefined ? m : { ...m, mediaType })
  const url = field('url')
  if (url !== undefined) return typed({ __baml_media: kind, url })
  const base64 = field('base64')
  if (base64 !== undefined) return typed({ __baml_media: kind, base64 })
  const file = field('file')
  if (file !== undefined) return typed({ __baml_media: kind, file: opts.resolveFile ? opts.resolveFile(file) : file })
  throw new BamlInvalidArgumentError('a media argument needs `url`, `base64` or `file`')
}

function convert(ir: BamlIR, v: ConfigValue, t: TypeIR | undefined, opts: TestArgsOptions): unknown {
  switch (v.kind) {
    case 'string':
      return v.value
    case 'number':
      // Written with a fraction (`5.0`): a float even when its value is integral.
      return !v.isInt && Number.isInteger(v.value) ? new Float(v.value) : v.value
    case 'bool':
      return v.value
    case 'null':
      return null
    case 'ident':
      return v.name
    case 'env': {
      const value = opts.env?.[v.name]
      if (value === undefined) throw new BamlInvalidArgumentError(`environment variable ${v.name} is not set`)
      return value
    }
    case 'array': {
      const item = options(ir, t).find((o) => o.kind === 'list')
      return v.items.map((x) => convert(ir, x, item?.kind === 'list' ? item.item : undefined, opts))
    }
    case 'map': {
      const media = mediaKindFor(ir, t, v)
      if (media) return toMedia(media, v, opts)
      const opt = options(ir, t)
      const cls = opt.find((o) => o.kind === 'class')
      const fields = cls?.kind === 'class' ? ir.classes.get(cls.name)?.fields : undefined
      const map = opt.find((o) => o.kind === 'map')
      const out: Record<string, unknown> = {}
      for (const e of v.entries) {
        const ft = fields ? fields.find((f) => f.name === e.key)?.type : map?.kind === 'map' ? map.value : undefined
        out[e.key] = convert(ir, e.value, ft, opts)
      }
      return out
    }
  }
}

/**
 * The arguments of `test` for `fn`, keyed by parameter name in the order written. `ir` is the
 * project's IR with the test's type_builder applied (its dynamic fields may hold media).
 */
export function buildTestArgs(ir: BamlIR, fn: FunctionIR, test: TestIR, opts: TestArgsOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const a of test.args) out[a.key] = convert(ir, a.value, fn.params.find((p) => p.name === a.key)?.type, opts)
  return out
}
