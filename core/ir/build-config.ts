// Config blocks → IR: clients, retry policies, generators.
import type { ValueBlockAst, ValueFieldAst } from '../syntax/ast.ts'
import { error, warning, type Diagnostic } from '../syntax/diagnostics.ts'
import { printType } from '../syntax/printer.ts'
import type { Span } from '../syntax/span.ts'
import { checkName } from './collect.ts'
import { describeConfigValue, stringOf, toConfigValue, type ConfigMap } from './config-value.ts'
import { canonicalProvider, PROVIDER_NAMES } from './providers.ts'
import { didYouMean } from './suggest.ts'
import type { ClientIR, ConfigValue, GeneratorIR, RetryPolicyIR, RetryStrategyIR } from './types.ts'

const EMPTY_MAP = (span: Span): ConfigMap => ({ kind: 'map', entries: [], span })

/**
 * Shared checks for a config block's fields. As in the reference, attributes on fields are
 * ignored, a repeated key takes the last value (generators reject repeats), parameters are
 * ignored, and `->` needs both parameters and a return type.
 */
function configFields(b: ValueBlockAst, what: string, diags: Diagnostic[], rejectRepeats = false): Map<string, { field: ValueFieldAst; value: ConfigValue }> {
  const out = new Map<string, { field: ValueFieldAst; value: ConfigValue }>()
  for (const f of b.fields) {
    const key = f.name.name
    if (!f.value) {
      diags.push(error(`\`${key}\` in ${what} \`${b.name.name}\` needs a value`, f.name.span))
      continue
    }
    if (rejectRepeats && out.has(key)) {
      diags.push(error(`\`${key}\` is set more than once in ${what} \`${b.name.name}\``, f.name.span))
      continue
    }
    out.set(key, { field: f, value: toConfigValue(f.value) })
  }
  if (b.blockAttrs.length) diags.push(error('Only tests may contain block-level attributes', b.blockAttrs[0]!.span))
  if (b.typeBuilders.length) diags.push(error('Only tests may have a type_builder block', b.typeBuilders[0]!.span))
  checkSignature(b, diags)
  return out
}

/**
 * The header of a block that is not a function (test, client, retry_policy, generator). The
 * reference's grammar gives every such block an optional parameter list and return type and then
 * ignores them (BoundaryML's own examples write `test Name() {`), so they are warnings here; only
 * a `->` without both a parameter list and a type is an error, as there.
 */
export function checkSignature(b: ValueBlockAst, diags: Diagnostic[]): void {
  const what = `\`${b.keyword} ${b.name.name}\``
  if (b.arrow && !(b.params && b.returnType)) {
    const missing = !b.params && !b.returnType ? 'parameters and a return type' : !b.params ? 'a parameter list' : 'a return type'
    diags.push(error(`Invalid syntax for ${what}: \`->\` needs ${missing}, e.g. \`${b.keyword} ${b.name.name}(param: Type) -> ReturnType { ... }\``, b.arrow))
    return
  }
  if (b.params) diags.push(warning(`${what} takes no parameters; the parameter list is ignored`, b.paramsSpan ?? b.name.span))
  if (b.returnType) diags.push(warning(`${what} has no return type; \`${printType(b.returnType)}\` is ignored`, b.returnType.span))
}

