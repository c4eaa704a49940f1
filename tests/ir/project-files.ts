// Test helper (kept for its importers): the shared golden-suite reader.
export { GOLDEN, listDirs, readProject } from '../helpers/golden.ts'
