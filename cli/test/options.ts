// The flags of `baml test`, checked here (not by cac) so that every bad one exits with the
// reference's code for invalid arguments (4) and a clear message.
import { BamlInvalidArgumentError, parseShard, type Shard } from '../../core/index.ts'

export type ReporterName = 'pretty' | 'junit' | 'json' | 'github'

export interface TestOptions {
  readonly from: string
  readonly include: readonly string[]
  readonly exclude: readonly string[]
  readonly list: boolean
  readonly parallel: number
  readonly passIfNoTests: boolean
  readonly requireHumanEval: boolean
  readonly reporters: ReadonlySet<ReporterName>
  /** Where the JUnit report goes (set when a JUnit report is wanted). */
  readonly junitPath?: string
  /** Where the JSON report goes; undefined: stdout (when wanted). */
  readonly jsonPath?: string
  readonly record?: string
  readonly replay?: string
  readonly shard?: Shard
}

/** Options cac hands over, camelCased, plus the aliases it also sets. */
const KNOWN = new Set([
  '--',
  'from',
  'i',
  'include',
  'x',
  'exclude',
  'list',
  'parallel',
  'passIfNoTests',
  'requireHumanEval',
  'reporter',
  'output',
  'record',
  'replay',
  'shard',
  'junit',
  'junitPath',
  'outputFormat',
  'dotenv',
  'dotenvPath',
  'features',
  'help',
  'h',
  'version',
  'v',
  'V',
])

function kebab(name: string): string {
  return (name.length === 1 ? '-' : '--') + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())
}

function list(v: unknown, flag: string): string[] {
  if (v === undefined) return []
  const items = Array.isArray(v) ? v : [v]
  return items.map((x) => {
    if (typeof x !== 'string') throw new BamlInvalidArgumentError(`${flag} needs a value`)
    return x
  })
}

function text(v: unknown, flag: string): string | undefined {
  if (v === undefined) return undefined
  if (Array.isArray(v)) throw new BamlInvalidArgumentError(`${flag} may be given only once`)
  if (typeof v !== 'string' || v === '') throw new BamlInvalidArgumentError(`${flag} needs a value`)
  return v
}

function flag(v: unknown, name: string): boolean {
  if (v === undefined || v === false) return false
  if (v === true) return true
  throw new BamlInvalidArgumentError(`${name} takes no value`)
}

const REPORTERS: readonly ReporterName[] = ['pretty', 'junit', 'json', 'github']

export function parseTestOptions(raw: Readonly<Record<string, unknown>>): TestOptions {
  const unknown = Object.keys(raw).filter((k) => !KNOWN.has(k))
  if (unknown.length) throw new BamlInvalidArgumentError(`unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map(kebab).join(', ')}`)
  if (Array.isArray(raw['--']) && raw['--'].length) throw new BamlInvalidArgumentError(`unexpected argument \`${String(raw['--'][0])}\``)

  const parallelText = text(raw.parallel, '--parallel') ?? '10'
  if (!/^\d+$/.test(parallelText) || Number(parallelText) < 1) throw new BamlInvalidArgumentError(`--parallel must be a whole number of at least 1, got \`${parallelText}\``)

  const reporters = new Set<ReporterName>()
  for (const r of list(raw.reporter, '--reporter')) {
    for (const name of r.split(',').map((x) => x.trim())) {
      if (!REPORTERS.includes(name as ReporterName)) throw new BamlInvalidArgumentError(`unknown reporter \`${name}\`: use ${REPORTERS.join(', ')}`)
      reporters.add(name as ReporterName)
    }
  }
  // The reference's hidden flags: --output-format pretty|github, --junit [--junit-path F].
  const format = text(raw.outputFormat, '--output-format')
  if (format !== undefined) {
    if (format !== 'pretty' && format !== 'github') throw new BamlInvalidArgumentError(`--output-format must be pretty or github, got \`${format}\``)
    reporters.add(format)
  }
  const output = text(raw.output, '--output')
  const junitFlag = flag(raw.junit, '--junit')
  const junitPathFlag = text(raw.junitPath, '--junit-path')
  if (junitFlag || junitPathFlag !== undefined) reporters.add('junit')
  // --junit-path always names the JUnit file; --output names the JUnit file when there is no
  // --junit-path, else the JSON one. A JSON report without a file goes to stdout.
  let junitPath: string | undefined
  let jsonPath: string | undefined
  if (output !== undefined && !reporters.has('junit') && !reporters.has('json')) {
    throw new BamlInvalidArgumentError('--output is for the junit and json reporters: add --reporter junit or --reporter json')
  }
  if (reporters.has('junit')) {
    if (junitPathFlag !== undefined) {
      junitPath = junitPathFlag
      if (output !== undefined && !reporters.has('json')) throw new BamlInvalidArgumentError('--output and --junit-path both name the JUnit file: give one')
      jsonPath = output
    } else junitPath = output ?? 'junit-report.xml'
  } else jsonPath = output
  if (reporters.has('json') && jsonPath === undefined && reporters.has('github')) {
    throw new BamlInvalidArgumentError('the json report and the github annotations would both go to stdout: give the json report a file with --output')
  }

  const record = text(raw.record, '--record')
  const replay = text(raw.replay, '--replay')
  if (record !== undefined && replay !== undefined) throw new BamlInvalidArgumentError('give --record or --replay, not both')
  const shardText = text(raw.shard, '--shard')

  flag(raw.dotenv, '--dotenv')
  text(raw.dotenvPath, '--dotenv-path')

  return {
    from: text(raw.from, '--from') ?? './baml_src',
    include: list(raw.include ?? raw.i, '--include'),
    exclude: list(raw.exclude ?? raw.x, '--exclude'),
    list: flag(raw.list, '--list'),
    parallel: Number(parallelText),
    passIfNoTests: flag(raw.passIfNoTests, '--pass-if-no-tests'),
    requireHumanEval: flag(raw.requireHumanEval, '--require-human-eval'),
    reporters,
    ...(junitPath !== undefined ? { junitPath } : {}),
    ...(jsonPath !== undefined ? { jsonPath } : {}),
    ...(record !== undefined ? { record } : {}),
    ...(replay !== undefined ? { replay } : {}),
    ...(shardText !== undefined ? { shard: parseShard(shardText) } : {}),
  }
}