function unknownKey(key: string, what: string, allowed: readonly string[], span: Span, diags: Diagnostic[]): void {
  diags.push(error(`Unknown field \`${key}\` in ${what}.${didYouMean(key, allowed)} Allowed: ${allowed.map((a) => `\`${a}\``).join(', ')}`, span))
}

export function buildClient(b: ValueBlockAst, diags: Diagnostic[]): ClientIR | undefined {
  checkName('client', b.name, true, diags)
  if (b.clientType && b.clientType.name !== 'llm') diags.push(error(`Unknown client type \`${b.clientType.name}\`; write \`client<llm>\``, b.clientType.span))
  const fields = configFields(b, 'client', diags)
  let provider: ClientIR['provider'] | undefined
  let retryPolicy: string | undefined
  let options: ConfigMap | undefined
  for (const [key, { field, value }] of fields) {
    switch (key) {
      case 'provider': {
        const s = stringOf(value)
        if (s === undefined) {
          diags.push(error(`\`provider\` must be a provider name such as \`openai\`, found ${describeConfigValue(value)}`, value.span))
          break
        }
        provider = canonicalProvider(s)
        if (!provider) diags.push(error(`Unknown client provider \`${s}\`.${didYouMean(s, PROVIDER_NAMES)} Known providers: ${PROVIDER_NAMES.join(', ')}`, value.span))
        break
      }
      case 'retry_policy': {
        const s = stringOf(value)
        if (s === undefined) diags.push(error(`\`retry_policy\` must name a retry_policy, found ${describeConfigValue(value)}`, value.span))
        else retryPolicy = s
        break
      }
      case 'options':
        if (value.kind === 'map') options = value
        else diags.push(error(`\`options\` must be a map \`{ key value }\`, found ${describeConfigValue(value)}`, value.span))
        break
      default:
        unknownKey(key, `client \`${b.name.name}\``, ['provider', 'retry_policy', 'options'], field.name.span, diags)
    }
  }
  if (!fields.has('provider')) diags.push(error(`Missing \`provider\` in client \`${b.name.name}\`; add e.g. \`provider openai\``, b.name.span))
  if (!provider) return undefined
  return {
    name: b.name.name,
    provider,
    ...(retryPolicy !== undefined ? { retryPolicy } : {}),
    options: options ?? EMPTY_MAP(b.span),
    ...(b.docstring !== undefined ? { docstring: b.docstring } : {}),
    span: b.span,
  }
}

function intOf(v: ConfigValue, what: string, diags: Diagnostic[]): number | undefined {
  if (v.kind === 'number' && v.isInt && v.value >= 0) return v.value
  diags.push(error(`\`${what}\` must be a non-negative integer, found ${describeConfigValue(v)}`, v.span))
  return undefined
}

function floatOf(v: ConfigValue, what: string, diags: Diagnostic[]): number | undefined {
  if (v.kind === 'number') return v.value
  diags.push(error(`\`${what}\` must be a number, found ${describeConfigValue(v)}`, v.span))
  return undefined
}

function buildStrategy(v: ConfigValue, fieldSpan: Span, diags: Diagnostic[]): RetryStrategyIR | undefined {
  if (v.kind !== 'map') {
    diags.push(error(`\`strategy\` must be a map such as \`{ type constant_delay  delay_ms 200 }\`, found ${describeConfigValue(v)}`, v.span))
    return undefined
  }
  let type: { name: string; span: Span } | undefined
  let delayMs: number | undefined
  let multiplier: { value: number; span: Span } | undefined
  let maxDelayMs: { value: number; span: Span } | undefined
  for (const e of v.entries) {
    switch (e.key) {
      case 'type': {
        const s = stringOf(e.value)
        if (s === undefined) diags.push(error(`The strategy \`type\` must be \`constant_delay\` or \`exponential_backoff\``, e.value.span))
        else type = { name: s, span: e.value.span }
        break
      }
      case 'delay_ms':
        delayMs = intOf(e.value, 'delay_ms', diags)
        break
      case 'multiplier': {
        const m = floatOf(e.value, 'multiplier', diags)
        if (m !== undefined) multiplier = { value: m, span: e.value.span }
        break
      }
      case 'max_delay_ms': {
        const m = intOf(e.value, 'max_delay_ms', diags)
        if (m !== undefined) maxDelayMs = { value: m, span: e.value.span }
        break
      }
      default:
        // The reference ignores unknown strategy keys.
        break
    }
  }
  if (!type) {
    diags.push(error('The retry strategy needs a `type`: `constant_delay` or `exponential_backoff`', fieldSpan))
    return undefined
  }
  if (type.name === 'constant_delay') {
    if (multiplier) diags.push(error('`multiplier` is not supported by the `constant_delay` strategy', multiplier.span))
    if (maxDelayMs) diags.push(error('`max_delay_ms` is not supported by the `constant_delay` strategy', maxDelayMs.span))
    return { type: 'constant_delay', delayMs: delayMs ?? 200 }
  }
  if (type.name === 'exponential_backoff') {
    return { type: 'exponential_backoff', delayMs: delayMs ?? 200, multiplier: multiplier?.value ?? 1.5, maxDelayMs: maxDelayMs?.value ?? 10000 }
  }
  diags.push(error(`Unknown retry strategy type \`${type.name}\`; use \`constant_delay\` or \`exponential_backoff\``, type.span))
  return undefined
}

