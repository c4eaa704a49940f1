// WebCrypto helpers (crypto.subtle is available on Node 20+, Bun, Deno, browsers and edge runtimes).

const enc = new TextEncoder()

export function utf8(s: string): Uint8Array<ArrayBuffer> {
  return enc.encode(s)
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let out = ''
  for (let i = 0; i < b.length; i++) out += b[i]!.toString(16).padStart(2, '0')
  return out
}

function bytesOf(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof data === 'string') return utf8(data)
  // WebCrypto wants an ArrayBuffer-backed view; copy anything else (e.g. SharedArrayBuffer views).
  return data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(data)
}

export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytesOf(data)))
}

export async function hmacSha256(key: string | Uint8Array, data: string): Promise<Uint8Array<ArrayBuffer>> {
  const k = await crypto.subtle.importKey('raw', bytesOf(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, utf8(data)))
}

export function base64UrlEncode(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? utf8(data) : data
  let bin = ''
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]!)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function base64Decode(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64.replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, ''))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}
