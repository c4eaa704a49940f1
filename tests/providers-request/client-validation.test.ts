// Load-time client option checks: each project under tests/golden/providers/client-validation loads
// (or not) as in the reference, and an invalid one fails with the reference's first message coming
// from validateClient.
import { describe, expect, test } from 'vitest'
import { join } from 'node:path'
import { buildIR } from '../../core/ir/load.ts'
import type { ClientIR } from '../../core/ir/types.ts'
import { validateClient } from '../../core/providers/request/index.ts'
import type { Diagnostic } from '../../core/syntax/diagnostics.ts'
import { findSuites, loadSuite } from './golden.ts'

const ROOT = join(import.meta.dirname, '..', 'golden', 'providers', 'client-validation')

describe('client option validation', () => {
  for (const dir of findSuites(ROOT)) {
    const suite = loadSuite(dir)
    const c = suite.cases[0]!
    const exp = suite.expected.get(c.id) as unknown as { ok: boolean; error?: string }
    test(c.id, () => {
      const fromHook: Diagnostic[] = []
      const hook = (client: ClientIR) => {
        const ds = validateClient(client)
        fromHook.push(...ds)
        return ds
      }
      const r = buildIR(suite.files, { validateClient: hook })
      expect(r.ir !== undefined).toBe(exp.ok)
      if (exp.ok) {
        expect(fromHook).toEqual([])
        return
      }
      // Stored as the first line of the reference's output: "BamlError: error: <message>".
      const first = /^BamlError: error: (.*)$/.exec(exp.error ?? '')?.[1]
      expect(first).toBeDefined()
      expect(fromHook.map((d) => d.message)).toContain(first)
    })
  }
})