export function buildRetryPolicy(b: ValueBlockAst, diags: Diagnostic[]): RetryPolicyIR | undefined {
  checkName('retry_policy', b.name, true, diags)
  const fields = configFields(b, 'retry_policy', diags)
  let maxRetries: number | undefined
  let strategy: RetryStrategyIR | undefined = { type: 'constant_delay', delayMs: 200 }
  let options: ConfigMap | undefined
  let ok = true
  for (const [key, { field, value }] of fields) {
    switch (key) {
      case 'max_retries':
        if (value.kind === 'number' && value.isInt && value.value < 0) {
          // The reference accepts this (and wraps it to a huge count); retry nothing instead.
          diags.push(warning(`\`max_retries\` is negative (${value.value}); it is treated as 0`, value.span))
          maxRetries = 0
          break
        }
        maxRetries = intOf(value, 'max_retries', diags)
        if (maxRetries === undefined) ok = false
        break
      case 'strategy':
        strategy = buildStrategy(value, field.span, diags)
        if (!strategy) ok = false
        break
      case 'options':
        if (value.kind === 'map') options = value
        else {
          diags.push(error(`\`options\` must be a map, found ${describeConfigValue(value)}`, value.span))
          ok = false
        }
        break
      default:
        unknownKey(key, `retry_policy \`${b.name.name}\``, ['max_retries', 'strategy', 'options'], field.name.span, diags)
        ok = false
    }
  }
  if (!fields.has('max_retries')) {
    diags.push(error(`Missing \`max_retries\` in retry_policy \`${b.name.name}\``, b.name.span))
    ok = false
  }
  if (!ok || maxRetries === undefined || !strategy) return undefined
  return { name: b.name.name, maxRetries, strategy, ...(options ? { options } : {}), span: b.span }
}

const GENERATOR_FIELDS = ['output_type', 'output_dir', 'version', 'default_client_mode', 'on_generate', 'project', 'client_package_name', 'module_format'] as const
const OUTPUT_TYPES = ['python/pydantic', 'python/pydantic/v1', 'typescript', 'typescript/react', 'ruby/sorbet', 'go', 'rust', 'rest/openapi', 'boundary-cloud']

/** What the reference accepts as a generator string: quoted or block strings and plain words (not `a.b`, `env.X`, numbers). */
function generatorString(v: ConfigValue): string | undefined {
  if (v.kind === 'string') return v.quoted !== 'block' && (v.value === 'true' || v.value === 'false') ? undefined : v.value
  if (v.kind === 'ident') return v.name.indexOf('.') >= 0 ? undefined : v.name
  return undefined
}

/** Strict semver `MAJOR.MINOR.PATCH[-pre][+build]` (what Rust's semver crate parses). */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

/** `org/project` as boundary-cloud expects it. */
function isProjectFqn(s: string): boolean {
  const slash = s.indexOf('/')
  if (slash < 0) return false
  const org = s.slice(0, slash)
  const project = s.slice(slash + 1)
  return /^[a-z0-9_][a-z0-9_-]*$/.test(org) && /^[a-z][a-z0-9_-]*$/.test(project) && !project.includes('--')
}

