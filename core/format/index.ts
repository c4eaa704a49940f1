// `ctx.output_format`: the schema text BAML puts into prompts to tell the model how to answer.
//
//   renderOutputFormat(ir, fn.returnType)                       // {{ ctx.output_format }}
//   renderOutputFormat(ir, fn.returnType, parseOutputFormatKwargs({ prefix: null }))
//
// Results are cached per (IR object, target type object, options), so repeated request builds
// for the same function cost a few map lookups.
import type { BamlIR, TypeIR } from '../ir/types.ts'
import { collectUsedModels, type UsedModels } from './collect.ts'
import { optionsKey, resolveOptions, type OutputFormatOptions } from './options.ts'
import { renderSchema } from './render.ts'

export type { OutputFormatOptions } from './options.ts'
export { parseOutputFormatKwargs } from './kwargs.ts'

interface TargetCache {
  used?: UsedModels
  readonly texts: Map<string, string>
}

const cache = new WeakMap<BamlIR, WeakMap<TypeIR, TargetCache>>()

/** At most this many option variants are remembered per target. */
const MAX_VARIANTS = 64

/**
 * The text `{{ ctx.output_format(...) }}` prints for `target` ("" when there is nothing to say,
 * e.g. a `string` target without a prefix). Throws BamlTemplateError for output types that
 * cannot be described (media) and for `hoistClasses` names the target does not use.
 */
export function renderOutputFormat(ir: BamlIR, target: TypeIR, options?: OutputFormatOptions): string {
  let perIr = cache.get(ir)
  if (!perIr) {
    perIr = new WeakMap()
    cache.set(ir, perIr)
  }
  let entry = perIr.get(target)
  if (!entry) {
    entry = { texts: new Map() }
    perIr.set(target, entry)
  }
  const resolved = resolveOptions(options)
  const key = optionsKey(resolved)
  const hit = entry.texts.get(key)
  if (hit !== undefined) return hit

  entry.used ??= collectUsedModels(ir, target)
  const text = renderSchema(entry.used, target, resolved)
  if (entry.texts.size >= MAX_VARIANTS) entry.texts.clear()
  entry.texts.set(key, text)
  return text
}
