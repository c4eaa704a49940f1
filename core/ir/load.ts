// buildIR: every .baml file of a project → the validated IR, or diagnostics. Never throws.
import type { FileAst, ValueBlockAst, ValueBlockKeyword } from '../syntax/ast.ts'
import { error, hasErrors, warning, type Diagnostic } from '../syntax/diagnostics.ts'
import { parseFile } from '../syntax/parser.ts'
import type { SourceFile, Span } from '../syntax/span.ts'
import { buildClient, buildGenerator, buildRetryPolicy } from './build-config.ts'
import { buildFunction, buildTemplateString } from './build-functions.ts'
import { buildTest } from './build-tests.ts'
import { buildAlias, buildClass, buildEnum, prepareAliases } from './build-types.ts'
import { checkDuplicates, emptyDecls, type Decls } from './collect.ts'
import { cycles, findRecursiveClasses, requiredClassDeps } from './cycles.ts'
import type { TypeScope } from './resolve-type.ts'
import { didYouMean } from './suggest.ts'
import type {
  BamlIR,
  ClassIR,
  ClientIR,
  EnumIR,
  FunctionIR,
  GeneratorIR,
  ParamIR,
  RetryPolicyIR,
  TemplateStringIR,
  TemplateText,
  TestIR,
  TestTypeBuilderIR,
  TypeAliasIR,
  TypeIR,
} from './types.ts'
import { checkPythonNames } from './validate-reserved-names.ts'
import { runTemplateChecks, type TemplateChecker } from './template-check.ts'
import { validateTestArgs } from './validate-test-args.ts'
import { checkFallbackCycles, checkStrategyClients } from './validate-clients.ts'

export type { TemplateCheckInput, TemplateChecker } from './template-check.ts'

export interface LoadOptions {
  /** Jinja checks for prompts, template strings and constraint expressions (wired by the template engine). */
  readonly checkTemplate?: TemplateChecker
  /** Provider-specific client option checks (wired by the providers engine). */
  readonly validateClient?: (client: ClientIR) => Diagnostic[]
  /**
   * Only the diagnostics are wanted (`baml check`): work whose only use is the returned IR is
   * skipped, and no `ir` is returned.
   */
  readonly diagnosticsOnly?: boolean
}

export interface LoadResult {
  /** Present iff there are no error diagnostics (and `diagnosticsOnly` was not asked for). */
  readonly ir?: BamlIR
  readonly diagnostics: Diagnostic[]
}

function collect(asts: readonly FileAst[], diags: Diagnostic[]): Decls {
  const d = emptyDecls()
  const byKeyword: Record<ValueBlockKeyword, ValueBlockAst[]> = { function: d.functions, test: d.tests, client: d.clients, retry_policy: d.retryPolicies, generator: d.generators }
  for (const ast of asts) {
    for (const item of ast.items) {
      switch (item.kind) {
        case 'typeBlock':
          if (item.keyword.name === 'class') d.classes.push(item)
          else if (item.keyword.name === 'enum') d.enums.push(item)
          else if (item.keyword.name === 'dynamic')
            diags.push(error('`dynamic` types are only allowed inside a test\'s `type_builder` block', item.keyword.span))
          else diags.push(error(`Unexpected keyword \`${item.keyword.name}\` in type definition; use \`class\` or \`enum\``, item.keyword.span))
          break
        case 'typeAlias':
          d.aliases.push(item)
          break
        case 'templateString':
          d.templateStrings.push(item)
          break
        case 'exprFn':
          break
        case 'valueBlock':
          byKeyword[item.keyword].push(item)
      }
    }
  }
  return d
}

function byName<T extends { readonly name: string }>(items: readonly (T | undefined)[]): Map<string, T> {
  const m = new Map<string, T>()
  for (const it of items) if (it && !m.has(it.name)) m.set(it.name, it)
  return m
}

