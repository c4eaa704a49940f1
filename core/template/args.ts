// Argument conversion for builtin filters, tests and methods, mirroring minijinja's `ArgType`
// conversions (and their error messages).
import { renderError } from './errors.ts'
import { display, Float, integerOf, kindName, Kwargs } from './value.ts'

function tooMany(): never {
  throw renderError('too many arguments')
}

/** Reject extra positional args beyond `max` and any kwargs (callee takes none). */
export function noMore(args: readonly unknown[], max: number, kwargs: Kwargs | undefined): void {
  if (args.length > max || kwargs !== undefined) tooMany()
}

/** A builtin taking no arguments besides its value: `f` wrapped with the "too many arguments" check. */
export function noArgs<R>(f: (v: unknown) => R): (v: unknown, args: readonly unknown[], kwargs: Kwargs | undefined) => R {
  return (v, args, kwargs) => {
    noMore(args, 0, kwargs)
    return f(v)
  }
}

/** Reject kwargs the callee did not read. */
export function assertAllUsed(kwargs: Kwargs | undefined, used: readonly string[]): void {
  if (!kwargs) return
  for (const k of kwargs.map.keys())
    if (!used.includes(k)) throw renderError('too many arguments', `unknown keyword argument '${k}'`)
}

/** `Cow<str>` / `String`: any value, printed. */
export function str(v: unknown): string {
  if (typeof v === 'string') return v
  if (v instanceof Kwargs) throw renderError('invalid operation', 'cannot convert kwargs to string')
  return display(v)
}

/** `&str` / `Arc<str>`: must be a string. */
export function strictStr(v: unknown): string {
  if (typeof v === 'string') return v
  throw renderError('invalid operation', 'value is not a string')
}

/** Integer types: ints, bools and integral floats. */
export function int(v: unknown, ty = 'i64'): number {
  const n = integerOf(v)
  if (n === undefined) throw renderError('invalid operation', `cannot convert ${kindName(v)} to ${ty}`)
  return n
}

export function usize(v: unknown): number {
  const n = int(v, 'usize')
  if (n < 0) throw renderError('invalid operation', `cannot convert number to usize`)
  return n
}

export function f64(v: unknown): number {
  if (typeof v === 'number') return v
  if (v instanceof Float) return v.value
  throw renderError('invalid operation', `cannot convert ${kindName(v)} to f64`)
}

export function bool(v: unknown): boolean {
  if (typeof v === 'boolean') return v
  throw renderError('invalid operation', `cannot convert ${kindName(v)} to bool`)
}

/** `Option<T>`: undefined and none read as absent. */
export function opt<T>(v: unknown, conv: (v: unknown) => T): T | undefined {
  return v === undefined || v === null ? undefined : conv(v)
}

/** A kwarg by name, converted when present. */
export function kwarg<T>(kwargs: Kwargs | undefined, name: string, conv: (v: unknown) => T): T | undefined {
  if (!kwargs || !kwargs.has(name)) return undefined
  return opt(kwargs.get(name), conv)
}
