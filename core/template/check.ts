// Static checks of a template, like the reference's jinja type checker but simpler: syntax errors
// are errors; unknown variables and unknown filters are warnings with "Did you mean" suggestions.
// Names assigned anywhere in an enclosing scope count as known (no flow analysis), so the checker
// errs on the side of fewer warnings.
import { targetNames, type CallArg, type Expr, type MacroDecl, type Stmt } from './ast.ts'
import { TemplateSyntaxError } from './errors.ts'
import { parseExpression, parseTemplate } from './parser.ts'
import { BUILTIN_GLOBAL_NAMES } from './globals.ts'

const BUILTIN_GLOBALS: ReadonlySet<string> = new Set(BUILTIN_GLOBAL_NAMES)

export interface TemplateIssue {
  /** UTF-16 offsets into the checked source. */
  readonly offset: number
  readonly end: number
  readonly message: string
  readonly severity: 'error' | 'warning'
}

export interface CheckOptions {
  /** Names the template may read: parameters, `ctx`, `_`, enum names, macros... */
  readonly variables: readonly string[]
  /**
   * More names the template may read, after `variables`: a list shared by many checks (project
   * globals), so its lookup set is built once per list rather than once per check.
   */
  readonly globals?: readonly string[]
  /** Filter names besides the builtins. */
  readonly filters?: readonly string[]
  /** Check a bare expression (`@check` / `@assert`) instead of a template. */
  readonly expression?: boolean
  /** Skip unknown-variable warnings (only syntax and filters). */
  readonly skipVariables?: boolean
}

// Optimal string alignment distance, case-insensitive (the reference uses strsim::osa_distance),
// over three reused rows; `cutoff`: stop early once the distance must exceed it.
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)]

function osa(a0: string, b0: string, cutoff = Infinity): number {
  const a = a0.toLowerCase()
  const b = b0.toLowerCase()
  const n = b.length
  if (rows[0]!.length < n + 1) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)]
  let prev2 = rows[0]!
  let prev = rows[1]!
  let cur = rows[2]!
  for (let j = 0; j <= n; j++) prev[j] = j
  let prevMin = 0
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    let rowMin = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1)
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1))
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1)
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    // later cells come from this row, or the previous one plus a transposition
    if (rowMin > cutoff && prevMin >= cutoff) return cutoff + 1
    prevMin = rowMin
    const t = prev2
    prev2 = prev
    prev = cur
    cur = t
  }
  return prev[n]!
}

// Distance-table cells one list of names (a project's globals, shared by all its templates) may
// spend on suggestions: thousands of unknown names against thousands of names would otherwise cost
// seconds. Past it, warnings carry no "Did you mean". Lists of up to 256 names are not budgeted.
const SUGGESTION_BUDGET = 20_000_000
const budgets = new WeakMap<object, { left: number }>()

/** Up to `max` close names (distance ≤ 20, closest first), sorted alphabetically; [] once `budget` is spent. */
function closeNames(name: string, options: readonly string[], max: number, budget?: { left: number }): string[] {
  if (budget && options.length > 256) {
    let cost = 0
    for (const o of options) cost += (o.length + 1) * (name.length + 1)
    if (cost > budget.left) return []
    budget.left -= cost
  }
  const scored: [number, number, string][] = []
  for (let i = 0; i < options.length; i++) {
    const d = osa(options[i]!, name, 20)
    if (d <= 20) scored.push([d, i, options[i]!])
  }
  return scored
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .slice(0, max)
    .map((x) => x[2])
    .sort()
}

function unknownVariable(name: string, options: readonly string[], budget: { left: number }): string {
  const close = closeNames(name, options, 3, budget)
  if (close.length === 0) return `Variable \`${name}\` does not exist.`
  if (close.length === 1) return `Variable \`${name}\` does not exist. Did you mean \`${close[0]}\`?`
  return `Variable \`${name}\` does not exist. Did you mean one of these: \`${close.join('`, `')}\`?`
}

