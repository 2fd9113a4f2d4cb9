// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://shop.example.co.uk/products"}
import Cookies from 'js-cookie'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { clearCookies, clearIndexedDB, clearStorage, createCleanup, TRACKER_COOKIES } from './cleanup.js'
import type { Withdrawn } from './cleanup.js'
import { createConsent } from './consent.js'
import type { ConsentConfig } from './config.js'
import { memoryStorage } from './storage/memory-storage.js'

const PATHS = ['/', '/products', '/products/', '/products/shoes', '/products/shoes/', '/products/shoes/red', '/checkout']
const DOMAINS = ['', '; domain=example.co.uk', '; domain=shop.example.co.uk']

/** The cookies the page sees, sorted: the same name may be there several times. */
const cookies = () => document.cookie.split(/; */).filter(Boolean).sort()
const seed = (...list: string[]) => {
  for (let cookie of list) document.cookie = cookie
}
const keys = (storage: Storage) => Object.keys(storage).sort()
const visit = (path: string) => history.replaceState(null, '', path)

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  for (let path of PATHS) {
    visit(path)
    for (let pair of cookies()) {
      for (let domain of DOMAINS) {
        // Secure, or a "__Host-" cookie left by a failing test would leak into the next ones.
        document.cookie = `${pair.split('=')[0]}=; path=${path}; secure; expires=Thu, 01 Jan 1970 00:00:00 GMT${domain}`
      }
    }
  }
  visit('/products')
  localStorage.clear()
  sessionStorage.clear()
})

