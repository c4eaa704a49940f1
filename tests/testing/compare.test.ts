// scripts/compare-test-runner.ts: the reference's `baml-cli test` and ours on the fixture project,
// same server, same pass/fail per test and the same exit code, for a full run and a selection.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUN, runCommand } from './helpers/cli.ts'
import { ROOT } from './helpers/project.ts'

const SLOW = 120_000
const reference = join(ROOT, '..', 'shared', 'tools', 'oracle', 'node_modules', '@boundaryml', 'baml', 'cli.js')
const script = join(ROOT, 'scripts', 'compare-test-runner.ts')

interface Comparison {
  same: boolean
  exit_codes: { reference: number; ours: number }
  tests: { test: string; reference: string; ours: string }[]
}

async function compare(...extra: string[]): Promise<Comparison> {
  const r = await runCommand(BUN, [script, '--json', ...(extra.length ? ['--', ...extra] : [])])
  return JSON.parse(r.stdout) as Comparison
}

describe('against the reference CLI', () => {
  it.skipIf(!existsSync(reference))('same pass/fail per test on the whole fixture project (skipped when ../shared/tools/oracle is not set up)', async () => {
    const c = await compare()
    expect(c.tests.length).toBe(18)
    expect(c.tests.filter((t) => t.reference !== t.ours)).toEqual([])
    expect(c.exit_codes).toEqual({ reference: 2, ours: 2 })
    expect(c.same).toBe(true)
  }, SLOW)
  it.skipIf(!existsSync(reference))('same selection and results for include/exclude patterns (skipped when ../shared/tools/oracle is not set up)', async () => {
    const c = await compare('-i', 'Extract*::*Fails', '-i', 'Shout', '-i', 'Echo::', '-x', '*Int*')
    expect(c.tests.map((t) => t.test)).toEqual(['Echo::BothFunctions', 'Echo::FloatStaysFloat', 'ExtractPerson::AssertFails', 'ExtractPerson::CheckFails', 'ExtractPerson::FieldAssertFails', 'Shout::BothFunctions'])
    expect(c.same).toBe(true)
  }, SLOW)
})
