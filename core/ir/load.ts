// loadProject: every .baml file of a project → the validated IR, or diagnostics. Never throws.
import type { FileAst } from '../syntax/ast.ts'
import { error, hasErrors, type Diagnostic } from '../syntax/diagnostics.ts'
import { parseFile } from '../syntax/parser.ts'
import type { SourceFile } from '../syntax/span.ts'
import { dedentBlock } from '../syntax/strings.ts'
import { buildClient, buildGenerator, buildRetryPolicy, clientRetryPolicySpan } from './build-config.ts'
import { buildFunction, buildTemplateString } from './build-functions.ts'
import { buildTest } from './build-tests.ts'
import { buildAlias, buildClass, buildEnum, prepareAliases } from './build-types.ts'
import { checkDuplicates, emptyDecls, type Decls } from './collect.ts'
import { allClassRefs, cycles, requiredClassDeps } from './cycles.ts'
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
  TypeAliasIR,
} from './types.ts'
import { validateTestArgs } from './validate-test-args.ts'
import { checkFallbackCycles, checkStrategyClients } from './validate-clients.ts'

/** What `checkTemplate` receives for each prompt and template_string body. */
export interface TemplateCheckInput {
  readonly kind: 'function' | 'template_string'
  /** The function or template_string name. */
  readonly name: string
  readonly params: readonly ParamIR[]
  /** The block string as written (raw body and its file span). */
  readonly template: TemplateText
  /** The body as the reference dedents it (`RawString::new`). */
  readonly text: string
  /** File offset of an offset in `text` (report template errors at their .baml position). */
  readonly toFileOffset: (offset: number) => number
  /** The project being loaded (complete except for template checks). */
  readonly ir: BamlIR
}

export interface LoadOptions {
  /** Jinja syntax/type checks for prompts and template strings (wired by the template engine). */
  readonly checkTemplate?: (input: TemplateCheckInput) => Diagnostic[]
  /** Provider-specific client option checks (wired by the providers engine). */
  readonly validateClient?: (client: ClientIR) => Diagnostic[]
}

export interface LoadResult {
  /** Present iff there are no error diagnostics. */
  readonly ir?: BamlIR
  readonly diagnostics: Diagnostic[]
}

