// Code generation and generated clients, beside the reference in the same run:
//   - `baml generate` of the ~20k-line benchmark project with the binary (wall time of the whole
//     process, writing a fresh baml_client each run), and the reference CLI's `generate`;
//   - cold start of a generated client: a fresh Node process imports baml_client and builds its
//     first request (`b.request.ExtractResume`), ours (bundled runtime, no native code) against the
//     reference's client (which loads its native addon). Clients are compiled to JS with TypeScript.
// Builds dist/baml first if it is missing.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { generateProject } from './gen-project.ts'
import { bamlBinary, median, oracleDir, referenceCli, row, writeFiles } from './harness.ts'

const bin = bamlBinary()
const haveRef = existsSync(referenceCli)

function wall(cmd: string, args: string[], runs: number, opts: { cwd?: string; before?: () => void } = {}): number {
  const samples: number[] = []
  for (let i = 0; i < runs + 1; i++) {
    opts.before?.()
    const t0 = performance.now()
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: opts.cwd })
    const dt = performance.now() - t0
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}: ${r.stderr}`)
    if (i >= 1) samples.push(dt)
  }
  return median(samples)
}

// ---- generate, ~20k-line project

const big = mkdtempSync(join(tmpdir(), 'baml-bench-gen-'))
writeFiles(big, generateProject())
const bigSrc = join(big, 'baml_src')
const fresh = () => rmSync(join(big, 'baml_client'), { recursive: true, force: true })
const ours = wall(bin, ['generate', '--from', bigSrc], 7, { cwd: big, before: fresh })
const theirs = haveRef ? wall(referenceCli, ['generate', '--from', bigSrc], 3, { cwd: big, before: fresh }) : undefined
row('`baml generate` ~20k-line project (wall)', ours, theirs, '≤ 200 ms')

// ---- cold start of a generated client

const PROJECT = {
  'baml_src/main.baml': `class Resume {
  name string
  email string
  experience string[]
  skills string[]
}

function ExtractResume(resume: string) -> Resume {
  client "openai/gpt-4o-mini"
  prompt #"
    Extract from this content:
    {{ resume }}

    {{ ctx.output_format }}
  "#
}

generator target {
  output_type "typescript"
  output_dir "../"
  version "0.226.2"
  module_format esm
}
`,
  'package.json': '{ "type": "module" }\n',
  'main.ts': `const t0 = performance.now()
const { b } = await import('./baml_client/index.js')
const req = await b.request.ExtractResume('Ada Lovelace', { env: { OPENAI_API_KEY: 'sk-bench' } })
if (!req.url.includes('openai')) throw new Error('unexpected request ' + req.url)
console.log(JSON.stringify({ ms: performance.now() - t0 }))
`,
}

/** Every .ts file under dir compiled to .js beside it (types stripped, module syntax kept). */
function compileTs(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.ts') || e.name.endsWith('.d.ts')) continue
    const p = join(e.parentPath, e.name)
    const out = ts.transpileModule(readFileSync(p, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
    writeFileSync(p.replace(/\.ts$/, '.js'), out.outputText)
  }
}

function coldStart(dir: string, runs: number): { wall: number; inProcess: number } {
  const walls: number[] = []
  const inside: number[] = []
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8' })
    const dt = performance.now() - t0
    if (r.status !== 0) throw new Error(`cold start failed in ${dir}: ${r.stderr}`)
    if (i >= 1) {
      walls.push(dt)
      inside.push((JSON.parse(r.stdout) as { ms: number }).ms)
    }
  }
  return { wall: median(walls), inProcess: median(inside) }
}

const oursDir = mkdtempSync(join(tmpdir(), 'baml-bench-client-'))
writeFiles(oursDir, PROJECT)
const g = spawnSync(bin, ['generate', '--from', join(oursDir, 'baml_src')], { cwd: oursDir, encoding: 'utf8' })
if (g.status !== 0) throw new Error(g.stderr)
compileTs(oursDir)
const oursCold = coldStart(oursDir, 10)

let refCold: { wall: number; inProcess: number } | undefined
if (haveRef) {
  const refDir = mkdtempSync(join(tmpdir(), 'baml-bench-refclient-'))
  writeFiles(refDir, PROJECT)
  const rg = spawnSync(referenceCli, ['generate', '--from', join(refDir, 'baml_src')], { cwd: refDir, encoding: 'utf8' })
  if (rg.status !== 0) throw new Error(rg.stderr)
  mkdirSync(join(refDir, 'node_modules', '@boundaryml'), { recursive: true })
  symlinkSync(join(oracleDir, 'node_modules', '@boundaryml', 'baml'), join(refDir, 'node_modules', '@boundaryml', 'baml'))
  compileTs(refDir)
  refCold = coldStart(refDir, 10)
}
row('client cold start: process wall', oursCold.wall, refCold?.wall, 'faster than the reference')
row('client cold start: import + first request', oursCold.inProcess, refCold?.inProcess, 'faster than the reference')
