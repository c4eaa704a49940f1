// Coercion to string, int, float, bool and null (the reference's coerce_primitive.rs).
import { asI64, bigIntegerOf, displayValue, describeValue, isComplete, jnum, wrapToI64, type JValue } from '../jsonish/value.ts'
import type { CType, PrimKind } from '../schema.ts'
import { f64AsI64, isRustIntSyntax, parseRustFloat, parseRustInt, rustRound } from '../text.ts'
import { rustTrim } from '../../rust-str.ts'
import { growingSlot, SLOT, slotKey, type Ctx } from './context.ts'
import { matchString } from './match-string.ts'
import { fromCommaSeparated, fromFraction } from './numbers-in-text.ts'
import { F, isErr, perr, withFlag, type CV, type Result } from './result.ts'
import { coerceArrayToSingular, type SingularState } from './pick-best.ts'
import { typeName } from './type-name.ts'
import { work } from '../work.ts'

function incomplete(r: Result, v: JValue): Result {
  if (isErr(r) || isComplete(v)) return r
  return withFlag(r, { f: F.Incomplete })
}

export function unexpected(ctx: Ctx, t: CType, v: JValue): Result {
  return perr(ctx.scope, () => `Expected ${typeName(t)}, got ${describeValue(v)}.`)
}

export function coerceString(ctx: Ctx, t: CType, v: JValue | undefined): Result {
  if (v === undefined) return perr(ctx.scope, `Expected ${typeName(t)}, got null`)
  switch (v.t) {
    case 'str': {
      const r: CV = { k: 'string', v: v.s, flags: [], target: t }
      return v.done ? r : withFlag(r, { f: F.Incomplete })
    }
    case 'null':
      return perr(ctx.scope, `Expected ${typeName(t)}, got null`)
    case 'any': {
      // the longest string candidate that is a prefix of the raw text, else the raw text
      let best: JValue | undefined
      work.steps += v.choices.length
      for (const c of v.choices) {
        if (c.t === 'str' && v.raw.startsWith(c.s) && (best === undefined || (best.t === 'str' && c.s.length >= best.s.length))) {
          best = c
        }
      }
      const s = best !== undefined && best.t === 'str' ? best.s : v.raw
      const done = best !== undefined && best.t === 'str' ? best.done : isComplete(v)
      const r: CV = { k: 'string', v: s, flags: [], target: t }
      return done ? r : withFlag(r, { f: F.Incomplete })
    }
    default:
      return { k: 'string', v: displayValue(v), flags: [{ f: F.JsonToString, v }], target: t }
  }
}

/**
 * int, float and bool share one frame: `from` reads the kinds of value the type takes (undefined:
 * not one it reads, an error); an array gives its best item; an incomplete value stays incomplete.
 */
function coerceScalar(
  ctx: Ctx,
  t: CType,
  v: JValue | undefined,
  from: (ctx: Ctx, t: CType, v: JValue) => Result | undefined,
  kind: number,
): Result {
  if (v === undefined) return perr(ctx.scope, `Expected ${typeName(t)}, got null`)
  let r: Result
  if (v.t === 'arr') {
    const slot = growingSlot<SingularState>(ctx.env, v.origin, slotKey(SLOT.scalarFromArray, t.id * 4 + kind))
    r = coerceArrayToSingular(ctx, t, v.items, (item) => coerceScalar(ctx, t, item, from, kind), slot)
  } else r = from(ctx, t, v) ?? unexpected(ctx, t, v)
  return incomplete(r, v)
}

export function coerceInt(ctx: Ctx, t: CType, v: JValue | undefined): Result {
  return coerceScalar(ctx, t, v, intFrom, 0)
}

export function coerceFloat(ctx: Ctx, t: CType, v: JValue | undefined): Result {
  return coerceScalar(ctx, t, v, floatFrom, 1)
}

export function coerceBool(ctx: Ctx, t: CType, v: JValue | undefined): Result {
  return coerceScalar(ctx, t, v, boolFrom, 2)
}

function intFromFloat(n: number, t: CType): CV {
  return { k: 'int', v: f64AsI64(rustRound(n)), flags: [{ f: F.FloatToInt }], target: t }
}

