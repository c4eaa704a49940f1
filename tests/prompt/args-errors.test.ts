// Bad function arguments: BamlInvalidArgumentError naming the same problems as the reference, in
// the same order, worded for people ("argument `x`: expected an int, got the string \"3\"" where
// the reference prints "x: Expected type Int, got `String(\"3\")`"). `human` below restates each
// reference message in our wording; a reference message it does not know fails the test.
import { describe, expect, test } from 'vitest'
import { join } from 'node:path'
import { BamlInvalidArgumentError } from '../../core/errors.ts'
import { loadSuite, renderCase } from './golden.ts'

const suite = loadSuite(join(import.meta.dirname, '..', 'golden', 'template', 'args'))

const NOUNS: Record<string, string> = { Int: 'an int', Float: 'a float', String: 'a string', Bool: 'a bool' }

/** serde_json's Debug form of a value (`String("3")`, `Number(3.5)`, `Null`) as we name it. */
function got(debug: string): string {
  let m: RegExpExecArray | null
  if ((m = /^String\((".*")\)$/.exec(debug))) return `the string ${m[1]}`
  if ((m = /^Number\((.*)\)$/.exec(debug))) return `the number ${m[1]}`
  if ((m = /^Bool\((.*)\)$/.exec(debug))) return m[1]!
  if (debug === 'Null') return 'null'
  throw new Error(`no wording for the reference value ${debug}`)
}

/** One reference problem line ("x: Expected type Int, got `String(\"3\")`") in our words. */
function human(line: string): string | RegExp {
  let m: RegExpExecArray | null
  if ((m = /^(\w+): Missing required parameter: \1$/.exec(line))) return new RegExp(`^missing required argument \`${m[1]}\` \\(.+\\)$`)
  if (!(m = /^(\w+): (?:(\w+): )?(.*)$/.exec(line))) throw new Error(`unexpected reference line ${line}`)
  const scope = `argument \`${m[1]}\`${m[2] ? `, key \`${m[2]}\`` : ''}: `
  const rest = m[3]!
  if ((m = /^Expected type (\w+), got `(.*)`$/.exec(rest))) return scope + `expected ${NOUNS[m[1]!]}, got ${got(m[2]!)}`
  if ((m = /^Expected array, got `(.*)`$/.exec(rest))) return scope + `expected a list, got ${got(m[1]!)}`
  if ((m = /^Invalid enum (\w+): expected one of \((.*)\), got `(.*)`$/.exec(rest)))
    return scope + `expected one of ${m[2]!.split(' | ').map((v) => JSON.stringify(v)).join(', ')} (enum ${m[1]}), got the string ${JSON.stringify(m[3])}`
  if ((m = /^Missing required field `(\w+)` for class (\w+)$/.exec(rest))) return scope + `missing required field \`${m[1]}\` of class ${m[2]}`
  if (rest.startsWith('Failed assert: ')) return scope + rest
  throw new Error(`no wording for the reference message ${rest}`)
}

describe('argument errors', () => {
  for (const c of suite.cases) {
    const exp = suite.expected.get(c.id)!
    const m = /BamlInvalidArgumentError:([\s\S]*)$/.exec(exp.error ?? '')
    if (!m) continue
    const reference = m[1]!
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('Error: '))
      .map((l) => l.slice('Error: '.length))
    test(c.id, () => {
      let err: unknown
      try {
        renderCase(suite, c)
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(BamlInvalidArgumentError)
      const ours = (err as Error).message.split('\n')
      expect(ours).toHaveLength(reference.length)
      reference.forEach((ref, i) => {
        const want = human(ref)
        if (typeof want === 'string') expect(ours[i]).toBe(want)
        else expect(ours[i]).toMatch(want)
      })
    })
  }
})
