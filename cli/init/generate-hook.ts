// HOOK: how `baml init` runs `baml generate` when the user answers "generate now".
//
// `baml generate` (cli/commands/generate.ts, core/codegen) is being built separately. Until it is on
// main, `GENERATE` is undefined: the wizard does not offer to generate, and the next steps say that
// `generate` of the chosen language is not supported by this version. To wire it in, set `GENERATE`
// to a hook whose `supports` lists the output types the generator handles and whose `run` calls the
// generate command on the new baml_src/ directory and returns its exit code.
import type { OutputType } from './choices.ts'

export interface GenerateHook {
  /** True when `baml generate` can generate clients of this output type. */
  supports(outputType: OutputType): boolean
  /** Runs `baml generate --from <bamlSrc>`; resolves to its exit code. */
  run(bamlSrc: string): Promise<number>
}

export const GENERATE: GenerateHook | undefined = undefined
