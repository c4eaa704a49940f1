// Helpers that compiled templates call (`R.*` in generated code). Everything a compiled render
// function needs at run time lives here or is re-exported from here, so precompiled template source
// only needs this one module. Operators follow minijinja's `value::ops`.
import { renderError, TemplateRenderError } from './errors.ts'
import type { BuiltinGlobalName } from './globals.ts'
import {
  compare,
  Kind,
  kindOf,
  mapEntries,
  repr,
  debugList,
  display,
  equals,
  Float,
  float,
  HOST,
  integerOf,
  isHost,
  isInt,
  iterate,
  kindName,
  Kwargs,
  mapGet,
  NO_METHOD,
  numberOf,
  truthy,
  type HostObject,
} from './value.ts'
import { int } from './args.ts'
import { FILTERS } from './filters.ts'
import { TESTS } from './tests.ts'
import { callPyMethod } from './methods.ts'
import { listTooLong, listTooLongError, MAX_LIST_LENGTH, MAX_RECURSION, MAX_STRING_LENGTH, stringTooLongError, tooLong } from './limits.ts'

export { FILTERS as F, TESTS as T, Float, Kwargs, MAX_STRING_LENGTH, tooLong }

/** "Not assigned in this scope": template locals start with this and fall back to outer scopes. */
export const U: unique symbol = Symbol('unset') as never
/** Shared empty argument list. */
export const E: readonly unknown[] = Object.freeze([])
/** Globals of a render without any. */
export const NO_GLOBALS: Record<string, unknown> = Object.freeze(Object.create(null))

const hasOwn = Object.prototype.hasOwnProperty

/** Look a free variable up in the render arguments, then the globals, then the builtin globals. */
export function lk(vars: Record<string, unknown>, globals: Record<string, unknown>, name: string): unknown {
  if (hasOwn.call(vars, name)) return vars[name]
  if (hasOwn.call(globals, name)) return globals[name]
  return BUILTIN_GLOBALS[name]
}

/** `{{ v }}`: BAML's formatter prints a top-level none as `null`. */
export function out(v: unknown): string {
  if (typeof v === 'string') return v
  if (v === null) return 'null'
  return display(v)
}

export const t = truthy

const floatCache = new Map<number, Float>()
/** A float literal with an integral value (`2.0`). */
export function fl(n: number): Float {
  if (Object.is(n, -0)) return new Float(-0)
  let f = floatCache.get(n)
  if (!f) floatCache.set(n, (f = new Float(n)))
  return f
}

// ---------------------------------------------------------------------------------------------
// Limits (see ./limits.ts)

// The recursion budget used by the render in progress (minijinja's depth: the template itself is 1).
let depth = 0

/** Start a render: returns the state to give back to `endRender` (renders may nest). */
export function beginRender(): number {
  const saved = depth
  depth = 1
  return saved
}

export function endRender(saved: number): void {
  depth = saved
}

function recursionError(): TemplateRenderError {
  return renderError('invalid operation', 'recursion limit exceeded')
}

/** Enter a loop level or `with` block; returns the depth to restore with `pop`. */
export function push(): number {
  if (depth > MAX_RECURSION) throw recursionError()
  return depth++
}

export function pop(d: number): void {
  depth = d
}

/** `s`, unless it is longer than templates may make strings (and outputs). */
export function sized(s: string): string {
  if (s.length > MAX_STRING_LENGTH) tooLong()
  return s
}


// ---------------------------------------------------------------------------------------------
// Attribute and item access

function undefinedError(): TemplateRenderError {
  return renderError('undefined value')
}

/** `obj.name` */
export function ga(obj: unknown, name: string): unknown {
  if (typeof obj !== 'object' || obj === null) {
    if (obj === undefined) throw undefinedError()
    return undefined
  }
  if (isHost(obj)) return obj.get ? obj.get(name) : undefined
  if (Array.isArray(obj) || obj instanceof Float) return undefined
  if (obj instanceof Map) return obj.get(name)
  return hasOwn.call(obj, name) ? (obj as Record<string, unknown>)[name] : undefined
}

