// Collector records keep the raw request (auth headers included, as the reference does), but their JSON
// form (JSON.stringify of a FunctionLog or of the Collector) masks api keys and every env-sourced header or
// query value.
import { describe, expect, it } from 'vitest'
import { BamlClientHttpError, BamlRuntime, Collector } from '../../core/index.ts'
import { json, startFileServer } from '../providers/helpers/server.ts'
import { openaiChat } from '../providers/helpers/wire.ts'

const server = await startFileServer()
server.route('/ok/v1/chat/completions', json(openaiChat('fine')))
server.route('/down/v1/chat/completions', json({ error: { message: 'nope' } }, 500))

const KEY = 'sk-collector-secret-4242'
const PROXY = 'proxy-token-9999'
const env = { OPENAI_API_KEY: KEY, PROXY_TOKEN: PROXY }
const rt = BamlRuntime.fromFiles(
  'baml_src',
  {
    'baml_src/main.baml': `
client<llm> Down {
  provider openai
  options {
    model "m"
    base_url "${server.url}/down/v1"
    headers {
      "X-Proxy-Token" env.PROXY_TOKEN
    }
  }
}
client<llm> Ok {
  provider openai
  options {
    model "m"
    base_url "${server.url}/ok/v1"
    headers {
      "X-Proxy-Token" env.PROXY_TOKEN
    }
  }
}
client<llm> Chain {
  provider fallback
  options {
    strategy [Down, Ok]
  }
}
function F(q: string) -> string {
  client Chain
  prompt #"{{ q }}"#
}`,
  },
  env,
)

describe('collector secrets', () => {
  it('records keep the raw key; their JSON form masks it and the env-sourced header', async () => {
    const collector = new Collector()
    expect(await rt.call('F', { q: 'hi' }, { collector })).toBe('fine')
    const log = collector.last!
    expect(log.calls).toHaveLength(2)
    // The record itself is raw.
    expect(log.calls[1]!.request!.headers['authorization']).toBe(`Bearer ${KEY}`)
    expect(log.calls[1]!.request!.headers['x-proxy-token']).toBe(PROXY)
    for (const text of [JSON.stringify(log), JSON.stringify(collector), JSON.stringify(collector.logs)]) {
      expect(text).not.toContain(KEY)
      expect(text).not.toContain(PROXY)
    }
    const shown = JSON.parse(JSON.stringify(log)) as { calls: { request: { headers: Record<string, string> }; error?: { name: string; message: string } }[] }
    expect(shown.calls[1]!.request.headers['authorization']).toBe('Bearer sk-c****')
    expect(shown.calls[1]!.request.headers['x-proxy-token']).toBe('prox****')
    // The failed attempt's error is shown with its message.
    expect(shown.calls[0]!.error).toMatchObject({ name: 'BamlClientHttpError', message: expect.stringContaining('500') })
    expect(JSON.parse(JSON.stringify(collector))).toMatchObject({ name: 'collector', logs: [{ functionName: 'F' }] })
  })

  it('an error that quotes the key is masked in JSON too', async () => {
    const collector = new Collector()
    server.route('/echo/v1/chat/completions', (req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers['authorization']}` } }))
    })
    const rt2 = BamlRuntime.fromFiles('baml_src', {
      'baml_src/main.baml': `
client<llm> Echo {
  provider openai
  options {
    model "m"
    base_url "${server.url}/echo/v1"
  }
}
function G(q: string) -> string {
  client Echo
  prompt #"{{ q }}"#
}`,
    }, env)
    const err = await rt2.call('G', { q: 'hi' }, { collector }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlClientHttpError)
    expect(collector.last!.error).toContain(KEY) // raw, as recorded
    expect(JSON.stringify(collector.last)).not.toContain(KEY)
  })
})

describe('request previews', () => {
  it('buildRequest (the CLI `request` command) masks the env-sourced custom header too, unless exposeSecrets', async () => {
    const req = await rt.buildRequest('F', { q: 'hi' })
    expect(req.headers['X-Proxy-Token'] ?? req.headers['x-proxy-token']).toBe('prox****')
    expect(req.headers['authorization']).toBe('Bearer sk-c****')
    expect(JSON.stringify(req)).not.toContain(PROXY)
    const raw = await rt.buildRequest('F', { q: 'hi' }, { exposeSecrets: true })
    expect(JSON.stringify(raw)).toContain(PROXY)
  })
})