export function buildIR(files: Readonly<Record<string, string>>, opts: LoadOptions = {}): LoadResult {
  const diagnostics: Diagnostic[] = []
  try {
    return loadInner(files, opts, diagnostics)
  } catch (e) {
    diagnostics.push(error(`Internal error while loading the project: ${e instanceof Error ? e.message : String(e)}`, { file: Object.keys(files)[0] ?? '', start: 0, end: 0 }))
    return { diagnostics }
  }
}

function loadInner(files: Readonly<Record<string, string>>, opts: LoadOptions, diags: Diagnostic[]): LoadResult {
  const sources = new Map<string, SourceFile>()
  const asts: FileAst[] = []
  for (const [path, text] of Object.entries(files)) {
    const file: SourceFile = { path, text }
    sources.set(path, file)
    if (!path.endsWith('.baml')) {
      diags.push(error(`A BAML file must have the extension \`.baml\`: ${path}`, { file: path, start: 0, end: 0 }))
      continue
    }
    // The IR never looks at comments (only the printer does).
    const r = parseFile(file, { comments: false })
    diags.push(...r.diagnostics)
    asts.push(r.ast)
  }

  const decls = collect(asts, diags)
  checkDuplicates(decls, new Map(asts.map((a, i) => [a.path, i])), diags)

  const aliasDefs = prepareAliases(decls.aliases, diags)
  const scope: TypeScope = {
    classes: new Set(decls.classes.map((c) => c.name.name)),
    enums: new Set(decls.enums.map((e) => e.name.name)),
    aliases: aliasDefs,
  }

  const enums = byName<EnumIR>(decls.enums.map((e) => buildEnum(e, diags)))
  const classes = byName<ClassIR>(decls.classes.map((c) => buildClass(c, scope, diags)))
  const typeAliases = byName<TypeAliasIR>([...aliasDefs.values()].map((d) => buildAlias(d, scope, diags)))

  const clientNames = new Set(decls.clients.map((c) => c.name.name))
  const functions = byName<FunctionIR>(decls.functions.map((f) => buildFunction(f, scope, { classes, typeAliases }, clientNames, diags)))
  const templateStrings = byName<TemplateStringIR>(decls.templateStrings.map((t) => buildTemplateString(t, scope, diags)))
  const clients = byName<ClientIR>(decls.clients.map((c) => buildClient(c, diags)))
  const retryPolicies = byName<RetryPolicyIR>(decls.retryPolicies.map((r) => buildRetryPolicy(r, diags)))
  const generators = decls.generators.map((g) => buildGenerator(g, diags)).filter((g): g is GeneratorIR => !!g)
  checkPythonNames(generators, decls.classes, decls.enums, decls.functions, diags)

  const retryNames = new Set(decls.retryPolicies.map((r) => r.name.name))
  for (const c of decls.clients) {
    const ref = c.fields.find((f) => f.name.name === 'retry_policy')?.value
    if (!ref) continue
    const name = ref.kind === 'ident' ? ref.name : ref.kind === 'string' ? ref.value : undefined
    if (name !== undefined && !retryNames.has(name)) diags.push(error(`retry_policy \`${name}\` does not exist.${didYouMean(name, retryNames)}`, ref.span))
  }
  checkStrategyClients(clients, clientNames, diags)

  const testCtx = {
    scope,
    dynamicClasses: new Set([...classes.values()].filter((c) => c.dynamic).map((c) => c.name)),
    dynamicEnums: new Set([...enums.values()].filter((e) => e.dynamic).map((e) => e.name)),
  }
  const tests = decls.tests.map((t) => buildTest(t, testCtx, diags)).filter((t): t is TestIR => !!t)
  checkTestNames(tests, new Set(decls.functions.map((f) => f.name.name)), diags)
  validateTestArgs(tests, functions, diags)

  // The reference checks cycles last, and only when nothing else failed.
  if (!hasErrors(diags)) {
    checkClassCycles(classes, diags)
    for (const t of tests) if (t.typeBuilder) checkTypeBuilderCycles(t.typeBuilder, classes, diags)
    checkFallbackCycles(clients, diags)
  }
  // Only consumers of the IR need this (ctx.output_format hoisting); no diagnostic depends on it.
  const recursiveClasses = opts.diagnosticsOnly ? new Set<string>() : findRecursiveClasses(classes)

  const ir: BamlIR = { files: sources, classes, enums, typeAliases, functions, templateStrings, clients, retryPolicies, generators, tests, recursiveClasses }

  if (opts.validateClient) for (const c of clients.values()) diags.push(...opts.validateClient(c))
  if (opts.checkTemplate) diags.push(...runTemplateChecks(opts.checkTemplate, ir))
  if (diags.length > 1) sortBySource(diags, sources)
  return hasErrors(diags) || opts.diagnosticsOnly ? { diagnostics: diags } : { ir, diagnostics: diags }
}

