// Stands in for Eta (the template compiler) in the bundled client runtime: a generated client's
// prompt templates come precompiled, so compiling one at run time means the client is out of date.
import { BamlTemplateError } from '../../index.ts'

const MESSAGE = 'this prompt template was not precompiled into baml_client; run `baml generate` again'

export class Eta {
  constructor(_config?: unknown) {}
  compile(): never {
    throw new BamlTemplateError(MESSAGE)
  }
  compileToString(): never {
    throw new BamlTemplateError(MESSAGE)
  }
}
