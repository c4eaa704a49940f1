// BAML's `format(type="json" | "yaml" | "toon")` filter: the value is first converted to JSON the
// way BAML does it (class fields by alias, enums by alias, integral floats as ints, an empty map
// as the string "{}"), then written as compact JSON (serde_json), YAML (serde_yaml) or TOON.
import { renderError } from './errors.ts'
import { MAX_VALUE_DEPTH, valueTooDeepError } from './limits.ts'
import { display, Float, HOST, intToString, isHost, jsonString, jsonStringify, mapEntries, type Kwargs } from './value.ts'

/** A JSON value with floats kept apart from ints (`Float` box for integral floats). */
type J = null | boolean | number | Float | string | J[] | { [k: string]: J }

const I64 = 2 ** 63

/** BAML's `minijinja_value_to_json`. */
export function bamlJson(v: unknown): J {
  switch (typeof v) {
    case 'undefined':
      return null
    case 'boolean':
    case 'string':
      return v
    case 'number':
      if (Number.isInteger(v)) return v
      if (!Number.isFinite(v)) throw renderError('could not serialize to value', 'Invalid float value for JSON encoding')
      return v
    case 'object': {
      if (v === null) return null
      if (v instanceof Float) {
        if (!Number.isFinite(v.value)) throw renderError('could not serialize to value', 'Invalid float value for JSON encoding')
        return Math.abs(v.value) < I64 ? v.value : v
      }
      if (Array.isArray(v)) return v.map(bamlJson)
      if (isHost(v)) {
        if (v.toJSON) return v.toJSON() as J
        const r = v[HOST]
        if (r === 'seq' || r === 'iterable') return (v.iter ? v.iter() : []).map(bamlJson)
        if (r === 'map') return mapToJson(mapEntries(v), v)
        return display(v)
      }
      return mapToJson(mapEntries(v), v)
    }
    default:
      return display(v)
  }
}

function mapToJson(entries: [unknown, unknown][], whole: unknown): J {
  // a map without keys is printed rather than converted (BAML quirk: `{}` becomes the string "{}")
  if (entries.length === 0) return display(whole)
  const o: { [k: string]: J } = {}
  for (const [k, x] of entries) if (typeof k === 'string') o[k] = bamlJson(x)
  return o
}

export function formatValue(v: unknown, type: string, rawType: string, kwargs: Kwargs): string {
  switch (type) {
    case 'json':
      return jsonStringify(bamlJson(v))
    case 'yaml':
      return toYaml(bamlJson(v))
    case 'toon':
      return toToon(bamlJson(v), kwargs)
    default:
      throw renderError('invalid operation', `Unsupported format type '${rawType.toLowerCase()}'. Supported types: 'yaml', 'json', 'toon'`)
  }
}

// ---------------------------------------------------------------------------------------------
// YAML (serde_yaml / libyaml emitter conventions)

const RESOLVES_AS_OTHER = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|0o[0-7_]+|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/

function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c > 0xffff
}

type Style = 'plain' | 'single' | 'double' | 'literal'

function yamlStyle(s: string): Style {
  if (s === '') return 'single'
  let special = false
  let lineBreaks = false
  let blockIndicators = false
  let leadingSpace = false
  let trailingSpace = false
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true
  const cps = Array.from(s)
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!
    const code = c.codePointAt(0)!
    const next = cps[i + 1]
    const followedByWs = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r'
    const precededByWs = i === 0 || cps[i - 1] === ' ' || cps[i - 1] === '\t' || cps[i - 1] === '\n'
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true
      else if ((c === '?' || c === ':') && followedByWs) blockIndicators = true
      else if (c === '-' && followedByWs) blockIndicators = true
    } else {
      if (c === ':' && followedByWs) blockIndicators = true
      else if (c === '#' && precededByWs) blockIndicators = true
    }
    if (!isPrintable(code)) special = true
    if (c === '\n') lineBreaks = true
    if (c === ' ') {
      if (i === 0) leadingSpace = true
      if (i === cps.length - 1) trailingSpace = true
    }
  }
  if (special) return 'double'
  if (lineBreaks) return leadingSpace ? 'double' : 'literal'
  if (leadingSpace || trailingSpace || blockIndicators || RESOLVES_AS_OTHER.test(s)) return 'single'
  return 'plain'
}

