// Stage 1 of parsing: turn model output into candidate jsonish values (the reference's
// `jsonish::parse`). Stages, first success wins: strict JSON, markdown code fences, balanced
// bracket regions, the fixing parser, and finally the text itself as a string.
//
// Every sub-parse is a pure function of (text range, options), so results are cached per range.
// A `Reader` can be reused while the text grows by appending (streaming): each range that keeps its
// start keeps its resumable scanners, so each character is scanned about once per stage.
import { advanceBrackets, newBracketScan, type BracketScan } from './bracket-regions.ts'
import { advanceFixing, finishFixing, newFixing, type FixingState } from './fixing-parser.ts'
import { fenceLines, newFenceScan, type FenceLine, type FenceScan } from './markdown-fences.ts'
import { advanceStrictJson, newStrictJson, strictJsonResult, type StrictJsonState } from './strict-json.ts'
import { trimRange } from '../../rust-str.ts'
import { Source } from './source.ts'
import { completeDeeply, isComplete, isWholeText, jarr, janyof, jfixed, jstr, markPushLived, nodeCache, simplify, type JValue } from './value.ts'
import { samePrefix, seen, type Seen } from '../same-prefix.ts'
import { copyList, work } from '../work.ts'
import { smallGet, smallSet, type SmallMap } from '../small-map.ts'

// Parse options as bits (the reference's ParseOptions).
const ALL_OBJECTS = 1
const MARKDOWN = 2
const FIXES = 4
const AS_STRING = 8
const DEFAULT_OPTS = ALL_OBJECTS | MARKDOWN | FIXES | AS_STRING

const toMarkdownBlock = (o: number): number => o & FIXES
const toMarkdownString = (o: number): number => (o & FIXES) | AS_STRING
const toAllObjects = (o: number): number => o & (MARKDOWN | FIXES)

interface Session {
  readonly start: number
  end: number
  readonly strict: StrictJsonState
  fixing: FixingState | undefined
  fences: FenceScan | undefined
  brackets: BracketScan | undefined
  /** the fixing stage's values wrapped for the reader's output, reused while they stay the same */
  unfixed: MapCache | undefined
  /** where the markdown stage resumes (see MdSettled) */
  md: MdSettled | undefined
  /** origin token of the stages' candidate lists (see JAnyOf.origin), made on first use */
  anyFences: object | undefined
  anyBrackets: object | undefined
  anyFixing: object | undefined
  /** results for the current `end`, by options and done-ness */
  memo: SmallMap<JValue | null> | undefined
}

/** `out[i] = f(src[i])` from the previous call, for a list that grows at its end. */
interface MapCache {
  src: Seen
  out: JValue[]
}

/**
 * `items.map(f)` reusing the previous results for the leading items that did not change (a
 * stream's lists of candidates only grow at their end). The result is a fresh array.
 */
function mapGrowing(cache: MapCache | undefined, items: readonly JValue[], f: (v: JValue) => JValue): { cache: MapCache; out: JValue[] } {
  let out: JValue[]
  let p = 0
  if (cache !== undefined) {
    p = Math.min(samePrefix(cache.src, items), cache.out.length)
    out = cache.out
    out.length = p
  } else out = []
  for (let i = p; i < items.length; i++) {
    work.steps++
    out.push(f(items[i]!))
  }
  return { cache: { src: seen(items), out }, out: copyList(out) }
}

export interface Reader {
  /** the text read; a stream appends to it between calls */
  readonly src: Source
  /** sessions that grow with the text, by start offset */
  readonly growing: Map<number, Session>
  /** sessions for ranges that ended before a growing session's current end */
  readonly fixed: Map<string, Session>
  /**
   * sessions for closed bracket regions, by start: a stray closing bracket makes the reference
   * re-read from the previous region's start, so regions sharing a start come in growing order and
   * are read incrementally rather than each from scratch
   */
  readonly regions: Map<number, Session>
}

export function newReader(src: Source = Source.empty()): Reader {
  return { src, growing: new Map(), fixed: new Map(), regions: new Map() }
}

// Wrappers are cached per wrapped node so that a stream sees the same objects for unchanged parts.
function greppedOf(v: JValue): JValue {
  const c = nodeCache(v)
  return (c.grepped ??= jfixed(v, ['GreppedForJSON']))
}

