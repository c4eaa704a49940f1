// The composition root: a project loaded with every stage's checks wired in (the IR's own
// validation, template syntax and variables, provider client options). Every entry point (the
// runtime, `check`, codegen, the test runner, the REPL) loads through here, so all see the same
// diagnostics.
import { buildIR, type LoadResult } from './ir/load.ts'
import { validateClient } from './providers/request/index.ts'
import { checkTemplateInput } from './runtime/prompt/check.ts'
import type { Diagnostic } from './syntax/diagnostics.ts'

const CHECKS = { validateClient, checkTemplate: checkTemplateInput } as const

/**
 * Load and validate a project from file contents keyed by path (e.g. `baml_src/main.baml`).
 * `ir` is present iff there are no errors; `diagnostics` holds errors and warnings in source order.
 * Never throws.
 */
export function loadProject(files: Readonly<Record<string, string>>): LoadResult {
  return buildIR(files, CHECKS)
}

/** The diagnostics `loadProject` would give, without building what only the IR's users need. */
export function checkProject(files: Readonly<Record<string, string>>): Diagnostic[] {
  return buildIR(files, { ...CHECKS, diagnosticsOnly: true }).diagnostics
}
