// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'

import { createConsent } from './consent.js'
import { createCookieRefresh } from './cookie-refresh.js'
import { encodeRecord } from './record.js'
import { memoryStorage } from './storage/memory-storage.js'

const config = {
  categories: { essential: {}, analytics: {} },
  cookie: { name: 'cc', domain: '.shop.example', path: '/', sameSite: 'Lax', refreshUrl: '/consent/cookie' }
}
const settle = () => new Promise(resolve => setTimeout(resolve, 0))

/** A `fetch` that records what it was asked and answers `status`, or fails. */
function server(status: number | 'down' = 204) {
  let requests: { url: string; init: RequestInit }[] = []
  let fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), init: init! })
    if (status === 'down') throw new TypeError('Failed to fetch')
    return new Response(null, { status })
  })
  return { requests, fetch: fetch as unknown as typeof globalThis.fetch }
}

/** A page: an engine on the stored cookie, and the refresh with this browser session's storage. */
function page(session: Storage | null, stored?: string, status: number | 'down' = 204) {
  let consent = createConsent(config, { storage: memoryStorage(stored), onMessage: () => {} })
  let net = server(status)
  let stop = createCookieRefresh(consent, consent.config.cookie.refreshUrl!, { fetch: net.fetch, storage: session })
  return { consent, net, stop }
}

afterEach(() => sessionStorage.clear())

describe('createCookieRefresh (T-03)', () => {
  it('asks the server after each decision, with the cookie and its settings, never after a reset', async () => {
    let { consent, net } = page(sessionStorage)
    expect(net.requests).toEqual([])
    consent.acceptAll()
    consent.rejectAll()
    consent.reset()
    await settle()
    expect(net.requests).toHaveLength(2)
    expect(net.requests[0]).toEqual({
      url: '/consent/cookie',
      init: {
        method: 'POST',
        credentials: 'include',
        keepalive: true,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'cc', path: '/', domain: '.shop.example', sameSite: 'Lax' })
      }
    })
  })

  it('refreshes a decision already stored once per browser session', async () => {
    let record = createConsent(config, { storage: memoryStorage(), onMessage: () => {} }).acceptAll()
    let first = page(sessionStorage, encodeRecord(record))
    await settle()
    let second = page(sessionStorage, encodeRecord(record))
    await settle()
    expect([first.net.requests.length, second.net.requests.length]).toEqual([1, 0])
    // A new browser session (or a new decision) asks again.
    sessionStorage.clear()
    expect(page(sessionStorage, encodeRecord(record)).net.requests).toHaveLength(1)
  })

  it('asks again on the next page when the server did not answer with 2xx', async () => {
    let record = createConsent(config, { storage: memoryStorage(), onMessage: () => {} }).acceptAll()
    for (let status of [503, 'down'] as const) {
      page(sessionStorage, encodeRecord(record), status)
      await settle()
    }
    let after = page(sessionStorage, encodeRecord(record))
    await settle()
    expect(after.net.requests).toHaveLength(1)
    expect(page(sessionStorage, encodeRecord(record)).net.requests).toHaveLength(0)
  })

  it('asks on every page where sessionStorage is blocked, and never throws into the page', async () => {
    let record = createConsent(config, { storage: memoryStorage(), onMessage: () => {} }).acceptAll()
    let blocked = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError')
      },
      setItem: () => {
        throw new DOMException('blocked', 'SecurityError')
      }
    } as unknown as Storage
    expect(page(blocked, encodeRecord(record)).net.requests).toHaveLength(1)
    expect(page(null, encodeRecord(record)).net.requests).toHaveLength(1)
    let consent = createConsent(config, { storage: memoryStorage(), onMessage: () => {} })
    createCookieRefresh(consent, '/consent/cookie', {
      fetch: () => {
        throw new TypeError('not allowed')
      },
      storage: blocked
    })
    expect(() => consent.acceptAll()).not.toThrow()
    await settle()
  })

  it('stops asking', async () => {
    let { consent, net, stop } = page(sessionStorage)
    stop()
    consent.acceptAll()
    expect(net.requests).toEqual([])
  })
})
