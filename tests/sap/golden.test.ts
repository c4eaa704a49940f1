// Golden suites under tests/golden/sap: BAML projects + model outputs whose expected results come
// from the reference runtime (tests/sap/tools/make_golden.sh). Many are the reference's own
// jsonish test inputs (ported by tests/sap/tools/port_jsonish_tests.py).
import { readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describeSuite, loadSuite } from './support/golden.ts'

const ROOT = 'tests/golden/sap'

for (const name of readdirSync(ROOT).sort()) {
  const dir = join(ROOT, name)
  if (existsSync(join(dir, 'cases.json'))) describeSuite(loadSuite(dir, name))
}
