// Finds `ctx.output_format(...)` in a golden suite's prompt and reads its arguments as template
// values (test scaffolding: only literals are supported; `null` and unknown names are undefined
// variables, as in the reference's templates, while `none` is none).

export interface OutputFormatCall {
  readonly kwargs: Record<string, unknown>
  readonly positional: unknown[]
}

export function outputFormatCall(prompt: string): OutputFormatCall {
  const at = prompt.indexOf('ctx.output_format')
  if (at < 0) throw new Error('prompt has no ctx.output_format')
  let i = at + 'ctx.output_format'.length
  const call: OutputFormatCall = { kwargs: {}, positional: [] }
  if (prompt[i] !== '(') return call
  i++
  const skipWs = () => {
    while (/\s/.test(prompt[i] ?? '')) i++
  }
  const value = (): unknown => {
    skipWs()
    const c = prompt[i]!
    if (c === '"' || c === "'") {
      let s = ''
      i++
      while (prompt[i] !== c) {
        if (prompt[i] === '\\') {
          i++
          const e = prompt[i]!
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e
        } else s += prompt[i]
        i++
      }
      i++
      return s
    }
    if (c === '[' || c === '(') {
      const close = c === '[' ? ']' : ')'
      i++
      const items: unknown[] = []
      skipWs()
      while (prompt[i] !== close) {
        items.push(value())
        skipWs()
        if (prompt[i] === ',') i++
        skipWs()
      }
      i++
      return items
    }
    if (c === '{') {
      i++
      const obj: Record<string, unknown> = {}
      skipWs()
      while (prompt[i] !== '}') {
        const k = String(value())
        skipWs()
        i++ // ':'
        obj[k] = value()
        skipWs()
        if (prompt[i] === ',') i++
        skipWs()
      }
      i++
      return obj
    }
    const m = /^-?[0-9][0-9.e+-]*|^[A-Za-z_][A-Za-z0-9_]*/.exec(prompt.slice(i))!
    i += m[0].length
    const w = m[0]
    if (/^-?[0-9]/.test(w)) return Number(w)
    if (w === 'true' || w === 'True') return true
    if (w === 'false' || w === 'False') return false
    if (w === 'none' || w === 'None') return null
    return undefined
  }
  for (;;) {
    skipWs()
    if (prompt[i] === ')') break
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/.exec(prompt.slice(i))
    if (m) {
      i += m[0].length
      call.kwargs[m[1]!] = value()
    } else call.positional.push(value())
    skipWs()
    if (prompt[i] === ',') i++
  }
  return call
}