function seqIndex(key: unknown, len: number): number | undefined {
  let i: number
  if (typeof key === 'number') i = key
  else if (key instanceof Float) i = key.value
  else if (typeof key === 'boolean') i = key ? 1 : 0
  else return undefined
  if (!Number.isInteger(i)) return undefined
  return i < 0 ? len + i : i
}

/** `obj[key]` */
export function gi(obj: unknown, key: unknown): unknown {
  if (obj === undefined) throw undefinedError()
  if (Array.isArray(obj)) {
    const i = seqIndex(key, obj.length)
    return i === undefined || i < 0 ? undefined : obj[i]
  }
  if (typeof obj === 'string') {
    const chars = Array.from(obj)
    const i = seqIndex(key, chars.length)
    return i === undefined || i < 0 ? undefined : chars[i]
  }
  if (typeof obj !== 'object' || obj === null || obj instanceof Float) return undefined
  if (isHost(obj)) {
    const r = obj[HOST]
    if ((r === 'seq' || r === 'iterable') && obj.iter) {
      const direct = obj.get ? obj.get(key) : undefined
      if (direct !== undefined) return direct
      const items = obj.iter()
      const i = seqIndex(key, items.length)
      return i === undefined || i < 0 ? undefined : items[i]
    }
    return obj.get ? obj.get(key) : undefined
  }
  return mapGet(obj, key)
}

/** `obj[a:b:c]` (minijinja `ops::slice`). */
export function slice(obj: unknown, a: unknown, b: unknown, c: unknown): unknown {
  const start = a === null || a === undefined ? undefined : int(a)
  const stop = b === null || b === undefined ? undefined : int(b)
  const step = c === null || c === undefined ? 1 : int(c)
  if (step === 0) throw renderError('invalid operation', 'cannot slice by step size of 0')
  let items: readonly unknown[]
  let isStr = false
  if (typeof obj === 'string') {
    items = Array.from(obj)
    isStr = true
  } else if (obj === undefined || obj === null) return []
  else if (Array.isArray(obj)) items = obj
  else if (isHost(obj) && (obj[HOST] === 'seq' || obj[HOST] === 'iterable') && obj.iter) items = obj.iter()
  else throw renderError('invalid operation', `value of type ${kindName(obj)} cannot be sliced`)
  const len = items.length
  const res: unknown[] = []
  if (step > 0) {
    let s = start ?? 0
    let e = stop ?? len
    if (s < 0) s = Math.max(0, len + s)
    if (e < 0) e = Math.max(0, len + e)
    for (let i = s; i < Math.min(e, len); i += step) res.push(items[i])
  } else {
    const st = -step
    let s: number
    if (start === undefined || start >= len) s = len - 1
    else if (start >= 0) s = start
    else s = Math.max(len + start, 0)
    let e: number
    if (stop === undefined) e = 0
    else if (stop < 0) e = Math.max(len + stop, 0)
    else e = stop
    // minijinja quirk: a stop of 0 (given or not) is inclusive
    const count = e === 0 ? Math.floor((s + st) / st) : Math.max(0, Math.floor((s - e + st - 1) / st))
    for (let i = s, k = 0; k < count && i >= e; i -= st, k++) if (i < len) res.push(items[i])
  }
  return isStr ? res.join('') : res
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

function impossible(op: string, a: unknown, b: unknown): TemplateRenderError {
  return renderError('invalid operation', `tried to use ${op} operator on unsupported types ${kindName(a)} and ${kindName(b)}`)
}

function failed(op: string, a: unknown, b: unknown): TemplateRenderError {
  return renderError('invalid operation', `unable to calculate ${display(a)} ${op} ${display(b)}`)
}

function isF(v: unknown): boolean {
  return v instanceof Float || (typeof v === 'number' && !Number.isInteger(v))
}

function intResult(n: number, op: string, a: unknown, b: unknown): number {
  if (!Number.isSafeInteger(n) && Math.abs(n) > 2 ** 63) throw failed(op, a, b)
  return n
}

function isSeqLike(v: unknown): boolean {
  return Array.isArray(v) || (isHost(v) && (v[HOST] === 'seq' || v[HOST] === 'iterable'))
}

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b
    return Number.isInteger(a) && Number.isInteger(b) ? intResult(r, '+', a, b) : float(r)
  }
  if (typeof a === 'string' && typeof b === 'string') {
    if (a.length + b.length > MAX_STRING_LENGTH) tooLong()
    return a + b
  }
  if (isSeqLike(a) && isSeqLike(b)) {
    const x = iterate(a)!
    const y = iterate(b)!
    if (x.length + y.length > MAX_LIST_LENGTH) listTooLong()
    return x.concat(y)
  }
  const x = numberOf(a)
  const y = numberOf(b)
  if (x === undefined || y === undefined) throw impossible('+', a, b)
  return isF(a) || isF(b) ? float(x + y) : intResult(x + y, '+', a, b)
}