function unfixedOf(v: JValue): JValue {
  const c = nodeCache(v)
  return (c.unfixed ??= jfixed(v, []))
}

function markdownOf(tag: string, v: JValue): JValue {
  const c = nodeCache(v)
  let m = c.md
  if (m === undefined) {
    m = new Map()
    c.md = m
  }
  let w = m.get(tag)
  if (w === undefined) {
    w = { t: 'md', tag, inner: v, done: isComplete(v) }
    m.set(tag, w)
  }
  return w
}

function newSession(start: number, end: number): Session {
  return { start, end, strict: newStrictJson(start), fixing: undefined, fences: undefined, brackets: undefined, unfixed: undefined, md: undefined, anyFences: undefined, anyBrackets: undefined, anyFixing: undefined, memo: undefined }
}

function session(r: Reader, start: number, end: number, pool: Map<number, Session> = r.growing): Session {
  let s = pool.get(start)
  if (s === undefined) {
    s = newSession(start, end)
    pool.set(start, s)
    return s
  }
  if (s.end > end) {
    const key = start + ':' + end
    let f = r.fixed.get(key)
    if (f === undefined) {
      f = newSession(start, end)
      r.fixed.set(key, f)
    }
    return f
  }
  if (s.end !== end) {
    s.end = end
    s.memo = undefined
  }
  return s
}

/**
 * Reads the reader's text and returns the candidate value tree, simplified as the reference does.
 * A reused reader keeps its work: its text may only have grown (by appending) since the last call.
 */
export function readJsonish(r: Reader, isDone: boolean): JValue {
  const v = parseRange(r, 0, r.src.length, DEFAULT_OPTS, isDone, 0)
  // with the as-string stage enabled the top level always yields something
  return simplify(v ?? jstr(r.src.toString(), isDone), isDone)
}

function parseRange(
  r: Reader,
  start: number,
  end: number,
  opts: number,
  isDone: boolean,
  depth: number,
  pool?: Map<number, Session>,
): JValue | undefined {
  if (depth + 1 > 100) return undefined
  work.steps++
  const s = session(r, start, end, pool)
  const key = opts * 2 + (isDone ? 1 : 0)
  const hit = smallGet(s.memo, key)
  if (hit !== undefined) return hit ?? undefined
  const v = parseUncached(r, s, opts, isDone, depth + 1)
  s.memo = smallSet(s.memo, key, v ?? null)
  return v
}

function parseUncached(r: Reader, s: Session, opts: number, isDone: boolean, depth: number): JValue | undefined {
  const text = r.src
  advanceStrictJson(s.strict, text, s.end)
  const strict = strictJsonResult(s.strict, text)
  const raw = text.slice(s.start, s.end)
  if (strict !== undefined) return janyof([strict], raw)

  if (opts & MARKDOWN) {
    const md = markdownStage(r, s, opts, depth)
    // (several blocks end with the list of all blocks, which is never complete)
    if (md !== undefined) return md.length > 1 ? janyof(md, raw, (s.anyFences ??= {}), false) : janyof(md, raw)
  }

  if (opts & ALL_OBJECTS) {
    const objs = bracketStage(r, s, opts, depth)
    if (objs !== undefined) {
      if (objs.values.length === 1) {
        const only = objs.values[0]!
        if (!isWholeText(only, raw)) return janyof([greppedOf(only)], raw)
      } else {
        // (all choices are GreppedForJSON wrappers, which count as complete)
        return janyof(objs.grepped, raw, (s.anyBrackets ??= {}), true)
      }
    }
  }

  if (opts & FIXES) {
    // (the top-level session is only ever read at the stream's current end: nothing kept from push
    // to push holds what its open collections were, see markPushLived; other sessions' values
    // may be kept, a closed region's or markdown block's, while their state reads on)
    if (s.fixing === undefined) s.fixing = newFixing(s.start, s.start === 0 && r.growing.get(0) === s)
    advanceFixing(s.fixing, text, s.end)
    const vals = finishFixing(s.fixing, text, s.end)
    if (vals !== undefined) {
      if (vals.length === 1) {
        const only = vals[0]!
        if (!isWholeText(only, raw)) return janyof([unfixedOf(only)], raw)
      } else {
        const m = mapGrowing(s.unfixed, vals, unfixedOf)
        s.unfixed = m.cache
        const items = copyList(m.out)
        m.out.push(jarr(items, false, s.fixing))
        // (the last choice is the list of all values, never complete)
        return janyof(m.out, raw, (s.anyFixing ??= {}), false)
      }
    }
  }

  if (opts & AS_STRING) return jstr(raw, isDone)
  return undefined
}

