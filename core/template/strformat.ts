// Python `str.format` as minijinja-contrib's pycompat implements it: `{}`, `{0}`, `{name.attr[key]}`
// and the format-spec mini language (`{:,}`, `{:.2f}`, `{:>8}`, `{:08.3f}`, `{:x}`, `{:e}`, `{:g}`).
import { checkLength } from './limits.ts'
import { renderError } from './errors.ts'
import { display, Float, isInt, type Kwargs } from './value.ts'
import { ga, gi } from './runtime.ts'

type Ty = '' | 'b' | 'd' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 's'

interface Spec {
  fill?: string
  align?: '<' | '>' | '^'
  sign: '' | '+' | ' '
  alt: boolean
  zero: boolean
  width?: number
  group?: ',' | '_'
  precision?: number
  ty: Ty
  location: number
}

const DESC: Record<string, string> = {
  b: "binary format ('b')",
  o: "octal format ('o')",
  x: "hex format ('x')",
  X: "hex format ('X')",
  d: "decimal format ('d')",
  e: "scientific notation ('e')",
  E: "scientific notation ('E')",
  f: "fixed-point notation ('f')",
  F: "fixed-point notation ('F')",
  g: "general format ('g')",
  G: "general format ('G')",
  s: "string format ('s')",
}

function invalid(msg: string): never {
  throw renderError('invalid operation', msg)
}

export function strFormat(fmt: string, args: readonly unknown[], kwargs: Kwargs | undefined): string {
  let out = ''
  let i = 0
  let autoIdx = 0
  let auto = false
  let manual = false
  while (i < fmt.length) {
    const c = fmt[i]!
    if (c === '{') {
      if (fmt[i + 1] === '{') {
        out += '{'
        i += 2
        continue
      }
      const location = i
      i++
      // field name
      let m = /^\d+/.exec(fmt.slice(i))
      let value: unknown
      let path: { attr?: string; key?: string }[] = []
      const parsePath = () => {
        for (;;) {
          if (fmt[i] === '.') {
            i++
            const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(fmt.slice(i))
            if (!id) invalid(`missing attribute name after '.' in format spec at offset ${i}`)
            path.push({ attr: id[0] })
            i += id[0].length
          } else if (fmt[i] === '[') {
            const end = fmt.indexOf(']', i)
            if (end < 0) invalid(`missing closing ']' in format spec at offset ${i}`)
            path.push({ key: fmt.slice(i + 1, end) })
            i = end + 1
          } else break
        }
      }
      const missingArg = () => invalid(`argument not found for format field at offset ${location}`)
      if (m) {
        i += m[0].length
        parsePath()
        manual = true
        if (auto) invalid(`cannot switch from automatic numbering to manual field specification in field at offset ${location}`)
        const idx = Number(m[0])
        if (idx >= args.length) missingArg()
        value = args[idx]
      } else if ((m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(fmt.slice(i)))) {
        i += m[0].length
        parsePath()
        if (!kwargs || !kwargs.has(m[0])) missingArg()
        value = kwargs!.get(m[0])
      } else {
        auto = true
        if (manual) invalid(`cannot switch from manual field specification to automatic numbering in field at offset ${location}`)
        if (autoIdx >= args.length) missingArg()
        value = args[autoIdx++]
      }
      for (const p of path) {
        try {
          value = p.attr !== undefined ? ga(value, p.attr) : /^\d+$/.test(p.key!) ? gi(value, Number(p.key)) : ga(value, p.key!)
        } catch {
          missingArg()
        }
      }
      if (path.length && value === undefined) missingArg()
      path = []
      let spec: Spec = { sign: '', alt: false, zero: false, ty: '', location }
      if (fmt[i] === ':') {
        i++
        const r = parseSpec(fmt, i)
        spec = r.spec
        i = r.end
      }
      if (fmt[i] !== '}') {
        if (i < fmt.length) invalid(`expected closing '}' in format spec at offset ${location}; found '${fmt[i]}'`)
        invalid(`missing closing '}' in format spec at offset ${location}`)
      }
      i++
      out += formatOne(spec, value)
      continue
    }
    if (c === '}') {
      if (fmt[i + 1] === '}') {
        out += '}'
        i += 2
        continue
      }
      invalid(`invalid single '}' in format string at offset ${i}; use escape sequence '}}'`)
    }
    out += c
    i++
  }
  return out
}

