import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { signSigV4 } from '../../core/providers/auth/sigv4.ts'

const dir = new URL('../golden/sigv4/', import.meta.url)
const cases = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'aws-c-auth')
  .map((d) => d.name)
  .sort()

const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const DATE = new Date(Date.UTC(2015, 7, 30, 12, 36, 0))

function read(name: string, ext: string): string {
  return readFileSync(new URL(`${name}/${name}.${ext}`, dir), 'utf8')
}

/** Parse a `.req` file: request line, `Name:value` headers, blank line, body. */
function parseReq(text: string): { method: string; target: string; headers: [string, string][]; body: string } {
  const blank = text.indexOf('\n\n')
  const head = blank === -1 ? text : text.slice(0, blank)
  const body = blank === -1 ? '' : text.slice(blank + 2)
  const [requestLine, ...lines] = head.split('\n')
  const m = /^(\S+) (.*) HTTP\/1\.1$/.exec(requestLine!)
  if (!m) throw new Error(`bad request line: ${requestLine}`)
  const headers = lines.filter((l) => l !== '').map((l): [string, string] => {
    const i = l.indexOf(':')
    return [l.slice(0, i), l.slice(i + 1)]
  })
  return { method: m[1]!, target: m[2]!, headers, body }
}

describe('SigV4 against the AWS test suite', () => {
  it('has the vectors', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20)
    expect(cases).toContain('get-vanilla')
    expect(cases).toContain('get-vanilla-query-order-key-case')
  })

  for (const name of cases) {
    it(name, async () => {
      const req = parseReq(read(name, 'req'))
      const token = req.headers.find(([k]) => k.toLowerCase() === 'x-amz-security-token')?.[1]
      const after = name === 'post-sts-header-after'
      const stsToken = after ? readFileSync(new URL('post-sts-header-before/post-sts-header-before.req', dir), 'utf8').match(/X-Amz-Security-Token:(.*)/)![1]! : token
      const out = await signSigV4(
        { method: req.method, url: `https://example.amazonaws.com${req.target}`, headers: req.headers, body: req.body },
        stsToken ? { ...CREDS, sessionToken: stsToken } : CREDS,
        { region: 'us-east-1', service: 'service', date: DATE, uriEscapePath: false, signSessionToken: !after },
      )
      expect(out.canonicalRequest).toBe(read(name, 'creq'))
      expect(out.stringToSign).toBe(read(name, 'sts'))
      expect(out.authorization).toBe(read(name, 'authz'))
      expect(out.headers['authorization']).toBe(read(name, 'authz'))
      if (stsToken) expect(out.headers['x-amz-security-token']).toBe(stsToken)
    })
  }
})

describe('SigV4 for Bedrock', () => {
  it('double-encodes the already-encoded model id in the canonical path, like the AWS SDKs', async () => {
    const out = await signSigV4(
      {
        method: 'POST',
        url: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: '{"messages":[]}',
      },
      CREDS,
      { region: 'us-east-1', service: 'bedrock', date: DATE },
    )
    const lines = out.canonicalRequest.split('\n')
    expect(lines[1]).toBe('/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse')
    expect(out.signedHeaders).toBe('accept;content-type;host;x-amz-date')
    expect(out.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/)
    expect(out.headers['host']).toBeUndefined()
    expect(out.headers['x-amz-date']).toBe('20150830T123600Z')
  })
})

describe('SigV4 against the aws-c-auth edition of the suite', () => {
  const cdir = new URL('aws-c-auth/', dir)
  const ccases = readdirSync(cdir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
  const cread = (name: string, file: string): string => readFileSync(new URL(`${name}/${file}`, cdir), 'utf8')

  it('has the vectors', () => {
    expect(ccases).toContain('post-x-www-form-urlencoded')
    expect(ccases).toContain('get-vanilla-with-session-token')
  })

  for (const name of ccases) {
    it(name, async () => {
      const ctx = JSON.parse(cread(name, 'context.json')) as {
        credentials: { access_key_id: string; secret_access_key: string; token?: string }
        region: string
        service: string
        sign_body: boolean
        timestamp: string
      }
      const req = parseReq(cread(name, 'request.txt'))
      const creds = { accessKeyId: ctx.credentials.access_key_id, secretAccessKey: ctx.credentials.secret_access_key }
      const out = await signSigV4(
        { method: req.method, url: `https://example.amazonaws.com${req.target}`, headers: req.headers, body: req.body.replace(/\n$/, '') },
        ctx.credentials.token ? { ...creds, sessionToken: ctx.credentials.token } : creds,
        { region: ctx.region, service: ctx.service, date: new Date(ctx.timestamp), uriEscapePath: false, signBody: ctx.sign_body },
      )
      expect(out.canonicalRequest).toBe(cread(name, 'header-canonical-request.txt'))
      expect(out.stringToSign).toBe(cread(name, 'header-string-to-sign.txt'))
      expect(out.signature).toBe(cread(name, 'header-signature.txt').trim())
    })
  }
})
