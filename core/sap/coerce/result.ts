// Coerced values with the reference's flags (BamlValueWithFlags + DeserializerConditions), their
// scores, and parse errors. Coerced nodes are immutable: adding a flag makes a shallow copy, so
// results can be memoised and shared between successive stream parses.
import type { CType } from '../schema.ts'
import type { JValue } from '../jsonish/value.ts'
import { work } from '../work.ts'
import type { SmallMap } from '../small-map.ts'

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

function flagScore(fl: Flag): number {
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

interface CVBase {
  readonly flags: readonly Flag[]
  /** the type this value was coerced to (the reference's `field_type()`) */
  readonly target: CType
  /**
   * caches (not part of the value): the flags' codes as bits and their score sum (a class with
   * thousands of extra keys has as many flags, read on every push), the children's score sum,
   * plain value, streaming-validation results
   */
  fm?: number
  fs?: number
  cs?: number
  pl?: unknown
  /** streaming-validation results by (type, mode) key: the first inline, more in `pv` */
  pk?: number
  pr?: unknown
  pv?: SmallMap<unknown>
}

export type CV =
  | (CVBase & { readonly k: 'string'; readonly v: string })
  | (CVBase & { readonly k: 'int' | 'float'; readonly v: number })
  | (CVBase & { readonly k: 'bool'; readonly v: boolean })
  | (CVBase & { readonly k: 'null' })
  | (CVBase & { readonly k: 'enum'; readonly name: string; readonly v: string })
  | (CVBase & { readonly k: 'list'; readonly items: readonly CV[]; readonly origin?: object })
  | (CVBase & { readonly k: 'map'; readonly keys: readonly string[]; readonly vals: readonly CV[]; readonly origin?: object })
  | (CVBase & { readonly k: 'class'; readonly name: string; readonly keys: readonly string[]; readonly vals: readonly CV[] })

/** Where in the value an error happened: a linked list of field names / indices, innermost first. */
export type Scope = { readonly name: string; readonly parent: Scope } | undefined

function scopePath(scope: Scope): string[] {
  const out: string[] = []
  for (let p = scope; p !== undefined; p = p.parent) out.push(p.name)
  return out.reverse()
}

export interface ParseError {
  readonly err: true
  readonly scope: Scope
  /** the message, or a function making it (for messages that describe a large value) */
  readonly reason: string | (() => string)
  readonly causes: readonly ParseError[]
  /** cache: an assert failed somewhere in this error */
  af?: boolean
}

export type Result = CV | ParseError

export function isErr(r: Result): r is ParseError {
  return (r as ParseError).err === true
}

export function perr(scope: Scope, reason: string | (() => string), causes: readonly ParseError[] = []): ParseError {
  return { err: true, scope, reason, causes }
}

/** A copy with other flags or target (keeping the score and plain-value caches, which still hold). */
function copy(v: CV, flags: readonly Flag[], target: CType): CV {
  let out: CV
  switch (v.k) {
    case 'string':
      out = { k: 'string', v: v.v, flags, target }
      break
    case 'int':
    case 'float':
      out = { k: v.k, v: v.v, flags, target }
      break
    case 'bool':
      out = { k: 'bool', v: v.v, flags, target }
      break
    case 'null':
      out = { k: 'null', flags, target }
      break
    case 'enum':
      out = { k: 'enum', name: v.name, v: v.v, flags, target }
      break
    case 'list':
      out = v.origin === undefined ? { k: 'list', items: v.items, flags, target } : { k: 'list', items: v.items, flags, target, origin: v.origin }
      break
    case 'map':
      out = v.origin === undefined ? { k: 'map', keys: v.keys, vals: v.vals, flags, target } : { k: 'map', keys: v.keys, vals: v.vals, flags, target, origin: v.origin }
      break
    case 'class':
      out = { k: 'class', name: v.name, keys: v.keys, vals: v.vals, flags, target }
      break
  }
  if (v.cs !== undefined) out.cs = v.cs
  if (v.pl !== undefined) out.pl = v.pl
  return out
}

export function withFlag(v: CV, fl: Flag): CV {
  const out = copy(v, [...v.flags, fl], v.target)
  if (v.fm !== undefined) out.fm = v.fm | (1 << fl.f)
  if (v.fs !== undefined) out.fs = v.fs + flagScore(fl)
  return out
}

export function withTarget(v: CV, target: CType): CV {
  if (v.target === target) return v
  const out = copy(v, v.flags, target)
  out.fm = v.fm
  out.fs = v.fs
  return out
}

function flagMask(v: CV): number {
  let m = v.fm
  if (m === undefined) {
    m = 0
    work.steps += v.flags.length
    for (const fl of v.flags) m |= 1 << fl.f
    v.fm = m
  }
  return m
}

export function hasFlag(v: CV, f: FlagCode): boolean {
  return (flagMask(v) & (1 << f)) !== 0
}

/** The reference's (inherent) `BamlValueWithFlags::score`: flags plus the children's scores. */
export function score(v: CV): number {
  let s = v.fs
  if (s === undefined) {
    s = 0
    work.steps += v.flags.length
    for (const fl of v.flags) s += flagScore(fl)
    v.fs = s
  }
  if (v.k === 'list' || v.k === 'map' || v.k === 'class') {
    let c = v.cs
    if (c === undefined) {
      c = 0
      const kids = v.k === 'list' ? v.items : v.vals
      work.steps += kids.length
      for (const it of kids) c += score(it)
      v.cs = c
    }
    s += c
  }
  return s
}

export function isComposite(v: CV): boolean {
  return v.k === 'list' || v.k === 'map' || v.k === 'class'
}

/** Check results attached to this node (not its children). */
export function checksOf(v: CV): CheckResult[] {
  if (!hasFlag(v, F.ConstraintResults)) return []
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
  const path = scopePath(e.scope)
  const head = `${path.length === 0 ? '<root>' : path.join('.')}: ${typeof e.reason === 'string' ? e.reason : e.reason()}`
  let s = head
  for (const c of e.causes) s += '\n  - ' + formatError(c).replace(/\n/g, '\n  ')
  return s
}