/** Diagnostics in source order (files in project order, then position); stable for ties. */
function sortBySource(diags: Diagnostic[], sources: ReadonlyMap<string, SourceFile>): void {
  const order = new Map([...sources.keys()].map((p, i) => [p, i]))
  const keyed = diags.map((d, i) => ({ d, i, f: order.get(d.span.file) ?? order.size, s: d.span.start }))
  keyed.sort((a, b) => a.f - b.f || a.s - b.s || a.i - b.i)
  for (let i = 0; i < keyed.length; i++) diags[i] = keyed[i]!.d
}

function checkTestNames(tests: readonly TestIR[], declared: ReadonlySet<string>, diags: Diagnostic[]): void {
  const perFunction = new Map<string, Set<string>>()
  for (const t of tests) {
    for (const f of t.functions) {
      // The reference loads a test that names an unknown function; say so without failing.
      if (!declared.has(f.name)) diags.push(warning(`Function \`${f.name}\` does not exist; this test will not run for it.${didYouMean(f.name, declared)}`, f.span))
      const set = perFunction.get(f.name) ?? new Set<string>()
      if (set.has(t.name)) diags.push(error(`Test \`${t.name}\` is defined more than once for function \`${f.name}\``, f.span))
      set.add(t.name)
      perFunction.set(f.name, set)
    }
  }
}

function requiredDeps(name: string, fields: readonly { readonly type: TypeIR }[], into?: Set<string>): Set<string> {
  const deps = into ?? new Set<string>()
  for (const f of fields) requiredClassDeps(f.type, name, deps)
  return deps
}

function classCycleMessage(cycle: readonly string[]): string {
  return `These classes form a dependency cycle: ${cycle.join(' -> ')}. Make one of the fields optional (\`?\`) or a list to break it`
}

function checkClassCycles(classes: ReadonlyMap<string, ClassIR>, diags: Diagnostic[]): void {
  const graph = new Map<string, Set<string>>()
  for (const c of classes.values()) graph.set(c.name, requiredDeps(c.name, c.fields))
  for (const cycle of cycles(graph, [...classes.keys()])) {
    diags.push(error(classCycleMessage(cycle), classes.get(cycle[0]!)!.span))
  }
}

/** The same check with a test's type_builder applied (new classes, and fields added to dynamic ones). */
function checkTypeBuilderCycles(tb: TestTypeBuilderIR, classes: ReadonlyMap<string, ClassIR>, diags: Diagnostic[]): void {
  const graph = new Map<string, Set<string>>()
  const spans = new Map<string, Span>()
  for (const c of classes.values()) graph.set(c.name, requiredDeps(c.name, c.fields))
  for (const c of tb.classes) {
    graph.set(c.name, requiredDeps(c.name, c.fields))
    spans.set(c.name, c.span)
  }
  for (const e of tb.extendClasses) {
    graph.set(e.name, requiredDeps(e.name, e.fields, graph.get(e.name)))
    spans.set(e.name, e.span)
  }
  const order = [...classes.keys(), ...tb.classes.map((c) => c.name)]
  for (const cycle of cycles(graph, order)) {
    const local = cycle.find((n) => spans.has(n))
    if (local === undefined) continue
    diags.push(error(classCycleMessage(cycle), spans.get(local)!))
  }
}
