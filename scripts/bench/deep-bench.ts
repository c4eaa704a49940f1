// Deep arguments and pathological templates: render time should grow linearly with the size of
// the output (a pretty-printed chain of depth d prints ~2·d² characters), never faster; the
// reference column is its buildRequest for the same call (it crashes past ~250 levels).
import { BamlRuntime } from '../../core/index.ts'
import { renderTemplate } from '../../core/template/index.ts'
import { fmtMs, loadReference, row, timeMedian, timeMedianAsync } from './harness.ts'

const files = {
  'baml_src/main.baml': `
client<llm> Writer {
  provider openai
  options {
    model "gpt-4o-mini"
  }
}
class Node {
  value int
  next Node?
}
type J = string | J[]
function Chain(n: Node) -> string {
  client Writer
  prompt #"{{ n }}"#
}
function Lists(j: J) -> string {
  client Writer
  prompt #"{{ j }}"#
}
`,
}
const env = { OPENAI_API_KEY: 'sk-bench' }

function chain(d: number): unknown {
  let n: unknown = null
  for (let i = 0; i < d; i++) n = { value: i, next: n }
  return n
}

function nested(d: number): unknown {
  let j: unknown = 'x'
  for (let i = 0; i < d; i++) j = [j]
  return j
}

async function main() {
  const rt = BamlRuntime.fromFiles('baml_src', files, env)
  const ref = loadReference()
  const rrt = ref?.BamlRuntime.fromFiles('baml_src', files, env)
  const ctx = ref ? new ref.BamlCtxManager(rrt) : undefined
  let prev: { chars: number; ms: number } | undefined
  for (const d of [125, 250, 500, 1000]) {
    const args = { n: chain(d) }
    const p = rt.renderPrompt('Chain', args)
    const chars = p.kind === 'completion' ? p.text.length : 0
    const ours = timeMedian(() => rt.renderPrompt('Chain', args), { minMs: 300 })
    // the reference takes ~20 s at 200 levels on a loaded machine: measure it only where it is quick
    const theirs =
      ref && d <= 125 ? await timeMedianAsync(() => rrt.buildRequest('Chain', args, ctx.cloneContext(), undefined, undefined, false, env), { minMs: 300, minRuns: 3 }) : undefined
    row(`render a ${d}-level recursive class (${(chars / 1e6).toFixed(2)} MB)`, ours, theirs)
    if (prev) console.log(`  ${(chars / prev.chars).toFixed(1)}x the output of the previous row in ${(ours / prev.ms).toFixed(1)}x the time (linear: the same)`)
    prev = { chars, ms: ours }
  }
  for (const d of [1000]) {
    const args = { j: nested(d) }
    row(`render a ${d}-level recursive list`, timeMedian(() => rt.renderPrompt('Lists', args), { minMs: 300 }))
  }
  const refuse = timeMedian(() => {
    try {
      rt.renderPrompt('Chain', { n: chain(100_000) })
    } catch {
      // refused: deeper than the limit
    }
  })
  row('refuse a 100,000-level argument', refuse)
  const big = timeMedian(() => {
    try {
      renderTemplate('{{ "x" * 10**9 }}', {})
    } catch {
      // string too long
    }
  })
  row('refuse {{ "x" * 10**9 }}', big)
  console.log(`(times are medians; ${fmtMs(0.001)} resolution)`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
