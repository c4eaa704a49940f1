// Which media URLs may be downloaded (media sent as base64 per `media_url_handler`).
//
// Only http:, https: and data: URLs are fetched (the reference's HTTP client refuses other schemes too);
// without this, `file:///etc/passwd` handed in as an image URL would be read by runtimes whose fetch
// supports file: (Bun) and sent to the model provider.
//
// Private addresses: media URLs that come from untrusted input let whoever supplies them make this process
// fetch things on its behalf (server-side request forgery): services on the internal network, the cloud
// metadata endpoint, or simply a lot of bandwidth. With `allow_private_media_urls false` (client option) or
// `allowPrivateMediaUrls: false` (call option), URLs whose host is a loopback, private, link-local or
// otherwise non-public address — or a name under localhost, .local or .internal — are refused, redirects
// included. Names are not resolved here (the core has no DNS): a public name that resolves to a private
// address is not caught, so untrusted URLs still need an allow-list or an egress firewall.
import { BamlInvalidArgumentError } from '../../errors.ts'

const FETCHED_SCHEMES = new Set(['http:', 'https:', 'data:'])
const MAX_REDIRECTS = 10

/** An IPv4 address as 4 numbers, or undefined. */
function parseIPv4(host: string): [number, number, number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  if (!m) return undefined
  const parts = m.slice(1, 5).map(Number) as [number, number, number, number]
  return parts.every((p) => p <= 255) ? parts : undefined
}

function isNonPublicIPv4([a, b, c]: readonly number[]): boolean {
  if (a === undefined || b === undefined || c === undefined) return true
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 || // loopback
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  )
}

/** An IPv6 address as 8 16-bit groups (the URL parser has already normalised it), or undefined. */
function parseIPv6(host: string): number[] | undefined {
  if (!host.includes(':')) return undefined
  let text = host
  // A trailing dotted IPv4 (the URL parser rewrites these, but callers may not have used it).
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4) {
    const p = parseIPv4(v4[1]!)
    if (!p) return undefined
    text = `${text.slice(0, v4.index)}${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const parse = (s: string): number[] | undefined => {
    if (s === '') return []
    const out: number[] = []
    for (const g of s.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined
      out.push(parseInt(g, 16))
    }
    return out
  }
  const head = parse(halves[0]!)
  const tail = halves.length === 2 ? parse(halves[1]!) : []
  if (!head || !tail) return undefined
  if (halves.length === 1) return head.length === 8 ? head : undefined
  const fill = 8 - head.length - tail.length
  return fill < 1 ? undefined : [...head, ...Array<number>(fill).fill(0), ...tail]
}

function embeddedIPv4(hi: number, lo: number): number[] {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]
}

function isNonPublicIPv6(g: readonly number[]): boolean {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number]
  const zeroTo = (n: number): boolean => g.slice(0, n).every((x) => x === 0)
  if (zeroTo(7) && (g7 === 0 || g7 === 1)) return true // :: and ::1
  if (zeroTo(5) && g5 === 0xffff) return isNonPublicIPv4(embeddedIPv4(g6, g7)) // IPv4-mapped
  if (zeroTo(6)) return isNonPublicIPv4(embeddedIPv4(g6, g7)) // IPv4-compatible (deprecated)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isNonPublicIPv4(embeddedIPv4(g6, g7)) // NAT64
  if (g0 === 0x2002) return isNonPublicIPv4(embeddedIPv4(g1, g2)) // 6to4
  return (
    (g0 & 0xfe00) === 0xfc00 || // unique local
    (g0 & 0xffc0) === 0xfe80 || // link-local
    (g0 & 0xffc0) === 0xfec0 || // site-local (deprecated)
    (g0 & 0xff00) === 0xff00 // multicast
  )
}

/**
 * True for hosts that name this machine or a private network: loopback, private, link-local, CGNAT,
 * multicast and reserved IPv4/IPv6 literals (IPv4-mapped and NAT64 forms included), and names under
 * `localhost`, `.local` and `.internal` (e.g. metadata.google.internal). `host` is a URL's `hostname`.
 */
export function isPrivateHost(host: string): boolean {
  let h = host.toLowerCase()
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1)
  h = h.replace(/\.$/, '')
  const zone = h.indexOf('%')
  if (zone >= 0) h = h.slice(0, zone)
  if (h === '') return true
  const v4 = parseIPv4(h)
  if (v4) return isNonPublicIPv4(v4)
  const v6 = parseIPv6(h)
  if (v6) return isNonPublicIPv6(v6)
  return h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')
}

/** Throws unless `url` may be downloaded under the policy. */
export function checkMediaUrl(url: string, allowPrivate: boolean): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new BamlInvalidArgumentError(`Failed to fetch media: not a valid URL: ${url}`)
  }
  if (!FETCHED_SCHEMES.has(parsed.protocol))
    throw new BamlInvalidArgumentError(
      `Failed to fetch media: URL scheme is not allowed (${parsed.protocol}): ${url}. Only http, https and data URLs are downloaded.`,
    )
  if (!allowPrivate && parsed.protocol !== 'data:' && isPrivateHost(parsed.hostname))
    throw new BamlInvalidArgumentError(
      `Failed to fetch media: ${url} points to a private or loopback address (${parsed.hostname}), which media URLs may not use here (allow_private_media_urls is false)`,
    )
  return parsed
}

/**
 * Download a media URL, checking it (and, when private addresses are refused, every redirect) first.
 * `data:` URLs are handled by the caller.
 */
export async function fetchMediaUrl(
  url: string,
  opts: { readonly fetch: typeof fetch; readonly allowPrivate: boolean; readonly signal?: AbortSignal | undefined },
): Promise<Response> {
  let current = checkMediaUrl(url, opts.allowPrivate).href
  const init = (redirect: RequestRedirect): RequestInit => (opts.signal ? { redirect, signal: opts.signal } : { redirect })
  // fetch follows redirects only to http(s); with private addresses allowed that is all the checking needed.
  if (opts.allowPrivate) return opts.fetch(current, init('follow'))
  for (let hop = 0; ; hop++) {
    const res = await opts.fetch(current, init('manual'))
    if (res.type === 'opaqueredirect')
      throw new BamlInvalidArgumentError(`Failed to fetch media: ${url} redirects, and this runtime does not show where to, so the target cannot be checked`)
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null
    if (location === null) return res
    await res.body?.cancel().catch(() => {})
    if (hop >= MAX_REDIRECTS) throw new BamlInvalidArgumentError(`Failed to fetch media: too many redirects from ${url}`)
    const next = new URL(location, current).href
    checkMediaUrl(next, false)
    current = next
  }
}
