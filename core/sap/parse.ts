// One parse of model output against a return type: read candidates, coerce, validate streaming
// state, serialise. The stream parser keeps the caches between calls; a one-shot parse does not.
import { BamlValidationError } from '../errors.ts'
import type { BamlIR, TypeIR } from '../ir/types.ts'
import type { Ctx, Env } from './coerce/context.ts'
import { coerce } from './coerce/coerce.ts'
import { F, formatError, isErr } from './coerce/result.ts'
import { NestingTooDeep } from './jsonish/fixing-parser.ts'
import { newReader, readJsonish, type Reader } from './jsonish/reader.ts'
import { Source } from './jsonish/source.ts'
import { isComplete, type JValue } from './jsonish/value.ts'
import { work } from './work.ts'
import { alwaysRequiredDone, newRenderMemo, renderResponse, ShapeMismatch, type RenderMemo } from './response.ts'
import { asReturnType, Schema, type CType } from './schema.ts'

const schemas = new WeakMap<BamlIR, Schema>()
const compiled = new WeakMap<Schema, WeakMap<TypeIR, { final: CType; partial: CType }>>()

export function schemaFor(ir: BamlIR): Schema {
  let s = schemas.get(ir)
  if (s === undefined) {
    s = new Schema(ir)
    schemas.set(ir, s)
  }
  return s
}

/** The final and partial coercion types for a function's return type. */
export function targetTypes(schema: Schema, target: TypeIR): { final: CType; partial: CType } {
  let m = compiled.get(schema)
  if (m === undefined) {
    m = new WeakMap()
    compiled.set(schema, m)
  }
  let t = m.get(target)
  if (t === undefined) {
    const final = asReturnType(schema.compile(target))
    t = { final, partial: schema.partial(final) }
    m.set(target, t)
  }
  return t
}

/** State kept by a stream parser between calls; omitted for one-shot parses. */
export interface ParseCaches {
  readonly reader: Reader
  readonly growing: WeakMap<object, Map<number, unknown>>
  /** one environment per mode, so memoised results stay valid from push to push */
  readonly envs: Map<boolean, Env>
  readonly renderMemo: RenderMemo
  /** the last push's value when it was read from scalars only (see scalarSignature) */
  lastScalar: { readonly sig: string; readonly value: unknown } | undefined
}

/** Fresh caches; `reader` may be one that has already read a prefix of the text. */
export function newParseCaches(reader: Reader = newReader()): ParseCaches {
  return { reader, growing: new WeakMap(), envs: new Map(), renderMemo: newRenderMemo(), lastScalar: undefined }
}

/**
 * A failure carries a function making its error: a stream push that fails only returns undefined,
 * and building the error (its message can describe a large value; an Error records a stack
 * trace) would cost every such push.
 */
export type ParseOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: () => BamlValidationError }

function fail(text: string, message: () => string): ParseOutcome {
  return {
    ok: false,
    error: () => {
      const m = message()
      return new BamlValidationError('', m, text, m)
    },
  }
}

export function runParse(
  schema: Schema,
  types: { final: CType; partial: CType },
  text: string,
  partial: boolean,
  caches?: ParseCaches,
): ParseOutcome {
  try {
    return parseOnce(schema, types, text, partial, caches)
  } catch (e) {
    // The reader refuses nesting past MAX_NESTING, which keeps the recursive steps well inside
    // the stack; a RangeError (stack overflow) is still reported as a parse failure, not a crash.
    if (e === NestingTooDeep) return fail(text, () => `Failed to parse the output: ${NestingTooDeep.message}`)
    if (e instanceof RangeError) return fail(text, () => 'Failed to parse the output: it is nested too deeply')
    throw e
  }
}

