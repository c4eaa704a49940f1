// Base64 encoding/validation and MIME sniffing from magic bytes, without Node built-ins.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DECODE = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = []
  const CHUNK = 3 * 4096
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length)
    let s = ''
    let i = start
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
      s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!
    }
    if (end - i === 1) {
      const n = bytes[i]! << 16
      s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '=='
    } else if (end - i === 2) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
      s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '='
    }
    parts.push(s)
  }
  return parts.join('')
}

/** Canonical standard base64 (padded, no whitespace, zero trailing bits), as the reference requires. */
export function isCanonicalBase64(s: string): boolean {
  if (s.length % 4 !== 0) return false
  let pad = 0
  if (s.endsWith('==')) pad = 2
  else if (s.endsWith('=')) pad = 1
  const dataLen = s.length - pad
  for (let i = 0; i < dataLen; i++) {
    const c = s.charCodeAt(i)
    if (c >= 128 || DECODE[c]! < 0) return false
  }
  if (pad > 0) {
    const last = DECODE[s.charCodeAt(dataLen - 1)]!
    if ((pad === 2 && (last & 15) !== 0) || (pad === 1 && (last & 3) !== 0)) return false
  }
  return true
}

/** Decodes up to `maxBytes` bytes from the start of a (valid) base64 string. */
export function decodeBase64Prefix(s: string, maxBytes: number): Uint8Array {
  const out: number[] = []
  for (let i = 0; i < s.length && out.length < maxBytes; i += 4) {
    const a = DECODE[s.charCodeAt(i)] ?? -1
    const b = DECODE[s.charCodeAt(i + 1)] ?? -1
    if (a < 0 || b < 0) break
    out.push((a << 2) | (b >> 4))
    const c = DECODE[s.charCodeAt(i + 2)] ?? -1
    if (c < 0) break
    out.push(((b & 15) << 4) | (c >> 2))
    const d = DECODE[s.charCodeAt(i + 3)] ?? -1
    if (d < 0) break
    out.push(((c & 3) << 6) | d)
  }
  return Uint8Array.from(out.slice(0, maxBytes))
}

/** Bytes needed by `sniffMime`. */
export const SNIFF_BYTES = 64

function ascii(b: Uint8Array, at: number, text: string): boolean {
  if (b.length < at + text.length) return false
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false
  return true
}

function starts(b: Uint8Array, ...bytes: number[]): boolean {
  if (b.length < bytes.length) return false
  for (let i = 0; i < bytes.length; i++) if (b[i] !== bytes[i]) return false
  return true
}

const MP4_BRANDS = [
  'avc1', 'dash', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'isom', 'mmp4', 'mp41', 'mp42', 'mp4v', 'mp71',
  'MSNV', 'NDAS', 'NDSC', 'NDSH', 'NDSM', 'NDSP', 'NDSS', 'NDXC', 'NDXH', 'NDXM', 'NDXP', 'NDXS', 'F4A',
  'F4B', 'F4P', 'F4V',
]

function ftypBrand(b: Uint8Array): string | undefined {
  if (b.length < 12 || !ascii(b, 4, 'ftyp')) return undefined
  return String.fromCharCode(b[8]!, b[9]!, b[10]!, b[11]!)
}

/**
 * The MIME type of common image, video, audio and PDF files from their first bytes (the subset of the
 * `infer` crate's matchers that matters for media), checked in its order: image, video, audio, document.
 */
export function sniffMime(b: Uint8Array): string | undefined {
  const brand = ftypBrand(b)
  // Image
  if (starts(b, 0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(b, 0x89, 0x50, 0x4e, 0x47)) return 'image/png'
  if (starts(b, 0x47, 0x49, 0x46)) return 'image/gif'
  if (ascii(b, 8, 'WEBP')) return 'image/webp'
  if (starts(b, 0x49, 0x49, 0x2a, 0x00) || starts(b, 0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff'
  if (starts(b, 0x42, 0x4d)) return 'image/bmp'
  if (starts(b, 0x00, 0x00, 0x01, 0x00)) return 'image/vnd.microsoft.icon'
  if (brand && ['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1'].includes(brand)) return 'image/heif'
  if (brand === 'avif' || brand === 'avis') return 'image/avif'
  // Video
  if (brand && MP4_BRANDS.includes(brand.trimEnd())) return 'video/mp4'
  if (brand === 'M4V ' || brand === 'M4VH' || brand === 'M4VP') return 'video/x-m4v'
  if (starts(b, 0x1a, 0x45, 0xdf, 0xa3)) {
    const head = String.fromCharCode(...b.subarray(0, Math.min(b.length, SNIFF_BYTES)))
    if (head.includes('matroska')) return 'video/x-matroska'
    if (head.includes('webm')) return 'video/webm'
  }
  if (brand === 'qt  ' || ascii(b, 4, 'moov') || ascii(b, 4, 'mdat') || ascii(b, 4, 'free')) return 'video/quicktime'
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'AVI ')) return 'video/x-msvideo'
  if (starts(b, 0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11)) return 'video/x-ms-wmv'
  if (b.length > 3 && starts(b, 0x00, 0x00, 0x01) && b[3]! >= 0xb0 && b[3]! <= 0xbf) return 'video/mpeg'
  if (starts(b, 0x46, 0x4c, 0x56, 0x01)) return 'video/x-flv'
  // Audio
  if (ascii(b, 0, 'MThd')) return 'audio/midi'
  if (ascii(b, 0, 'ID3') || starts(b, 0xff, 0xfb) || starts(b, 0xff, 0xf3) || starts(b, 0xff, 0xf2)) return 'audio/mpeg'
  if (brand === 'M4A ') return 'audio/m4a'
  if (ascii(b, 0, 'OggS')) return 'audio/ogg'
  if (ascii(b, 0, 'fLaC')) return 'audio/x-flac'
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return 'audio/x-wav'
  if (ascii(b, 0, '#!AMR\n')) return 'audio/amr'
  if (starts(b, 0xff, 0xf1) || starts(b, 0xff, 0xf9)) return 'audio/aac'
  // Document
  if (ascii(b, 0, '%PDF')) return 'application/pdf'
  return undefined
}
