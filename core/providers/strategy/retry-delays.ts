// retry_policy delays, following the reference's retry iterator (retry_policy.rs).
import type { RetryPolicyIR } from '../../ir/types.ts'

/** Default cap for honouring `retry-after` under a constant_delay policy (which has no max_delay_ms). */
const DEFAULT_MAX_RETRY_AFTER_MS = 10_000

/**
 * One entry per try (max_retries + 1): how long to wait after that try fails. The last is 0 (no wait).
 * constant_delay: delay_ms every time. exponential_backoff: delay_ms × multiplier^(i+1), capped at max_delay_ms
 * (each step is computed from the previous, truncated to whole ms, as the reference does).
 */
export function retryDelays(policy: RetryPolicyIR): number[] {
  const tries = Math.max(0, Math.floor(policy.maxRetries)) + 1
  const out: number[] = []
  let current = policy.strategy.delayMs
  for (let i = 0; i < tries; i++) {
    if (i === tries - 1) {
      out.push(0)
      break
    }
    const s = policy.strategy
    if (s.type === 'constant_delay') {
      out.push(s.delayMs)
    } else {
      current = Math.min(Math.floor(current * s.multiplier), s.maxDelayMs)
      out.push(current)
    }
  }
  return out
}

/** Longest `retry-after` wait the policy accepts. */
export function maxRetryAfterMs(policy: RetryPolicyIR): number {
  return policy.strategy.type === 'exponential_backoff' ? policy.strategy.maxDelayMs : DEFAULT_MAX_RETRY_AFTER_MS
}
