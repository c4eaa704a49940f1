// `baml init [--dest DIR] [--client-type T] [--openapi-client-type T] [--yes]`: create baml_src/ with
// generators.baml, clients.baml and an example (resume.baml), as the reference's `baml-cli init` does.
// On a terminal with none of those flags it asks first (cli/init/wizard.ts); otherwise it uses the
// flags, detection and defaults. Exit codes: 0 done; 2 a bad flag value; 4 baml_src/ already exists
// or cannot be written (the reference's code for a failed command); 130 cancelled at a question.
import { resolve } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { BAML_VERSION } from '../../core/version.ts' // the core's dependency-free entry: init needs nothing else
import {
  DEFAULT_CLIENT,
  OUTPUT_TYPES,
  OUTPUT_TYPE_INFO,
  isOutputType,
  openapiNameProblem,
  type ClientChoice,
  type OutputType,
} from '../init/choices.ts'
import { FALLBACK_OUTPUT_TYPE, detectOutputType, goModulePath, openapiGeneratorCommand } from '../init/detect.ts'
import { GENERATE, type GenerateHook } from '../init/generate-hook.ts'
import { initLogger } from '../init/logger.ts'
import { nextSteps } from '../init/next-steps.ts'
import { projectFiles } from '../init/templates.ts'
import { runWizard, type WizardAnswers } from '../init/wizard.ts'
import { ProjectExistsError, bamlSrcDisplay, bamlSrcExists, writeProject } from '../init/write.ts'

export interface InitOptions {
  dest?: string
  clientType?: string
  openapiClientType?: string
  yes?: boolean
}

/** Where init reads and writes; the process's by default, streams and a directory in tests. */
export interface InitIO {
  readonly stdin: Readable
  readonly stdout: Writable
  readonly stderr: Writable
  /** True when stdin and stdout are a terminal: only then are questions asked. */
  readonly terminal: boolean
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  /** How "generate now" runs `baml generate` (see cli/init/generate-hook.ts). */
  readonly generate?: GenerateHook
}

export const EXIT_USAGE = 2
export const EXIT_FAILED = 4
export const EXIT_CANCELLED = 130

function processIO(): InitIO {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    terminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
    generate: GENERATE,
  }
}

interface Plan {
  readonly dest: string
  readonly outputType: OutputType
  readonly openapiClientType?: string
  readonly client: ClientChoice
  readonly generate: boolean
}

export async function initCommand(opts: InitOptions, io: InitIO = processIO()): Promise<number> {
  const log = initLogger(io.stdout, io.stderr, io.env)
  const abs = (p: string) => resolve(io.cwd, p)

  for (const [key, flag] of [['dest', '--dest'], ['clientType', '--client-type'], ['openapiClientType', '--openapi-client-type']] as const) {
    if (Array.isArray(opts[key])) {
      log.error(`${flag} can be given only once`)
      return EXIT_USAGE
    }
  }
  if (opts.clientType !== undefined && !isOutputType(opts.clientType)) {
    log.error(`invalid value '${opts.clientType}' for --client-type (possible values: ${OUTPUT_TYPES.join(', ')})`)
    return EXIT_USAGE
  }
  if (opts.openapiClientType !== undefined) {
    const problem = openapiNameProblem(opts.openapiClientType)
    if (problem) {
      log.error(`invalid value '${opts.openapiClientType}' for --openapi-client-type: expected ${problem}`)
      return EXIT_USAGE
    }
  }
  if (opts.dest === '') {
    log.error('--dest needs a directory')
    return EXIT_USAGE
  }

  const dest = opts.dest ?? '.'
  const refuse = (dir: string) => {
    log.error(`BAML project already exists: ${bamlSrcDisplay(dir)} is there already. Nothing was written (choose another --dest).`)
    return EXIT_FAILED
  }
  if (bamlSrcExists(abs(dest))) return refuse(dest)

  const detect = (dir: string) => {
    const d = detectOutputType(abs(dir))
    return d ? { outputType: d.outputType, from: d.marker } : { outputType: FALLBACK_OUTPUT_TYPE }
  }
  const canGenerate = (t: OutputType) => io.generate?.supports(t) ?? false

  const interactive =
    io.terminal && !opts.yes && opts.dest === undefined && opts.clientType === undefined && opts.openapiClientType === undefined
  let plan: Plan
  if (interactive) {
    const answers: WizardAnswers | 'cancelled' = await runWizard(
      {
        dest,
        destProblem: (dir) => (bamlSrcExists(abs(dir)) ? `${bamlSrcDisplay(dir)} already exists: choose another directory` : undefined),
        detect,
        canGenerate,
      },
      { input: io.stdin, output: io.stdout },
    )
    if (answers === 'cancelled') return EXIT_CANCELLED
    plan = answers
  } else {
    plan = {
      dest,
      outputType: (opts.clientType as OutputType | undefined) ?? detect(dest).outputType,
      openapiClientType: opts.openapiClientType,
      client: DEFAULT_CLIENT,
      generate: false,
    }
  }

  if (plan.openapiClientType !== undefined && plan.outputType !== 'rest/openapi')
    log.warn(`--openapi-client-type applies only to --client-type rest/openapi; ignored for ${plan.outputType}`)
  let openapiCommand: string | undefined
  if (plan.outputType === 'rest/openapi') {
    const found = openapiGeneratorCommand(io.env)
    if (!found.found) log.warn('Found none of openapi-generator, openapi-generator-cli or npx on PATH; on_generate uses npx anyway')
    openapiCommand = found.command
  }
  const goPackage = plan.outputType === 'go' ? goModulePath([abs(plan.dest), io.cwd]) : undefined
  if (plan.outputType === 'go' && goPackage === undefined)
    log.warn('No go.mod found: set client_package_name in baml_src/generators.baml to your Go module path')

  const files = projectFiles(
    {
      outputType: plan.outputType,
      version: BAML_VERSION,
      openapiClientType: plan.outputType === 'rest/openapi' ? plan.openapiClientType : undefined,
      openapiCommand,
      goPackage,
    },
    plan.client,
  )
  let bamlSrc: string
  try {
    bamlSrc = writeProject(abs(plan.dest), files)
  } catch (e) {
    if (e instanceof ProjectExistsError) return refuse(plan.dest)
    log.error(`cannot create ${bamlSrcDisplay(plan.dest)}: ${(e as Error).message}`)
    return EXIT_FAILED
  }

  const clients =
    plan.outputType === 'rest/openapi' && plan.openapiClientType
      ? `${plan.openapiClientType} clients via OpenAPI`
      : `${OUTPUT_TYPE_INFO[plan.outputType].label} clients`
  log.success(`Created a new BAML project in ${bamlSrcDisplay(plan.dest)} for ${clients}`)

  let generated = false
  if (plan.generate && io.generate) {
    const code = await io.generate.run(bamlSrc)
    if (code !== 0) {
      log.error(`baml generate failed (exit ${code}); the project files were written: fix the problem and run \`baml generate\``)
      return code
    }
    generated = true
  }
  log.log(
    nextSteps({
      dest: plan.dest,
      outputType: plan.outputType,
      client: plan.client,
      canGenerate: canGenerate(plan.outputType),
      generated,
      goPackageKnown: plan.outputType === 'go' ? goPackage !== undefined : undefined,
      openapiClientType: plan.openapiClientType,
    }).join('\n'),
  )
  return 0
}
