// Stands in for core/template/make-function.ts in the bundled client runtime: a generated client
// never generates code (its prompts come precompiled; constraint expressions are interpreted).
export function makeFunction(_params: readonly string[], _body: string): undefined {
  return undefined
}
