// A small, strict XML reader for checking the JUnit reports: elements, attributes, text, the five
// predefined entities and numeric references. It throws on anything malformed (mismatched tags,
// unquoted or duplicate attributes, raw `<` or `&`, characters XML 1.0 forbids, trailing content).

export interface XmlElement {
  readonly name: string
  readonly attrs: Readonly<Record<string, string>>
  readonly children: readonly XmlElement[]
  /** The text directly inside, entities decoded. */
  readonly text: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F]/

function decode(s: string, where: string): string {
  if (FORBIDDEN.test(s)) throw new Error(`forbidden character in ${where}`)
  if (s.includes('<')) throw new Error(`raw < in ${where}`)
  return s.replace(/&([^;]*);|&/g, (m, name: string | undefined) => {
    if (name === undefined) throw new Error(`raw & in ${where}`)
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10))
    const v = ENTITIES[name]
    if (v === undefined) throw new Error(`unknown entity ${m} in ${where}`)
    return v
  })
}

export function parseXml(src: string): XmlElement {
  let i = 0
  const fail = (msg: string): never => {
    throw new Error(`${msg} at offset ${i}: ${JSON.stringify(src.slice(i, i + 40))}`)
  }
  const skipSpace = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++
  }
  if (src.startsWith('<?xml')) {
    const end = src.indexOf('?>')
    if (end < 0) fail('unterminated declaration')
    i = end + 2
  }
  const name = (): string => {
    const m = /^[A-Za-z_][\w.-]*/.exec(src.slice(i))
    if (!m) fail('expected a name')
    i += m![0].length
    return m![0]
  }
  const element = (): XmlElement => {
    if (src[i] !== '<') fail('expected <')
    i++
    const tag = name()
    const attrs: Record<string, string> = {}
    for (;;) {
      const before = i
      skipSpace()
      if (src.startsWith('/>', i)) {
        i += 2
        return { name: tag, attrs, children: [], text: '' }
      }
      if (src[i] === '>') {
        i++
        break
      }
      if (i === before) fail('expected whitespace before an attribute')
      const key = name()
      if (key in attrs) fail(`duplicate attribute ${key}`)
      if (src[i] !== '=') fail('expected =')
      i++
      const q = src[i]
      if (q !== '"' && q !== "'") fail('unquoted attribute')
      const end = src.indexOf(q!, i + 1)
      if (end < 0) fail('unterminated attribute')
      attrs[key] = decode(src.slice(i + 1, end), `attribute ${key}`)
      i = end + 1
    }
    const children: XmlElement[] = []
    let text = ''
    for (;;) {
      if (i >= src.length) fail(`unclosed <${tag}>`)
      if (src.startsWith('</', i)) {
        i += 2
        const close = name()
        if (close !== tag) fail(`</${close}> closes <${tag}>`)
        skipSpace()
        if (src[i] !== '>') fail('expected >')
        i++
        return { name: tag, attrs, children, text }
      }
      if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i)
        if (end < 0) fail('unterminated CDATA')
        text += src.slice(i + 9, end)
        i = end + 3
        continue
      }
      if (src[i] === '<') {
        children.push(element())
        continue
      }
      const next = src.indexOf('<', i)
      const chunk = src.slice(i, next < 0 ? src.length : next)
      text += decode(chunk, `<${tag}> text`)
      i += chunk.length
    }
  }
  skipSpace()
  const root = element()
  skipSpace()
  if (i !== src.length) fail('content after the root element')
  return root
}

/** Every descendant element named `name`, in document order. */
export function findAll(e: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  const walk = (x: XmlElement) => {
    for (const c of x.children) {
      if (c.name === name) out.push(c)
      walk(c)
    }
  }
  walk(e)
  return out
}
