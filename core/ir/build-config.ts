// Config blocks → IR: clients, retry policies, generators.
import type { ValueBlockAst, ValueFieldAst } from '../syntax/ast.ts'
import { error, type Diagnostic } from '../syntax/diagnostics.ts'
import type { Span } from '../syntax/span.ts'
import { checkName } from './collect.ts'
import { describeConfigValue, stringOf, toConfigValue, type ConfigMap } from './config-value.ts'
import { canonicalProvider, PROVIDER_NAMES } from './providers.ts'
import { didYouMean } from './suggest.ts'
import type { ClientIR, ConfigValue, GeneratorIR, RetryPolicyIR, RetryStrategyIR } from './types.ts'

const EMPTY_MAP = (span: Span): ConfigMap => ({ kind: 'map', entries: [], span })

/** Shared checks for a config block's fields: attributes are not allowed, each key once, value present. */
function configFields(b: ValueBlockAst, what: string, diags: Diagnostic[]): Map<string, { field: ValueFieldAst; value: ConfigValue }> {
  const out = new Map<string, { field: ValueFieldAst; value: ConfigValue }>()
  for (const f of b.fields) {
    const key = f.name.name
    if (f.attrs.length) diags.push(error(`Attributes are not allowed on \`${key}\` in ${what} \`${b.name.name}\``, f.attrs[0]!.span))
    if (!f.value) {
      diags.push(error(`\`${key}\` in ${what} \`${b.name.name}\` needs a value`, f.name.span))
      continue
    }
    if (out.has(key)) {
      diags.push(error(`\`${key}\` is set more than once in ${what} \`${b.name.name}\``, f.name.span))
      continue
    }
    out.set(key, { field: f, value: toConfigValue(f.value, diags) })
  }
  if (b.blockAttrs.length) diags.push(error('Only tests may contain block-level attributes', b.blockAttrs[0]!.span))
  if (b.typeBuilders.length) diags.push(error('Only tests may have a type_builder block', b.typeBuilders[0]!.span))
  if (b.params) diags.push(error(`A ${what} does not take parameters`, b.paramsSpan ?? b.name.span))
  if (b.arrow) diags.push(error(`A ${what} does not have a return type`, b.arrow))
  return out
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

/** Spans of retry_policy references, for checking after all policies are known. */
export function clientRetryPolicySpan(b: ValueBlockAst): Span | undefined {
  return b.fields.find((f) => f.name.name === 'retry_policy')?.value?.span
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

export function buildGenerator(b: ValueBlockAst, diags: Diagnostic[]): GeneratorIR | undefined {
  checkName('generator', b.name, false, diags)
  const fields = configFields(b, 'generator', diags)
  const str = new Map<string, { value: string; span: Span }>()
  let ok = true
  for (const [key, { field, value }] of fields) {
    if (!(GENERATOR_FIELDS as readonly string[]).includes(key)) {
      unknownKey(key, `generator \`${b.name.name}\``, GENERATOR_FIELDS, field.name.span, diags)
      ok = false
      continue
    }
    const s = stringOf(value)
    if (s === undefined) {
      diags.push(error(`\`${key}\` must be a string, found ${describeConfigValue(value)}`, value.span))
      ok = false
      continue
    }
    str.set(key, { value: s, span: value.span })
  }
  const outputType = str.get('output_type')
  if (!outputType) {
    diags.push(error(`Missing \`output_type\` in generator \`${b.name.name}\`; add e.g. \`output_type "typescript"\``, b.name.span))
    ok = false
  } else if (!OUTPUT_TYPES.includes(outputType.value)) {
    diags.push(error(`Unknown output_type \`${outputType.value}\`.${didYouMean(outputType.value, OUTPUT_TYPES)} Allowed: ${OUTPUT_TYPES.map((o) => `"${o}"`).join(', ')}`, outputType.span))
    ok = false
  }
  const mode = str.get('default_client_mode')
  if (mode && mode.value !== 'sync' && mode.value !== 'async') {
    diags.push(error('`default_client_mode` must be "sync" or "async"', mode.span))
    ok = false
  }
  const moduleFormat = str.get('module_format')
  if (moduleFormat && moduleFormat.value !== 'cjs' && moduleFormat.value !== 'esm') {
    diags.push(error('`module_format` must be "cjs" or "esm"', moduleFormat.span))
    ok = false
  }
  if (outputType?.value === 'go' && !str.get('client_package_name')) {
    diags.push(error('A `go` generator needs `client_package_name`', b.name.span))
    ok = false
  }
  if (!ok || !outputType) return undefined
  return {
    name: b.name.name,
    outputType: outputType.value,
    outputDir: str.get('output_dir')?.value ?? '../',
    version: str.get('version')?.value ?? '0.0.0',
    ...(mode ? { defaultClientMode: mode.value as 'sync' | 'async' } : {}),
    ...(str.get('on_generate') ? { onGenerate: str.get('on_generate')!.value } : {}),
    ...(moduleFormat ? { moduleFormat: moduleFormat.value as 'cjs' | 'esm' } : {}),
    ...(str.get('client_package_name') ? { clientPackageName: str.get('client_package_name')!.value } : {}),
    ...(str.get('project') ? { project: str.get('project')!.value } : {}),
    span: b.span,
  }
}
