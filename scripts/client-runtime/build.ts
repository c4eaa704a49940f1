// Builds the runtime a generated TypeScript client imports (core/codegen/client-runtime/index.ts)
// as one ES module plus one declaration file. Runs under Bun (Bun.build):
//
//   bun scripts/client-runtime/build.ts      → dist/client-runtime/{runtime.mjs, runtime.d.mts}
//                                              and the same texts as .txt (embedded by the binary)
//
// The module is built without any way to generate code: core/template/make-function.ts (the engine's
// only `new Function`) is replaced by a stub that never makes one, because a generated client's
// templates come precompiled and its constraint expressions are interpreted. The build fails if the
// output still contains `eval(`, `Function(` or a `node:` import. core/project.ts (with core/ir/load.ts
// and the BAML parser behind it) is stubbed too: the client ships its IR already validated.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const entry = join(root, 'core', 'codegen', 'client-runtime', 'index.ts')
const coreProject = join(root, 'core', 'project.ts')
const makeFunction = join(root, 'core', 'template', 'make-function.ts')
const stub = (name: string) => join(root, 'core', 'codegen', 'client-runtime', `${name}-stub.ts`)

export interface ClientRuntimeText {
  readonly js: string
  readonly dts: string
}

interface BunBuildOutput {
  readonly success: boolean
  readonly logs: readonly unknown[]
  readonly outputs: readonly { text(): Promise<string> }[]
}
interface BunPluginBuilder {
  onResolve(opts: { filter: RegExp }, fn: (args: { path: string; importer: string }) => { path: string } | undefined): void
}
declare const Bun: { build(opts: Record<string, unknown>): Promise<BunBuildOutput> }

/** Problems that must never appear in the client runtime. */
export function forbiddenConstructs(js: string): string[] {
  const found: string[] = []
  // a call of the global eval; a method named eval (re2js's prefilters: `.eval(x)`, `eval(input, pos) {`) is not one
  if (/(?<![\w$.])eval\s*\((?![\w$,\s]*\)\s*\{)|\b(?:globalThis|window|self|global)\.eval\s*\(/.test(js)) found.push('eval(')
  if (/\bFunction\s*\(/.test(js)) found.push('Function(')
  if (/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']node:/.test(js)) found.push('a node: import')
  return found
}

export async function buildClientRuntime(): Promise<ClientRuntimeText> {
  const result = await Bun.build({
    entrypoints: [entry],
    target: 'browser',
    format: 'esm',
    minify: { whitespace: true, syntax: true, identifiers: false },
    plugins: [
      {
        name: 'no-code-generation',
        setup(build: BunPluginBuilder) {
          build.onResolve({ filter: /^(node:)?util$/ }, () => ({ path: stub('util') }))
          build.onResolve({ filter: /(project|make-function)\.ts$/ }, (args) => {
            const target = resolve(dirname(args.importer), args.path)
            if (target === coreProject) return { path: stub('project') }
            if (target === makeFunction) return { path: stub('make-function') }
            return undefined
          })
        },
      },
    ],
  })
  if (!result.success) throw new Error(`building the client runtime failed:\n${result.logs.map(String).join('\n')}`)
  const js = await result.outputs[0]!.text()
  const bad = forbiddenConstructs(js)
  if (bad.length) throw new Error(`the client runtime bundle contains ${bad.join(', ')}`)
  return { js, dts: await declarations() }
}

/** The declaration file: emitted from the entry alone, which declares every type it exports. */
async function declarations(): Promise<string> {
  const ts = (await import('typescript')).default
  const src = readFileSync(entry, 'utf8')
  const r = ts.transpileDeclaration(src, {
    fileName: 'index.ts',
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, stripInternal: true },
  })
  const errors = (r.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  if (errors.length) throw new Error(`the client runtime's declarations failed:\n${errors.join('\n')}`)
  if (/^\s*import\b/m.test(r.outputText)) throw new Error("the client runtime's declarations import other files; declare every exported type in its entry")
  return r.outputText
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, text)
  renameSync(tmp, path)
}

/** Build into dist/client-runtime/ (the package's files and the texts the binary embeds). */
export async function writeClientRuntime(outDir = join(root, 'dist', 'client-runtime')): Promise<ClientRuntimeText> {
  const out = await buildClientRuntime()
  mkdirSync(outDir, { recursive: true })
  const header = '// The BAML client runtime (baml-ts), bundled. Generated clients import it.\n'
  writeAtomic(join(outDir, 'runtime.mjs'), header + out.js)
  writeAtomic(join(outDir, 'runtime.d.mts'), header + out.dts)
  writeAtomic(join(outDir, 'runtime.js.txt'), out.js)
  writeAtomic(join(outDir, 'runtime.d.ts.txt'), out.dts)
  return out
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now()
  const out = await writeClientRuntime()
  console.log(`client runtime: ${(out.js.length / 1024).toFixed(0)} KB js, ${(out.dts.length / 1024).toFixed(0)} KB d.ts in ${Math.round(performance.now() - t0)} ms`)
}