function unknownFilter(name: string, options: readonly string[]): string {
  const close = closeNames(name, options, 5)
  const msg =
    close.length === 0
      ? `Filter '${name}' does not exist`
      : close.length === 1
        ? `Filter '${name}' does not exist. Did you mean '${close[0]}'?`
        : `Filter '${name}' does not exist. Did you mean one of these: '${close.join("', '")}'?`
  return `${msg}\n\nSee: https://docs.rs/minijinja/latest/minijinja/filters/index.html#functions for the compelete list`
}

/**
 * The filters the reference's type checker knows (it warns about any other, even ones that work at
 * run time such as `d`, `e`, `count` or `string`; and knows `attrs`, `json`, `urlencode`, which do not).
 */
const CHECKER_FILTERS: readonly string[] = [
  'abs', 'attrs', 'batch', 'bool', 'capitalize', 'escape', 'first', 'last', 'default', 'float', 'indent', 'int',
  'dictsort', 'items', 'join', 'length', 'list', 'lower', 'upper', 'map', 'max', 'min', 'pprint', 'regex_match',
  'reject', 'rejectattr', 'replace', 'reverse', 'round', 'safe', 'select', 'selectattr', 'slice', 'sort', 'split',
  'sum', 'title', 'tojson', 'json', 'format', 'trim', 'unique', 'urlencode',
]

const NO_NAMES: ReadonlySet<string> = new Set()
const NO_LIST: readonly string[] = []
const CHECKER_FILTER_SET: ReadonlySet<string> = new Set(CHECKER_FILTERS)
const globalSets = new WeakMap<readonly string[], ReadonlySet<string>>()

function globalSet(globals: readonly string[]): ReadonlySet<string> {
  if (globals.length === 0) return NO_NAMES
  let set = globalSets.get(globals)
  if (!set) globalSets.set(globals, (set = new Set(globals)))
  return set
}

class Checker {
  readonly issues: TemplateIssue[] = []
  private readonly filterNames: readonly string[]
  private readonly filterSet: ReadonlySet<string>
  private readonly globalNames: ReadonlySet<string>
  constructor(
    private readonly vars: readonly string[],
    private readonly globals: readonly string[],
    extraFilters: readonly string[],
    private readonly skipVariables: boolean,
  ) {
    this.filterNames = extraFilters.length ? [...CHECKER_FILTERS, ...extraFilters] : CHECKER_FILTERS
    this.filterSet = extraFilters.length ? new Set(this.filterNames) : CHECKER_FILTER_SET
    this.globalNames = globalSet(globals)
  }

  private readableNames: string[] | undefined

  /** Every readable name, in the order suggestions prefer (only needed for a warning). */
  private allVars(): string[] {
    return (this.readableNames ??= [...new Set([...this.vars, ...this.globals])])
  }

  private readonly suggested = new Map<string, string>()

  /** The warning for an unknown variable (memoised per name; suggestions budgeted per globals list). */
  private unknownVariable(name: string, known: Set<string>): string {
    const key = known.size === 0 ? name : `${name}\u0000${[...known].join('\u0000')}`
    let msg = this.suggested.get(key)
    if (msg === undefined) {
      let budget = budgets.get(this.globals)
      if (!budget) budgets.set(this.globals, (budget = { left: SUGGESTION_BUDGET }))
      const all = this.allVars()
      msg = unknownVariable(name, known.size === 0 ? all : [...all, ...known], budget)
      this.suggested.set(key, msg)
    }
    return msg
  }

  private warn(at: { start: number; end: number }, message: string): void {
    this.issues.push({ offset: at.start, end: at.end, message, severity: 'warning' })
  }

  stmts(body: readonly Stmt[], known: Set<string>): void {
    for (const s of body) collectAssigned(s, known)
    for (const s of body) this.stmt(s, known)
  }

