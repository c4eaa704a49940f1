// The test runner's core: what `baml test` and the REPL share. No I/O here: the project comes in
// as a BamlRuntime, recordings through a RecordingStore, the network through `fetch`, progress goes
// out as events.
//
//   const tests = selectTests(rt.ir, parseTestFilter(['Extract*::'], ['::Slow*']))
//   const mine = shardTests(tests, parseShard('2/4'))
//   const report = await runTests(rt, mine, { parallel: 10, env, signal, onEvent: (e) => ... })
//   process.exitCode = exitCodeOf(report)
//
// Pieces usable on their own: `buildTestArgs` (a test's arguments as the function receives them),
// `testTypeBuilder` (its type_builder), `evaluateTestConstraints` (its @@check/@@assert), `runTest`
// (one test, no retries), `recordingFetch` / `replayFetch` (record and replay at the fetch level).
export { parsePatterns, parseTestFilter, filterIncludes, selectTests, type SelectedTest, type TestFilter, type TestPattern } from './select.ts'
export { parseShard, shardOf, shardTests, type Shard } from './shard.ts'
export { buildTestArgs, type TestArgsOptions } from './args.ts'
export { testTypeBuilder } from './type-builder.ts'
export { evaluateTestConstraints, type CheckResult, type ConstraintInputs, type ConstraintsOutcome } from './constraints.ts'
export {
  runTest,
  defaultResolveFile,
  failureOf,
  type FailureKind,
  type FailureReason,
  type FieldCheckResult,
  type RunTestOptions,
  type TestOutcome,
  type TestResult,
  type TokenUsage,
} from './run-test.ts'
export {
  runTests,
  summarize,
  exitCodeOf,
  clientEnvNames,
  replayEnv,
  secretValues,
  EXIT,
  type FunctionSummary,
  type RateLimitOptions,
  type RunTestsOptions,
  type TestRunEvent,
  type TestRunReport,
  type TestSummary,
} from './run-tests.ts'
export { recordingFetch, replayFetch, type RecordingSession, type ReplaySession } from './record-fetch.ts'
export {
  RECORDING_FORMAT,
  asRecording,
  requestKey,
  type Recording,
  type RecordingStore,
  type RecordedExchange,
  type RecordedRequest,
  type RecordedResponse,
} from './recording.ts'