function yamlDoubleQuoted(s: string): string {
  let out = '"'
  for (const c of s) {
    const code = c.codePointAt(0)!
    switch (c) {
      case '"':
        out += '\\"'
        continue
      case '\\':
        out += '\\\\'
        continue
      case '\0':
        out += '\\0'
        continue
      case '\x07':
        out += '\\a'
        continue
      case '\b':
        out += '\\b'
        continue
      case '\t':
        out += '\\t'
        continue
      case '\n':
        out += '\\n'
        continue
      case '\x0b':
        out += '\\v'
        continue
      case '\f':
        out += '\\f'
        continue
      case '\r':
        out += '\\r'
        continue
      case '\x1b':
        out += '\\e'
        continue
    }
    if (isPrintable(code) && code !== 0x85 && code !== 0xa0 && code !== 0x2028 && code !== 0x2029) out += c
    else if (code <= 0xff) out += '\\x' + code.toString(16).toUpperCase().padStart(2, '0')
    else if (code <= 0xffff) out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0')
    else out += '\\U' + code.toString(16).toUpperCase().padStart(8, '0')
  }
  return out + '"'
}

/** A scalar string; `indent` is the indentation of a literal block's lines. */
function yamlString(s: string, indent: string): string {
  switch (yamlStyle(s)) {
    case 'plain':
      return s
    case 'single':
      return "'" + s.replace(/'/g, "''") + "'"
    case 'double':
      return yamlDoubleQuoted(s)
    case 'literal': {
      const keep = s.endsWith('\n')
      const body = keep ? s.slice(0, -1) : s
      return (keep ? '|' : '|-') + body.split('\n').map((l) => (l === '' ? '\n' : '\n' + indent + l)).join('')
    }
  }
}

function yamlScalar(v: J, indent: string): string | undefined {
  if (v === null) return 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number' || v instanceof Float) return jsonStringify(v)
  if (typeof v === 'string') return yamlString(v, indent)
  if (Array.isArray(v) && v.length === 0) return '[]'
  if (!Array.isArray(v) && Object.keys(v).length === 0) return '{}'
  return undefined
}

// Flat runs of spaces by width (indentation strings built by `+` would be ropes as deep as the value).
const SPACES: string[] = ['']
function spaces(n: number): string {
  while (SPACES.length <= n) SPACES.push(new Array(SPACES.length + 1).join(' '))
  return SPACES[n]!
}

/**
 * Lines of a list or map at indentation `ind`, into `out`. The first line starts with `first`
 * instead of the indentation when given (a complex item of a list: `- ` and its first line share
 * one line), so nested levels are written once rather than copied into their parents' text.
 */
function yamlLines(v: J, ind: number, out: string[], first: string | undefined, depth: number): void {
  if (++depth > MAX_VALUE_DEPTH) throw valueTooDeepError()
  const pad = spaces(ind)
  let lead = first ?? pad
  if (Array.isArray(v)) {
    for (const item of v) {
      const sc = yamlScalar(item, spaces(ind + 2))
      if (sc !== undefined) out.push(lead + '- ' + sc + '\n')
      else yamlLines(item, ind + 2, out, lead + '- ', depth)
      lead = pad
    }
    return
  }
  for (const [k, x] of Object.entries(v as { [k: string]: J })) {
    const key = yamlString(k, spaces(ind + 2))
    const sc = yamlScalar(x, spaces(ind + 2))
    if (sc !== undefined) out.push(lead + key + ': ' + sc + '\n')
    else {
      out.push(lead + key + ':\n')
      yamlLines(x, Array.isArray(x) ? ind : ind + 2, out, undefined, depth)
    }
    lead = pad
  }
}

function toYaml(v: J): string {
  const sc = yamlScalar(v, '  ')
  if (sc !== undefined) return sc + '\n'
  const out: string[] = []
  yamlLines(v, 0, out, undefined, 0)
  return out.join('')
}

// ---------------------------------------------------------------------------------------------
// TOON (the `toon` crate's encoding: sorted keys, `key[N]: a,b`, tabular object arrays)

interface ToonOpts {
  indent: number
  delim: string
  marker: string
}

function toonPrim(v: J, o: ToonOpts): string {
  if (v === null) return 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number') return Number.isInteger(v) ? intToString(v) : String(v)
  if (v instanceof Float) return String(v.value)
  return toonString(v as string, o.delim)
}

function toonString(s: string, delim: string): string {
  const needs =
    s === '' ||
    s !== s.trim() ||
    s.includes(delim) ||
    /[:"\\[\]{}\n\r\t]/.test(s) ||
    s === 'true' ||
    s === 'false' ||
    s === 'null' ||
    /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(s) ||
    s.startsWith('- ') ||
    s === '-'
  if (!needs) return s
  return '"' + s.replace(/[\\"\n\r\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '\\' + c)) + '"'
}

function toonKey(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(k) ? k : jsonString(k)
}

const isPrim = (v: J) => v === null || typeof v !== 'object' || v instanceof Float

function header(len: number, o: ToonOpts, fields?: string[]): string {
  const d = o.delim === ',' ? '' : o.delim
  return `[${o.marker}${len}${d}]` + (fields ? '{' + fields.map(toonKey).join(o.delim) + '}' : '') + ':'
}

function sortedEntries(v: { [k: string]: J }): [string, J][] {
  return Object.keys(v)
    .sort()
    .map((k) => [k, v[k]!])
}

function tabularFields(arr: J[]): string[] | undefined {
  if (arr.length === 0) return undefined
  let fields: string[] | undefined
  for (const x of arr) {
    if (x === null || typeof x !== 'object' || Array.isArray(x) || x instanceof Float) return undefined
    const keys = Object.keys(x).sort()
    if (!keys.every((k) => isPrim(x[k]!))) return undefined
    if (!fields) fields = keys
    else if (fields.length !== keys.length || fields.some((f, i) => f !== keys[i])) return undefined
  }
  return fields && fields.length ? fields : undefined
}

// Lines for `prefix` (a key or empty) bound to an array, at `depth`; `first` replaces the first
// line's indentation when given (an item `- ` sharing its line), so nested levels are written
// once instead of being collected and copied into their parents' lines.
function toonArray(prefix: string, arr: J[], depth: number, o: ToonOpts, out: string[], first?: string, nest = 1): void {
  if (nest > MAX_VALUE_DEPTH) throw valueTooDeepError()
  const pad = first ?? ' '.repeat(depth * o.indent)
  if (arr.every(isPrim)) {
    const h = prefix + header(arr.length, o)
    out.push(pad + h + (arr.length ? ' ' + arr.map((x) => toonPrim(x, o)).join(o.delim) : ''))
    return
  }
  const fields = tabularFields(arr)
  if (fields) {
    out.push(pad + prefix + header(arr.length, o, fields))
    const rowPad = ' '.repeat((depth + 1) * o.indent)
    for (const x of arr) out.push(rowPad + fields.map((f) => toonPrim((x as { [k: string]: J })[f]!, o)).join(o.delim))
    return
  }
  out.push(pad + prefix + header(arr.length, o))
  const itemPad = ' '.repeat((depth + 1) * o.indent)
  for (const x of arr) {
    if (isPrim(x)) out.push(itemPad + '- ' + toonPrim(x, o))
    else if (Array.isArray(x)) toonArray('', x, depth + 1, o, out, itemPad + '- ', nest + 1)
    else {
      const before = out.length
      toonObject(x as { [k: string]: J }, depth + 2, o, out, itemPad + '- ', nest + 1)
      if (out.length === before) out.push(itemPad + '-')
    }
  }
}

function toonObject(v: { [k: string]: J }, depth: number, o: ToonOpts, out: string[], first?: string, nest = 1): void {
  if (nest > MAX_VALUE_DEPTH) throw valueTooDeepError()
  const pad = ' '.repeat(depth * o.indent)
  let lead = first ?? pad
  for (const [k, x] of sortedEntries(v)) {
    const key = toonKey(k)
    if (isPrim(x)) out.push(lead + key + ': ' + toonPrim(x, o))
    else if (Array.isArray(x)) toonArray(key, x, depth, o, out, lead, nest + 1)
    else {
      out.push(lead + key + ':')
      toonObject(x as { [k: string]: J }, depth + 1, o, out, undefined, nest + 1)
    }
    lead = pad
  }
}

function toToon(v: J, kwargs: Kwargs): string {
  const o: ToonOpts = { indent: 2, delim: ',', marker: '' }
  const ind = kwargs.get('indent')
  if (typeof ind === 'number' && Number.isInteger(ind) && ind >= 0) o.indent = ind
  const d = kwargs.get('delimiter')
  if (typeof d === 'string') {
    if (d === 'comma') o.delim = ','
    else if (d === 'tab') o.delim = '\t'
    else if (d === 'pipe') o.delim = '|'
    else throw renderError('invalid operation', `Invalid delimiter '${d}'. Use 'comma', 'tab', or 'pipe'`)
  }
  const m = kwargs.get('length_marker')
  if (typeof m === 'string') {
    if (Array.from(m).length !== 1) throw renderError('invalid operation', `length_marker must be a single character, got '${m}'`)
    o.marker = m
  }
  if (isPrim(v)) return toonPrim(v, o)
  const out: string[] = []
  if (Array.isArray(v)) toonArray('', v, 0, o, out)
  else toonObject(v as { [k: string]: J }, 0, o, out)
  return out.join('\n')
}
