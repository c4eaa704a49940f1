// Deterministic generator of a large BAML project for parse+validate benchmarks.
// Default scale: 200 classes, 50 enums, 300 functions, 100 tests, ~20,000 lines, ~180 KB.
// `scale` multiplies every count (used to check that loading time grows linearly).

/** A tiny seeded PRNG (mulberry32) so every run generates the same project (the front-end fuzz tests use it too). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface GenOptions {
  readonly scale?: number
  readonly seed?: number
}

export function generateProject(opts: GenOptions = {}): Record<string, string> {
  const scale = opts.scale ?? 1
  const r = mulberry32(opts.seed ?? 42)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const nClasses = Math.round(200 * scale)
  const nEnums = Math.round(50 * scale)
  const nFunctions = Math.round(300 * scale)
  const nTests = Math.round(100 * scale)
  const files: Record<string, string> = {}

  const enumName = (i: number) => `Kind${i}`
  const className = (i: number) => `Record${i}`
  const prims = ['string', 'int', 'float', 'bool']

  let enums = ''
  for (let e = 0; e < nEnums; e++) {
    enums += `/// Enum ${e}\nenum ${enumName(e)} {\n`
    const n = 4 + Math.floor(r() * 8)
    for (let v = 0; v < n; v++) {
      enums += `  VALUE_${v}`
      if (r() < 0.2) enums += ` @alias("v${v}")`
      if (r() < 0.2) enums += ` @description("d${v}")`
      enums += '\n'
    }
    if (r() < 0.2) enums += '  @@dynamic\n'
    enums += '}\n\n'
  }
  files['baml_src/enums.baml'] = enums

  const fieldType = (c: number): string => {
    const x = r()
    if (x < 0.45) return pick(prims) + (r() < 0.2 ? '?' : '')
    if (x < 0.6) return `${pick(prims)}[]`
    if (x < 0.7 && nEnums) return enumName(Math.floor(r() * nEnums))
    if (x < 0.8 && c > 0) return className(Math.floor(r() * c)) + (r() < 0.5 ? '[]' : '?')
    if (x < 0.88) return `map<string, ${pick(prims)}>`
    if (x < 0.94) return `${pick(prims)} | ${pick(prims)}`
    return `"a" | "b" | "c"`
  }

  const perFile = 25
  for (let f = 0; f * perFile < nClasses; f++) {
    let text = ''
    for (let c = f * perFile; c < Math.min(nClasses, (f + 1) * perFile); c++) {
      text += `/// Class ${c}\nclass ${className(c)} {\n`
      const n = 10 + Math.floor(r() * 17)
      for (let k = 0; k < n; k++) {
        if (r() < 0.1) text += `  /// f${k}\n`
        text += `  f${k} ${fieldType(c)}`
        if (r() < 0.08) text += ` @description("f${k}")`
        if (r() < 0.05) text += ` @alias("a${k}")`
        if (r() < 0.03) text += ` @check(c${k}, {{ this }})`
        text += '\n'
        if (r() < 0.3) text += '\n'
      }
      if (r() < 0.1) text += '  @@dynamic\n'
      text += '}\n\n'
    }
    files[`baml_src/models/models_${f}.baml`] = text
  }

  files['baml_src/clients.baml'] = `client<llm> Main {
  provider openai
  retry_policy Retry
  options {
    model gpt-4o-mini
    api_key env.OPENAI_API_KEY
    temperature 0.2
    headers {
      "X-Team" "bench"
    }
  }
}

client<llm> Backup {
  provider anthropic
  options {
    model "claude-3-5-haiku-latest"
    max_tokens 1000
  }
}

client<llm> Both {
  provider fallback
  options {
    strategy [Main, Backup]
  }
}

retry_policy Retry {
  max_retries 3
  strategy {
    type exponential_backoff
    delay_ms 200
  }
}

generator target {
  output_type "typescript"
  output_dir "../"
  version "0.226.2"
}
`

  const fnName = (i: number) => `Extract${i}`
  for (let f = 0; f * 50 < nFunctions; f++) {
    let text = ''
    for (let i = f * 50; i < Math.min(nFunctions, (f + 1) * 50); i++) {
      const ret = nClasses ? className(Math.floor(r() * nClasses)) + (r() < 0.3 ? '[]' : '') : 'string'
      text += `function ${fnName(i)}(text: string, hint: int?) -> ${ret} {\n  client ${pick(['Main', 'Backup', 'Both', '"openai/gpt-4o"'])}\n  prompt #"\n`
      text += '    {{ _.role("user") }}\n'
      const lines = 20 + Math.floor(r() * 16)
      for (let l = 0; l < lines; l++) text += r() < 0.8 ? '\n' : `    {{ text }}\n`
      text += '    {% if hint %}\n    {{ hint }}\n    {% endif %}\n\n    {{ ctx.output_format }}\n  "#\n}\n\n'
    }
    files[`baml_src/functions/functions_${f}.baml`] = text
  }

  let tests = ''
  for (let t = 0; t < nTests; t++) {
    tests += `test Test${t} {\n  functions [${fnName(Math.floor(r() * Math.max(1, nFunctions)))}]\n  args {\n    text #"\n      Sample input ${t}\n      with a second line\n    "#\n    hint ${t}\n  }\n  @@assert({{ _.result != null }})\n}\n\n`
  }
  files['baml_src/tests.baml'] = tests
  return files
}

/** Lines and bytes of a generated project. */
export function projectSize(files: Record<string, string>): { lines: number; bytes: number; files: number } {
  let lines = 0
  let bytes = 0
  for (const t of Object.values(files)) {
    bytes += t.length
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) lines++
  }
  return { lines, bytes, files: Object.keys(files).length }
}
