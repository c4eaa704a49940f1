// Schema-aligned parsing: typed values from whatever text a model wrote.
//
//   parseLlmOutput(ir, returnType, text)                 final value (throws BamlValidationError)
//   parseLlmOutput(ir, returnType, text, {partial:true}) partial value of a streamed prefix
//   createStreamParser(ir, returnType)                   incremental partial values, then final
//
// Values are plain JSON: class instances keyed by real field names, enum values by real value
// names, checked values as `{value, checks}`, and (partial only) `@stream.with_state` values as
// `{state, value}`.
import type { BamlIR, TypeIR } from '../ir/types.ts'
import { newParseCaches, runParse, schemaFor, targetTypes } from './parse.ts'
import { newReader } from './jsonish/reader.ts'
import { Source } from './jsonish/source.ts'

export interface ParseOptions {
  /** Parse as a streamed prefix (partial types, incomplete values withheld). */
  readonly partial?: boolean
}

export function parseLlmOutput(ir: BamlIR, target: TypeIR, text: string, opts?: ParseOptions): unknown {
  const schema = schemaFor(ir)
  const r = runParse(schema, targetTypes(schema, target), text, opts?.partial === true)
  if (!r.ok) throw r.error()
  return r.value
}

export interface StreamParser {
  /** Adds text; returns the current partial value, or undefined when none can be formed yet. */
  push(chunk: string): unknown
  /** The final value of everything pushed (throws BamlValidationError). */
  end(): unknown
}

export function createStreamParser(ir: BamlIR, target: TypeIR): StreamParser {
  const schema = schemaFor(ir)
  const types = targetTypes(schema, target)
  // the reader scans `src`; `text` (the same characters, never read here) is what a string
  // return type gets back
  const src = Source.empty()
  const caches = newParseCaches(newReader(src))
  let text = ''
  let last: { len: number; value: unknown } | undefined
  return {
    push(chunk: string): unknown {
      text += chunk
      src.append(chunk)
      if (last !== undefined && last.len === text.length) return last.value
      const r = runParse(schema, types, text, true, caches)
      const value = r.ok ? r.value : undefined
      last = { len: text.length, value }
      return value
    },
    end(): unknown {
      // the final parse reuses what the reader has read, nothing coerced for partial types
      const r = runParse(schema, types, text, false, newParseCaches(caches.reader))
      if (!r.ok) throw r.error()
      return r.value
    },
  }
}