function intFrom(_ctx: Ctx, t: CType, v: JValue): Result | undefined {
  if (v.t === 'num') {
    // an integer that only fits u64 wraps around, as `n as i64` does in the reference
    return v.int ? { k: 'int', v: wrapToI64(v), flags: [], target: t } : intFromFloat(v.n, t)
  }
  if (v.t !== 'str') return undefined
  work.steps += v.s.length
  const s = trimTrailingCommas(rustTrim(v.s))
  if (isRustIntSyntax(s)) {
    const exact = bigIntegerOf(s)
    if (exact !== undefined) return { k: 'int', v: wrapToI64(jnum(exact.n, true, true, exact.big)), flags: [], target: t }
  }
  const f = parseRustFloat(s) ?? fromFraction(s) ?? fromCommaSeparated(s)
  return f === undefined ? undefined : intFromFloat(f, t)
}

function floatFrom(_ctx: Ctx, t: CType, v: JValue): Result | undefined {
  if (v.t === 'num') return { k: 'float', v: v.n, flags: [], target: t }
  if (v.t !== 'str') return undefined
  work.steps += v.s.length
  const s = trimTrailingCommas(rustTrim(v.s))
  const f = parseRustFloat(s) ?? parseRustInt(s) ?? fromFraction(s)
  if (f !== undefined) return { k: 'float', v: f, flags: [], target: t }
  const c = fromCommaSeparated(s)
  // flagged so that `float | string` still prefers the string for "1 cup flour, sifted"
  return c === undefined ? undefined : { k: 'float', v: c, flags: [{ f: F.StringToFloat }], target: t }
}

const BOOL_CANDIDATES = [
  ['true', ['true', 'True', 'TRUE']],
  ['false', ['false', 'False', 'FALSE']],
] as const

function boolFrom(ctx: Ctx, t: CType, v: JValue): Result | undefined {
  if (v.t === 'bool') return { k: 'bool', v: v.b, flags: [], target: t }
  if (v.t !== 'str') return undefined
  work.steps += v.s.length
  const lower = v.s.toLowerCase()
  if (lower === 'true' || lower === 'false') return { k: 'bool', v: lower === 'true', flags: [{ f: F.StringToBool }], target: t }
  const m = matchString(v, BOOL_CANDIDATES, true, ctx.scope, typeName(t))
  return 'err' in m ? undefined : { k: 'bool', v: m.value === 'true', flags: [...m.flags, { f: F.StringToBool }], target: t }
}

export function coerceNull(_ctx: Ctx, t: CType, v: JValue | undefined): Result {
  if (v === undefined || v.t === 'null') return { k: 'null', flags: [], target: t }
  return { k: 'null', flags: [{ f: F.DefaultButHadValue, v }], target: t }
}

/** Strict casts (no conversions); undefined when the value is not exactly of the type. */
export function tryCastPrimitive(kind: PrimKind, t: CType, v: JValue | undefined): CV | undefined {
  if (v === undefined) return kind === 'null' ? { k: 'null', flags: [], target: t } : undefined
  let r: CV | undefined
  switch (kind) {
    case 'string':
      if (v.t === 'str') r = { k: 'string', v: v.s, flags: [], target: t }
      break
    case 'int':
      if (v.t === 'num') {
        const i = asI64(v)
        if (i !== undefined) r = { k: 'int', v: i, flags: [], target: t }
      }
      break
    case 'float':
      if (v.t === 'num') r = { k: 'float', v: v.n, flags: [], target: t }
      break
    case 'bool':
      if (v.t === 'bool') r = { k: 'bool', v: v.b, flags: [], target: t }
      break
    case 'null':
      if (v.t === 'null') r = { k: 'null', flags: [], target: t }
      break
  }
  if (r !== undefined && !isComplete(v)) r = withFlag(r, { f: F.Incomplete })
  return r
}

function trimTrailingCommas(s: string): string {
  let e = s.length
  while (e > 0 && s.charCodeAt(e - 1) === 44) e--
  return e === s.length ? s : s.slice(0, e)
}