export function buildGenerator(b: ValueBlockAst, diags: Diagnostic[]): GeneratorIR | undefined {
  checkName('generator', b.name, false, diags)
  const fields = configFields(b, 'generator', diags, true)
  const str = new Map<string, { value: string; span: Span }>()
  let ok = true
  for (const [key, { field, value }] of fields) {
    if (!(GENERATOR_FIELDS as readonly string[]).includes(key)) {
      unknownKey(key, `generator \`${b.name.name}\``, GENERATOR_FIELDS, field.name.span, diags)
      ok = false
      continue
    }
    const s = generatorString(value)
    if (s === undefined) {
      diags.push(error(`\`${key}\` must be a string, e.g. \`${key} "..."\`; found ${describeConfigValue(value)}`, value.span))
      ok = false
      continue
    }
    str.set(key, { value: s, span: value.span })
  }
  if (!ok) return undefined
  const outputType = str.get('output_type')
  if (!outputType) {
    diags.push(error(`Missing \`output_type\` in generator \`${b.name.name}\`; add e.g. \`output_type "typescript"\``, b.name.span))
    return undefined
  }
  if (!OUTPUT_TYPES.includes(outputType.value)) {
    diags.push(error(`Unknown output_type \`${outputType.value}\`.${didYouMean(outputType.value, OUTPUT_TYPES)} Allowed: ${OUTPUT_TYPES.map((o) => `"${o}"`).join(', ')}`, outputType.span))
    ok = false
  }
  const version = str.get('version')
  if (version && !SEMVER.test(version.value)) {
    diags.push(error(`Invalid version \`${version.value}\`: write a semantic version such as "0.226.2"`, version.span))
    ok = false
  }
  const project = str.get('project')
  if (outputType.value === 'boundary-cloud') {
    if (!project) diags.push(error('A `boundary-cloud` generator needs `project "org/project"`', b.name.span))
    else if (!isProjectFqn(project.value)) diags.push(error('`project` must be a fully-qualified project ID such as "my-org/my-project"', project.span))
    if (!project || !isProjectFqn(project.value)) return undefined
  } else {
    const mode = str.get('default_client_mode')
    if (mode && mode.value !== 'sync' && mode.value !== 'async') {
      diags.push(error(`\`default_client_mode\` must be "sync" or "async", found "${mode.value}"`, mode.span))
      ok = false
    }
    const moduleFormat = str.get('module_format')
    if (moduleFormat && moduleFormat.value !== 'cjs' && moduleFormat.value !== 'esm') {
      diags.push(error(`\`module_format\` must be "cjs" or "esm", found "${moduleFormat.value}"`, moduleFormat.span))
      ok = false
    }
    if (ok && outputType.value === 'go' && !str.get('client_package_name')) {
      diags.push(error('A `go` generator needs `client_package_name`', b.name.span))
      ok = false
    }
  }
  if (!ok) return undefined
  const g: { -readonly [K in keyof GeneratorIR]: GeneratorIR[K] } = {
    name: b.name.name,
    outputType: outputType.value,
    outputDir: str.get('output_dir')?.value ?? '../',
    version: version?.value ?? '0.0.0',
    span: b.span,
  }
  const mode = str.get('default_client_mode')?.value
  if (mode === 'sync' || mode === 'async') g.defaultClientMode = mode
  const onGenerate = str.get('on_generate')?.value
  if (onGenerate !== undefined) g.onGenerate = onGenerate
  const moduleFormat = str.get('module_format')?.value
  if (moduleFormat === 'cjs' || moduleFormat === 'esm') g.moduleFormat = moduleFormat
  const pkg = str.get('client_package_name')?.value
  if (pkg !== undefined) g.clientPackageName = pkg
  if (project) g.project = project.value
  return g
}
