// How `baml init` runs `baml generate` when the user answers "generate now": generateProject from
// cli/commands/generate.ts on the new baml_src/ directory (TypeScript clients only).
import type { OutputType } from './choices.ts'

export interface GenerateHook {
  /** True when `baml generate` can generate clients of this output type. */
  supports(outputType: OutputType): boolean
  /** Runs `baml generate --from <bamlSrc>`; resolves to its exit code. */
  run(bamlSrc: string): Promise<number>
}

export const GENERATE: GenerateHook | undefined = {
  supports: (outputType) => outputType === 'typescript',
  async run(bamlSrc) {
    const { generateProject } = await import('../commands/generate.ts')
    try {
      await generateProject({ from: bamlSrc })
      return 0
    } catch (e) {
      return (await import('../output.ts')).reportError(e)
    }
  },
}
