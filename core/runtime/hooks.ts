// Loader hooks: the checks other stages contribute to `loadProject` (template syntax and
// variables, provider option validation). Kept in one place so every entry point loads the same way.
import type { LoadOptions } from '../ir/load.ts'
import { validateClient } from '../providers/request/index.ts'
import { checkTemplateInput } from './prompt/check.ts'

export const loaderHooks: LoadOptions = { validateClient, checkTemplate: checkTemplateInput }
