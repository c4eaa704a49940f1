// The one place the template engine turns generated JavaScript into a function. Hosts that forbid
// generating code (a strict CSP, some edge runtimes) make `new Function` throw: then this returns
// undefined and callers fall back (expressions are interpreted; a template that was not precompiled
// is an error). The runtime bundled into generated clients swaps this module for one that always
// returns undefined, so that bundle holds no code generation at all.

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function makeFunction(params: readonly string[], body: string): Function | undefined {
  try {
    return new Function(...params, body)
  } catch (e) {
    if (e instanceof EvalError) return undefined
    throw e
  }
}
