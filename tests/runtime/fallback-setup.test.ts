// A client that cannot be built (an unset api key, options that do not resolve) is a failed attempt: a
// fallback goes on to its next client, and when every client fails the error names every attempt's reason.
import { describe, expect, it } from 'vitest'
import { BamlClientHttpError, BamlInvalidArgumentError, BamlRuntime, Collector } from '../../core/index.ts'
import { json, startFileServer, streamChunks } from '../providers/helpers/server.ts'
import { openaiChat, openaiChatSse } from '../providers/helpers/wire.ts'

const server = await startFileServer()
server.route('/ok/v1/chat/completions', (req, res, s) =>
  ((JSON.parse(req.body) as { stream?: boolean }).stream ? streamChunks(openaiChatSse(['from ', 'Local'])) : json(openaiChat('from Local')))(req, res, s),
)
server.route('/down/v1/chat/completions', json({ error: { message: 'overloaded' } }, 500))

const rt = BamlRuntime.fromFiles('baml_src', {
  'baml_src/main.baml': `
client<llm> GPT {
  provider openai
  retry_policy Slow
  options {
    model "gpt-4o"
    base_url "${server.url}/ok/v1"
  }
}

client<llm> Claude {
  provider anthropic
  options {
    model "claude-sonnet-4"
    base_url "${server.url}/ok"
  }
}

client<llm> Bedrock {
  provider aws-bedrock
  options {
    model "anthropic.claude-3"
    access_key_id env.TEST_UNSET_AWS_KEY_ID
    secret_access_key env.TEST_UNSET_AWS_SECRET
  }
}

client<llm> Local {
  provider openai-generic
  options {
    base_url "${server.url}/ok/v1"
    model "local"
  }
}

client<llm> Down {
  provider openai-generic
  options {
    base_url "${server.url}/down/v1"
    model "down"
  }
}

client<llm> Chain {
  provider fallback
  options {
    strategy [GPT, Bedrock, Local]
  }
}

client<llm> NothingWorks {
  provider fallback
  options {
    strategy [GPT, Down, Claude]
  }
}

retry_policy Slow {
  max_retries 2
  strategy {
    type constant_delay
    delay_ms 10000
  }
}

function Ask(q: string) -> string {
  client Chain
  prompt #"{{ q }}"#
}

function AskAll(q: string) -> string {
  client NothingWorks
  prompt #"{{ q }}"#
}

function AskGPT(q: string) -> string {
  client GPT
  prompt #"{{ q }}"#
}`,
})

const requestsTo = (path: string) => server.hits(path).length

describe('fallback past clients that cannot be built', () => {
  it('a missing api key, then options that do not resolve: the chain goes on to the next client', async () => {
    const before = requestsTo('/ok/v1/chat/completions')
    const collector = new Collector()
    const t0 = Date.now()
    expect(await rt.call('Ask', { q: 'hi' }, { collector })).toBe('from Local')
    // GPT's retry policy (10 s delays) is not worked through: its retries would fail the same way.
    expect(Date.now() - t0).toBeLessThan(5000)
    expect(requestsTo('/ok/v1/chat/completions') - before).toBe(1)
    const calls = collector.last!.calls
    expect(calls.map((c) => c.clientName)).toEqual(['GPT', 'Bedrock', 'Local'])
    expect(calls[0]!.error?.message).toBe('client GPT needs environment variable OPENAI_API_KEY, which is not set')
    expect(calls[1]!.error?.message).toContain('TEST_UNSET_AWS_KEY_ID')
    expect(calls[2]!.selected).toBe(true)
  })

  it('streaming does the same', async () => {
    const stream = rt.stream('Ask', { q: 'hi' })
    const partials: unknown[] = []
    for await (const p of stream) partials.push(p)
    expect(await stream.getFinalResponse()).toBe('from Local')
  })

  it("when every client fails, the error lists every attempt's reason", async () => {
    const err = await rt.call('AskAll', { q: 'hi' }).catch((e: unknown) => e)
    // The last attempt (Claude) could not be built.
    expect(err).toBeInstanceOf(BamlInvalidArgumentError)
    const message = (err as Error).message
    expect(message).toContain('3 failed attempts')
    expect(message).toContain('client GPT needs environment variable OPENAI_API_KEY, which is not set')
    expect(message).toContain('failed with status code: ServerError (500)')
    expect(message).toContain('client Claude needs environment variable ANTHROPIC_API_KEY, which is not set')
  })

  it('a failing HTTP attempt last: BamlClientHttpError whose detailed_message lists the earlier missing key', async () => {
    const rt2 = BamlRuntime.fromFiles('baml_src', {
      'baml_src/main.baml': `
client<llm> GPT {
  provider openai
  options {
    model "gpt-4o"
  }
}
client<llm> Down {
  provider openai-generic
  options {
    base_url "${server.url}/down/v1"
    model "down"
  }
}
client<llm> Chain {
  provider fallback
  options {
    strategy [GPT, Down]
  }
}
function F(q: string) -> string {
  client Chain
  prompt #"{{ q }}"#
}`,
    })
    const err = await rt2.call('F', { q: 'hi' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BamlClientHttpError)
    expect((err as BamlClientHttpError).detailed_message).toContain('client GPT needs environment variable OPENAI_API_KEY')
    expect((err as BamlClientHttpError).detailed_message).toContain('ServerError (500)')
  })

  it('a single client without its key still fails with just that reason', async () => {
    await expect(rt.call('AskGPT', { q: 'hi' })).rejects.toThrow(/^client GPT needs environment variable OPENAI_API_KEY, which is not set$/)
  })
})