function parseSpec(fmt: string, start: number): { spec: Spec; end: number } {
  let i = start
  const spec: Spec = { sign: '', alt: false, zero: false, ty: '', location: start }
  const cs = Array.from(fmt.slice(i, i + 4))
  if (cs.length >= 2 && (cs[1] === '<' || cs[1] === '>' || cs[1] === '^')) {
    spec.fill = cs[0]
    spec.align = cs[1] as Spec['align']
    i += cs[0]!.length + 1
  } else if (cs[0] === '<' || cs[0] === '>' || cs[0] === '^') {
    spec.align = cs[0] as Spec['align']
    i++
  }
  if (fmt[i] === '+') {
    spec.sign = '+'
    i++
  } else if (fmt[i] === ' ') {
    spec.sign = ' '
    i++
  } else if (fmt[i] === '-') i++
  if (fmt[i] === '#') {
    spec.alt = true
    i++
  }
  if (fmt[i] === '0') {
    spec.zero = true
    i++
  }
  let m = /^\d+/.exec(fmt.slice(i))
  if (m) {
    spec.width = Number(m[0])
    i += m[0].length
  }
  if (spec.zero && spec.width === undefined) {
    spec.zero = false
    spec.width = 0
  }
  if (fmt[i] === ',' || fmt[i] === '_') spec.group = fmt[i++] as ',' | '_'
  if (fmt[i] === '.') {
    i++
    m = /^\d+/.exec(fmt.slice(i))
    if (m) {
      spec.precision = Number(m[0])
      i += m[0].length
    }
  }
  const t = fmt[i]
  if (t !== undefined && 'bdoxXeEfFgGs'.includes(t)) {
    spec.ty = t as Ty
    i++
  } else if (t !== undefined && t !== '}') invalid(`invalid format spec type '${t}' at offset ${i}`)
  return { spec, end: i }
}

function formatOne(spec: Spec, v: unknown): string {
  if (typeof v === 'boolean') return formatBool(spec, v)
  if (isInt(v)) return formatInteger(spec, Math.abs(v), v < 0)
  if (typeof v === 'number' || v instanceof Float) return formatFloat(spec, typeof v === 'number' ? v : v.value)
  return formatStr(spec, display(v))
}

function conversionErr(spec: Spec, kind: string, ty: Ty): never {
  invalid(`invalid format spec at offset ${spec.location}; '${kind}' cannot be formatted in ${DESC[ty]}`)
}

function formatBool(spec: Spec, v: boolean): string {
  const asInt = spec.align !== undefined || spec.sign === '+' || spec.alt || spec.zero || spec.width !== undefined || spec.precision !== undefined
  if (spec.ty === '' && !asInt) return pad(spec, String(v), '<')
  if (spec.ty === 's') conversionErr(spec, 'bool', 's')
  return formatInteger(spec, v ? 1 : 0, false)
}

function formatStr(spec: Spec, text: string): string {
  if (spec.ty !== '' && spec.ty !== 's') conversionErr(spec, 'string', spec.ty)
  if (spec.precision !== undefined && spec.precision < text.length) text = text.slice(0, spec.precision)
  return pad(spec, text, '<')
}

function group(num: string, sep: string, size: number): string {
  const pre = num.length % size
  let out = num.slice(0, pre)
  for (let i = pre; i < num.length; i += size) {
    if (out) out += sep
    out += num.slice(i, i + size)
  }
  return out
}

function groupDecimal(spec: Spec, num: string): string {
  if (!spec.group) return num
  const dot = num.indexOf('.')
  const int = dot < 0 ? num : num.slice(0, dot)
  const g = group(int, spec.group, 3)
  return dot < 0 ? g : g + num.slice(dot)
}

function groupBinary(spec: Spec, num: string): string {
  if (spec.group === ',') invalid(`invalid format spec at offset ${spec.location}; ',' cannot be specified with ${DESC[spec.ty]}`)
  return spec.group === '_' ? group(num, '_', 4) : num
}

function fixPoint(spec: Spec, num: string): string {
  return spec.precision === 0 && spec.alt ? num + '.' : num
}

// Rust `{:.p$e}`: mantissa with p decimals and the exponent as a number.
function mantExp(x: number, p: number): [string, number] {
  const s = x.toExponential(Math.min(p, 100))
  const e = s.indexOf('e')
  return [s.slice(0, e), Number(s.slice(e + 1))]
}

function expStr(exp: number, upper: boolean): string {
  const sign = exp < 0 ? '-' : '+'
  const a = Math.abs(exp)
  return (upper ? 'E' : 'e') + sign + (a < 10 ? '0' + a : String(a))
}

function removeInsignificant(spec: Spec, num: string): string {
  if (!spec.alt && num.includes('.')) return num.replace(/0+$/, '').replace(/\.$/, '')
  return num
}

function general(spec: Spec, x: number, upper: boolean): string {
  const p = spec.precision === undefined ? 6 : spec.precision === 0 ? 1 : spec.precision
  const [m, exp] = mantExp(x, p - 1)
  if (exp >= -4 && exp < p) {
    const num = x.toFixed(Math.max(0, p - 1 - exp))
    return groupDecimal(spec, removeInsignificant(spec, num))
  }
  return groupDecimal(spec, removeInsignificant(spec, m)) + expStr(exp, upper)
}

