// The auth a leaf client needs on top of what the request builder put in the headers:
// SigV4 for aws-bedrock and an OAuth2 bearer token for vertex-ai. Other providers carry their API key in
// headers already and need nothing here. Credentials and region come from the client's resolved options
// (resolveClient), which already fall back to the standard environment variables.
import { BamlClientHttpError } from '../../errors.ts'
import type { ClientIR } from '../../ir/types.ts'
import type { EnvMap } from '../request/config-values.ts'
import { resolveClient } from '../request/resolve-client.ts'
import type { ResolvedBedrockClient, ResolvedVertexClient, VertexCredentials } from '../request/types.ts'
import type { SentRequest } from '../types.ts'
import type { Authorizer } from '../transport/prepare.ts'
import { NO_STATUS } from '../transport/http-errors.ts'
import { awsSigV4Authorizer, resolveAwsCredentials, resolveAwsRegion } from './aws.ts'
import { parseGoogleCredentials, serviceAccountTokenSource, staticTokenSource, type GoogleCredentials, type TokenSource } from './google.ts'

export interface AuthDeps {
  readonly env: EnvMap
  readonly fetch?: typeof fetch
  /** Reads a credentials file named by `credentials` or GOOGLE_APPLICATION_CREDENTIALS (Host.readTextFile). */
  readonly readTextFile?: (path: string) => Promise<string>
  readonly now?: () => number
}

/** Token sources are shared per service account so the cached token survives across calls. */
const tokenSources = new Map<string, TokenSource>()

function tokenSourceFor(creds: GoogleCredentials, deps: AuthDeps): TokenSource {
  if (creds.kind === 'access_token') return staticTokenSource(creds.token)
  const k = creds.key
  const id = `${k.client_email}\u0000${k.token_uri ?? ''}\u0000${k.private_key_id ?? k.private_key.length}`
  let src = tokenSources.get(id)
  if (!src) {
    const opts = { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.now ? { now: deps.now } : {}) }
    src = serviceAccountTokenSource(k, opts)
    tokenSources.set(id, src)
  }
  return src
}

/** The request authenticates itself: an `authorization` header, or an API key in the query (`?key=`). */
function hasOwnAuth(req: SentRequest): boolean {
  return req.headers['authorization'] !== undefined || /[?&]key=/.test(req.url)
}

/** Adds `authorization: Bearer <token>` unless the request already has one or uses an API key (`?key=`). */
export function googleBearerAuthorizer(source: TokenSource): Authorizer {
  return async (req: SentRequest, signal: AbortSignal): Promise<SentRequest> => {
    if (hasOwnAuth(req)) return req
    const token = await source.getToken(signal)
    return { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } }
  }
}

/** Google OAuth2 access tokens start with `ya29.`; such a string is used as the token itself. */
function looksLikeAccessToken(s: string): boolean {
  return /^ya29\./.test(s)
}

async function loadVertexCredentials(creds: VertexCredentials, deps: AuthDeps): Promise<GoogleCredentials | undefined> {
  switch (creds.kind) {
    case 'file':
      if (looksLikeAccessToken(creds.path)) return { kind: 'access_token', token: creds.path }
      if (!deps.readTextFile) throw new Error(`cannot read Google credentials file ${creds.path}: no file access on this host`)
      return parseGoogleCredentials(await deps.readTextFile(creds.path))
    case 'json':
      return parseGoogleCredentials(creds.json)
    case 'object':
      return parseGoogleCredentials(creds.value)
    case 'default':
      return undefined
  }
}

/**
 * `project_id` from a vertex-ai client's service-account credentials (file, JSON or inline), for request
 * builders that need it in the URL (request/'s `gcpProjectId` lookup). Undefined when there is none.
 */
export async function vertexProjectId(vertex: ResolvedVertexClient, deps: AuthDeps): Promise<string | undefined> {
  const creds = await loadVertexCredentials(vertex.credentials, deps)
  return creds?.kind === 'service_account' ? creds.key.project_id : undefined
}

/** `vertexProjectId` for a client as declared (undefined when it is not vertex-ai or does not resolve). */
export async function googleProjectIdFor(client: ClientIR, deps: AuthDeps): Promise<string | undefined> {
  let vertex: ResolvedVertexClient
  try {
    const r = resolveClient(client, deps.env)
    if (r.family !== 'vertex') return undefined
    vertex = r
  } catch {
    return undefined
  }
  return vertexProjectId(vertex, deps)
}

/**
 * The authorizer for a leaf client, or undefined when none is needed. Missing or unreadable credentials
 * surface when a request is sent, as a BamlClientHttpError (so a fallback can still try the next client).
 */
export function defaultAuthorizer(client: ClientIR, deps: AuthDeps): Authorizer | undefined {
  const fail = (message: string): never => {
    throw new BamlClientHttpError(client.name, message, NO_STATUS)
  }
  if (client.provider === 'aws-bedrock') {
    return async (req, signal) => {
      const bedrock = resolveClient(client, deps.env) as ResolvedBedrockClient
      const creds = resolveAwsCredentials(bedrock, deps.env)
      if (!creds) return fail('AWS credentials not found: set access_key_id and secret_access_key, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY')
      const region = resolveAwsRegion(bedrock.region, deps.env, req.url)
      if (!region) return fail('AWS region not found: set the region option, AWS_REGION or AWS_DEFAULT_REGION')
      return awsSigV4Authorizer(creds, deps.now ? { region, now: deps.now } : { region })(req, signal)
    }
  }
  if (client.provider === 'vertex-ai') {
    return async (req, signal) => {
      // Checked before the credentials are loaded (googleBearerAuthorizer would only check it after).
      if (hasOwnAuth(req)) return req
      const vertex = resolveClient(client, deps.env) as ResolvedVertexClient
      let creds: GoogleCredentials | undefined
      try {
        creds = await loadVertexCredentials(vertex.credentials, deps)
      } catch (e) {
        return fail(`Invalid Google credentials: ${e instanceof Error ? e.message : String(e)}`)
      }
      if (!creds) return fail('Google credentials not found: set credentials or credentials_content, or GOOGLE_APPLICATION_CREDENTIALS')
      return googleBearerAuthorizer(tokenSourceFor(creds, deps))(req, signal)
    }
  }
  return undefined
}
