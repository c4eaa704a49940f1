// The `baml init` questions on a terminal, on @clack/prompts. Every question has a default, so
// pressing Enter through all of them sets up the reference's starter project. The wizard only asks;
// the caller writes nothing until it has every answer (Ctrl-C or Escape at any point leaves no files).
import type { Readable, Writable } from 'node:stream'
import { cancel, confirm, intro, isCancel, outro, select, text } from '@clack/prompts'
import {
  DEFAULT_CLIENT,
  OUTPUT_TYPE_INFO,
  PROVIDERS,
  envNameProblem,
  modelNameProblem,
  openapiNameProblem,
  type ClientChoice,
  type OutputType,
} from './choices.ts'
import { bamlSrcDisplay } from './write.ts'

export interface WizardIO {
  readonly input: Readable
  readonly output: Writable
}

export interface WizardContext {
  /** The suggested destination ('.' unless the caller knows better). */
  readonly dest: string
  /** Why `<dir>/baml_src` cannot be created, if it cannot (e.g. it exists). */
  readonly destProblem: (dir: string) => string | undefined
  /** The output type suggested for a destination, and the marker file it was detected from. */
  readonly detect: (dir: string) => { readonly outputType: OutputType; readonly from?: string }
  /** True when `baml generate` can generate this output type now. */
  readonly canGenerate: (t: OutputType) => boolean
}

export interface WizardAnswers {
  readonly dest: string
  readonly outputType: OutputType
  readonly openapiClientType?: string
  readonly client: ClientChoice
  readonly generate: boolean
}

/** Thrown out of a question when the user cancels; caught in runWizard. */
class Cancelled extends Error {}

function answer<T>(v: T): Exclude<T, symbol> {
  if (isCancel(v)) throw new Cancelled()
  return v as Exclude<T, symbol>
}

// Shown in this order; the reference's list order is kept for `--client-type` messages.
const LANGUAGES: readonly OutputType[] = [
  'typescript',
  'typescript/react',
  'python/pydantic',
  'python/pydantic/v1',
  'ruby/sorbet',
  'go',
  'rust',
  'rest/openapi',
]

/** Asks the questions; resolves to the answers, or to 'cancelled' (after saying so on `io.output`). */
export async function runWizard(ctx: WizardContext, io: WizardIO): Promise<WizardAnswers | 'cancelled'> {
  const common = { input: io.input, output: io.output }
  intro('Create a BAML project', common)
  try {
    const destAnswer = answer(
      await text({
        ...common,
        message: 'Where should baml_src/ go?',
        placeholder: ctx.dest,
        defaultValue: ctx.dest,
        // Runs before the default is applied: an empty answer means the default.
        validate: (v) => ctx.destProblem(v?.trim() || ctx.dest),
      }),
    )
    const dest = destAnswer.trim() || ctx.dest

    const detected = ctx.detect(dest)
    const outputType = answer(
      await select<OutputType>({
        ...common,
        message: 'Which language will call your BAML functions?',
        initialValue: detected.outputType,
        options: LANGUAGES.map((t) => ({
          value: t,
          label: `${OUTPUT_TYPE_INFO[t].label} (${t})`,
          hint: [t === detected.outputType && detected.from ? `found ${detected.from}` : '', ctx.canGenerate(t) ? '' : 'generate with the reference CLI']
            .filter(Boolean)
            .join('; ') || undefined,
        })),
      }),
    )

    let openapiClientType: string | undefined
    if (outputType === 'rest/openapi') {
      const v = answer(
        await text({
          ...common,
          message: 'Which openapi-generator language should build the REST client? (empty: decide later)',
          placeholder: 'e.g. go, java, typescript-axios',
          validate: (s) => (s?.trim() ? openapiNameProblem(s.trim()) : undefined),
        }),
      )
      openapiClientType = v.trim() || undefined
    }

    const providers = Object.keys(PROVIDERS)
    const provider = answer(
      await select<string>({
        ...common,
        message: 'Which LLM provider should the example function use?',
        initialValue: DEFAULT_CLIENT.provider,
        options: providers.map((p) => ({ value: p, label: PROVIDERS[p]!.label, hint: p })),
      }),
    )
    const info = PROVIDERS[provider]!
    const model = answer(
      await text({
        ...common,
        message: 'Which model?',
        placeholder: info.model,
        defaultValue: info.model,
        validate: (v) => modelNameProblem(v?.trim() || info.model),
      }),
    ).trim() || info.model

    let apiKeyEnv: string | null = null
    if (info.keyEnv) {
      const keyEnv = info.keyEnv
      apiKeyEnv =
        answer(
          await text({
            ...common,
            message: 'Which environment variable holds its API key?',
            placeholder: keyEnv,
            defaultValue: keyEnv,
            validate: (v) => envNameProblem(v?.trim() || keyEnv),
          }),
        ).trim() || keyEnv
    }

    const generate = ctx.canGenerate(outputType)
      ? answer(await confirm({ ...common, message: 'Generate the client (baml_client/) now?', initialValue: true }))
      : false

    outro(`Creating ${bamlSrcDisplay(dest)}`, common)
    return { dest, outputType, openapiClientType, client: { provider, model, apiKeyEnv }, generate }
  } catch (e) {
    if (!(e instanceof Cancelled)) throw e
    cancel('Cancelled: nothing was written.', common)
    return 'cancelled'
  }
}
