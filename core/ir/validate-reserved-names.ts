// Names that generated clients cannot use. With a python/pydantic generator, Python keywords are
// refused as class field names, enum values and function parameters, and a field may not be named
// exactly like its type.
import type { TypeAst, TypeBlockAst, ValueBlockAst } from '../syntax/ast.ts'
import { error, type Diagnostic } from '../syntax/diagnostics.ts'
import { PYTHON_KEYWORDS, PYTHON_PARAM_NAMES } from './reserved.ts'
import type { GeneratorIR } from './types.ts'

/** The name the reference gives a field's type for the "field named like its type" rule. */
function typeName(t: TypeAst): string | undefined {
  if (t.kind === 'named') return t.name
  if (t.kind === 'optional') return typeName(t.inner)
  return undefined
}

export function checkPythonNames(
  generators: readonly GeneratorIR[],
  classes: readonly TypeBlockAst[],
  enums: readonly TypeBlockAst[],
  functions: readonly ValueBlockAst[],
  diags: Diagnostic[],
): void {
  if (!generators.some((g) => g.outputType === 'python/pydantic')) return
  for (const c of classes) {
    for (const m of c.members) {
      const n = m.name.name
      if (PYTHON_KEYWORDS.has(n)) diags.push(error(`Field \`${n}\` in class \`${c.name.name}\`: the name is a reserved word in generated python/pydantic clients; rename it and keep the old name with @alias("${n}")`, m.name.span))
      if (m.type && typeName(m.type) === n) {
        diags.push(error(`Field \`${n}\` in class \`${c.name.name}\` has the same name as its type, which the python/pydantic generator does not allow; rename the field and use @alias("${n}")`, m.name.span))
      }
    }
  }
  for (const e of enums) {
    for (const v of e.members) {
      const n = v.name.name
      if (PYTHON_KEYWORDS.has(n)) diags.push(error(`Enum value '${n}' in \`${e.name.name}\` is a reserved word in Python; rename it and use \`OtherValueName @alias("${n}")\``, v.name.span))
    }
  }
  for (const f of functions) {
    for (const p of f.params ?? []) {
      const n = p.name.name
      if (PYTHON_KEYWORDS.has(n) || PYTHON_PARAM_NAMES.has(n)) diags.push(error(`Parameter \`${n}\` of \`${f.name.name}\` is a reserved word in python/pydantic clients; rename it`, p.name.span))
    }
  }
}