describe('clearCookies', () => {
  it('deletes a declared cookie host-only and on every parent domain (T-05)', () => {
    // Browsers keep a host-only cookie apart from one with `domain=` the host; happy-dom does not.
    seed(
      '_ga=host; path=/',
      '_ga=parent; path=/; domain=example.co.uk',
      '_gid=own; path=/; domain=shop.example.co.uk',
      'other=1; path=/'
    )
    expect(cookies()).toEqual(['_ga=host', '_ga=parent', '_gid=own', 'other=1'])
    expect(clearCookies([{ name: '_ga' }, '_gid'])).toEqual(['_ga', '_gid'])
    expect(cookies()).toEqual(['other=1'])
  })

  it('tries each parent domain down to the public suffix, which browsers ignore', () => {
    seed('_ga=1; path=/')
    let remove = vi.spyOn(Cookies, 'remove')
    clearCookies(['_ga'])
    let tried = remove.mock.calls.map(([, attributes]) => `${attributes?.domain ?? 'host-only'} ${attributes?.path}`)
    expect(tried).toEqual([
      'host-only /',
      'host-only /products',
      'shop.example.co.uk /',
      'shop.example.co.uk /products',
      'example.co.uk /',
      'example.co.uk /products',
      'co.uk /',
      'co.uk /products'
    ])
  })

  it('tries no parent domain on an IP address', () => {
    seed('_ga=1; path=/')
    let remove = vi.spyOn(Cookies, 'remove')
    clearCookies(['_ga'], { hostname: '192.168.0.10' })
    clearCookies(['_ga'], { hostname: '[::1]' })
    expect(remove.mock.calls.map(([, attributes]) => attributes?.domain)).toEqual([undefined, undefined])
  })

  it('deletes cookies on every path the page is under', () => {
    visit('/products/shoes/red')
    seed(
      'id=root; path=/',
      'id=section; path=/products',
      'id=slash; path=/products/',
      'id=sub; path=/products/shoes',
      'id=page; path=/products/shoes/red'
    )
    expect(cookies()).toHaveLength(5)
    expect(clearCookies(['id'])).toEqual(['id'])
    expect(cookies()).toEqual([])
  })

  it('matches "/regex/" declarations, with their flags', () => {
    seed('_ga_ABC123=1; path=/', '_GA_DEF=1; path=/', '_gid=1; path=/', 'my_ga_x=1; path=/')
    expect(clearCookies(['/^_ga_/i'])).toEqual(['_ga_ABC123', '_GA_DEF'])
    expect(cookies()).toEqual(['_gid=1', 'my_ga_x=1'])
  })

  it('deletes on a declared path the page is not under, though it cannot see the cookie', () => {
    visit('/checkout')
    seed('ref=1; path=/checkout')
    visit('/products')
    expect(clearCookies([{ name: 'ref', path: '/checkout' }])).toEqual([])
    visit('/checkout')
    expect(cookies()).toEqual([])
  })

  it('tries the declared domain and the extra paths given', () => {
    seed('_ga=1; path=/')
    let remove = vi.spyOn(Cookies, 'remove')
    clearCookies([{ name: '_ga', domain: '.Example.co.uk', path: '/shop' }], { hostname: '10.0.0.1', paths: ['/blog'] })
    expect(remove.mock.calls.map(([, attributes]) => `${attributes?.domain ?? 'host-only'} ${attributes?.path}`)).toEqual([
      'host-only /',
      'host-only /products',
      'host-only /shop',
      'host-only /blog',
      'example.co.uk /',
      'example.co.uk /products',
      'example.co.uk /shop',
      'example.co.uk /blog'
    ])
  })

  it('deletes "__Secure-" and "__Host-" cookies with the Secure attribute they require', () => {
    seed('__Host-id=1; path=/; secure', '__Secure-id=1; path=/; secure; domain=example.co.uk', 'plain=1; path=/')
    let remove = vi.spyOn(Cookies, 'remove')
    expect(clearCookies(['/^__/', 'plain'])).toEqual(['__Host-id', '__Secure-id', 'plain'])
    let secure = new Set(remove.mock.calls.map(([name, attributes]) => `${name} ${attributes?.secure}`))
    expect([...secure]).toEqual(['__Host-id true', '__Secure-id true', 'plain false'])
    expect(cookies()).toEqual([])
  })

  it('reports only the names that are gone afterwards, as an HttpOnly cookie stays', () => {
    seed('_ga=1; path=/', '_gid=1; path=/')
    // JavaScript cannot delete an HttpOnly cookie: pretend `_gid` is one.
    let remove = Cookies.remove.bind(Cookies)
    vi.spyOn(Cookies, 'remove').mockImplementation((name, attributes) => name !== '_gid' && remove(name, attributes))
    expect(clearCookies(['_ga', '_gid'])).toEqual(['_ga'])
    expect(cookies()).toEqual(['_gid=1'])
  })

  it('finds encoded names as js-cookie writes them', () => {
    seed('a%20b=1; path=/')
    expect(clearCookies(['a b'])).toEqual(['a b'])
    expect(cookies()).toEqual([])
  })

  it('reports a name js-cookie cannot write back as not deleted', () => {
    seed('%E0x=1; path=/')
    expect(clearCookies(['%E0x'])).toEqual([])
    expect(cookies()).toEqual(['%E0x=1'])
  })

  it('takes a "/regex/" that does not compile as a name no cookie has', () => {
    seed('_ga=1; path=/')
    expect(clearCookies(['/(/'])).toEqual([])
    expect(cookies()).toEqual(['_ga=1'])
  })

  it('deletes nothing when nothing is declared, without even reading the cookies', () => {
    seed('_ga=1; path=/')
    let read = vi.spyOn(document, 'cookie', 'get')
    expect(clearCookies([])).toEqual([])
    expect(read).not.toHaveBeenCalled()
    read.mockRestore()
    expect(cookies()).toEqual(['_ga=1'])
  })
})

describe('TRACKER_COOKIES', () => {
  it('match the cookies Google Analytics, Google Ads and Meta set, and nothing else (T-05)', () => {
    let trackers = [
      '_ga', '_ga_ABC123', '_gid', '_gat', '_gat_UA-1234-1', '_gat_gtag_UA_1234_1', '_dc_gtm_UA-1234-1',
      '_gac_UA-1234-1', '_gcl_au', '_gcl_aw', '_gcl_dc', '_gcl_gb', '_fbp', '_fbc'
    ]
    for (let name of trackers) seed(`${name}=1; path=/; domain=example.co.uk`)
    seed('consentry=1; path=/', 'gallery=1; path=/', 'my_ga=1; path=/')
    let removed = clearCookies([...TRACKER_COOKIES.googleAnalytics, ...TRACKER_COOKIES.googleAds, ...TRACKER_COOKIES.metaPixel])
    expect(removed.sort()).toEqual([...trackers].sort())
    expect(cookies()).toEqual(['consentry=1', 'gallery=1', 'my_ga=1'])
  })
})

