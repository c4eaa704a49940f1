// Bad function arguments: BamlInvalidArgumentError with the reference's messages.
import { describe, expect, test } from 'vitest'
import { join } from 'node:path'
import { BamlInvalidArgumentError } from '../../core/errors.ts'
import { loadSuite, renderCase } from './golden.ts'

const suite = loadSuite(join(import.meta.dirname, '..', 'golden', 'template', 'args'))

describe('argument errors', () => {
  for (const c of suite.cases) {
    const exp = suite.expected.get(c.id)!
    const m = /BamlInvalidArgumentError:([\s\S]*)$/.exec(exp.error ?? '')
    if (!m) continue
    const want = m[1]!
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('Error: '))
    test(c.id, () => {
      let err: unknown
      try {
        renderCase(suite, c)
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(BamlInvalidArgumentError)
      expect((err as Error).message.split('\n').map((l) => l.trim())).toEqual(want)
    })
  }
})
