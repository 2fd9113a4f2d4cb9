/**
 * A client address cut to its network: IPv4 to /24 and IPv6 to /48 with `bits: 'hash'`, or IPv4
 * kept whole and IPv6 cut to /64 (one household or device) with `bits: 'client'`.
 * IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`) count as IPv4.
 */
export function truncateAddress(address: string, bits: 'client' | 'hash'): string {
  let mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  let ip = mapped ? mapped[1] : address
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return bits === 'client' ? ip : ip.split('.').slice(0, 3).join('.') + '.0/24'
  if (!ip.includes(':')) return ip
  let [head, tail = ''] = ip.toLowerCase().split('::')
  let left = head ? head.split(':') : []
  let right = tail ? tail.split(':') : []
  let groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  let keep = bits === 'client' ? 4 : 3
  return groups.slice(0, keep).map(group => group.replace(/^0+(?=.)/, '')).join(':') + `::/${keep * 16}`
}

/**
 * An HMAC-SHA-256 of the address cut to its network (see `truncateAddress`), as 32 hex digits:
 * enough to spot a flood from one network, not to find a person (GDPR art. 5(1)(c)). The salt is
 * the server's secret; changing it unlinks all earlier hashes.
 */
export async function hashAddress(address: string, salt: string): Promise<string> {
  let encoder = new TextEncoder()
  let key = await crypto.subtle.importKey('raw', encoder.encode(salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  let mac = await crypto.subtle.sign('HMAC', key, encoder.encode(truncateAddress(address, 'hash')))
  return Array.from(new Uint8Array(mac).slice(0, 16), byte => byte.toString(16).padStart(2, '0')).join('')
}
