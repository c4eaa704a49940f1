// Shared by the codegen tests: the CLI as a process, temp projects, the client runtime bundle.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureClientRuntime } from '../../cli/commands/runtime-bundle.ts'
import type { RuntimeBundle } from '../../core/index.ts'
import { runProcess, type Run } from '../helpers/process.ts'
import { writeTree } from '../helpers/files.ts'

export const root = fileURLToPath(new URL('../../', import.meta.url))
export const bin = (name: string) => join(root, 'node_modules', '.bin', name)

export type { Run }

/** Run a program to completion (stdin closed). */
export function exec(cmd: string, args: readonly string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  return runProcess(cmd, args, { cwd: opts.cwd ?? root, env: { ...process.env, NO_COLOR: '1', ...opts.env } })
}

/** `baml ARGS` from source (Bun running cli/main.ts). */
export function baml(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  return exec(bin('bun'), [join(root, 'cli', 'main.ts'), ...args], { cwd, env })
}

/** A fresh temp directory holding `files` (paths relative to it). */
export function tempProject(files: Readonly<Record<string, string>>, prefix = 'baml-codegen-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  writeTree(dir, files)
  return dir
}

/** The bundled client runtime (built first if the sources changed). */
export async function runtimeBundle(): Promise<RuntimeBundle> {
  await ensureClientRuntime()
  const dir = join(root, 'dist', 'client-runtime')
  return { js: readFileSync(join(dir, 'runtime.js.txt'), 'utf8'), dts: readFileSync(join(dir, 'runtime.d.ts.txt'), 'utf8') }
}

export function generatorBlock(extra = '', name = 'target'): string {
  return `generator ${name} {\n  output_type "typescript"\n  output_dir "../"\n  version "0.226.2"\n${extra}}\n`
}

/** A client named Local: an OpenAI-compatible server at LOCAL_LLM_URL. */
export const LOCAL_CLIENT = `
client<llm> Local {
  provider openai-generic
  options {
    base_url env.LOCAL_LLM_URL
    model "local-model"
    api_key env.OPENAI_API_KEY
  }
}
`

/**
 * A small project shaped like `baml init`'s (a resume function, an ESM generator) with a client
 * pointing at a local server through LOCAL_LLM_URL. (The end-to-end test runs `baml init` itself.)
 */
export const INIT_PROJECT: Readonly<Record<string, string>> = {
  'baml_src/generators.baml': generatorBlock('  default_client_mode async\n  module_format esm\n'),
  'baml_src/clients.baml': `client<llm> CustomGPT5Mini {
  provider openai
  options {
    model "gpt-5-mini"
    api_key env.OPENAI_API_KEY
  }
}
${LOCAL_CLIENT}`,
  'baml_src/resume.baml': `// Defining a data model.
class Resume {
  name string
  email string
  experience string[]
  skills string[]
}

// Create a function to extract the resume from a string.
function ExtractResume(resume: string) -> Resume {
  client CustomGPT5Mini
  prompt #"
    Extract from this content:
    {{ resume }}

    {{ ctx.output_format }}
  "#
}

test vaibhav_resume {
  functions [ExtractResume]
  args {
    resume #"
      Vaibhav Gupta
      vbv@boundaryml.com
    "#
  }
}
`,
}