export function sub(a: unknown, b: unknown): unknown {
  const x = numberOf(a)
  const y = numberOf(b)
  if (x === undefined || y === undefined) throw impossible('-', a, b)
  return isF(a) || isF(b) ? float(x - y) : intResult(x - y, '-', a, b)
}

export function mul(a: unknown, b: unknown): unknown {
  if (typeof a === 'string' || typeof b === 'string') {
    const [s, n] = typeof a === 'string' ? [a, b] : [b as string, a]
    const k = integerOf(n) ?? -1
    if (k < 0) throw renderError('invalid operation', 'strings can only be multiplied with integers')
    if (s.length * k > MAX_STRING_LENGTH) tooLong()
    return s.repeat(k)
  }
  if (isSeqLike(a) || isSeqLike(b)) {
    const [seq, n] = isSeqLike(a) ? [a, b] : [b, a]
    const k = isInt(n) ? n : typeof n === 'boolean' ? (n ? 1 : 0) : -1
    if (k < 0) throw renderError('invalid operation', 'sequences and iterables can only be multiplied with integers')
    const items = iterate(seq)!
    if (items.length * k > MAX_LIST_LENGTH) listTooLong()
    const len = items.length
    const res: unknown[] = new Array(len * k)
    for (let i = 0, o = 0; i < k; i++) for (let j = 0; j < len; j++) res[o++] = items[j]
    return res
  }
  const x = numberOf(a)
  const y = numberOf(b)
  if (x === undefined || y === undefined) throw impossible('*', a, b)
  return isF(a) || isF(b) ? float(x * y) : intResult(x * y, '*', a, b)
}

export function div(a: unknown, b: unknown): unknown {
  const x = numberOf(a)
  const y = numberOf(b)
  if (x === undefined || y === undefined) throw impossible('/', a, b)
  return float(x / y)
}

// Rust `div_euclid` / `rem_euclid`
function divEuclid(x: number, y: number): number {
  const q = Math.trunc(x / y)
  const r = x - q * y
  if (r < 0) return y > 0 ? q - 1 : q + 1
  return q
}

function remEuclid(x: number, y: number): number {
  const r = x % y
  return r < 0 ? r + Math.abs(y) : r
}

export function fdiv(a: unknown, b: unknown): unknown {
  const x = numberOf(a)
  const y = numberOf(b)
  if (x === undefined || y === undefined) throw impossible('//', a, b)
  if (isF(a) || isF(b)) return float(divEuclid(x, y))
  if (y === 0) throw failed('//', a, b)
  return divEuclid(x, y)
}

export function mod(a: unknown, b: unknown): unknown {
  const x = numberOf(a)
  const y = numberOf(b)
  if (x === undefined || y === undefined) throw impossible('%', a, b)
  if (isF(a) || isF(b)) return float(remEuclid(x, y))
  if (y === 0) throw failed('%', a, b)
  return remEuclid(x, y)
}

export function pow(a: unknown, b: unknown): unknown {
  const x = numberOf(a)
  const y = numberOf(b)
  if (x === undefined || y === undefined) throw impossible('**', a, b)
  if (isF(a) || isF(b)) return float(Math.pow(x, y))
  if (y < 0) throw failed('**', a, b)
  return intResult(Math.pow(x, y), '**', a, b)
}

