// Builtin tests (`x is even`), as minijinja's builtins. Signature matches filters.
import { renderError } from './errors.ts'
import { noArgs, noMore, str, strictStr } from './args.ts'
import { compare, equals, Float, integerOf, isInt, iterate, Kind, kindOf, numberOf, type Kwargs } from './value.ts'
import { FILTERS } from './filters.ts'
import { contains } from './runtime.ts'

export type TestFn = (value: unknown, args: readonly unknown[], kwargs: Kwargs | undefined) => boolean

function binary(f: (v: unknown, o: unknown) => boolean): TestFn {
  return (v, a, k) => {
    noMore(a, 1, k)
    if (a.length < 1) throw renderError('missing argument')
    return f(v, a[0])
  }
}

function divisibleBy(v: unknown, o: unknown): boolean {
  const a = numberOf(v)
  const b = numberOf(o)
  if (a === undefined || b === undefined) return false
  if (b === 0 && isInt(v) && isInt(o)) throw renderError('invalid operation', 'attempt to calculate the remainder with a divisor of zero')
  return a % b === 0
}

function allChars(s: string, f: (c: string) => boolean): boolean {
  for (const c of s) if (!f(c)) return false
  return true
}

export const TESTS: Record<string, TestFn> = {
  __proto__: null,
  undefined: noArgs((v) => v === undefined),
  defined: noArgs((v) => v !== undefined),
  none: noArgs((v) => v === null),
  safe: noArgs(() => false),
  escaped: noArgs(() => false),
  boolean: noArgs((v) => typeof v === 'boolean'),
  odd: noArgs((v) => {
    const n = integerOf(v)
    return n !== undefined && n % 2 !== 0
  }),
  even: noArgs((v) => {
    const n = integerOf(v)
    return n !== undefined && n % 2 === 0
  }),
  divisibleby: binary(divisibleBy),
  number: noArgs((v) => kindOf(v) === Kind.Number),
  integer: noArgs((v) => isInt(v)),
  int: noArgs((v) => isInt(v)),
  float: noArgs((v) => v instanceof Float || (typeof v === 'number' && !Number.isInteger(v))),
  string: noArgs((v) => typeof v === 'string'),
  sequence: noArgs((v) => kindOf(v) === Kind.Seq),
  iterable: noArgs((v) => iterate(v) !== undefined),
  mapping: noArgs((v) => kindOf(v) === Kind.Map),
  startingwith: binary((v, o) => str(v).startsWith(str(o))),
  endingwith: binary((v, o) => str(v).endsWith(str(o))),
  lower: noArgs((v) => allChars(strictStr(v), (c) => /\p{Lowercase}/u.test(c))),
  upper: noArgs((v) => allChars(strictStr(v), (c) => /\p{Uppercase}/u.test(c))),
  sameas: binary((v, o) => {
    const ao = typeof v === 'object' && v !== null
    const bo = typeof o === 'object' && o !== null
    if (ao || bo) return v === o
    return kindOf(v) === kindOf(o) && isInt(v) === isInt(o) && equals(v, o)
  }),
  eq: binary(equals),
  equalto: binary(equals),
  '==': binary(equals),
  ne: binary((v, o) => !equals(v, o)),
  '!=': binary((v, o) => !equals(v, o)),
  lt: binary((v, o) => compare(v, o) < 0),
  lessthan: binary((v, o) => compare(v, o) < 0),
  '<': binary((v, o) => compare(v, o) < 0),
  le: binary((v, o) => compare(v, o) <= 0),
  '<=': binary((v, o) => compare(v, o) <= 0),
  gt: binary((v, o) => compare(v, o) > 0),
  greaterthan: binary((v, o) => compare(v, o) > 0),
  '>': binary((v, o) => compare(v, o) > 0),
  ge: binary((v, o) => compare(v, o) >= 0),
  '>=': binary((v, o) => compare(v, o) >= 0),
  in: binary((v, o) => {
    try {
      return contains(o, v)
    } catch {
      return false
    }
  }),
  true: noArgs((v) => v === true),
  false: noArgs((v) => v === false),
  filter: noArgs((v) => FILTERS[strictStr(v)] !== undefined),
  test: noArgs((v) => TESTS[strictStr(v)] !== undefined),
} as unknown as Record<string, TestFn>