describe('clearStorage', () => {
  it('removes declared and matching keys from localStorage and sessionStorage (T-06)', () => {
    localStorage.setItem('_hjid', '1')
    localStorage.setItem('_hjSession_1', '1')
    localStorage.setItem('cart', '1')
    sessionStorage.setItem('_hjSession_2', '1')
    sessionStorage.setItem('_hjid', '1')
    sessionStorage.setItem('tab', '1')
    expect(clearStorage(['_hjid', '/^_hjSession_/']).sort()).toEqual(['_hjSession_1', '_hjSession_2', '_hjid'])
    expect(keys(localStorage)).toEqual(['cart'])
    expect(keys(sessionStorage)).toEqual(['tab'])
  })

  it('removes every match, not every other one', () => {
    for (let i = 0; i < 5; i++) localStorage.setItem(`stats:${i}`, '1')
    expect(clearStorage(['/^stats:/'])).toHaveLength(5)
    expect(keys(localStorage)).toEqual([])
  })

  it('takes a "/regex/" that does not compile as a plain key', () => {
    localStorage.setItem('/(/', '1')
    expect(clearStorage(['/(/'])).toEqual(['/(/'])
  })

  it('does not touch storage when no key is declared (its first access loads it)', () => {
    let local = vi.spyOn(window, 'localStorage', 'get')
    let session = vi.spyOn(window, 'sessionStorage', 'get')
    expect(clearStorage([])).toEqual([])
    expect(local).not.toHaveBeenCalled()
    expect(session).not.toHaveBeenCalled()
  })

  it('skips storage that throws on access, as in some privacy modes', () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    })
    sessionStorage.setItem('_hjid', '1')
    expect(clearStorage(['_hjid'])).toEqual(['_hjid'])
  })
})

/** A stand-in for IndexedDB: the databases that exist, and the names asked for deletion. */
function fakeIndexedDB(names: string[], { list = true, throws = false } = {}) {
  let deleted: string[] = []
  vi.stubGlobal('indexedDB', {
    deleteDatabase(name: string) {
      if (throws) throw new DOMException('The operation is insecure.', 'SecurityError')
      deleted.push(name)
      return {}
    },
    ...(list ? { databases: async () => names.map(name => ({ name, version: 1 })) } : {})
  })
  return deleted
}

describe('clearIndexedDB', () => {
  it('deletes declared databases and those a "/regex/" matches (T-06)', async () => {
    let deleted = fakeIndexedDB(['analytics-db', 'hj-1', 'hj-2', 'shop'])
    clearIndexedDB(['analytics-db', '/^hj-/'])
    await vi.waitFor(() => expect(deleted.sort()).toEqual(['analytics-db', 'hj-1', 'hj-2']))
  })

  it('deletes plain names where the browser cannot list its databases', async () => {
    let deleted = fakeIndexedDB(['analytics-db', 'hj-1'], { list: false })
    clearIndexedDB(['analytics-db', '/^hj-/'])
    await new Promise(resolve => setTimeout(resolve, 0))
    expect(deleted).toEqual(['analytics-db'])
  })

  it('asks nothing of IndexedDB when nothing is declared, and never throws', () => {
    let deleted = fakeIndexedDB(['a'])
    clearIndexedDB([])
    expect(deleted).toEqual([])
    fakeIndexedDB(['a'], { throws: true })
    expect(() => clearIndexedDB(['a'])).not.toThrow()
    vi.stubGlobal('indexedDB', undefined)
    expect(() => clearIndexedDB(['a'])).not.toThrow()
  })
})

describe('server-side rendering', () => {
  it('imports and clears nothing without window or document', async () => {
    vi.stubGlobal('window', undefined)
    vi.stubGlobal('document', undefined)
    vi.stubGlobal('location', undefined)
    vi.resetModules()
    let cleanup = await import('./cleanup.js')
    expect(cleanup.clearCookies(['_ga'])).toEqual([])
    expect(cleanup.clearStorage(['_ga'])).toEqual([])
  })
})

const config: ConsentConfig = {
  categories: {
    essential: { cookies: ['session', '_shared'], storage: ['cart'], services: { cdn: { cookies: ['cdn'] } } },
    analytics: {
      cookies: ['stats'],
      storage: ['/^stats:/'],
      services: {
        ga4: { cookies: ['_ga', { name: '/^_ga_/' }], storage: ['ga'] },
        hotjar: { cookies: ['_hjid', '_shared'], storage: ['/^_hj/'] }
      }
    },
    preferences: { cookies: ['theme', 'both'], storage: ['lang'] },
    marketing: { cookies: ['both'], services: { meta: { cookies: ['_fbp'] }, ads: { cookies: ['/^_gcl_/'] } } }
  }
}