export function neg(a: unknown): unknown {
  if (typeof a === 'number') return Number.isInteger(a) ? (a === 0 ? 0 : -a) : -a
  if (a instanceof Float) return float(-a.value)
  throw renderError('invalid operation')
}

/** `a ~ b` */
export function cat(a: unknown, b: unknown): string {
  const x = display(a)
  const y = display(b)
  if (x.length + y.length > MAX_STRING_LENGTH) tooLong()
  return x + y
}

// ---------------------------------------------------------------------------------------------
// Comparison

export const eq = equals

export function ne(a: unknown, b: unknown): boolean {
  return !equals(a, b)
}

export function lt(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b
  return compare(a, b) < 0
}

export function le(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a <= b
  return compare(a, b) <= 0
}

export function gt(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a > b
  return compare(a, b) > 0
}

export function ge(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a >= b
  return compare(a, b) >= 0
}

/** The helper of each binary operator but `and`, `or` (short-circuiting) and `in` (`contains`). */
export const BINARY: Readonly<Record<string, (a: unknown, b: unknown) => unknown>> = {
  '==': eq,
  '!=': ne,
  '<': lt,
  '<=': le,
  '>': gt,
  '>=': ge,
  '+': add,
  '-': sub,
  '*': mul,
  '/': div,
  '//': fdiv,
  '%': mod,
  '**': pow,
  '~': cat,
}

/** `item in container` (minijinja `ops::contains`). */
export function contains(container: unknown, item: unknown): boolean {
  if (container === undefined) return false
  if (typeof container === 'string') return container.includes(typeof item === 'string' ? item : display(item))
  if (Array.isArray(container)) {
    for (const x of container) if (equals(x, item)) return true
    return false
  }
  if (typeof container === 'object' && container !== null && !(container instanceof Float)) {
    if (isHost(container)) {
      const r = container[HOST]
      if (r === 'plain') return false
      if (r === 'map') return container.get ? container.get(item) !== undefined : false
      for (const x of container.iter ? container.iter() : []) if (equals(x, item)) return true
      return false
    }
    return mapGet(container, item) !== undefined
  }
  throw renderError('invalid operation', 'cannot perform a containment check on this value')
}

// ---------------------------------------------------------------------------------------------
// Calls

/** Build kwargs from a flat [name, value, name, value...] list. */
export function kw(pairs: unknown[]): Kwargs {
  const m = new Map<string, unknown>()
  for (let i = 0; i < pairs.length; i += 2) m.set(pairs[i] as string, pairs[i + 1])
  return new Kwargs(m)
}

/** Merge `**mapping` splats into kwargs. */
export function kwMerge(parts: unknown[]): Kwargs {
  const m = new Map<string, unknown>()
  for (const p of parts) {
    if (p instanceof Kwargs) for (const [k, v] of p.map) m.set(k, v)
    else {
      if (typeof p !== 'object' || p === null || Array.isArray(p) || (isHost(p) && p[HOST] !== 'map'))
        throw renderError('invalid operation', `attempted to apply keyword arguments from non map (got ${kindName(p)})`)
      for (const [k, v] of mapEntries(p)) m.set(display(k), v)
    }
  }
  return new Kwargs(m)
}

/** Positional args with `*splat` parts: each part is an array of args or an iterable to spread. */
export function splat(parts: unknown[], spreads: boolean[]): unknown[] {
  const res: unknown[] = []
  for (let i = 0; i < parts.length; i++) {
    if (spreads[i]) {
      const items = iterate(parts[i])
      if (!items) throw renderError('invalid operation', `${kindName(parts[i])} is not iterable`)
      res.push(...items)
    } else res.push(parts[i])
  }
  return res
}

/** `name(...)` where `name` resolved to `fn` (undefined when unknown). */
export function callFn(fn: unknown, name: string, args: unknown[], kwargs: Kwargs | undefined): unknown {
  if (fn === undefined) throw renderError('unknown function', `${name} is unknown`)
  return call(fn, args, kwargs)
}

