// finish_reason_allow_list / finish_reason_deny_list: compared case-insensitively; a missing finish reason
// is always allowed. A rejected finish reason ends the call (it is not retried).
import { BamlClientFinishReasonError } from '../../errors.ts'
import type { FinishReasonFilter } from '../types.ts'

export function isFinishReasonAllowed(filter: FinishReasonFilter, finishReason: string | undefined): boolean {
  if (finishReason === undefined) return true
  const r = finishReason.toLowerCase()
  if (filter.allow && !filter.allow.includes(r)) return false
  if (filter.deny && filter.deny.includes(r)) return false
  return true
}

/** Throws BamlClientFinishReasonError when the filter rejects the response's finish reason. */
export function checkFinishReason(
  filter: FinishReasonFilter,
  response: { readonly finishReason: string | undefined; readonly content: string },
  prompt = '',
): void {
  if (isFinishReasonAllowed(filter, response.finishReason)) return
  const message = 'Finish reason not allowed'
  throw new BamlClientFinishReasonError(prompt, message, response.content, response.finishReason)
}