function collect(asts: readonly FileAst[], diags: Diagnostic[]): Decls {
  const d = emptyDecls()
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
          switch (item.keyword) {
            case 'function':
              d.functions.push(item)
              break
            case 'client':
              d.clients.push(item)
              break
            case 'retry_policy':
              d.retryPolicies.push(item)
              break
            case 'generator':
              d.generators.push(item)
              break
            case 'test':
              d.tests.push(item)
              break
          }
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

export function loadProject(files: Readonly<Record<string, string>>, opts: LoadOptions = {}): LoadResult {
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
    const r = parseFile(file)
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
  const functions = byName<FunctionIR>(decls.functions.map((f) => buildFunction(f, scope, clientNames, diags)))
  const templateStrings = byName<TemplateStringIR>(decls.templateStrings.map((t) => buildTemplateString(t, scope, diags)))
  const clients = byName<ClientIR>(decls.clients.map((c) => buildClient(c, diags)))
  const retryPolicies = byName<RetryPolicyIR>(decls.retryPolicies.map((r) => buildRetryPolicy(r, diags)))
  const generators = decls.generators.map((g) => buildGenerator(g, diags)).filter((g): g is GeneratorIR => !!g)

  const retryNames = new Set(decls.retryPolicies.map((r) => r.name.name))
  for (const c of decls.clients) {
    const ref = c.fields.find((f) => f.name.name === 'retry_policy')?.value
    const name = ref && (ref.kind === 'ident' ? ref.name : ref.kind === 'string' ? ref.value : undefined)
    if (name !== undefined && !retryNames.has(name)) {
      diags.push(error(`retry_policy \`${name}\` does not exist.${didYouMean(name, retryNames)}`, clientRetryPolicySpan(c)!))
    }
  }
  checkStrategyClients(clients, clientNames, diags)

  const testCtx = {
    scope,
    dynamicClasses: new Set([...classes.values()].filter((c) => c.dynamic).map((c) => c.name)),
    dynamicEnums: new Set([...enums.values()].filter((e) => e.dynamic).map((e) => e.name)),
  }
  const tests = decls.tests.map((t) => buildTest(t, testCtx, diags)).filter((t): t is TestIR => !!t)
  checkTestNames(tests, functions, new Set(decls.functions.map((f) => f.name.name)), diags)
  validateTestArgs(tests, functions, diags)

  // The reference checks cycles last, and only when nothing else failed.
  if (!hasErrors(diags)) {
    checkClassCycles(classes, typeAliases, diags)
    checkFallbackCycles(clients, diags)
  }
  const recursiveClasses = findRecursiveClasses(classes)

  const ir: BamlIR = { files: sources, classes, enums, typeAliases, functions, templateStrings, clients, retryPolicies, generators, tests, recursiveClasses }

  if (opts.validateClient) for (const c of clients.values()) diags.push(...opts.validateClient(c))
  if (opts.checkTemplate) {
    for (const f of functions.values()) diags.push(...runTemplateCheck(opts.checkTemplate, 'function', f.name, f.params, f.prompt, ir))
    for (const t of templateStrings.values()) diags.push(...runTemplateCheck(opts.checkTemplate, 'template_string', t.name, t.params, t.body, ir))
  }
  return hasErrors(diags) ? { diagnostics: diags } : { ir, diagnostics: diags }
}

function runTemplateCheck(
  check: NonNullable<LoadOptions['checkTemplate']>,
  kind: TemplateCheckInput['kind'],
  name: string,
  params: readonly ParamIR[],
  template: TemplateText,
  ir: BamlIR,
): Diagnostic[] {
  const d = dedentBlock(template.raw)
  return check({ kind, name, params, template, text: d.text, toFileOffset: (o) => template.span.start + d.toRawOffset(o), ir })
}

function checkTestNames(tests: readonly TestIR[], functions: ReadonlyMap<string, FunctionIR>, declared: ReadonlySet<string>, diags: Diagnostic[]): void {
  const perFunction = new Map<string, Set<string>>()
  for (const t of tests) {
    for (const f of t.functions) {
      if (!declared.has(f.name)) diags.push(error(`Function \`${f.name}\` does not exist.${didYouMean(f.name, declared)}`, f.span))
      const set = perFunction.get(f.name) ?? new Set<string>()
      if (set.has(t.name)) diags.push(error(`Test \`${t.name}\` is defined more than once for function \`${f.name}\``, f.span))
      set.add(t.name)
      perFunction.set(f.name, set)
    }
  }
  void functions
}

function checkClassCycles(classes: ReadonlyMap<string, ClassIR>, aliases: ReadonlyMap<string, TypeAliasIR>, diags: Diagnostic[]): void {
  void aliases
  const graph = new Map<string, Set<string>>()
  for (const c of classes.values()) {
    const deps = new Set<string>()
    for (const f of c.fields) requiredClassDeps(f.type, c.name, deps)
    graph.set(c.name, deps)
  }
  for (const cycle of cycles(graph, [...classes.keys()])) {
    const first = classes.get(cycle[0]!)!
    diags.push(error(`These classes form a dependency cycle: ${cycle.join(' -> ')}. Make one of the fields optional (\`?\`) or a list to break it`, first.span))
  }
}

function findRecursiveClasses(classes: ReadonlyMap<string, ClassIR>): Set<string> {
  const graph = new Map<string, Set<string>>()
  for (const c of classes.values()) {
    const deps = new Set<string>()
    for (const f of c.fields) allClassRefs(f.type, deps)
    graph.set(c.name, deps)
  }
  const out = new Set<string>()
  for (const cycle of cycles(graph, [...classes.keys()])) for (const n of cycle) out.add(n)
  return out
}