/**
 * Where the markdown stage can resume: after the blocks whose closing fence is a complete line and
 * whose content parsed (nothing after them changes what they are), the next line to look at, the
 * start of the text not yet in a block, and those blocks (with their Markdown candidates).
 */
interface MdSettled {
  li: number
  remaining: number
  blocks: { tag: string; v: JValue }[]
  mds: JValue[]
}

/** Markdown code blocks; undefined when there are none (or none parse). */
function markdownStage(r: Reader, s: Session, opts: number, depth: number): JValue[] | undefined {
  const text = r.src
  const end = s.end
  if (s.fences === undefined) s.fences = newFenceScan(s.start)
  const fs = s.fences
  const lines = fenceLines(fs, text, end)
  if (lines.length === 0) return undefined
  // lines[0, settledLines) are complete lines; a last, unfinished one may follow
  const settledLines = fs.fences.length
  const blockOpts = toMarkdownBlock(opts)
  const st = (s.md ??= { li: 0, remaining: s.start, blocks: [], mds: [] })
  const blocks = st.blocks.slice()
  let remaining = st.remaining
  let li = st.li
  let settled = true
  for (;;) {
    while (li < lines.length && (lines[li]!.tag === undefined || lines[li]!.start < remaining)) {
      work.steps++
      li++
    }
    if (li >= lines.length) break
    const open = lines[li]!
    const afterStart = open.after
    let parsed: JValue | undefined
    let content: [number, number] | undefined
    let loop = true
    let firstEnd = -1
    // the closing fences after the opening one, in order (the complete ones are indexed)
    for (let k = nextCloser(fs, li, lines); k < lines.length; k = nextCloser(fs, k, lines)) {
      work.steps++
      const e = lines[k]!
      const range = trimRange(text, afterStart, e.start)
      if (firstEnd < 0) {
        firstEnd = k
        content = range
      }
      const v = parseRange(r, range[0], range[1], blockOpts, false, depth)
      if (v !== undefined) {
        parsed = v
        content = range
        remaining = e.after
        firstEnd = k
        break
      }
    }
    if (firstEnd < 0) {
      loop = false
      content = trimRange(text, afterStart, end)
    } else if (parsed === undefined) {
      remaining = lines[firstEnd]!.after
    }
    const res = parsed ?? parseRange(r, content![0], content![1], blockOpts, false, depth)
    if (res !== undefined) blocks.push({ tag: open.tag!, v: res })
    li++
    settled &&= parsed !== undefined && firstEnd < settledLines
    if (settled) {
      st.li = li
      st.remaining = remaining
      st.blocks.push(blocks[blocks.length - 1]!)
      st.mds.push(markdownOf(open.tag!, res!))
    }
    if (!loop) break
  }
  if (blocks.length === 0) return undefined
  const [ra, rb] = trimRange(text, remaining, end)
  const hasRest = rb > ra
  if (blocks.length === 1 && !hasRest) {
    const b = blocks[0]!
    return [{ t: 'md', tag: b.tag, inner: b.v, done: false }]
  }
  const mds = st.mds.slice()
  for (let i = mds.length; i < blocks.length; i++) mds.push(markdownOf(blocks[i]!.tag, blocks[i]!.v))
  const out: JValue[] = mds.slice()
  out.push(jarr(mds, false, s.fences))
  if (hasRest) {
    const other = parseRange(r, remaining, end, toMarkdownString(opts), false, depth)
    if (other !== undefined) out.push(other)
  }
  return out
}

/** Index of the first closing fence in `lines` after index `k` (lines.length when none). */
function nextCloser(fs: FenceScan, k: number, lines: readonly FenceLine[]): number {
  const c = fs.closers
  // first indexed (complete) closer after k, by binary search
  let lo = 0
  let hi = c.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (c[mid]! <= k) lo = mid + 1
    else hi = mid
  }
  if (lo < c.length) return c[lo]!
  // the unfinished last line, when it is a closing fence
  const last = fs.fences.length
  return last > k && last < lines.length && lines[last]!.tag === undefined ? last : lines.length
}

