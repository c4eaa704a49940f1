// Coerced values with the reference's flags (BamlValueWithFlags + DeserializerConditions), their
// scores, and parse errors. Coerced nodes are immutable: adding a flag makes a shallow copy, so
// results can be memoised and shared between successive stream parses.
import type { CType } from '../schema.ts'
import type { JValue } from '../jsonish/value.ts'

// Flag codes (ObjectFromMarkdown carries its score in `n`, ArrayItemParseError its index, UnionMatch
// its variant index, StrMatchOneFromMany its total count; InferedObject keeps the value in `v`).
export const F = {
  ObjectFromMarkdown: 0,
  ObjectFromFixedJson: 1,
  DefaultButHadUnparseableValue: 2,
  ObjectToString: 3,
  ObjectToPrimitive: 4,
  ObjectToMap: 5,
  ExtraKey: 6,
  StrippedNonAlphaNumeric: 7,
  SubstringMatch: 8,
  SingleToArray: 9,
  ArrayItemParseError: 10,
  MapKeyParseError: 11,
  MapValueParseError: 12,
  JsonToString: 13,
  ImpliedKey: 14,
  InferedObject: 15,
  FirstMatch: 16,
  UnionMatch: 17,
  StrMatchOneFromMany: 18,
  DefaultFromNoValue: 19,
  DefaultButHadValue: 20,
  OptionalDefaultFromNoValue: 21,
  StringToBool: 22,
  StringToNull: 23,
  StringToChar: 24,
  StringToFloat: 25,
  FloatToInt: 26,
  NoFields: 27,
  ConstraintResults: 28,
  Incomplete: 29,
  Pending: 30,
} as const
export type FlagCode = (typeof F)[keyof typeof F]

export interface CheckResult {
  readonly name: string
  readonly expression: string
  readonly ok: boolean
}

export interface Flag {
  readonly f: FlagCode
  readonly n?: number
  readonly v?: JValue
  readonly checks?: readonly CheckResult[]
  readonly err?: ParseError
}

export function flagScore(fl: Flag): number {
  switch (fl.f) {
    case F.InferedObject:
    case F.ObjectFromFixedJson:
    case F.UnionMatch:
    case F.ConstraintResults:
    case F.Incomplete:
    case F.Pending:
      return 0
    case F.OptionalDefaultFromNoValue:
      return 1
    case F.DefaultFromNoValue:
      return 100
    case F.DefaultButHadValue:
      return 110
    case F.ObjectFromMarkdown:
      return fl.n ?? 0
    case F.DefaultButHadUnparseableValue:
      return 2
    case F.ObjectToMap:
    case F.ExtraKey:
    case F.SingleToArray:
    case F.MapKeyParseError:
    case F.MapValueParseError:
    case F.FirstMatch:
    case F.StringToBool:
    case F.StringToNull:
    case F.StringToChar:
    case F.StringToFloat:
    case F.FloatToInt:
    case F.NoFields:
      return 1
    case F.ObjectToString:
    case F.ObjectToPrimitive:
    case F.SubstringMatch:
    case F.ImpliedKey:
    case F.JsonToString:
      return 2
    case F.StrippedNonAlphaNumeric:
      return 3
    case F.ArrayItemParseError:
      return 1 + (fl.n ?? 0)
    case F.StrMatchOneFromMany:
      return fl.n ?? 0
  }
}

export type CVKind = 'string' | 'int' | 'float' | 'bool' | 'null' | 'enum' | 'list' | 'map' | 'class'

interface CVBase {
  readonly flags: readonly Flag[]
  /** the type this value was coerced to (the reference's `field_type()`) */
  readonly target: CType
}

export type CV =
  | (CVBase & { readonly k: 'string'; readonly v: string })
  | (CVBase & { readonly k: 'int' | 'float'; readonly v: number })
  | (CVBase & { readonly k: 'bool'; readonly v: boolean })
  | (CVBase & { readonly k: 'null' })
  | (CVBase & { readonly k: 'enum'; readonly name: string; readonly v: string })
  | (CVBase & { readonly k: 'list'; readonly items: readonly CV[] })
  | (CVBase & { readonly k: 'map'; readonly keys: readonly string[]; readonly vals: readonly CV[] })
  | (CVBase & { readonly k: 'class'; readonly name: string; readonly keys: readonly string[]; readonly vals: readonly CV[] })

export interface ParseError {
  readonly err: true
  readonly scope: readonly string[]
  readonly reason: string
  readonly causes: readonly ParseError[]
}

export type Result = CV | ParseError

export function isErr(r: Result): r is ParseError {
  return (r as ParseError).err === true
}

export function perr(scope: readonly string[], reason: string, causes: readonly ParseError[] = []): ParseError {
  return { err: true, scope, reason, causes }
}

export function withFlag(v: CV, fl: Flag): CV {
  return { ...v, flags: [...v.flags, fl] } as CV
}

export function withFlags(v: CV, fls: readonly Flag[]): CV {
  if (fls.length === 0) return v
  return { ...v, flags: [...v.flags, ...fls] } as CV
}

export function withTarget(v: CV, target: CType): CV {
  if (v.target === target) return v
  return { ...v, target } as CV
}

export function hasFlag(v: CV, f: FlagCode): boolean {
  for (const fl of v.flags) if (fl.f === f) return true
  return false
}

const scoreCache = new WeakMap<CV, number>()

/** The reference's (inherent) `BamlValueWithFlags::score`: flags plus the children's scores. */
export function score(v: CV): number {
  const hit = scoreCache.get(v)
  if (hit !== undefined) return hit
  let s = 0
  for (const fl of v.flags) s += flagScore(fl)
  if (v.k === 'list') for (const it of v.items) s += score(it)
  else if (v.k === 'map' || v.k === 'class') for (const it of v.vals) s += score(it)
  scoreCache.set(v, s)
  return s
}

export function isComposite(v: CV): boolean {
  return v.k === 'list' || v.k === 'map' || v.k === 'class'
}

/** Check results attached to this node (not its children). */
export function checksOf(v: CV): CheckResult[] {
  let out: CheckResult[] | undefined
  for (const fl of v.flags) {
    if (fl.f === F.ConstraintResults && fl.checks) {
      if (!out) out = []
      out.push(...fl.checks)
    }
  }
  return out ?? []
}

export function formatError(e: ParseError): string {
  const head = `${e.scope.length === 0 ? '<root>' : e.scope.join('.')}: ${e.reason}`
  let s = head
  for (const c of e.causes) s += '\n  - ' + formatError(c).replace(/\n/g, '\n  ')
  return s
}
