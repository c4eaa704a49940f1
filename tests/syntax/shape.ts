// Test helper: a syntax tree without positions (what must survive printing and reparsing).
const SPAN_KEYS = new Set(['span', 'keySpan', 'contentStart', 'paramsSpan', 'keywordSpan'])

export function shape(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(shape)
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(x)) {
      if (SPAN_KEYS.has(k)) continue
      if (k === 'arrow') out[k] = !!v
      else if (k === 'comments') out[k] = (v as { text: string }[]).map((c) => c.text.trimEnd())
      else out[k] = shape(v)
    }
    return out
  }
  return x
}
