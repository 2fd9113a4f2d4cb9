// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://shop.example.com/products"}
import Cookies from 'js-cookie'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { cookieStorage } from './cookie-storage.js'

const inDays = (days: number) => new Date(Date.now() + days * 864e5)
const cookies = () => document.cookie.split(/; */).filter(Boolean)

afterEach(() => {
  vi.restoreAllMocks()
  for (let pair of cookies()) {
    let name = pair.split('=')[0]
    for (let domain of ['', '; domain=example.com', '; domain=shop.example.com']) {
      document.cookie = `${name}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT${domain}`
    }
  }
})

describe('cookieStorage', () => {
  it('writes one cookie under the configured name and reads it back', () => {
    let storage = cookieStorage({ name: 'cc' })
    expect(storage.read()).toEqual([])
    expect(storage.write('1~abc~x.!y', inDays(182))).toBe(true)
    expect(cookies()).toEqual(['cc=1~abc~x.!y'])
    expect(storage.read()).toEqual(['1~abc~x.!y'])
  })

  it('sets Secure on https, SameSite, Path and the expiry date (T-01)', () => {
    let set = vi.spyOn(Cookies, 'set')
    let expires = inDays(182)
    cookieStorage({ sameSite: 'Strict', path: '/' }).write('v', expires)
    expect(set).toHaveBeenCalledWith('consentry', 'v', { expires, path: '/', domain: undefined, sameSite: 'Strict', secure: true })
  })

  it('ignores cookies whose names only start the same way', () => {
    document.cookie = 'consentry_old=1; path=/'
    document.cookie = 'xconsentry=2; path=/'
    expect(cookieStorage().read()).toEqual([])
  })

  it('replaces the value on each write', () => {
    let storage = cookieStorage()
    storage.write('first', inDays(1))
    storage.write('second', inDays(1))
    expect(storage.read()).toEqual(['second'])
  })

  it('shares the cookie on a parent domain when asked (T-04)', () => {
    let storage = cookieStorage({ domain: '.example.com' })
    expect(storage.write('shared', inDays(1))).toBe(true)
    expect(storage.read()).toEqual(['shared'])
  })

  it('leaves a single cookie after the domain setting changed', () => {
    // The decision was stored host-only before `cookie.domain` was configured.
    document.cookie = 'consentry=old; path=/'
    let storage = cookieStorage({ domain: '.example.com' })
    expect(storage.read()).toEqual(['old'])
    expect(storage.write('new', inDays(1))).toBe(true)
    expect(storage.read()).toEqual(['new'])
  })

  it('reports a write the browser refused, such as a foreign domain', () => {
    expect(cookieStorage({ domain: 'other.org' }).write('x', inDays(1))).toBe(false)
  })

  it('clear removes the cookie wherever it was set', () => {
    document.cookie = 'consentry=a; path=/'
    document.cookie = 'consentry=b; path=/; domain=example.com'
    let storage = cookieStorage()
    expect(storage.read()).toHaveLength(2)
    storage.clear()
    expect(storage.read()).toEqual([])
  })
})
