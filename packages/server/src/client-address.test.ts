import { describe, expect, it } from 'vitest'

import { hashAddress, truncateAddress } from './client-address.js'

describe('truncateAddress', () => {
  it('keeps an IPv4 client whole and cuts it to /24 for hashing', () => {
    expect(truncateAddress('203.0.113.45', 'client')).toBe('203.0.113.45')
    expect(truncateAddress('203.0.113.45', 'hash')).toBe('203.0.113.0/24')
    expect(truncateAddress('::ffff:203.0.113.45', 'hash')).toBe('203.0.113.0/24')
  })

  it('cuts IPv6 to /64 per client and /48 for hashing, however it is written', () => {
    expect(truncateAddress('2001:db8:1:2:3:4:5:6', 'client')).toBe('2001:db8:1:2::/64')
    expect(truncateAddress('2001:0DB8:0001:0002::9', 'client')).toBe('2001:db8:1:2::/64')
    expect(truncateAddress('2001:db8::1', 'hash')).toBe('2001:db8:0::/48')
    expect(truncateAddress('::1', 'client')).toBe('0:0:0:0::/64')
  })
})

describe('hashAddress', () => {
  it('gives one network one hash, which the salt changes', async () => {
    let [a, b, other, salted] = await Promise.all([
      hashAddress('198.51.100.1', 'salt'),
      hashAddress('198.51.100.254', 'salt'),
      hashAddress('198.51.101.1', 'salt'),
      hashAddress('198.51.100.1', 'pepper')
    ])
    expect(a).toMatch(/^[\da-f]{32}$/)
    expect(b).toBe(a)
    expect(other).not.toBe(a)
    expect(salted).not.toBe(a)
    expect(a).not.toContain('198')
  })
})