/** Every cookie and key the configuration declares, as the tags would have set them. */
const seedAll = () => {
  seed(
    'session=1; path=/', '_shared=1; path=/', 'cdn=1; path=/', 'stats=1; path=/', '_ga=1; path=/; domain=example.co.uk',
    '_ga_X1=1; path=/; domain=example.co.uk', '_hjid=1; path=/', 'theme=1; path=/', 'both=1; path=/',
    '_fbp=1; path=/; domain=example.co.uk', '_gcl_au=1; path=/; domain=example.co.uk'
  )
  for (let key of ['cart', 'stats:1', 'ga', '_hjSession', 'lang']) localStorage.setItem(key, '1')
}
const names = () => cookies().map(pair => pair.split('=')[0])
const create = () => createConsent(config, { storage: memoryStorage() })

describe('createCleanup', () => {
  it('clears a withdrawn category, with its services, and keeps the others', () => {
    let consent = create()
    createCleanup(consent)
    consent.acceptAll()
    seedAll()
    consent.setConsent({ analytics: false })
    expect(names()).toEqual(['_fbp', '_gcl_au', '_shared', 'both', 'cdn', 'session', 'theme'])
    expect(keys(localStorage)).toEqual(['cart', 'lang'])
  })

  it('clears only the withdrawn service while its category stays granted', () => {
    let consent = create()
    createCleanup(consent)
    consent.acceptAll()
    seedAll()
    consent.setConsent({ marketing: { ads: false } })
    expect(names()).toEqual(['_fbp', '_ga', '_ga_X1', '_hjid', '_shared', 'both', 'cdn', 'session', 'stats', 'theme'])
  })

  it('clears everything that was granted on reset', () => {
    let consent = create()
    createCleanup(consent)
    consent.acceptAll()
    seedAll()
    consent.reset()
    expect(names()).toEqual(['_shared', 'cdn', 'session'])
    expect(keys(localStorage)).toEqual(['cart'])
  })

  it('never clears a required category, nor a name it shares with a withdrawn one', () => {
    let consent = create()
    createCleanup(consent)
    consent.acceptAll()
    seedAll()
    consent.rejectAll()
    // `_shared` is declared by the refused hotjar too; `both` by two refused categories.
    expect(names()).toEqual(['_shared', 'cdn', 'session'])
  })

  it('deletes the IndexedDB databases of a withdrawn category or service, keeping those still granted (T-06)', async () => {
    let deleted = fakeIndexedDB(['ga-store', 'hotjar-1', 'shared'])
    let consent = createConsent(
      {
        categories: {
          essential: {},
          analytics: {
            indexedDB: ['ga-store', 'shared'],
            services: { hotjar: { label: 'Hotjar', indexedDB: ['/^hotjar-/'] } }
          },
          preferences: { indexedDB: ['shared'] }
        }
      },
      { storage: memoryStorage(), onMessage: () => {} }
    )
    createCleanup(consent)
    consent.acceptAll()
    expect(deleted).toEqual([])
    consent.setConsent({ analytics: false, preferences: true })
    await vi.waitFor(() => expect(deleted.sort()).toEqual(['ga-store', 'hotjar-1']))
  })

  it('keeps a name that something still granted declares too', () => {
    let consent = create()
    createCleanup(consent)
    consent.acceptAll()
    seedAll()
    consent.setConsent({ marketing: false })
    expect(names()).toContain('both')
    expect(names()).not.toContain('_fbp')
  })

  it('clears the extra cookies and keys given per category and per service', () => {
    let consent = create()
    createCleanup(consent, {
      extra: {
        analytics: { storage: ['/^_ga/'] },
        'analytics.ga4': { cookies: TRACKER_COOKIES.googleAnalytics },
        'marketing.meta': { cookies: TRACKER_COOKIES.metaPixel, storage: ['fb'] },
        preferences: {}
      }
    })
    consent.acceptAll()
    seed('_gid=1; path=/; domain=example.co.uk', '_gat_UA-1=1; path=/', '_fbc=1; path=/')
    localStorage.setItem('_ga_state', '1')
    localStorage.setItem('fb', '1')
    consent.setConsent({ analytics: false })
    expect(names()).toEqual(['_fbc'])
    expect(keys(localStorage)).toEqual(['fb'])
    consent.setConsent({ marketing: { meta: false } })
    expect(names()).toEqual([])
    expect(keys(localStorage)).toEqual([])
  })

  it('clears what a first decision refuses, as a tag may have run before the banner', () => {
    let consent = create()
    let events: string[] = []
    createCleanup(consent, { reload: true, onWithdraw: () => events.push('withdraw') })
    vi.spyOn(location, 'reload').mockImplementation(() => events.push('reload'))
    seedAll()
    consent.setConsent({ analytics: { ga4: true }, preferences: true })
    expect(names()).toEqual(['_ga', '_ga_X1', '_shared', 'both', 'cdn', 'session', 'stats', 'theme'])
    // Nothing was taken back: there is nothing to report or to reload.
    expect(events).toEqual([])
  })

  it('reports what was taken back, then reloads the page when asked', () => {
    let consent = create()
    let events: unknown[] = []
    createCleanup(consent, { reload: true, onWithdraw: withdrawn => events.push(withdrawn) })
    vi.spyOn(location, 'reload').mockImplementation(() => events.push('reload'))
    consent.acceptAll()
    consent.setConsent({ analytics: { hotjar: false } })
    seedAll()
    consent.setConsent({ analytics: false, preferences: false, marketing: { ads: false } })
    expect(events).toEqual<(Withdrawn | string)[]>([
      { categories: [], services: { analytics: ['hotjar'] } },
      'reload',
      { categories: ['analytics', 'preferences'], services: { analytics: ['ga4'], marketing: ['ads'] } },
      'reload'
    ])
    // hotjar was refused earlier; its category's withdrawal clears its cookies again.
    expect(names()).not.toContain('_hjid')
  })

  it('does not reload on a change that takes nothing back', () => {
    let consent = create()
    createCleanup(consent, { reload: true })
    let reload = vi.spyOn(location, 'reload').mockImplementation(() => {})
    consent.rejectAll()
    consent.setConsent({ analytics: true })
    consent.acceptAll()
    expect(reload).not.toHaveBeenCalled()
    consent.setConsent({ preferences: false })
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('reloads even when onWithdraw fails', () => {
    let consent = create()
    let failure = new Error('integrator bug')
    createCleanup(consent, {
      reload: true,
      onWithdraw: () => {
        throw failure
      }
    })
    let reload = vi.spyOn(location, 'reload').mockImplementation(() => {})
    let error = vi.spyOn(console, 'error').mockImplementation(() => {})
    consent.acceptAll()
    consent.reset()
    expect(reload).toHaveBeenCalledTimes(1)
    expect(error).toHaveBeenCalledWith('consentry: a change listener failed', failure)
  })

  it('clears at start what a stored choice refuses (a hard-coded tag, or GPC taking marketing back)', () => {
    let storage = memoryStorage()
    createConsent(config, { storage }).acceptAll()
    seedAll()
    let consent = createConsent(config, { storage, gpc: true, onMessage: () => {} })
    expect(consent.$record.get()?.method).toBe('gpc')
    let reload = vi.spyOn(location, 'reload').mockImplementation(() => {})
    createCleanup(consent, { reload: true })
    expect(names()).not.toContain('_fbp')
    expect(names()).toContain('_ga')
    expect(reload).not.toHaveBeenCalled()
  })

  it('treats the first opt-out in an opt-out region as a withdrawal: everything ran before it (R-11)', () => {
    let consent = createConsent({ ...config, mode: 'opt-out' }, { storage: memoryStorage() })
    let withdrawn: Withdrawn[] = []
    let reload = vi.spyOn(location, 'reload').mockImplementation(() => {})
    createCleanup(consent, { reload: true, onWithdraw: value => withdrawn.push(value) })
    seedAll()
    consent.setConsent({ marketing: false })
    expect(withdrawn).toEqual([{ categories: ['marketing'], services: { marketing: ['meta', 'ads'] } }])
    expect(reload).toHaveBeenCalledTimes(1)
    expect(names()).not.toContain('_fbp')
  })

  it('keeps what an opt-out region still allows after a reset', () => {
    let consent = createConsent({ ...config, mode: 'opt-out' }, { storage: memoryStorage() })
    createCleanup(consent)
    consent.setConsent({ marketing: false }, 'opt-out')
    seedAll()
    consent.reset()
    expect(names()).toContain('_ga')
    expect(names()).toContain('stats')
  })

  it('stops clearing once stopped', () => {
    let consent = create()
    let stop = createCleanup(consent)
    consent.acceptAll()
    seedAll()
    stop()
    consent.rejectAll()
    expect(names()).toContain('_ga')
  })
})
