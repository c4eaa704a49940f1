// A direct evaluator for standalone expressions, used where generated code cannot run (no `eval` /
// `new Function`, e.g. some edge runtimes with a strict CSP). Same semantics as the compiled form:
// it calls the same runtime helpers.
import type { CallArg, Expr } from './ast.ts'
import * as R from './runtime.ts'
import { Float } from './value.ts'

type Vars = Record<string, unknown>

function args(list: readonly CallArg[], vars: Vars): [unknown[], R.Kwargs | undefined] {
  const pos: unknown[] = []
  const spreads: boolean[] = []
  let kwParts: unknown[] | undefined
  let pairs: unknown[] | undefined
  for (const a of list) {
    switch (a.kind) {
      case 'pos':
      case 'splat':
        pos.push(evalExpr(a.expr, vars))
        spreads.push(a.kind === 'splat')
        break
      case 'kw':
        ;(pairs ??= []).push(a.name, evalExpr(a.expr, vars))
        break
      case 'kwsplat':
        kwParts ??= []
        if (pairs) kwParts.push(R.kw(pairs))
        pairs = undefined
        kwParts.push(evalExpr(a.expr, vars))
        break
    }
  }
  let kwargs: R.Kwargs | undefined
  if (kwParts) {
    if (pairs) kwParts.push(R.kw(pairs))
    kwargs = R.kwMerge(kwParts)
  } else if (pairs) kwargs = R.kw(pairs)
  return [spreads.includes(true) ? R.splat(pos, spreads) : pos, kwargs]
}

/** Evaluate an expression against variables (no globals besides the builtins). */
export function evalExpr(e: Expr, vars: Vars): unknown {
  switch (e.kind) {
    case 'const': {
      const c = e.value
      if (c.type === 'none') return null
      if (c.type === 'float') return Number.isInteger(c.value) ? new Float(c.value) : c.value
      return c.value
    }
    case 'var':
      return R.lk(vars, R.NO_GLOBALS, e.name)
    case 'list':
      return e.items.map((x) => evalExpr(x, vars))
    case 'map': {
      const pairs: unknown[] = []
      e.keys.forEach((k, i) => pairs.push(evalExpr(k, vars), evalExpr(e.values[i]!, vars)))
      return R.mapOf(pairs)
    }
    case 'getattr':
      return R.ga(evalExpr(e.expr, vars), e.name)
    case 'getitem':
      return R.gi(evalExpr(e.expr, vars), evalExpr(e.key, vars))
    case 'slice':
      return R.slice(
        evalExpr(e.expr, vars),
        e.start_ ? evalExpr(e.start_, vars) : null,
        e.stop ? evalExpr(e.stop, vars) : null,
        e.step ? evalExpr(e.step, vars) : null,
      )
    case 'unary': {
      const v = evalExpr(e.expr, vars)
      return e.op === 'not' ? !R.t(v) : R.neg(v)
    }
    case 'binop': {
      if (e.op === 'and') {
        const a = evalExpr(e.left, vars)
        return R.t(a) ? evalExpr(e.right, vars) : a
      }
      if (e.op === 'or') {
        const a = evalExpr(e.left, vars)
        return R.t(a) ? a : evalExpr(e.right, vars)
      }
      const a = evalExpr(e.left, vars)
      const b = evalExpr(e.right, vars)
      return e.op === 'in' ? R.contains(b, a) : R.BINARY[e.op]!(a, b)
    }
    case 'ifexpr':
      return R.t(evalExpr(e.test, vars)) ? evalExpr(e.then, vars) : e.else_ ? evalExpr(e.else_, vars) : undefined
    case 'filter': {
      const value = e.expr ? evalExpr(e.expr, vars) : undefined
      const [a, k] = args(e.args, vars)
      const f = R.F[e.name]
      return f ? f(value, a, k) : R.noFilter(e.name)
    }
    case 'test': {
      const value = evalExpr(e.expr, vars)
      const [a, k] = args(e.args, vars)
      const t = R.T[e.name]
      return t ? t(value, a, k) : R.noTest(e.name)
    }
    case 'call': {
      const callee = e.expr
      if (callee.kind === 'getattr') {
        const obj = evalExpr(callee.expr, vars)
        const [a, k] = args(e.args, vars)
        return R.callMethod(obj, callee.name, a, k)
      }
      const fn = evalExpr(callee, vars)
      const [a, k] = args(e.args, vars)
      return callee.kind === 'var' ? R.callFn(fn, callee.name, a, k) : R.call(fn, a, k)
    }
  }
}
