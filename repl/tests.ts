// `test` and `Fn::Test` arguments, through the test runner's core (the same selection, argument
// building, runs and verdicts as `baml test`).
import {
  buildTestArgs,
  defaultResolveFile,
  parseTestFilter,
  runTests,
  selectTests,
  testTypeBuilder,
  type BamlRuntime,
  type FunctionIR,
  type TestResult,
  type TypeBuilder,
} from '../core/index.ts'
import { InputError, type Target } from './commands.ts'
import type { EvalContext } from './evaluate.ts'
import type { Session } from './session.ts'
import { C, duration, jsonText, type Paint } from './view.ts'

/** The arguments of test `testName` for `fn`, as `baml test` builds them, and its type_builder. */
export function testArgs(session: Session, rt: BamlRuntime, fn: FunctionIR, target: Target): { args: Record<string, unknown>; typeBuilder?: TypeBuilder } {
  const testName = target.test ?? ''
  const test = rt.ir.tests.find((t) => t.name === testName && t.functions.some((f) => f.name === fn.name))
  if (!test) {
    const mine = rt.ir.tests.filter((t) => t.functions.some((f) => f.name === fn.name)).map((t) => `${fn.name}::${t.name}`)
    throw new InputError(`${fn.name} has no test \`${testName}\`${mine.length ? ` (its tests: ${mine.join(', ')})` : ' (it has no tests)'}`, target.start, target.end)
  }
  const typeBuilder = test.typeBuilder ? testTypeBuilder(test.typeBuilder) : undefined
  const ir = typeBuilder ? typeBuilder.apply(rt.ir) : rt.ir
  const resolve = defaultResolveFile(rt.root)
  const args = buildTestArgs(ir, fn, test, { env: session.env(), resolveFile: (p) => resolve(test.span.file, p) })
  return typeBuilder ? { args, typeBuilder } : { args }
}

const MARKS: Readonly<Record<TestResult['outcome'], [string, string]>> = {
  passed: ['✓', C.green],
  failed: ['✗', C.red],
  checks_failed: ['✗', C.red],
  needs_human_eval: ['?', C.yellow],
  cancelled: ['-', C.yellow],
}

function resultLine(r: TestResult, paint: Paint): string {
  const [mark, code] = MARKS[r.outcome]
  const what = r.outcome === 'passed' ? '' : ` ${paint(code, r.outcome.replace(/_/g, ' '))}`
  const reason = r.reason ? `\n    ${r.reason.message.replace(/\n/g, '\n    ')}` : ''
  const checks = r.checks.length ? `\n    ${r.checks.map((c) => `${c.passed ? paint(C.green, '✓') : paint(C.red, '✗')} check ${c.name}`).join('  ')}` : ''
  const time = r.outcome === 'cancelled' && r.durationMs === 0 ? '' : paint(C.dim, ` (${duration(r.durationMs)})`)
  return `${paint(code, mark)} ${r.key}${what}${time}${reason}${checks}`
}

/** Run the tests the patterns select (all when none). True when every one passed. */
export async function runTestCommand(session: Session, patterns: readonly string[], ctx: EvalContext): Promise<boolean> {
  const { out } = ctx
  const paint = out.paint
  const rt = session.runtime()
  const tests = selectTests(rt.ir, parseTestFilter(patterns))
  if (tests.length === 0) throw new InputError(patterns.length ? `no test matches ${patterns.join(' ')} (\`tests\` lists them)` : 'the project has no tests')
  const single = tests.length === 1
  const report = await runTests(rt, tests, {
    env: { ...session.env() },
    signal: ctx.signal,
    ...(session.opts.fetch ? { fetch: session.opts.fetch } : {}),
    // One test: its partial values are drawn as they stream, as `stream` does.
    ...(single && out.live ? { onPartial: (p: unknown) => out.live!.show(jsonText(p, paint)) } : {}),
    onEvent: (e) => {
      if (e.type === 'test-start' && out.live) out.live.show(paint(C.dim, `running ${e.test.key}…`))
      if (e.type === 'test-end') {
        out.live?.clear()
        out.data(resultLine(e.result, paint))
      }
    },
  })
  out.live?.clear()
  const r = report.results[0]
  if (single && r && r.value !== undefined) out.data(jsonText(r.value, paint))
  const s = report.summary
  const parts = [`${s.passed} passed`]
  if (s.failed) parts.push(paint(C.red, `${s.failed} failed`))
  if (s.checksFailed) parts.push(paint(C.red, `${s.checksFailed} with failed checks`))
  if (s.needsHumanEval) parts.push(paint(C.yellow, `${s.needsHumanEval} need a human eye`))
  if (s.cancelled) parts.push(paint(C.yellow, `${s.cancelled} cancelled`))
  const tokens = s.usage.inputTokens !== null || s.usage.outputTokens !== null ? ` · ${s.usage.inputTokens ?? '?'} in / ${s.usage.outputTokens ?? '?'} out tokens` : ''
  if (!single) out.info(`${parts.join(', ')} ${paint(C.dim, `(${duration(report.durationMs)}${tokens})`)}`)
  return report.results.every((x) => x.outcome === 'passed')
}