/** `obj(...)` */
export function call(fn: unknown, args: readonly unknown[], kwargs: Kwargs | undefined): unknown {
  if (isHost(fn)) {
    if (fn.call) return fn.call(args as unknown[], kwargs)
    throw renderError('invalid operation', 'object is not callable')
  }
  throw renderError('invalid operation', `value of type ${kindName(fn)} is not callable`)
}

/** `obj.name(...)`: the object's own methods, then a callable attribute, then python-style methods. */
export function callMethod(obj: unknown, name: string, args: unknown[], kwargs: Kwargs | undefined): unknown {
  if (isHost(obj)) {
    if (obj.callMethod) {
      const r = obj.callMethod(name, args, kwargs)
      if (r !== NO_METHOD) return r
    }
    if (obj[HOST] === 'map' && obj.get) {
      const attr = obj.get(name)
      if (attr !== undefined) return call(attr, args, kwargs)
    }
  } else if (obj instanceof Map || (typeof obj === 'object' && obj !== null && !Array.isArray(obj) && !(obj instanceof Float))) {
    const attr = mapGet(obj, name)
    if (attr !== undefined) return call(attr, args, kwargs)
  }
  const r = callPyMethod(obj, name, args, kwargs)
  if (r !== NO_METHOD) return r
  throw renderError('unknown method', `${kindName(obj)} has no method named ${name}`)
}

export function noFilter(name: string): never {
  throw renderError('unknown filter', `filter ${name} is unknown`)
}

export function noTest(name: string): never {
  throw renderError('unknown test', `test ${name} is unknown`)
}

// ---------------------------------------------------------------------------------------------
// Literals and assignment

/** A map literal with non-identifier or computed keys: flat [key, value, ...]. */
export function mapOf(pairs: unknown[]): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>()
  for (let i = 0; i < pairs.length; i += 2) {
    const k = pairs[i] instanceof Float ? (pairs[i] as Float).value : pairs[i]
    m.set(k, pairs[i + 1])
  }
  return m
}

/** Unpack `a, b = value` / `for a, b in ...`. */
export function unpack(v: unknown, n: number): readonly unknown[] {
  const items = typeof v === 'object' && v !== null ? iterate(v) : undefined
  if (!items) throw renderError('cannot unpack', 'value is not iterable')
  if (items.length !== n) throw renderError('cannot unpack', `sequence of wrong length (expected ${n}, got ${items.length})`)
  return items
}

/** `{% set ns.attr = v %}` */
export function setAttr(obj: unknown, name: string, v: unknown): void {
  if (obj instanceof Namespace) obj.data.set(name, v)
  else throw renderError('invalid operation', `can only assign to namespaces, not ${kindName(obj)}`)
}

/** The object `namespace()` returns. Attributes print and iterate in sorted key order. */
class Namespace implements HostObject {
  readonly [HOST] = 'map' as const
  readonly data = new Map<string, unknown>()
  get(key: unknown): unknown {
    return typeof key === 'string' ? this.data.get(key) : undefined
  }
  iter(): string[] {
    return [...this.data.keys()].sort()
  }
}

// ---------------------------------------------------------------------------------------------
// Loops

/** The `loop` variable; also holds the iteration state the compiled loop uses. */
export class Loop implements HostObject {
  readonly [HOST] = 'map' as const
  i = -1
  readonly n: number
  private changedLast: unknown[] | undefined
  constructor(
    readonly items: readonly unknown[],
    readonly depth: number,
  ) {
    this.n = items.length
  }
  get(key: unknown): unknown {
    const i = this.i
    if (i < 0) return undefined
    switch (key) {
      case 'index0':
        return i
      case 'index':
        return i + 1
      case 'length':
        return this.n
      case 'revindex':
        return this.n - i
      case 'revindex0':
        return this.n - i - 1
      case 'first':
        return i === 0
      case 'last':
        return this.n === 0 || i === this.n - 1
      case 'depth':
        return this.depth + 1
      case 'depth0':
        return this.depth
      case 'previtem':
        return i > 0 ? this.items[i - 1] : undefined
      case 'nextitem':
        return this.items[i + 1]
      default:
        return undefined
    }
  }
  iter(): string[] {
    return ['index0', 'index', 'length', 'revindex', 'revindex0', 'first', 'last', 'depth', 'depth0', 'previtem', 'nextitem']
  }
  display(): string {
    return `<loop ${this.i}/${this.n}>`
  }
  call(): unknown {
    throw renderError('invalid operation', 'loop recursion cannot be called this way')
  }
  callMethod(name: string, args: unknown[]): unknown {
    if (name === 'cycle') return args.length === 0 ? undefined : args[this.i % args.length]
    if (name === 'changed') {
      const prev = this.changedLast
      const same = prev !== undefined && prev.length === args.length && prev.every((x, k) => equals(x, args[k]))
      if (same) return false
      this.changedLast = args.slice()
      return true
    }
    return NO_METHOD
  }
}

