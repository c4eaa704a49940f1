// Collector: what happened during calls (one FunctionLog per call, one entry per attempt), in the
// spirit of the reference's Collector, built from the strategy runner's attempt records.
//
// Secrets: the records hold the requests exactly as sent, api keys included (as the reference's do), so
// code can inspect them. Their JSON form (JSON.stringify of a FunctionLog, of `logs` or of the Collector)
// masks them: auth headers, key query parameters, env-sourced header/query values, and the clients' secret
// values wherever they appear (request bodies, responses, error messages).
import type { AttemptLog } from '../providers/index.ts'
import { maskSentRequest, maskText, type SecretValues } from '../providers/request/index.ts'

export interface Usage {
  readonly inputTokens: number | null
  readonly outputTokens: number | null
  readonly cachedInputTokens: number | null
}

export interface FunctionLog {
  readonly id: string
  readonly functionName: string
  readonly logType: 'call' | 'stream'
  readonly timing: { readonly startMs: number; readonly endMs: number; readonly durationMs: number }
  readonly usage: Usage
  /** Every attempt, in order; `selected` marks the one whose answer was used. */
  readonly calls: readonly AttemptLog[]
  readonly rawLlmResponse: string | null
  readonly tags: Readonly<Record<string, string>>
  readonly error?: string
  /** The JSON form (what JSON.stringify uses): the same data with secrets masked. Not enumerable. */
  toJSON(): unknown
}

const NO_SECRETS: SecretValues = { secrets: [], envValues: [] }

function errorJson(err: Error, sv: SecretValues): Record<string, unknown> {
  const out: Record<string, unknown> = { name: err.name, message: maskText(err.message, sv.secrets) }
  for (const [k, v] of Object.entries(err)) if (k !== 'name') out[k] = typeof v === 'string' ? maskText(v, sv.secrets) : v
  return out
}

function attemptJson(a: AttemptLog, sv: SecretValues): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a }
  if (a.request) out['request'] = maskSentRequest(a.request, sv)
  if (a.response) out['response'] = { ...a.response, body: maskText(a.response.body, sv.secrets) }
  if (a.error) out['error'] = errorJson(a.error, sv)
  return out
}

function logJson(log: FunctionLog, sv: SecretValues): Record<string, unknown> {
  return {
    id: log.id,
    functionName: log.functionName,
    logType: log.logType,
    timing: log.timing,
    usage: log.usage,
    calls: log.calls.map((c) => attemptJson(c, sv)),
    rawLlmResponse: log.rawLlmResponse === null ? null : maskText(log.rawLlmResponse, sv.secrets),
    tags: log.tags,
    ...(log.error !== undefined ? { error: maskText(log.error, sv.secrets) } : {}),
  }
}

function sum(a: number | null, b: number | null | undefined): number | null {
  if (b === null || b === undefined) return a
  return (a ?? 0) + b
}

export function usageOf(calls: readonly AttemptLog[]): Usage {
  let inputTokens: number | null = null
  let outputTokens: number | null = null
  let cachedInputTokens: number | null = null
  for (const c of calls) {
    inputTokens = sum(inputTokens, c.usage?.inputTokens)
    outputTokens = sum(outputTokens, c.usage?.outputTokens)
    cachedInputTokens = sum(cachedInputTokens, c.usage?.cachedInputTokens)
  }
  return { inputTokens, outputTokens, cachedInputTokens }
}

let nextId = 0

export class Collector {
  private readonly entries: FunctionLog[] = []
  constructor(readonly name = 'collector') {}

  get logs(): readonly FunctionLog[] {
    return this.entries
  }

  get last(): FunctionLog | undefined {
    return this.entries[this.entries.length - 1]
  }

  /** Token totals over every logged call. */
  get usage(): Usage {
    return usageOf(this.entries.flatMap((e) => e.calls))
  }

  id(functionLogId: string): FunctionLog | undefined {
    return this.entries.find((e) => e.id === functionLogId)
  }

  clear(): void {
    this.entries.length = 0
  }

  /** Used by the runtime. `secrets`: what the log's JSON form hides (the called clients' keys and env values). */
  record(entry: Omit<FunctionLog, 'id' | 'usage' | 'toJSON'>, secrets: SecretValues = NO_SECRETS): FunctionLog {
    const log = { ...entry, id: `fn-${Date.now().toString(36)}-${(nextId++).toString(36)}`, usage: usageOf(entry.calls) } as FunctionLog
    Object.defineProperty(log, 'toJSON', { value: () => logJson(log, secrets), enumerable: false })
    this.entries.push(log)
    return log
  }

  /** The JSON form: every log with secrets masked (see FunctionLog.toJSON). */
  toJSON(): unknown {
    return { name: this.name, usage: this.usage, logs: this.entries.map((e) => e.toJSON()) }
  }
}
