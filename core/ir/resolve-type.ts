// Syntax-tree types → IR types: names resolved to classes/enums/aliases, `T?` → `T | null`,
// nested unions flattened, non-recursive aliases expanded in place, attributes interpreted.
import type { TypeAliasAst, TypeAst } from '../syntax/ast.ts'
import { error, warning, type Diagnostic } from '../syntax/diagnostics.ts'
import { mergeTypeAttrs, readAttributes, SIGNATURE_ATTRS } from './attributes.ts'
import { didYouMean } from './suggest.ts'
import type { MediaKind, PrimitiveName, TypeAttrs, TypeIR } from './types.ts'

const PRIMITIVES: ReadonlySet<string> = new Set(['string', 'int', 'float', 'bool', 'null'])
const MEDIA: ReadonlySet<string> = new Set(['image', 'audio', 'pdf', 'video'])
const BUILTIN_TYPE_NAMES: readonly string[] = [...PRIMITIVES, ...MEDIA, 'true', 'false']
/** Attributes a type alias may carry itself (`type A = int @check(..)`). */
const ALIAS_ATTRS: ReadonlySet<string> = new Set(['check', 'assert'])

export interface AliasDef {
  readonly ast: TypeAliasAst
  /** Takes part in a cycle (through any type constructor). */
  recursive: boolean
  resolved?: TypeIR
  resolving?: boolean
}

export interface TypeScope {
  readonly classes: ReadonlySet<string>
  readonly enums: ReadonlySet<string>
  readonly aliases: ReadonlyMap<string, AliasDef>
}

export function withAttrs(t: TypeIR, attrs: TypeAttrs | undefined): TypeIR {
  if (attrs === undefined) return t
  const merged = mergeTypeAttrs(t.attrs, attrs)
  return { ...t, attrs: merged } as TypeIR
}

/** Flatten attribute-free nested unions into one option list. */
export function unionOf(options: readonly TypeIR[], attrs?: TypeAttrs): TypeIR {
  const flat: TypeIR[] = []
  for (const o of options) {
    if (o.kind === 'union' && !o.attrs) flat.push(...o.options)
    else flat.push(o)
  }
  return attrs ? { kind: 'union', options: flat, attrs } : { kind: 'union', options: flat }
}

/** Whether `t` admits null (`null`, or a union with a null member at any depth). */
export function isOptional(t: TypeIR): boolean {
  if (t.kind === 'primitive' && t.name === 'null') return true
  return t.kind === 'union' && t.options.some(isOptional)
}

export function nullable(t: TypeIR): TypeIR {
  if (t.kind === 'union' && !t.attrs) {
    if (t.options.some((o) => o.kind === 'primitive' && o.name === 'null' && !o.attrs)) return t
    return unionOf([...t.options, { kind: 'primitive', name: 'null' }])
  }
  return unionOf([t, { kind: 'primitive', name: 'null' }])
}

function typeAttrsOf(t: TypeAst, diags: Diagnostic[]): TypeAttrs | undefined {
  if (t.attrs.length === 0) return undefined
  return readAttributes(t.attrs, SIGNATURE_ATTRS, 'a type', diags).typeAttrs
}

const typeNames = new WeakMap<TypeScope, string[]>()

/** "Did you mean" for an unknown type name (one candidate list per scope, which suggest.ts prepares and memoises once). */
function suggestType(name: string, scope: TypeScope): string {
  let names = typeNames.get(scope)
  if (!names) typeNames.set(scope, (names = allTypeNames(scope)))
  return didYouMean(name, names)
}

function allTypeNames(scope: TypeScope): string[] {
  return [...BUILTIN_TYPE_NAMES, ...scope.classes, ...scope.enums, ...scope.aliases.keys()]
}

/** A placeholder for a type that failed to resolve (the project has errors, so no IR is returned). */
const UNKNOWN: TypeIR = { kind: 'primitive', name: 'string' }

