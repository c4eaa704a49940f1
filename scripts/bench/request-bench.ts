// Request building: render a prompt (nested class return type, 2 KB argument) and build the
// provider request, warm, in µs per call — ours beside the reference runtime's buildRequest.
// Also: template compile time (uncached) for the same prompt.
import { BamlRuntime } from '../../core/index.ts'
import { compileTemplateToSource, compileTemplate } from '../../core/template/index.ts'
import { promptTemplateSource } from '../../core/runtime/prompt/index.ts'
import { fmtMs, loadReference, row, timeMedian, timeMedianAsync } from './harness.ts'

const files = {
  'baml_src/main.baml': `
client<llm> Writer {
  provider openai
  options {
    model "gpt-4o-mini"
    temperature 0.2
  }
}

enum Status {
  PENDING
  SHIPPED @description("left the warehouse")
  DELIVERED
  RETURNED
}

class Address {
  street string
  city string
  postcode string @alias("zip")
  country string?
}

class LineItem {
  sku string
  title string
  quantity int
  unit_price float @description("in the order currency")
  tags string[]
}

class Customer {
  name string
  email string?
  addresses Address[]
}

class Order {
  id string
  customer Customer
  items LineItem[]
  status Status
  notes map<string, string>
  total float
}

function ExtractOrder(document: string, hints: string[]) -> Order {
  client Writer
  prompt #"
    {{ _.role("system") }}
    You extract orders from e-mails. Be precise.
    {% if hints %}
    Hints:
    {% for h in hints %}
    - {{ h }}
    {% endfor %}
    {% endif %}

    {{ _.role("user") }}
    {{ document }}

    {{ ctx.output_format }}
  "#
}
`,
}

const env = { OPENAI_API_KEY: 'sk-bench' }
const document = ('Order 4471 from Ada Lovelace <ada@example.org>, 12 Analytical Way, London. ' + 'Two copies of "Notes on the Engine" at 19.99 each, tagged rare, signed. ').repeat(14).slice(0, 2048)
const args = { document, hints: ['prices in GBP', 'ignore signatures'] }

async function main() {
  const rt = BamlRuntime.fromFiles('baml_src', files, env)
  const ours = await timeMedianAsync(() => rt.buildRequest('ExtractOrder', args), { minMs: 400, warmup: 200 })
  const N = 2000
  const t0 = performance.now()
  for (let i = 0; i < N; i++) await rt.buildRequest('ExtractOrder', args)
  const oursLoop = (performance.now() - t0) / N

  let theirs: number | undefined
  const ref = loadReference()
  if (ref) {
    const rrt = ref.BamlRuntime.fromFiles('baml_src', files, env)
    const ctx = new ref.BamlCtxManager(rrt)
    const refBuild = () => rrt.buildRequest('ExtractOrder', args, ctx.cloneContext(), undefined, undefined, false, env)
    const check = await refBuild()
    const mine = await rt.buildRequest('ExtractOrder', args, { exposeSecrets: true })
    if (JSON.stringify(check.body.json()) !== JSON.stringify(mine.body)) console.log('WARNING: request bodies differ from the reference')
    theirs = await timeMedianAsync(refBuild, { minMs: 400, warmup: 50 })
  }
  row('buildRequest, warm (median of single calls)', ours, theirs, '≤ 30 µs')
  row('buildRequest, warm (mean over 2000 in a loop)', oursLoop, undefined)

  const fn = rt.ir.functions.get('ExtractOrder')!
  const src = promptTemplateSource(rt.ir, fn.prompt)
  let i = 0
  const compile = timeMedian(() => compileTemplate(src + `{# ${i++} #}`), { minMs: 300 })
  const toSource = timeMedian(() => compileTemplateToSource(src + `{# ${i++} #}`), { minMs: 300 })
  console.log(`template compile (uncached, ${src.length} chars): ${fmtMs(compile)}; to source text: ${fmtMs(toSource)}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
