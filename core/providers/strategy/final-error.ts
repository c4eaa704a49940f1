// The error a failed call ends with: the last attempt's error, with `detailed_message` listing every
// failed attempt ("N failed attempts:\n\nAttempt 0: ...") as the reference does.
import {
  BamlAbortError,
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlError,
  BamlTimeoutError,
  BamlValidationError,
} from '../../errors.ts'
import { statusLabel } from '../transport/http-errors.ts'

/** One line (possibly multi-line) describing an attempt's error. */
function describeAttemptError(err: Error): string {
  if (err instanceof BamlTimeoutError) return `LLM client "${err.client_name}" timed out: ${err.message}`
  if (err instanceof BamlClientHttpError) {
    return `LLM client "${err.client_name}" failed with status code: ${statusLabel(err.status_code)}\nMessage: ${err.message}`
  }
  if (err instanceof BamlClientFinishReasonError) return `Finish reason error: ${err.message}\nFinish Reason: ${err.finish_reason ?? '<none>'}`
  if (err instanceof BamlValidationError) return `Parsing error: ${err.message}`
  return `${err.name}: ${err.message}`
}

export function detailedMessage(errors: readonly Error[]): string {
  if (errors.length === 0) return ''
  if (errors.length === 1) return describeAttemptError(errors[0]!)
  const lines = errors.map((e, i) => `Attempt ${i}: ${describeAttemptError(e).replace(/\n/g, '\n    ')}`)
  return `${errors.length} failed attempts:\n\n${lines.join('\n')}`
}

/** A copy of `err` with `detailed_message` set (errors' fields are readonly, so this rebuilds it). */
export function withDetailedMessage(err: Error, detailed: string): Error {
  // Only exact classes are rebuilt, so subclasses defined elsewhere keep their identity.
  let out: BamlError | undefined
  const c = err.constructor
  if (c === BamlTimeoutError && err instanceof BamlTimeoutError) out = new BamlTimeoutError(err.client_name, err.message, detailed)
  else if (c === BamlClientHttpError && err instanceof BamlClientHttpError) out = new BamlClientHttpError(err.client_name, err.message, err.status_code, err.raw_response, detailed)
  else if (c === BamlAbortError && err instanceof BamlAbortError) out = new BamlAbortError(err.message, err.reason, detailed)
  else if (c === BamlClientFinishReasonError && err instanceof BamlClientFinishReasonError) out = new BamlClientFinishReasonError(err.prompt, err.message, err.raw_output, err.finish_reason, detailed)
  else if (c === BamlValidationError && err instanceof BamlValidationError) out = new BamlValidationError(err.prompt, err.message, err.raw_output, detailed)
  if (!out) return err
  if (err.stack) out.stack = err.stack
  return out
}
