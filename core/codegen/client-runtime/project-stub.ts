// Stands in for core/project.ts in the bundled client runtime: a generated client ships its project
// already validated (a serialized IR), so the BAML parser and validator stay out of the bundle.
import { BamlError } from '../../index.ts'

function unavailable(): never {
  throw new BamlError('a generated client cannot load .baml files; run `baml generate` to update it')
}

export const loadProject = unavailable
export const checkProject = unavailable
