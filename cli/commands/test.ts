// `baml test`: run the project's test blocks. The selection, the runs and the verdicts come from
// the core (core/testing); this command reads the flags, loads the project, draws the progress,
// writes the reports and picks the exit code (the reference's: 0 passed, 1 human evaluation
// required, 2 a test failed, 3 cancelled, 4 invalid arguments or internal error, 5 no tests).
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import {
  BamlRuntime,
  EXIT,
  exitCodeOf,
  parseTestFilter,
  runTests,
  selectTests,
  shardTests,
  summarize,
  type TestRunReport,
} from '../../core/index.ts'
import { displayPaths, nodeHost } from '../host.ts'
import { loadRuntime } from './common.ts'
import { printError, reportError } from '../output.ts'
import { parseTestOptions, type TestOptions } from '../test/options.ts'
import { fileRecordingStore } from '../test/recordings.ts'
import { githubAnnotations, jsonReport, junitXml } from '../test/reports.ts'
import { makeStyle, wantsColor } from '../test/style.ts'
import { liveView, messagesTo, plainView, type OutStream } from '../test/views.ts'

function fail(e: unknown): number {
  reportError(e)
  return EXIT.error
}

function writeReport(path: string, text: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true })
  writeFileSync(path, text)
}

export async function testCommand(raw: Record<string, unknown>): Promise<number> {
  let opts: TestOptions
  let rt: BamlRuntime
  const host = nodeHost()
  const env = host.env!()
  try {
    opts = parseTestOptions(raw)
  } catch (e) {
    printError(`${e instanceof Error ? e.message : String(e)}. Run \`baml test --help\` for the flags.`)
    return EXIT.error
  }
  try {
    rt = await loadRuntime(opts)
  } catch (e) {
    return fail(e)
  }

  const jsonToStdout = opts.reporters.has('json') && opts.jsonPath === undefined
  const human: OutStream & NodeJS.WriteStream = jsonToStdout ? process.stderr : process.stdout
  const style = makeStyle(wantsColor(human.isTTY === true, env))
  // with --list, stdout is the list alone
  const say = messagesTo(opts.list ? process.stderr : human)
  const pathOf = displayPaths(opts.from)

  let tests
  try {
    const selected = selectTests(rt.ir, parseTestFilter(opts.include, opts.exclude))
    tests = opts.shard ? shardTests(selected, opts.shard) : selected
    if (opts.shard) say.info(style.dim(`shard ${opts.shard.index}/${opts.shard.count}: ${tests.length} of ${selected.length} selected tests`))
    if (opts.list) {
      if (opts.reporters.has('json')) {
        const doc = JSON.stringify({ tests: tests.map((t) => ({ function: t.function, test: t.test, file: pathOf(t.file), line: t.line })) }, null, 2) + '\n'
        if (opts.jsonPath) writeReport(opts.jsonPath, doc)
        else process.stdout.write(doc)
      } else for (const t of tests) process.stdout.write(`${t.key}\n`)
      say.info(style.dim(`${tests.length} test${tests.length === 1 ? '' : 's'} selected`))
      return EXIT.passed
    }
    if (tests.length === 0) say.info(selected.length && opts.shard ? 'No tests in this shard' : 'No tests selected')
  } catch (e) {
    return fail(e)
  }

  const controller = new AbortController()
  const live = human.isTTY === true && env.TERM !== 'dumb' && tests.length > 0
  const view = live ? liveView(human, style, pathOf) : plainView(human, style, pathOf)
  let interrupts = 0
  // Ctrl-C (or a CI runner's SIGTERM) cancels; a second one quits at once.
  const onSigint = () => {
    interrupts++
    if (interrupts === 1) {
      view.note('Ctrl-C: cancelling the running tests; what finished is still reported (Ctrl-C again to quit now)')
      controller.abort(new Error('cancelled by Ctrl-C'))
    } else {
      human.write('\x1b[?25h')
      process.exit(EXIT.cancelled)
    }
  }
  process.on('SIGINT', onSigint)
  process.on('SIGTERM', onSigint)
  const startedAt = new Date()
  let report: TestRunReport
  try {
    report = await runTests(rt, tests, {
      parallel: opts.parallel,
      env,
      requireHumanEval: opts.requireHumanEval,
      signal: controller.signal,
      onEvent: (e) => view.onEvent(e),
      ...(opts.record ? { record: fileRecordingStore(opts.record) } : {}),
      ...(opts.replay ? { replay: fileRecordingStore(opts.replay) } : {}),
    })
  } catch (e) {
    // runTests reports every test failure as a result; getting here is a bug
    report = { results: [], cancelled: controller.signal.aborted, durationMs: 0, summary: summarize([]) }
    view.finish(report)
    return fail(e)
  } finally {
    process.removeListener('SIGINT', onSigint)
    process.removeListener('SIGTERM', onSigint)
  }

  // An empty shard of a non-empty selection is not a failure: a CI matrix may have more machines than tests.
  const emptyShard = tests.length === 0 && opts.shard !== undefined
  const code = emptyShard && !report.cancelled ? EXIT.passed : exitCodeOf(report, { passIfNoTests: opts.passIfNoTests })
  view.finish(report)
  try {
    if (opts.junitPath) writeReport(opts.junitPath, junitXml(report, pathOf, startedAt))
    if (opts.reporters.has('json')) {
      const doc = JSON.stringify(jsonReport(report, pathOf, code), null, 2) + '\n'
      if (opts.jsonPath) writeReport(opts.jsonPath, doc)
      else process.stdout.write(doc)
    }
    if (opts.reporters.has('github')) process.stdout.write(githubAnnotations(report, pathOf))
  } catch (e) {
    return fail(e)
  }
  return code
}