  private stmt(s: Stmt, known: Set<string>): void {
    switch (s.kind) {
      case 'data':
        return
      case 'emit':
        this.expr(s.expr, known)
        return
      case 'if':
        this.expr(s.test, known)
        this.stmts(s.then, known)
        this.stmts(s.else_, known)
        return
      case 'for': {
        this.expr(s.iter, known)
        const inner = new Set(known)
        targetNames(s.target, inner)
        inner.add('loop')
        if (s.filter) this.expr(s.filter, inner)
        this.stmts(s.body, inner)
        this.stmts(s.else_, known)
        return
      }
      case 'set':
        this.expr(s.expr, known)
        if (s.target.kind === 'attr') this.expr(s.target.expr, known)
        return
      case 'setblock':
        if (s.filter) this.expr(s.filter, known)
        this.stmts(s.body, known)
        return
      case 'with': {
        const inner = new Set(known)
        for (const [t, e] of s.assignments) {
          this.expr(e, inner)
          targetNames(t, inner)
        }
        this.stmts(s.body, inner)
        return
      }
      case 'macro':
        this.macro(s.decl, known)
        return
      case 'callblock':
        this.macro(s.decl, known)
        this.expr(s.call, known)
        return
      case 'filterblock':
        this.expr(s.filter, known)
        this.stmts(s.body, known)
        return
      case 'autoescape':
        this.expr(s.enabled, known)
        this.stmts(s.body, known)
        return
      case 'do':
        this.expr(s.call, known)
        return
    }
  }

  private macro(d: MacroDecl, known: Set<string>): void {
    const inner = new Set(known)
    for (const p of d.params) inner.add(p)
    inner.add('caller')
    for (const e of d.defaults) this.expr(e, inner)
    this.stmts(d.body, inner)
  }

  private args(args: readonly CallArg[], known: Set<string>): void {
    for (const a of args) this.expr(a.expr, known)
  }

  expr(e: Expr, known: Set<string>): void {
    switch (e.kind) {
      case 'var':
        if (!this.skipVariables && !known.has(e.name) && !this.vars.includes(e.name) && !this.globalNames.has(e.name) && !BUILTIN_GLOBALS.has(e.name))
          this.warn(e, this.unknownVariable(e.name, known))
        return
      case 'const':
        return
      case 'list':
        for (const x of e.items) this.expr(x, known)
        return
      case 'map':
        for (const x of e.keys) this.expr(x, known)
        for (const x of e.values) this.expr(x, known)
        return
      case 'getattr':
        this.expr(e.expr, known)
        return
      case 'getitem':
        this.expr(e.expr, known)
        this.expr(e.key, known)
        return
      case 'slice':
        this.expr(e.expr, known)
        for (const x of [e.start_, e.stop, e.step]) if (x) this.expr(x, known)
        return
      case 'unary':
        this.expr(e.expr, known)
        return
      case 'binop':
        this.expr(e.left, known)
        this.expr(e.right, known)
        return
      case 'ifexpr':
        this.expr(e.test, known)
        this.expr(e.then, known)
        if (e.else_) this.expr(e.else_, known)
        return
      case 'filter':
        if (e.expr) this.expr(e.expr, known)
        this.args(e.args, known)
        if (!this.filterSet.has(e.name)) this.warn(e, unknownFilter(e.name, this.filterNames))
        return
      case 'test':
        this.expr(e.expr, known)
        this.args(e.args, known)
        return
      case 'call':
        this.expr(e.expr, known)
        this.args(e.args, known)
        return
    }
  }
}

// Names a statement assigns in the current scope (set, macro, and those inside if branches).
function collectAssigned(s: Stmt, into: Set<string>): void {
  switch (s.kind) {
    case 'set':
    case 'setblock':
      targetNames(s.target, into)
      break
    case 'macro':
      into.add(s.decl.name)
      break
    case 'if':
      for (const x of s.then) collectAssigned(x, into)
      for (const x of s.else_) collectAssigned(x, into)
      break
  }
}

/** Check a template (or, with `expression`, a bare expression). */
export function checkTemplate(src: string, opts: CheckOptions): TemplateIssue[] {
  const c = new Checker(opts.variables, opts.globals ?? NO_LIST, opts.filters ?? NO_LIST, opts.skipVariables ?? false)
  try {
    if (opts.expression) c.expr(parseExpression(src), new Set())
    else c.stmts(parseTemplate(src).body, new Set())
  } catch (e) {
    if (e instanceof TemplateSyntaxError) return [{ offset: e.offset, end: Math.max(e.end, e.offset), message: e.text, severity: 'error' }]
    throw e
  }
  return c.issues
}