function formatInteger(spec: Spec, val: number, neg: boolean): string {
  const sign = neg ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : ''
  let num: string
  const big = BigInt(Math.round(val))
  switch (spec.ty) {
    case 'b':
      num = groupBinary(spec, big.toString(2))
      break
    case 'o':
      num = groupBinary(spec, big.toString(8))
      break
    case 'x':
      num = groupBinary(spec, big.toString(16))
      break
    case 'X':
      num = groupBinary(spec, big.toString(16).toUpperCase())
      break
    case '':
    case 'd':
      num = groupDecimal(spec, big.toString())
      break
    case 's':
      conversionErr(spec, 'integer', 's')
    case 'e':
    case 'E': {
      const [m, e] = mantExp(val, spec.precision ?? 6)
      num = groupDecimal(spec, fixPoint(spec, m)) + expStr(e, spec.ty === 'E')
      break
    }
    case 'f':
    case 'F': {
      const p = spec.precision ?? 6
      num = groupDecimal(spec, fixPoint(spec, p ? big.toString() + '.' + '0'.repeat(p) : big.toString()))
      break
    }
    default:
      num = general(spec, val, spec.ty === 'G')
  }
  return formatNumber(spec, num, sign)
}

function formatFloat(spec: Spec, val: number): string {
  const negative = val < 0 || Object.is(val, -0)
  const sign = negative ? '-' : spec.sign === '+' && spec.ty !== 's' ? '+' : spec.sign === ' ' ? ' ' : ''
  const a = Math.abs(val)
  const upper = spec.ty === 'E' || spec.ty === 'F' || spec.ty === 'G'
  const nan = upper ? 'NAN' : 'nan'
  const inf = upper ? 'INF' : 'inf'
  switch (spec.ty) {
    case 's':
      conversionErr(spec, 'float', 's')
    case '': {
      if (Number.isNaN(val)) return formatNumber(spec, 'nan', '')
      if (!Number.isFinite(val)) return formatNumber(spec, 'inf', sign)
      if (a === 0) return formatNumber(spec, '0', sign)
      let num = general(spec, a, false)
      if (!/[.eE]/.test(num)) num += '.0'
      return formatNumber(spec, num, sign)
    }
    case 'e':
    case 'E': {
      if (Number.isNaN(val)) return formatNumber(spec, nan, '')
      if (!Number.isFinite(val)) return formatNumber(spec, inf, sign)
      const [m, e] = mantExp(a, spec.precision ?? 6)
      return formatNumber(spec, groupDecimal(spec, fixPoint(spec, m)) + expStr(e, upper), sign)
    }
    case 'f':
    case 'F': {
      if (Number.isNaN(val)) return formatNumber(spec, nan, '')
      if (!Number.isFinite(val)) return formatNumber(spec, inf, sign)
      return formatNumber(spec, groupDecimal(spec, fixPoint(spec, a.toFixed(Math.min(spec.precision ?? 6, 100)))), sign)
    }
    case 'g':
    case 'G': {
      if (Number.isNaN(val)) return formatNumber(spec, nan, '')
      if (!Number.isFinite(val)) return formatNumber(spec, inf, sign)
      if (a === 0) return formatNumber(spec, '0', sign)
      return formatNumber(spec, general(spec, a, upper), sign)
    }
    default:
      conversionErr(spec, 'float', spec.ty)
  }
}

function zeroPad(spec: Spec, num: string, fill: number): string {
  checkLength(fill + num.length)
  if (!spec.group) return '0'.repeat(fill) + num
  const sep = spec.group
  const size = sep === '_' && 'boxX'.includes(spec.ty) && spec.ty !== '' ? 4 : 3
  const dot = num.indexOf('.')
  let first: number
  if (dot >= 0) {
    const s = num.slice(0, dot).indexOf(sep)
    first = s >= 0 ? s : dot
  } else {
    const s = num.indexOf(sep)
    const e = num.search(/[eE]/)
    first = s >= 0 ? s : e >= 0 ? e : num.length
  }
  const prefix = num.slice(0, first)
  const rest = num.slice(first)
  const grouped = group('0'.repeat(fill) + prefix, sep, size)
  const trimmed = grouped.slice(grouped.length - prefix.length - fill)
  return (trimmed.startsWith(sep) ? '0' : '') + trimmed + rest
}

function formatNumber(spec: Spec, num: string, sign: string): string {
  const radix = spec.alt ? ({ b: '0b', o: '0o', x: '0x', X: '0X' } as Record<string, string>)[spec.ty] ?? '' : ''
  if (spec.zero) {
    const cur = sign.length + radix.length + num.length
    const w = spec.width ?? 0
    return cur < w ? sign + radix + zeroPad(spec, num, w - cur) : sign + radix + num
  }
  return pad(spec, sign + radix + num, '>')
}

function pad(spec: Spec, text: string, defaultAlign: '<' | '>'): string {
  const len = text.length
  if (spec.width === undefined || len >= spec.width) return text
  const n = spec.width - len
  const fill = spec.fill ?? ' '
  checkLength(len + n * fill.length)
  const align = spec.align ?? defaultAlign
  if (align === '<') return text + fill.repeat(n)
  if (align === '>') return fill.repeat(n) + text
  const left = Math.floor(n / 2)
  return fill.repeat(left) + text + fill.repeat(n - left)
}