function parseOnce(
  schema: Schema,
  types: { final: CType; partial: CType },
  text: string,
  partial: boolean,
  caches: ParseCaches | undefined,
): ParseOutcome {
  const t = partial ? types.partial : types.final
  if (t.k === 'string') return { ok: true, value: text }
  // (kept caches belong to a stream parser, whose reader's text is `text` and only grows)
  const jv = readJsonish(caches?.reader ?? newReader(Source.of(text)), !partial)
  // A partial value of a type that may only appear complete (int, enum, ...) is withheld when the
  // value read is not complete, whatever coercion makes of it: skip coercing it (matching a long
  // text against an int or enum reads all of it, on every push of a stream).
  if (partial && alwaysRequiredDone(t) && !isComplete(jv)) {
    return fail(text, () => 'Failed to coerce value: the value is not complete enough to stream yet')
  }
  // A stream of free text or a long number before any JSON: the candidates are scalars whose
  // content a multi-field class does not read, so the result stays what it was (see
  // scalarSignature); skip coercing and rendering it again.
  const sig = caches !== undefined && partial ? scalarSignature(schema, t, jv) : undefined
  if (sig !== undefined && caches!.lastScalar?.sig === sig) return { ok: true, value: caches!.lastScalar.value }
  const out = coerceAndRender(schema, t, jv, text, partial, caches)
  if (caches !== undefined) caches.lastScalar = sig !== undefined && out.ok ? { sig, value: out.value } : undefined
  return out
}

/** Candidate nodes past which scalarSignature gives up (it runs on every push). */
const SIG_NODES = 8

/**
 * For a class target with other than one field (no implied field, nothing reads a scalar's
 * content) and no constraints, when the candidates are scalars (strings, numbers, bools, nulls,
 * maybe fixed and grouped as choices): a string naming their shape and completeness, which is
 * all coercing them to the class depends on. Undefined otherwise.
 */
function scalarSignature(schema: Schema, t: CType, jv: JValue): string | undefined {
  if (t.k !== 'class' || t.m.constraints.length > 0) return undefined
  const cls = schema.cls(t.name, t.streaming)
  if (cls !== undefined && (cls.fields.length === 1 || cls.constraints.length > 0)) return undefined
  let sig = ''
  let nodes = 0
  const walk = (v: JValue): boolean => {
    work.steps++
    if (++nodes > SIG_NODES) return false
    switch (v.t) {
      case 'str':
      case 'num':
      case 'bool':
      case 'null':
        sig += isComplete(v) ? 'c' : 'i'
        return true
      case 'fixed':
        sig += 'f('
        if (!walk(v.inner)) return false
        sig += ')'
        return true
      case 'any':
        sig += (isComplete(v) ? 'C' : 'I') + (v.origin === undefined ? '(' : 'o(')
        for (const c of v.choices) if (!walk(c)) return false
        sig += ')'
        return true
      default:
        return false
    }
  }
  return walk(jv) ? sig : undefined
}

function coerceAndRender(
  schema: Schema,
  t: CType,
  jv: JValue,
  text: string,
  partial: boolean,
  caches: ParseCaches | undefined,
): ParseOutcome {
  let env = caches?.envs.get(partial)
  if (env === undefined) {
    env = {
      schema,
      streaming: partial,
      memo: caches !== undefined,
      growing: caches?.growing,
      completeClasses: partial ? schema.completeClassesFor(t) : undefined,
    }
    caches?.envs.set(partial, env)
  }
  const ctx: Ctx = {
    env,
    scope: undefined,
    visitedCoerce: undefined,
    visitedCast: undefined,
    hint: undefined,
  }
  const r = coerce(ctx, t, t, jv)
  if (isErr(r)) return fail(text, () => `Failed to coerce value: ${formatError(r)}`)
  for (const fl of r.flags) {
    if (fl.f === F.InferedObject && fl.v !== undefined && fl.v.t === 'str') {
      return fail(text, () => 'Failed to coerce value: a plain string cannot stand for an object at the top level')
    }
  }
  let out: { value: unknown } | undefined
  try {
    out = renderResponse(r, { schema, partial, memo: caches?.renderMemo })
  } catch (e) {
    if (e instanceof ShapeMismatch) return fail(text, () => `Failed to coerce value: ${e.message}`)
    throw e
  }
  if (out === undefined) {
    return fail(text, () => 'Failed to coerce value: the value is not complete enough to stream yet')
  }
  return { ok: true, value: out.value }
}
