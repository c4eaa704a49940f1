// Regenerates tests/golden/init/ from the reference CLI (`baml-cli init`, 0.226.2 in ../shared/tools/oracle):
// the files it writes for every --client-type (and some --openapi-client-type values), what it prints,
// which output type it detects from marker files, and how it refuses an existing baml_src.
// Run: node scripts/golden-init.mjs   (needs ../shared/tools/oracle; npx on PATH, no openapi-generator)
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, '..', 'shared', 'tools', 'oracle', 'node_modules', '@boundaryml', 'baml', 'cli.js')
const out = join(root, 'tests', 'golden', 'init')

// name → [init flags, files in the working directory]
const CASES = {
  typescript: [['--client-type', 'typescript'], {}],
  'typescript-react': [['--client-type', 'typescript/react'], {}],
  'python-pydantic': [['--client-type', 'python/pydantic'], {}],
  'python-pydantic-v1': [['--client-type', 'python/pydantic/v1'], {}],
  'ruby-sorbet': [['--client-type', 'ruby/sorbet'], {}],
  go: [['--client-type', 'go'], {}],
  'go-module': [['--client-type', 'go'], { 'go.mod': 'module example.com/acme/app\n\ngo 1.22\n' }],
  rust: [['--client-type', 'rust'], {}],
  'rest-openapi': [['--client-type', 'rest/openapi'], {}],
  ...Object.fromEntries(
    ['go', 'java', 'php', 'ruby', 'rust', 'csharp'].map((l) => [`rest-openapi-${l}`, [['--client-type', 'rest/openapi', '--openapi-client-type', l], {}]]),
  ),
}

// Which output type `init` (no --client-type) picks from the files in --dest.
const DETECT = {
  none: [],
  'package.json': ['package.json'],
  'pyproject.toml': ['pyproject.toml'],
  'uv.lock': ['uv.lock'],
  'requirements.txt': ['requirements.txt'],
  'setup.py': ['setup.py'],
  Gemfile: ['Gemfile'],
  'go.mod': ['go.mod'],
  'package.json+requirements.txt': ['package.json', 'requirements.txt'],
  'Gemfile+go.mod': ['Gemfile', 'go.mod'],
  'package.json+Gemfile': ['package.json', 'Gemfile'],
}

function run(args, cwd) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, BAML_LOG: 'info', NO_COLOR: '1' } })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

rmSync(out, { recursive: true, force: true })
for (const [name, [flags, files]] of Object.entries(CASES)) {
  const cwd = mkdtempSync(join(tmpdir(), 'baml-init-golden-'))
  for (const [f, text] of Object.entries(files)) writeFileSync(join(cwd, f), text)
  const r = run(['init', ...flags], cwd)
  if (r.status !== 0) throw new Error(`${name}: exit ${r.status}\n${r.stderr}`)
  const dir = join(out, name)
  mkdirSync(join(dir, 'baml_src'), { recursive: true })
  for (const f of readdirSync(join(cwd, 'baml_src'))) writeFileSync(join(dir, 'baml_src', f), readFileSync(join(cwd, 'baml_src', f)))
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ args: ['init', ...flags], cwdFiles: files, stdout: r.stdout, stderr: r.stderr }, null, 2) + '\n')
  rmSync(cwd, { recursive: true, force: true })
}

const detect = {}
for (const [name, markers] of Object.entries(DETECT)) {
  const cwd = mkdtempSync(join(tmpdir(), 'baml-init-golden-'))
  mkdirSync(join(cwd, 'dest'))
  for (const m of markers) writeFileSync(join(cwd, 'dest', m), m === 'package.json' ? '{}\n' : '')
  const r = run(['init', '--dest', 'dest'], cwd)
  const gen = readFileSync(join(cwd, 'dest', 'baml_src', 'generators.baml'), 'utf8')
  detect[name] = { markers, outputType: /output_type "([^"]+)"/.exec(gen)[1], status: r.status }
  rmSync(cwd, { recursive: true, force: true })
}
writeFileSync(join(out, 'detect.json'), JSON.stringify(detect, null, 2) + '\n')

{
  const cwd = mkdtempSync(join(tmpdir(), 'baml-init-golden-'))
  mkdirSync(join(cwd, 'proj', 'baml_src'), { recursive: true })
  const r = run(['init', '--dest', 'proj', '--client-type', 'typescript'], cwd)
  const left = readdirSync(join(cwd, 'proj', 'baml_src'))
  writeFileSync(join(out, 'exists.json'), JSON.stringify({ args: ['init', '--dest', 'proj', '--client-type', 'typescript'], ...r, filesAfter: left }, null, 2) + '\n')
  const bad = run(['init', '--dest', 'proj2', '--client-type', 'java'], cwd)
  writeFileSync(join(out, 'bad-client-type.json'), JSON.stringify({ args: ['init', '--dest', 'proj2', '--client-type', 'java'], ...bad }, null, 2) + '\n')
  rmSync(cwd, { recursive: true, force: true })
}
console.log(`wrote ${out}`)
