// Which hosts count as private for `allow_private_media_urls false`, and which URL schemes are fetched.
import { describe, expect, test } from 'vitest'
import { checkMediaUrl, isPrivateHost } from '../../core/providers/request/media-url-policy.ts'

const hostOf = (url: string) => new URL(url).hostname

describe('isPrivateHost', () => {
  const privateUrls = [
    'http://127.0.0.1/', 'http://127.1.2.3/', 'http://2130706433/', 'http://0x7f.0.0.1/', 'http://0.0.0.0/', 'http://10.20.30.40/',
    'http://172.16.0.1/', 'http://172.31.255.255/', 'http://192.168.1.1/', 'http://169.254.169.254/', 'http://100.64.0.1/',
    'http://224.0.0.1/', 'http://255.255.255.255/', 'http://[::1]/', 'http://[::]/', 'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/', 'http://[64:ff9b::a9fe:a9fe]/', 'http://[2002:7f00:1::]/', 'http://[fd00::1]/', 'http://[fe80::1]/',
    'http://localhost/', 'http://LOCALHOST./', 'http://api.localhost/', 'http://printer.local/', 'http://metadata.google.internal/',
  ]
  const publicUrls = [
    'http://8.8.8.8/', 'http://172.32.0.1/', 'http://172.15.255.255/', 'http://100.128.0.1/', 'http://192.169.0.1/',
    'http://[2001:4860:4860::8888]/', 'http://[::ffff:8.8.8.8]/', 'http://example.com/', 'http://localhost.example.com/', 'http://internal.example/',
  ]
  for (const url of privateUrls) test(`${url} is private`, () => expect(isPrivateHost(hostOf(url))).toBe(true))
  for (const url of publicUrls) test(`${url} is public`, () => expect(isPrivateHost(hostOf(url))).toBe(false))
})

describe('checkMediaUrl', () => {
  test('http, https and data pass; other schemes never do', () => {
    expect(checkMediaUrl('https://example.com/a.png', false).href).toBe('https://example.com/a.png')
    expect(checkMediaUrl('data:image/png;base64,AAAA', false).protocol).toBe('data:')
    expect(() => checkMediaUrl('file:///etc/hostname', true)).toThrow('URL scheme is not allowed (file:)')
    expect(() => checkMediaUrl('javascript:alert(1)', true)).toThrow('URL scheme is not allowed (javascript:)')
    expect(() => checkMediaUrl('not a url', true)).toThrow('not a valid URL')
  })

  test('private hosts pass only when allowed', () => {
    expect(checkMediaUrl('http://127.0.0.1:8080/a.png', true).host).toBe('127.0.0.1:8080')
    expect(() => checkMediaUrl('http://127.0.0.1:8080/a.png', false)).toThrow('private or loopback address (127.0.0.1)')
  })
})