/** Start a loop over `iterable`; undefined and none iterate as empty. */
export function loop(iterable: unknown, depth: number): Loop {
  const items = iterate(iterable)
  if (!items) throw renderError('invalid operation', `${kindName(iterable)} is not iterable`)
  return new Loop(items, depth)
}

// ---------------------------------------------------------------------------------------------
// Macros

export type MacroBody = (args: unknown[], caller: unknown) => string

/** A `{% macro %}`: binds positional and keyword arguments like minijinja, then renders its body. */
class Macro implements HostObject {
  readonly [HOST] = 'map' as const
  constructor(
    readonly name: string,
    readonly params: readonly string[],
    readonly body: MacroBody,
    readonly callerRef: boolean,
  ) {}
  get(key: unknown): unknown {
    if (key === 'name') return this.name
    if (key === 'arguments') return [...this.params]
    if (key === 'caller') return this.callerRef
    return undefined
  }
  iter(): string[] {
    return ['name', 'arguments', 'caller']
  }
  display(): string {
    return `<macro ${this.name}>`
  }
  call(args: unknown[], kwargs: Kwargs | undefined): unknown {
    if (args.length > this.params.length) throw renderError('too many arguments')
    const bound: unknown[] = new Array(this.params.length)
    const used = new Set<string>()
    for (let i = 0; i < this.params.length; i++) {
      const name = this.params[i]!
      const hasKw = kwargs !== undefined && kwargs.has(name)
      if (i < args.length) {
        if (hasKw) throw renderError('too many arguments', `duplicate argument \`${name}\``)
        bound[i] = args[i]
      } else if (hasKw) {
        used.add(name)
        bound[i] = kwargs!.get(name)
      } else bound[i] = undefined
    }
    let caller: unknown
    if (this.callerRef) {
      used.add('caller')
      caller = kwargs?.get('caller')
    }
    if (kwargs) for (const k of kwargs.map.keys()) if (!used.has(k)) throw renderError('too many arguments', `unknown keyword argument \`${k}\``)
    // a call costs 6 against the recursion budget, as in minijinja (4, plus two frames). Like loop
    // levels, it is given back on return only: an error ends the render, which resets the budget.
    const saved = depth
    if ((depth += 6) > MAX_RECURSION) {
      depth = saved
      throw recursionError()
    }
    const out = this.body(bound, caller)
    depth = saved
    return out
  }
}

