// How template values turn into strings and booleans when passed as `ctx.output_format` kwargs.
// Mirrors the reference template engine (minijinja): JS `undefined` stands for an undefined
// variable, `null` for `none`, arrays for sequences and plain objects for maps.

/** The name the reference gives a value's kind in conversion errors. */
export function jinjaKind(v: unknown): string {
  if (v === undefined) return 'undefined'
  if (v === null) return 'none'
  switch (typeof v) {
    case 'boolean':
      return 'bool'
    case 'number':
    case 'bigint':
      return 'number'
    case 'string':
      return 'string'
    default:
      return Array.isArray(v) ? 'sequence' : 'map'
  }
}

/** The text a value prints as (`{{ v }}`): strings as is, `none`, `[1, "a"]`, `{"k": 1}`. */
export function jinjaToString(v: unknown): string {
  if (typeof v === 'string') return v
  if (v === undefined) return ''
  return jinjaRepr(v)
}

/** Like jinjaToString, but strings are quoted (how they print inside a list or map). */
function jinjaRepr(v: unknown): string {
  if (v === undefined) return 'undefined'
  if (v === null) return 'none'
  switch (typeof v) {
    case 'string':
      return quoteString(v)
    case 'boolean':
      return v ? 'true' : 'false'
    case 'bigint':
      return v.toString()
    case 'number':
      return formatNumber(v)
    case 'object': {
      if (Array.isArray(v)) return '[' + v.map(jinjaRepr).join(', ') + ']'
      const parts: string[] = []
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) parts.push(quoteString(k) + ': ' + jinjaRepr(x))
      return '{' + parts.join(', ') + '}'
    }
    default:
      return String(v)
  }
}

/**
 * Integers print without a fraction. JS cannot tell `1.0` from `1`, so a float that happens to be
 * whole prints as an integer (the reference would print `1.0`).
 */
function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf'
  if (Number.isSafeInteger(n)) return String(n)
  const s = String(n)
  return s.includes('e') ? expandExponent(n) : s
}

/** Rust never prints floats in exponent form: 1e-7 is `0.0000001`. */
function expandExponent(n: number): string {
  const [mant, expStr] = n.toExponential().split('e') as [string, string]
  const exp = Number(expStr)
  const neg = mant.startsWith('-')
  const digits = mant.replace('-', '').replace('.', '')
  let out: string
  if (exp < 0) out = '0.' + '0'.repeat(-exp - 1) + digits
  else out = digits.length > exp + 1 ? digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1) : digits + '0'.repeat(exp + 1 - digits.length)
  return (neg ? '-' : '') + out
}

/** A string as Rust's `{:?}` writes it. */
function quoteString(s: string): string {
  let out = '"'
  for (const ch of s) {
    switch (ch) {
      case '"':
        out += '\\"'
        break
      case '\\':
        out += '\\\\'
        break
      case '\n':
        out += '\\n'
        break
      case '\r':
        out += '\\r'
        break
      case '\t':
        out += '\\t'
        break
      case '\0':
        out += '\\0'
        break
      default: {
        const c = ch.codePointAt(0)!
        out += c < 0x20 || c === 0x7f ? '\\u{' + c.toString(16) + '}' : ch
      }
    }
  }
  return out + '"'
}
