// Collector: what happened during calls (one FunctionLog per call, one entry per attempt), in the
// spirit of the reference's Collector, built from the strategy runner's attempt records.
import type { AttemptLog } from '../providers/index.ts'

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

  /** Used by the runtime. */
  record(entry: Omit<FunctionLog, 'id' | 'usage'>): FunctionLog {
    const log: FunctionLog = { ...entry, id: `fn-${Date.now().toString(36)}-${(nextId++).toString(36)}`, usage: usageOf(entry.calls) }
    this.entries.push(log)
    return log
  }
}
