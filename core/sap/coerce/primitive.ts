// Coercion to string, int, float, bool and null (the reference's coerce_primitive.rs).
import { asI64, bigIntegerOf, displayValue, describeValue, isComplete, jnum, wrapToI64, type JValue } from '../jsonish/value.ts'
import type { CType, PrimKind } from '../schema.ts'
import { f64AsI64, isRustIntSyntax, parseRustFloat, parseRustInt, rustRound, rustTrim } from '../text.ts'
import type { Ctx } from './context.ts'
import { matchString } from './match-string.ts'
import { fromCommaSeparated, fromFraction } from './numbers-in-text.ts'
import { F, isErr, perr, withFlag, type CV, type Flag, type Result } from './result.ts'
import { coerceArrayToSingular } from './pick-best.ts'
import { typeName } from './type-name.ts'

function incomplete(r: Result, v: JValue): Result {
  if (isErr(r) || isComplete(v)) return r
  return withFlag(r, { f: F.Incomplete })
}

export function unexpected(ctx: Ctx, t: CType, v: JValue): Result {
  return perr(ctx.scope, `Expected ${typeName(t)}, got ${describeValue(v)}.`)
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

function intFromFloat(n: number, t: CType, extra?: Flag): CV {
  const flags: Flag[] = [{ f: F.FloatToInt }]
  if (extra) flags.push(extra)
  return { k: 'int', v: f64AsI64(rustRound(n)), flags, target: t }
}

export function coerceInt(ctx: Ctx, t: CType, v: JValue | undefined): Result {
  if (v === undefined) return perr(ctx.scope, `Expected ${typeName(t)}, got null`)
  let r: Result
  switch (v.t) {
    case 'num':
      // an integer that only fits u64 wraps around, as `n as i64` does in the reference
      r = v.int ? { k: 'int', v: wrapToI64(v), flags: [], target: t } : intFromFloat(v.n, t)
      break
    case 'str': {
      const s = trimTrailingCommas(rustTrim(v.s))
      if (isRustIntSyntax(s)) {
        const exact = bigIntegerOf(s)
        if (exact !== undefined) {
          r = { k: 'int', v: wrapToI64(jnum(exact.n, true, true, exact.big)), flags: [], target: t }
          break
        }
      }
      const f = parseRustFloat(s) ?? fromFraction(s) ?? fromCommaSeparated(s)
      r = f !== undefined ? intFromFloat(f, t) : unexpected(ctx, t, v)
      break
    }
    case 'arr':
      r = coerceArrayToSingular(ctx, t, v.items, (item) => coerceInt(ctx, t, item))
      break
    default:
      r = unexpected(ctx, t, v)
  }
  return incomplete(r, v)
}

export function coerceFloat(ctx: Ctx, t: CType, v: JValue | undefined): Result {
  if (v === undefined) return perr(ctx.scope, `Expected ${typeName(t)}, got null`)
  let r: Result
  switch (v.t) {
    case 'num':
      r = { k: 'float', v: v.n, flags: [], target: t }
      break
    case 'str': {
      const s = trimTrailingCommas(rustTrim(v.s))
      const f = parseRustFloat(s) ?? parseRustInt(s) ?? fromFraction(s)
      if (f !== undefined) r = { k: 'float', v: f, flags: [], target: t }
      else {
        const c = fromCommaSeparated(s)
        // flagged so that `float | string` still prefers the string for "1 cup flour, sifted"
        r = c !== undefined ? { k: 'float', v: c, flags: [{ f: F.StringToFloat }], target: t } : unexpected(ctx, t, v)
      }
      break
    }
    case 'arr':
      r = coerceArrayToSingular(ctx, t, v.items, (item) => coerceFloat(ctx, t, item))
      break
    default:
      r = unexpected(ctx, t, v)
  }
  return incomplete(r, v)
}

const BOOL_CANDIDATES = [
  ['true', ['true', 'True', 'TRUE']],
  ['false', ['false', 'False', 'FALSE']],
] as const

export function coerceBool(ctx: Ctx, t: CType, v: JValue | undefined): Result {
  if (v === undefined) return perr(ctx.scope, `Expected ${typeName(t)}, got null`)
  let r: Result
  switch (v.t) {
    case 'bool':
      r = { k: 'bool', v: v.b, flags: [], target: t }
      break
    case 'str': {
      const lower = v.s.toLowerCase()
      if (lower === 'true' || lower === 'false') {
        r = { k: 'bool', v: lower === 'true', flags: [{ f: F.StringToBool }], target: t }
        break
      }
      const m = matchString(v, BOOL_CANDIDATES, true, ctx.scope, typeName(t))
      if ('err' in m) r = unexpected(ctx, t, v)
      else r = { k: 'bool', v: m.value === 'true', flags: [...m.flags, { f: F.StringToBool }], target: t }
      break
    }
    case 'arr':
      r = coerceArrayToSingular(ctx, t, v.items, (item) => coerceBool(ctx, t, item))
      break
    default:
      r = unexpected(ctx, t, v)
  }
  return incomplete(r, v)
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
