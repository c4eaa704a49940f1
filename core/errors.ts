// Every error the engine throws on purpose is a BamlError. Field names follow the reference's
// TypeScript client (snake_case where it uses snake_case) so that code catching them ports over.
import type { Diagnostic } from './syntax/diagnostics.ts'

export class BamlError extends Error {
  override name = 'BamlError'
}

/** The project did not load: one or more error diagnostics. */
export class BamlLoadError extends BamlError {
  override name = 'BamlLoadError'
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(message)
  }
}

/** Bad function arguments, unknown function or client, bad options. */
export class BamlInvalidArgumentError extends BamlError {
  override name = 'BamlInvalidArgumentError'
}

/** A prompt template failed to render (syntax error, unknown filter, bad call). */
export class BamlTemplateError extends BamlError {
  override name = 'BamlTemplateError'
}

/** The model answered, but its output could not be parsed into the return type (or an assert failed). */
export class BamlValidationError extends BamlError {
  override name = 'BamlValidationError'
  constructor(
    readonly prompt: string,
    message: string,
    readonly raw_output: string,
    readonly detailed_message: string = message,
  ) {
    super(message)
  }
}

/** The model stopped for a reason the client's allow/deny list rejects. */
export class BamlClientFinishReasonError extends BamlError {
  override name = 'BamlClientFinishReasonError'
  constructor(
    readonly prompt: string,
    message: string,
    readonly raw_output: string,
    readonly finish_reason: string | undefined,
    readonly detailed_message: string = message,
  ) {
    super(message)
  }
}

export class BamlClientError extends BamlError {
  override name = 'BamlClientError'
}

/** The last attempt failed with a non-2xx status or a transport error (status_code -100 if none). */
export class BamlClientHttpError extends BamlClientError {
  override name = 'BamlClientHttpError'
  constructor(
    readonly client_name: string,
    message: string,
    readonly status_code: number,
    readonly raw_response?: string,
    readonly detailed_message: string = message,
  ) {
    super(message)
  }
}

/** A request, time-to-first-token, idle or total timeout expired. */
export class BamlTimeoutError extends BamlClientHttpError {
  override name = 'BamlTimeoutError'
  constructor(client_name: string, message: string, detailed_message: string = message) {
    super(client_name, message, 408, undefined, detailed_message)
  }
}

/** The caller's AbortSignal fired before or during the call. */
export class BamlAbortError extends BamlError {
  override name = 'BamlAbortError'
  constructor(
    message: string,
    readonly reason?: unknown,
    readonly detailed_message: string = message,
  ) {
    super(message)
  }
}
