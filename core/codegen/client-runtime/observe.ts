// What a generated client's tracing.ts and config.ts expose, so code written against the reference's
// client runs unchanged: `traceAsync`/`traceSync` wrappers, `setTags`, `flush`, `onLogEvent`, and the
// log-level settings.
//
// The reference sends traces to Boundary Studio and logs each call to stderr. This runtime sends
// nothing anywhere and writes nothing: the wrappers call straight through, `setTags` and `flush`
// have nothing to act on (per-call `tags` reach the Collector), and the log level is only kept.
// `onLogEvent` works: its callback gets one event per finished function call.
import { Collector, type FunctionLog } from '../../index.ts'
import { processEnv } from './host.ts'
import type { BamlLogEvent } from './index.ts'

// The event types are declared in index.ts (the runtime's self-contained declaration file).
export type LogEventListener = (event: BamlLogEvent) => void

/** A collector that tells its owner about each function log as it is recorded. */
export class LogEventTap extends Collector {
  constructor(private readonly recorded: (log: FunctionLog) => void) {
    super('onLogEvent')
  }
  override record(...args: Parameters<Collector['record']>): FunctionLog {
    const log = super.record(...args)
    this.recorded(log)
    return log
  }
}

/** The event for `log`; `prompt` and `parsed` are computed by the caller (each may fail: left out). */
export function logEvent(log: FunctionLog, prompt: () => unknown, parsed: { readonly value: unknown } | undefined): BamlLogEvent {
  let promptText: string | undefined
  try {
    promptText = JSON.stringify(prompt())
  } catch {
    promptText = undefined
  }
  // The selected attempt's answer; when none was used (e.g. it did not parse), the last one received.
  const raw = log.rawLlmResponse ?? [...log.calls].reverse().find((c) => c.response)?.response?.body
  return {
    metadata: { eventId: log.id, rootEventId: log.id },
    ...(promptText !== undefined ? { prompt: promptText } : {}),
    ...(raw !== undefined ? { rawOutput: raw } : {}),
    ...(parsed ? { parsedOutput: JSON.stringify(parsed.value ?? null) } : {}),
    startTime: new Date(log.timing.startMs).toISOString(),
  }
}

/** Calls the listener; what it throws must not fail the call it reports on. */
export function deliver(listener: LogEventListener, event: BamlLogEvent): void {
  try {
    listener(event)
  } catch {
    // the listener's own failure is not the call's
  }
}

// ---- tracing.ts

/** Returns `fn` itself, wrapped: this runtime records no trace spans, so the call goes straight through. */
export function traceAsync<F extends (...args: never[]) => Promise<unknown>>(name: string, fn: F): F {
  void name
  return function (this: unknown, ...args: Parameters<F>) {
    return fn.apply(this, args)
  } as F
}

/** As `traceAsync`, for synchronous functions. */
export function traceSync<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  void name
  return function (this: unknown, ...args: Parameters<F>) {
    return fn.apply(this, args)
  } as F
}

/** Accepted for compatibility: there are no trace spans to tag. Give calls `{ tags }` to tag their logs. */
export function setTags(tags: Record<string, string>): void {
  void tags
}

/** Accepted for compatibility: nothing is buffered for upload. */
export function flush(): void {}

// ---- config.ts

let logLevel: string | undefined
let logJson = false
let logMaxChunkLength = 1000

/** Kept and reported by `getLogLevel`; this runtime writes no logs of its own. */
export function setLogLevel(level: string): void {
  logLevel = level.toUpperCase()
}

/** The level set with `setLogLevel`, else `BAML_LOG` from the environment, else INFO. */
export function getLogLevel(): string {
  if (logLevel !== undefined) return logLevel
  const env = processEnv()['BAML_LOG']
  return env ? env.toUpperCase() : 'INFO'
}

export function setLogJsonMode(useJson: boolean): void {
  logJson = useJson
}

export function setLogMaxChunkLength(length: number): void {
  logMaxChunkLength = length
}

/** The settings as kept (for tests and tools). */
export function logSettings(): { readonly level: string; readonly json: boolean; readonly maxChunkLength: number } {
  return { level: getLogLevel(), json: logJson, maxChunkLength: logMaxChunkLength }
}