/**
 * Balanced bracket regions, each parsed on its own: their values and (when more than one) the
 * choices made of them: each value wrapped as grepped, then the list of all values wrapped the same
 * way; undefined when there are none.
 *
 * Only the top-level session runs this stage (no other caller passes ALL_OBJECTS), and its results
 * live for one push: the next push's parse replaces them, and nothing kept between pushes holds
 * on to their lists (the coercion's caches keep fingerprints of lists, see same-prefix.ts). So the
 * two lists are kept on the scan and brought up to date in place: a push touches the regions that
 * closed since the last one and the last two entries, not the whole list, which a stream of
 * thousands of small objects would otherwise copy twice per push. A second read at the same end
 * (the final parse after the last push) returns the same lists untouched.
 */
function bracketStage(r: Reader, s: Session, opts: number, depth: number): BracketLists | undefined {
  const text = r.src
  if (s.brackets === undefined) {
    s.brackets = newBracketScan(s.start)
    // (the list of all regions, below, is remade on every push)
    markPushLived(s.brackets)
  }
  const bs = s.brackets
  advanceBrackets(bs, text, s.start, s.end)
  if (bs.mismatched) return undefined
  const sub = toAllObjects(opts)
  // closed regions never change: parse each once and keep the list (a stream only adds to it)
  const done = (bs.parsed ??= { sub, count: 0, values: [], grepped: [] })
  if (done.sub !== sub) {
    done.sub = sub
    done.count = 0
    done.values = []
    done.grepped = []
    bs.lists = undefined
  }
  const prevLists = bs.lists as ListsView | undefined
  if (prevLists !== undefined && prevLists.end === s.end) return prevLists.out
  for (; done.count < bs.regions.length; done.count++) {
    const [a, b] = bs.regions[done.count]!
    // the session that read this region while it was open is done with (a stream would keep
    // one per region otherwise); only a cache, remade if that start is ever read again
    if (a !== s.start) r.growing.delete(a)
    // regions only share a start with the ones right before them: the previous region's session is
    // done with once a region starts elsewhere (a stream would keep one per region otherwise)
    const prev = done.count > 0 ? bs.regions[done.count - 1]! : undefined
    if (prev !== undefined && prev[0] !== a) r.regions.delete(prev[0])
    const v = parseRange(r, a, b, sub, false, depth, r.regions)
    if (v !== undefined) {
      done.values.push(v)
      done.grepped.push(greppedOf(v))
    }
  }
  const open = bs.stack.length > 0 && bs.regionStart !== undefined ? parseRange(r, bs.regionStart, s.end, sub, false, depth) : undefined
  const lists: ListsView = prevLists ?? { end: s.end, stable: 0, values: [], grepped: [], out: undefined }
  bs.lists = lists
  lists.end = s.end
  const n = done.values.length
  if (n === 0 && open === undefined) return (lists.out = undefined)
  // values: the closed regions' values but the last, then the last (taken as complete when an
  // open region follows) and the open region's; grepped: the same wrapped, then all of them
  const { values, grepped } = lists
  const k = Math.max(n - 1, 0)
  values.length = grepped.length = Math.min(lists.stable, k)
  for (let i = values.length; i < k; i++) {
    work.steps++
    values.push(done.values[i]!)
    grepped.push(done.grepped[i]!)
  }
  lists.stable = k
  if (n > 0) {
    const last = open === undefined ? done.values[n - 1]! : completeDeeply(done.values[n - 1]!)
    values.push(last)
    grepped.push(open === undefined ? done.grepped[n - 1]! : greppedOf(last))
  }
  if (open !== undefined) {
    values.push(open)
    grepped.push(greppedOf(open))
  }
  if (values.length > 1) grepped.push(greppedOf(jarr(values, false, bs)))
  return (lists.out = { values, grepped })
}

interface BracketLists {
  readonly values: readonly JValue[]
  readonly grepped: readonly JValue[]
}

/** The lists bracketStage returned at `end` (for the first `stable` entries, the closed regions'). */
interface ListsView {
  end: number
  stable: number
  readonly values: JValue[]
  readonly grepped: JValue[]
  out: BracketLists | undefined
}
