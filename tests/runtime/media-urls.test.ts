// Media URLs that a provider needs as base64 are downloaded by the engine. Only http, https and data URLs
// are fetched (never file: and friends), and with `allow_private_media_urls false` (client) or
// `allowPrivateMediaUrls: false` (call option) hosts on loopback/private networks are refused, redirects too.
import { describe, expect, it } from 'vitest'
import { BamlInvalidArgumentError, BamlRuntime } from '../../core/index.ts'
import { json, startFileServer, type Handler } from '../providers/helpers/server.ts'
import { geminiBody, openaiChat } from '../providers/helpers/wire.ts'

const server = await startFileServer()
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')
const png: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(PNG.length) })
  res.end(PNG)
}
server.route('/img.png', png)
server.route('/hop', (_req, res) => {
  res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam' })
  res.end()
})
server.route('/v1beta/models/gemini-2.0-flash:generateContent', json(geminiBody('a red dot')))
server.route('/v1/chat/completions', json(openaiChat('from the fallback')))

const project = (extra = '') => ({
  'baml_src/main.baml': `
client<llm> Gemini {
  provider google-ai
  options {
    model "gemini-2.0-flash"
    api_key "test-google-key"
    base_url "${server.url}/v1beta"
    ${extra}
  }
}
client<llm> Local {
  provider openai-generic
  options {
    base_url "${server.url}/v1"
    model "m"
  }
}
client<llm> Chain {
  provider fallback
  options {
    strategy [Gemini, Local]
  }
}
function Describe(img: image) -> string {
  client Gemini
  prompt #"{{ _.role("user") }} What is this? {{ img }}"#
}
function DescribeChain(img: image) -> string {
  client Chain
  prompt #"{{ _.role("user") }} What is this? {{ img }}"#
}`,
})

/** A fetch that records every URL it is asked for. */
function recordingFetch() {
  const urls: string[] = []
  const f = ((input: RequestInfo | URL, init?: RequestInit) => {
    urls.push(input instanceof Request ? input.url : String(input))
    return fetch(input, init)
  }) as typeof fetch
  return { urls, fetch: f }
}

const geminiHits = () => server.hits('/v1beta/models/gemini-2.0-flash:generateContent').length

describe('media URL schemes', () => {
  const rt = BamlRuntime.fromFiles('baml_src', project())

  for (const url of ['file:///etc/hostname', 'FILE:///etc/passwd', 'ftp://example.com/a.png', 'blob:https://example.com/x']) {
    it(`${url} is never fetched or read ("URL scheme is not allowed")`, async () => {
      const rec = recordingFetch()
      const before = geminiHits()
      const err = await rt.call('Describe', { img: { url } }, { fetch: rec.fetch }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(BamlInvalidArgumentError)
      expect((err as Error).message).toMatch(/^Failed to fetch media: URL scheme is not allowed \((file|ftp|blob|gs):\)/)
      expect(rec.urls).toEqual([])
      expect(geminiHits()).toBe(before)
      // Request previews refuse it too.
      await expect(rt.buildRequest('Describe', { img: { url } }, { fetch: rec.fetch })).rejects.toThrow('URL scheme is not allowed')
      expect(rec.urls).toEqual([])
    })
  }

  it('http and data URLs are downloaded and sent as base64 (loopback allowed by default, as in the reference)', async () => {
    const req = await rt.buildRequest('Describe', { img: { url: `${server.url}/img.png` } })
    expect(JSON.stringify(req.body)).toContain(PNG.toString('base64'))
    const data = await rt.buildRequest('Describe', { img: { url: `data:image/png;base64,${PNG.toString('base64')}` } })
    expect(JSON.stringify(data.body)).toContain(PNG.toString('base64'))
    expect(await rt.call('Describe', { img: { url: `${server.url}/img.png` } })).toBe('a red dot')
  })

  it('a refused media URL fails that client only: the fallback goes on', async () => {
    expect(await rt.call('DescribeChain', { img: { url: 'file:///etc/hostname' } })).toBe('from the fallback')
    const sent = server.hits('/v1/chat/completions').at(-1)!
    // openai-generic sends image URLs as they are: the URL goes to the provider, nothing local is read.
    expect(sent.body).toContain('file:///etc/hostname')
  })
})

describe('private addresses', () => {
  it('client option allow_private_media_urls false refuses loopback hosts before fetching', async () => {
    const rt = BamlRuntime.fromFiles('baml_src', project('allow_private_media_urls false'))
    const rec = recordingFetch()
    const hits = server.hits('/img.png').length
    const err = await rt.call('Describe', { img: { url: `${server.url}/img.png` } }, { fetch: rec.fetch }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlInvalidArgumentError)
    expect((err as Error).message).toContain('points to a private or loopback address (127.0.0.1)')
    expect(rec.urls).toEqual([])
    expect(server.hits('/img.png').length).toBe(hits)
    // The option is ours, not a model parameter: it is not sent in the request body.
    const req = await rt.buildRequest('Describe', { img: { url: 'https://example.com/a.png' } }, { fetch: (async () => new Response(PNG)) as unknown as typeof fetch })
    expect(JSON.stringify(req.body)).not.toContain('allow_private_media_urls')
  })

  it('the call option allowPrivateMediaUrls: false does the same; the client cannot loosen it', async () => {
    const rt = BamlRuntime.fromFiles('baml_src', project('allow_private_media_urls true'))
    const rec = recordingFetch()
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '169.254.169.254', '10.0.0.7', 'metadata.google.internal']) {
      const err = await rt.buildRequest('Describe', { img: { url: `http://${host}/x.png` } }, { fetch: rec.fetch, allowPrivateMediaUrls: false }).catch((e: unknown) => e)
      expect((err as Error).message).toContain('points to a private or loopback address')
    }
    expect(rec.urls).toEqual([])
  })

  it('a redirect to a private address is refused too', async () => {
    const rt = BamlRuntime.fromFiles('baml_src', project('allow_private_media_urls false'))
    // "media.example" stands for a public host; this fetch sends its requests to the local server.
    const seen: string[] = []
    const publicFetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      const u = new URL(String(input))
      seen.push(u.href)
      if (u.hostname !== 'media.example') return Promise.reject(new Error(`the engine fetched ${u.href}`))
      return fetch(`${server.url}${u.pathname}`, init)
    }) as typeof fetch
    const ok = await rt.buildRequest('Describe', { img: { url: 'http://media.example/img.png' } }, { fetch: publicFetch })
    expect(JSON.stringify(ok.body)).toContain(PNG.toString('base64'))
    const err = await rt.buildRequest('Describe', { img: { url: 'http://media.example/hop' } }, { fetch: publicFetch }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlInvalidArgumentError)
    expect((err as Error).message).toContain('http://169.254.169.254/latest/meta-data/iam points to a private or loopback address')
    expect(seen).toEqual(['http://media.example/img.png', 'http://media.example/hop'])
  })
})