export function resolveType(t: TypeAst, scope: TypeScope, diags: Diagnostic[]): TypeIR {
  const attrs = t.attrs.length === 0 ? undefined : typeAttrsOf(t, diags)
  switch (t.kind) {
    case 'named': {
      const n = t.name
      let base: TypeIR
      if (PRIMITIVES.has(n)) base = { kind: 'primitive', name: n as PrimitiveName }
      else if (MEDIA.has(n)) base = { kind: 'media', name: n as MediaKind }
      else if (n === 'true' || n === 'false') base = { kind: 'literal', value: n === 'true' }
      else if (scope.classes.has(n)) base = { kind: 'class', name: n }
      else if (scope.enums.has(n)) base = { kind: 'enum', name: n }
      else if (scope.aliases.has(n)) base = resolveAliasRef(n, scope, diags)
      else {
        diags.push(error(`Type \`${n}\` does not exist.${suggestType(n, scope)}`, t.span))
        base = UNKNOWN
      }
      return attrs ? withAttrs(base, attrs) : base
    }
    case 'path':
      diags.push(error(`Dotted type names such as \`${t.name}\` are not supported (namespaces are not available)`, t.span))
      return UNKNOWN
    case 'literal':
      if (typeof t.value === 'number' && !Number.isInteger(t.value)) {
        diags.push(error(`Float literal types are not supported: \`${t.raw}\``, t.span))
        return UNKNOWN
      }
      return withAttrs({ kind: 'literal', value: t.value }, attrs)
    case 'list':
      return withAttrs({ kind: 'list', item: resolveType(t.item, scope, diags) }, attrs)
    case 'optional':
      return withAttrs(nullable(resolveType(t.inner, scope, diags)), attrs)
    case 'map': {
      if (t.typeArgs.length !== 2) diags.push(error('`map` takes exactly two types: `map<KeyType, ValueType>`', t.span))
      checkMapKey(t.key, scope, diags)
      return withAttrs({ kind: 'map', key: resolveType(t.key, scope, diags), value: resolveType(t.value, scope, diags) }, attrs)
    }
    case 'union':
      return unionOf(
        t.options.map((o) => resolveType(o, scope, diags)),
        attrs,
      )
    case 'tuple': {
      // The reference loads tuples but cannot use them; the IR has no tuple, so read it as a list.
      diags.push(warning('Tuple types are not supported; `(A, B)` is read as a list of `A | B`. Use a class instead', t.span))
      return withAttrs({ kind: 'list', item: unionOf(t.items.map((i) => resolveType(i, scope, diags))) }, attrs)
    }
  }
}

function resolveAliasRef(name: string, scope: TypeScope, diags: Diagnostic[]): TypeIR {
  const def = scope.aliases.get(name)!
  if (def.recursive) return { kind: 'alias', name }
  return resolveAlias(def, scope, diags)
}

/** The alias's type with nested non-recursive aliases expanded (memoised on the definition). */
export function resolveAlias(def: AliasDef, scope: TypeScope, diags: Diagnostic[]): TypeIR {
  if (def.resolved) return def.resolved
  if (def.resolving) return { kind: 'alias', name: def.ast.name.name }
  def.resolving = true
  const own = readAttributes(def.ast.attrs, ALIAS_ATTRS, 'a type alias', diags).typeAttrs
  def.resolved = withAttrs(resolveType(def.ast.type, scope, diags), own)
  def.resolving = false
  return def.resolved
}

const MAP_KEY_MESSAGE = 'Maps may only have strings, enums or literal strings as keys'

function checkMapKey(key: TypeAst, scope: TypeScope, diags: Diagnostic[]): void {
  switch (key.kind) {
    case 'named':
      if (key.name === 'string' || scope.enums.has(key.name)) return
      if (!PRIMITIVES.has(key.name) && !MEDIA.has(key.name) && !scope.classes.has(key.name) && !scope.aliases.has(key.name) && key.name !== 'true' && key.name !== 'false') return // reported as unknown
      break
    case 'literal':
      if (typeof key.value === 'string') return
      break
    case 'union':
      checkLiteralUnionKey(key, diags)
      return
  }
  diags.push(error(MAP_KEY_MESSAGE, key.span))
}

/** A union key must consist of string literals (nested unions allowed); each other member is reported. */
function checkLiteralUnionKey(key: Extract<TypeAst, { kind: 'union' }>, diags: Diagnostic[]): void {
  for (const o of key.options) {
    if (o.kind === 'union') checkLiteralUnionKey(o, diags)
    else if (!(o.kind === 'literal' && typeof o.value === 'string')) diags.push(error(MAP_KEY_MESSAGE, o.span))
  }
}