export function macro(name: string, params: readonly string[], body: MacroBody, callerRef: boolean): Macro {
  return new Macro(name, params, body, callerRef)
}

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * Attach the template line to a render error (minijinja's "(in prompt:LINE)"). A JS engine limit hit
 * despite the engine's own limits (stack, string or array size) becomes a render error too.
 */
export function located(e: unknown, line: number): unknown {
  if (e instanceof RangeError || (e instanceof Error && e.name === 'InternalError')) e = engineLimit(e)
  if (e instanceof TemplateRenderError && e.line === 0) {
    e.line = line
    e.message = `${e.message} (in prompt:${line})`
  }
  return e
}


function engineLimit(e: Error): TemplateRenderError {
  const m = e.message
  const err = /string/i.test(m)
    ? stringTooLongError()
    : /array/i.test(m)
      ? listTooLongError()
      : renderError('invalid operation', 'recursion limit exceeded (the JS stack ran out)')
  err.cause = e
  return err
}

// ---------------------------------------------------------------------------------------------
// Builtin global functions: range, dict, namespace, debug

/** A host object wrapping a JS function as a template callable. */
export class HostFunction implements HostObject {
  readonly [HOST] = 'plain' as const
  constructor(
    readonly name: string,
    readonly fn: (args: unknown[], kwargs: Kwargs | undefined) => unknown,
  ) {}
  call(args: unknown[], kwargs: Kwargs | undefined): unknown {
    return this.fn(args, kwargs)
  }
  display(): string {
    return `<function ${this.name}>`
  }
}

function rangeFn(args: unknown[], kwargs: Kwargs | undefined): unknown {
  if (kwargs !== undefined || args.length > 3) throw renderError('too many arguments')
  if (args.length === 0) throw renderError('missing argument')
  const opt = (v: unknown) => (v === undefined || v === null ? undefined : int(v, 'isize'))
  const lower = int(args[0], 'isize')
  const upper = opt(args[1])
  const step = opt(args[2])
  const [start, end] = upper === undefined ? [0, lower] : [lower, upper]
  const st = step ?? 1
  if (st === 0) throw renderError('invalid operation', 'cannot create range with step of 0')
  const n = st > 0 ? Math.max(0, Math.ceil((end - start) / st)) : Math.max(0, Math.ceil((start - end) / -st))
  if (n > 100000) throw renderError('invalid operation', 'range has too many elements')
  const out: number[] = new Array(n)
  for (let i = 0; i < n; i++) out[i] = start + i * st
  return new IterList(out)
}

/**
 * An iterable that is not a sequence (minijinja `Iterable` repr): `range()` results and the like.
 * Unsized ones (the `split` filter's) have no length and print as `<iterator>`.
 */
export class IterList implements HostObject {
  readonly [HOST] = 'iterable' as const
  constructor(
    readonly items: unknown[],
    readonly sized = true,
  ) {}
  iter(): unknown[] {
    return this.items
  }
  length(): number | undefined {
    return this.sized ? this.items.length : undefined
  }
  debug(pretty: boolean): string {
    return this.sized ? debugList(this.items.map((x) => repr(x, pretty)), pretty) : '<iterator>'
  }
}

function dictFn(args: unknown[], kwargs: Kwargs | undefined): unknown {
  if (args.length > 1) throw renderError('too many arguments')
  const out = new Map<unknown, unknown>()
  const base = args[0]
  if (base !== undefined && base !== null) {
    if (kindOf(base) !== Kind.Map) throw renderError('invalid operation')
    for (const [k, v] of mapEntries(base)) out.set(k, v)
  } else if (base === null) throw renderError('invalid operation')
  if (kwargs) for (const [k, v] of kwargs.map) out.set(k, v)
  return out
}

function namespaceFn(args: unknown[], kwargs: Kwargs | undefined): unknown {
  // kwargs count as the one optional argument
  if (args.length + (kwargs ? 1 : 0) > 1) throw renderError('too many arguments')
  const ns = new Namespace()
  const src = args.length ? args[0] : undefined
  if (src !== undefined && src !== null) {
    if (kindOf(src) !== Kind.Map) throw renderError('invalid operation', `expected object or keyword arguments, got ${kindName(src)}`)
    for (const [k, v] of mapEntries(src)) if (typeof k === 'string') ns.data.set(k, v)
  }
  if (kwargs) for (const [k, v] of kwargs.map) ns.data.set(k, v)
  return ns
}

function debugFn(args: unknown[], kwargs: Kwargs | undefined): unknown {
  const all = kwargs ? [...args, kwargs] : args
  if (all.length === 1) return repr(all[0], true)
  return repr(all, true)
}

const BUILTIN_GLOBAL_IMPLS: Record<BuiltinGlobalName, HostFunction> = {
  range: new HostFunction('range', rangeFn),
  dict: new HostFunction('dict', dictFn),
  namespace: new HostFunction('namespace', namespaceFn),
  debug: new HostFunction('debug', debugFn),
}

export const BUILTIN_GLOBALS: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, BUILTIN_GLOBAL_IMPLS)
