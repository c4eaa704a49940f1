// Coercion to classes (the reference's coerce_class.rs): keys matched to fields by their rendered
// name (tolerant of case, accents and punctuation), implied keys for one-field classes, defaults
// for missing optional fields and lists/maps, and arrays reduced to their best element.
import type { JValue } from '../jsonish/value.ts'
import { isOptional, unionVariants, type CClass, type CField, type CType, type ClassType } from '../schema.ts'
import { enterScope, growingSlot, lookupClass, SLOT, slotKey, visiting, withVisit, type Ctx } from './context.ts'
import { applyConstraints, coerce, memoKey, runChecks, tryCast } from './coerce.ts'
import { matchesKey } from './match-string.ts'
import { coerceArrayToSingular, pickBest, type SingularState } from './pick-best.ts'
import { F, hasFlag, isErr, perr, withFlag, type CV, type Flag, type ParseError, type Result } from './result.ts'
import { fit, work } from '../work.ts'
import { foldEntries, type KeptEntries } from './entries.ts'

export function tryCastClass(ctx: Ctx, self: ClassType, target: CType, v: JValue | undefined): CV | undefined {
  if (v === undefined || v.t !== 'obj') return undefined
  const cls = lookupClass(ctx, self.name, self.streaming)
  if (cls === undefined) return undefined
  if ((cls.done || self.m.done) && ctx.env.streaming && !v.done) return undefined
  if (visiting(ctx.visitedCast, cls.name, v)) return undefined
  const c: Ctx = withVisit(ctx, cls.name, v, false)
  const fields = cls.fields
  work.steps += fields.length
  const slot = growingSlot<KeptEntries<CastScan>>(ctx.env, v.origin, slotKey(SLOT.classCast, memoKey(self, target, undefined)!))
  const scan = foldEntries<CastScan>(
    v,
    {
      init: () => ({ present: new Array<CV | undefined>(fields.length), failed: false }),
      copy: (s) => ({ present: s.present.slice(), failed: s.failed }),
      step: (s, i) => {
        if (s.failed) return
        const key = v.keys[i]!
        const idx = fields.findIndex((f) => f.rendered === key)
        if (idx < 0) s.failed = true // strict: no extra keys
        else if (s.present[idx] === undefined) {
          const f = fields[idx]!
          const r = tryCast(c, f.type, f.type, v.vals[i]!)
          if (r === undefined) s.failed = true
          else s.present[idx] = r
        }
      },
    },
    slot,
  )
  if (scan.failed) return undefined
  const present = scan.present
  const keys: string[] = []
  const vals: CV[] = []
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!
    const p = present[i]
    if (p !== undefined) {
      if (!isOptional(f.type) && ctx.env.streaming && hasFlag(p, F.Incomplete)) return undefined
      keys.push(f.name)
      vals.push(p)
    } else if (isOptional(f.type)) {
      keys.push(f.name)
      vals.push(absentOptional(f.type))
    } else return undefined
  }
  return { k: 'class', name: cls.name, keys: fit(keys), vals: fit(vals), flags: [], target }
}

type Slot = Result | undefined

/** tryCastClass over an object's entries: the fields cast so far; whether the cast failed. */
interface CastScan {
  present: (CV | undefined)[]
  failed: boolean
}

/** coerceClass over an object's entries: fields (first key wins), a key matched, extra keys. */
interface ClassScan {
  slots: Slot[]
  found: boolean
  extras: Flag[]
  /** `extras` is the kept state's: copy before adding */
  shared: boolean
}

const keyIndexCache = new WeakMap<CClass, Map<string, number>>()

/** The first field whose rendered name the key matches (cached per class). */
function fieldIndex(cls: CClass, key: string): number {
  let m = keyIndexCache.get(cls)
  if (m === undefined) {
    m = new Map()
    keyIndexCache.set(cls, m)
  }
  let i = m.get(key)
  if (i === undefined) {
    i = cls.fields.findIndex((f) => matchesKey(key, f.rendered))
    if (m.size < 1000) m.set(key, i)
  }
  return i
}

