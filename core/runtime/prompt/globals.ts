// The globals a prompt sees besides its arguments: `ctx` (client, tags, output_format), `_` with
// `_.role(...)` / `_.chat(...)`, and one object per enum (`{{ Category.ONE }}`).
import type { BamlIR, TypeIR } from '../../ir/types.ts'
import type { ClientRenderContext } from '../../providers/request/types.ts'
import { parseOutputFormatKwargs, renderOutputFormat } from '../../format/index.ts'
import { renderError } from '../../template/errors.ts'
import { display, Float, HOST, Kwargs, toJsonValue, type HostObject } from '../../template/value.ts'
import { HostFunction } from '../../template/runtime.ts'
import { EnumType, ROLE_DELIMITER } from './jinja-values.ts'
import { enumValues } from './args.ts'

/** `ctx.output_format`: prints the default schema text; callable with keyword arguments only. */
export class OutputFormatValue implements HostObject {
  readonly [HOST] = 'plain' as const
  private text: string | undefined
  constructor(
    readonly ir: BamlIR,
    readonly target: TypeIR,
  ) {}
  display(): string {
    return (this.text ??= renderOutputFormat(this.ir, this.target))
  }
  truthy(): boolean {
    return true
  }
  call(args: unknown[], kwargs: Kwargs | undefined): unknown {
    const kw: Record<string, unknown> = {}
    if (kwargs) for (const [k, v] of kwargs.map) kw[k] = v
    return renderOutputFormat(this.ir, this.target, parseOutputFormatKwargs(kw, args))
  }
}

const ROLE_START = `${ROLE_DELIMITER}:baml-start-baml:`
const ROLE_END = `:baml-end-baml:${ROLE_DELIMITER}`

const simpleMarkers = new Map<string, string>()

/** `_.role("user", cache_control={...})` → the role marker the splitter looks for. */
function roleMarker(args: unknown[], kwargs: Kwargs | undefined): string {
  if (kwargs === undefined && args.length === 1 && typeof args[0] === 'string') {
    let m = simpleMarkers.get(args[0])
    if (m === undefined) {
      m = ROLE_START + JSON.stringify({ role: args[0], __baml_allow_dupe_role__: false }) + ROLE_END
      if (simpleMarkers.size < 64) simpleMarkers.set(args[0], m)
    }
    return m
  }
  if (args.length > 1) throw renderError('too many arguments')
  const pos = args.length === 1 && args[0] !== undefined && args[0] !== null ? display(args[0]) : undefined
  const kwRole = kwargs?.has('role') ? display(kwargs.get('role')) : undefined
  if (pos !== undefined && kwRole !== undefined) throw renderError('too many arguments', `role() called with two roles: '${kwRole}' and '${pos}'`)
  const role = pos ?? kwRole
  if (role === undefined) throw renderError('missing argument', "role() called without role. Try role('role') or role(role='role').")
  let dupe = false
  if (kwargs?.has('__baml_allow_dupe_role__')) {
    const d = kwargs.get('__baml_allow_dupe_role__')
    if (typeof d !== 'boolean') throw renderError('invalid operation', 'cannot convert value to bool')
    dupe = d
  }
  const props: Record<string, unknown> = {}
  if (kwargs) for (const [k, v] of kwargs.map) if (k !== 'role') props[k] = toJsonValue(v)
  props.role = role
  props.__baml_allow_dupe_role__ = dupe
  return ROLE_START + JSON.stringify(props, (_k, x) => (x instanceof Float ? x.value : x)) + ROLE_END
}

const roleFn = new HostFunction('role', roleMarker)

/** The `_` global. */
export const UNDERSCORE: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['chat', roleFn],
  ['role', roleFn],
])

const enumGlobalsCache = new WeakMap<BamlIR, Record<string, unknown>>()

/** One global per enum name (cached per IR). */
export function enumGlobals(ir: BamlIR): Record<string, unknown> {
  let g = enumGlobalsCache.get(ir)
  if (!g) {
    g = Object.create(null) as Record<string, unknown>
    for (const e of ir.enums.values()) g[e.name] = new EnumType(enumValues(ir, e))
    enumGlobalsCache.set(ir, g)
  }
  return g
}

/** `ctx.client` as the reference serializes it. */
export function clientValue(c: ClientRenderContext): Map<string, unknown> {
  return new Map<string, unknown>([
    ['name', c.name],
    ['provider', c.provider],
    ['default_role', c.defaultRole],
    ['allowed_roles', [...c.allowedRoles]],
    ['remap_role', new Map(Object.entries(c.remapRoles))],
    ['options', new Map(Object.entries(c.options))],
  ])
}
