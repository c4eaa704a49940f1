// AWS credentials and region for Bedrock, from client options or the standard environment variables,
// and an Authorizer that SigV4-signs each request for the `bedrock` service.
import type { EnvMap } from '../request/config-values.ts'
import type { SentRequest } from '../types.ts'
import type { Authorizer } from '../transport/prepare.ts'
import { signSigV4, type AwsCredentials } from './sigv4.ts'

export interface AwsCredentialOptions {
  readonly accessKeyId?: string | undefined
  readonly secretAccessKey?: string | undefined
  readonly sessionToken?: string | undefined
}

/**
 * Options win when they give an access key; then only the options' session token is used (an env token
 * belongs to the env keys). Otherwise AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN.
 */
export function resolveAwsCredentials(opts: AwsCredentialOptions, env: EnvMap): AwsCredentials | undefined {
  if (opts.accessKeyId || opts.secretAccessKey) {
    if (!opts.accessKeyId || !opts.secretAccessKey) return undefined
    return opts.sessionToken
      ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey, sessionToken: opts.sessionToken }
      : { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey }
  }
  const id = env['AWS_ACCESS_KEY_ID']
  const secret = env['AWS_SECRET_ACCESS_KEY']
  if (!id || !secret) return undefined
  const token = env['AWS_SESSION_TOKEN']
  return token ? { accessKeyId: id, secretAccessKey: secret, sessionToken: token } : { accessKeyId: id, secretAccessKey: secret }
}

/** `region` option, else AWS_REGION, else AWS_DEFAULT_REGION, else the region in a bedrock-runtime URL. */
export function resolveAwsRegion(region: string | undefined, env: EnvMap, url?: string): string | undefined {
  if (region) return region
  if (env['AWS_REGION']) return env['AWS_REGION']
  if (env['AWS_DEFAULT_REGION']) return env['AWS_DEFAULT_REGION']
  const m = url ? /bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/.exec(url) : null
  return m?.[1]
}

/** Signs every request with SigV4 (service `bedrock` unless told otherwise). Leaves already-signed requests alone. */
export function awsSigV4Authorizer(creds: AwsCredentials, opts: { readonly region: string; readonly service?: string; readonly now?: () => number }): Authorizer {
  return async (req: SentRequest): Promise<SentRequest> => {
    if (req.headers['authorization'] !== undefined) return req
    const signed = await signSigV4(
      { method: req.method, url: req.url, headers: req.headers, body: req.body },
      creds,
      { region: opts.region, service: opts.service ?? 'bedrock', date: new Date((opts.now ?? Date.now)()) },
    )
    return { ...req, headers: signed.headers }
  }
}