export function coerceClass(ctx: Ctx, self: ClassType, target: CType, v: JValue | undefined): Result {
  const cls = lookupClass(ctx, self.name, self.streaming)
  if (cls === undefined) return perr(ctx.scope, `Internal error: class ${self.name} not found`)
  let c = ctx
  if (v !== undefined) {
    if (visiting(ctx.visitedCoerce, cls.name, v)) return perr(ctx.scope, `Circular reference detected for class-value pair ${cls.name}`)
    c = withVisit(ctx, cls.name, v, true)
  }
  const fields = cls.fields
  const slots: Slot[] = new Array(fields.length).fill(undefined)
  const flags: Flag[] = []
  const completed: Result[] = []
  const set = (i: number, r: Result): void => {
    if (slots[i] === undefined) slots[i] = r
  }

  work.steps += fields.length
  let extraKeys = 0
  if (v !== undefined && v.t === 'obj') {
    const slot = growingSlot<KeptEntries<ClassScan>>(ctx.env, v.origin, slotKey(SLOT.classCoerce, memoKey(self, target, undefined)!))
    const scan = foldEntries<ClassScan>(
      v,
      {
        init: () => ({ slots: new Array<Slot>(fields.length).fill(undefined), found: false, extras: [], shared: false }),
        copy: (s) => ({ slots: s.slots.slice(), found: s.found, extras: s.extras, shared: true }),
        step: (s, i) => {
          const idx = fieldIndex(cls, v.keys[i]!)
          if (idx >= 0) {
            const f = fields[idx]!
            // (the first key for a field wins: later ones are not coerced)
            if (s.slots[idx] === undefined) s.slots[idx] = coerce(enterScope(c, f.name), f.type, f.type, v.vals[i]!)
            s.found = true
          } else {
            if (s.shared) {
              s.extras = s.extras.slice()
              s.shared = false
            }
            s.extras.push({ f: F.ExtraKey, v: v.vals[i]! })
          }
        },
      },
      slot,
    )
    for (let i = 0; i < fields.length; i++) slots[i] = scan.slots[i]
    let implied = false
    if (!scan.found && scan.extras.length > 0 && fields.length === 1) {
      const r = impliedField(c, fields[0]!, v)
      if (!isErr(r)) {
        set(0, r)
        implied = true
      }
    }
    if (!implied) {
      for (const fl of scan.extras) flags.push(fl)
      extraKeys = scan.extras.length
    }
  } else if (v !== undefined && v.t === 'arr') {
    if (fields.length === 1) set(0, impliedField(c, fields[0]!, v))
    const slot = growingSlot<SingularState>(c.env, v.origin, slotKey(SLOT.classFromArray, memoKey(self, target, undefined)!))
    let option = coerceArrayToSingular(c, target, v.items, (item) => coerceClass(c, self, target, item), slot)
    if (!isErr(option) && cls.constraints.length > 0) option = applyConstraints(c, option, cls.constraints)
    if (!isErr(option)) completed.push(option)
  } else if (v !== undefined) {
    if (fields.length === 1) {
      const r = impliedField(c, fields[0]!, v)
      set(0, r)
      if (!isErr(r)) flags.push({ f: F.InferedObject, v })
    }
  }

  // fill in what is missing
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!
    const cur = slots[i]
    if (cur !== undefined && !isErr(cur)) continue
    if (isOptional(f.type)) {
      const next = cur === undefined ? absentOptional(f.type) : defaultValue(f.type, cur)
      if (next !== undefined) slots[i] = next
    } else {
      let next = defaultValue(f.type, cur)
      if (next !== undefined && cur === undefined) next = withFlag(next, { f: F.Pending })
      if (next !== undefined) slots[i] = next
    }
  }

  const missing: string[] = []
  const unparsed: [string, ParseError][] = []
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!
    if (isOptional(f.type)) continue
    const s = slots[i]
    if (s === undefined) missing.push(f.name)
    else if (isErr(s)) unparsed.push([f.name, s])
  }
  if (missing.length > 0 || unparsed.length > 0) {
    if (completed.length === 0) return missingFields(ctx, missing, unparsed)
  } else {
    const keys: string[] = []
    const vals: CV[] = []
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!
      const s = slots[i]
      keys.push(f.name)
      if (s !== undefined && !isErr(s)) vals.push(s)
      else vals.push(nullFor(f, s))
    }
    let inst: Result = { k: 'class', name: cls.name, keys: fit(keys), vals: fit(vals), flags: fit(flags), target }
    // (flags are extra keys only, maybe thousands: their bits and score without reading them)
    if (extraKeys > 0 && extraKeys === flags.length) {
      inst.fm = 1 << F.ExtraKey
      inst.fs = extraKeys
    }
    if (cls.constraints.length > 0) inst = applyConstraints(c, inst, cls.constraints)
    completed.unshift(inst)
  }
  return pickBest(c, target, completed)
}

/** The only field of a one-field class read from the whole value (the reference's implied key). */
function impliedField(c: Ctx, f: CField, v: JValue): Result {
  const r = coerce(enterScope(c, `<implied:${f.name}>`), f.type, f.type, v)
  return isErr(r) ? r : withFlag(r, { f: F.ImpliedKey })
}

/** An optional field nothing was given for. */
function absentOptional(t: CType): CV {
  return { k: 'null', flags: [{ f: F.OptionalDefaultFromNoValue }, { f: F.Pending }], target: t }
}

function nullFor(f: CField, s: ParseError | undefined): CV {
  const fl: Flag[] = s === undefined ? [{ f: F.Incomplete }] : [{ f: F.DefaultButHadUnparseableValue, err: s }, { f: F.Incomplete }]
  return { k: 'null', flags: fl, target: f.type }
}

function missingFields(ctx: Ctx, missing: string[], unparsed: [string, ParseError][]): ParseError {
  const causes: ParseError[] = [
    ...missing.map((k) => perr(ctx.scope, `Missing required field: ${k}`)),
    ...unparsed.map(([k, e]) => perr(ctx.scope, `Failed to parse field ${k}`, [e])),
  ]
  return perr(ctx.scope, `Failed while parsing required fields: missing=${missing.length}, unparsed=${unparsed.length}`, causes)
}

function hasAssertFailure(e: ParseError): boolean {
  if (e.af === undefined) e.af = (typeof e.reason === 'string' && e.reason.includes('Assertions failed.')) || e.causes.some(hasAssertFailure)
  return e.af
}

/** The reference's `default_value`: what a missing or unparseable field falls back to. */
function defaultValue(t: CType, error: ParseError | undefined): CV | undefined {
  const fl: Flag = error === undefined ? { f: F.DefaultFromNoValue } : { f: F.DefaultButHadUnparseableValue, err: error }
  let v: CV | undefined
  switch (t.k) {
    case 'null':
      return { k: 'null', flags: [fl], target: t }
    case 'list':
      v = { k: 'list', items: [], flags: [fl], target: t }
      break
    case 'map':
      v = { k: 'map', keys: [], vals: [], flags: [fl], target: t }
      break
    case 'union':
      for (const o of unionVariants(t)) {
        v = defaultValue(o, error)
        if (v !== undefined) break
      }
      break
    default:
      return undefined
  }
  if (v === undefined || t.m.constraints.length === 0) return v
  const res = runChecks(v, t.m.constraints)
  if (res === undefined || !res.every((x) => x.ok)) return undefined
  if (error !== undefined && hasAssertFailure(error)) return undefined
  return v
}
