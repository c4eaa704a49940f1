// Fixture projects for the test-runner suites: the ones on disk (tests/testing/fixtures) and small
// ones written to a temporary directory.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BamlRuntime } from '../../../core/index.ts'
import { nodeHost } from '../../../cli/host.ts'
import { writeTree } from '../../helpers/files.ts'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const FIXTURES = join(ROOT, 'tests', 'testing', 'fixtures')

/** The client every fixture uses: the local model server. */
export const LOCAL_CLIENT = `
client<llm> Local {
  provider openai-generic
  options {
    base_url env.TEST_MODEL_URL
    model "local-model"
    api_key env.TEST_MODEL_KEY
  }
}
`

export const KEY = 'sk-local-secret-4242'

export function modelEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return { TEST_MODEL_URL: url, TEST_MODEL_KEY: KEY, ...extra }
}

/** A `baml_src` directory in a new temporary directory holding `files`; returns its path. */
export function tempProject(files: Record<string, string | Uint8Array>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'baml-test-runner-')), 'baml_src')
  writeTree(dir, files)
  return dir
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'baml-test-out-'))
}

export async function loadRuntime(dir: string, env: Record<string, string>): Promise<BamlRuntime> {
  return BamlRuntime.fromDirectory(dir, nodeHost(), env)
}

/** `n` tests of an echo function, each answering its own text. */
export function echoTests(n: number, note: (i: number) => string = (i) => `answer ${i}`): string {
  const out = [
    LOCAL_CLIENT,
    `function Echo(note: string) -> string {
  client Local
  prompt #"REPLY<<<{{ note }}>>>"#
}
`,
  ]
  for (let i = 0; i < n; i++) out.push(`test T${i} {\n  functions [Echo]\n  args {\n    note "${note(i)}"\n  }\n}\n`)
  return out.join('\n')
}
