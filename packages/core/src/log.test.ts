// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://shop.example.com/checkout/step-2?token=secret&email=a%40b.c#pay"}
import { afterEach, describe, expect, it, vi } from 'vitest'

import { createConsent } from './consent.js'
import type { ConsentConfig } from './config.js'
import { createConsentLog, fnv1a } from './log.js'
import type { LogEntry } from './log.js'
import { encodeRecord } from './record.js'
import { memoryStorage } from './storage/memory-storage.js'

const ENDPOINT = 'https://proof.example.com/consent'
const NOW = Date.parse('2026-11-23T10:00:00.000Z')
const config: ConsentConfig = {
  revision: 3,
  language: 'fr',
  categories: {
    essential: { required: true },
    analytics: { services: { ga: {}, matomo: {} } },
    marketing: {}
  }
}
const texts = { title: 'Vos choix' }

/** A Storage in memory; `broken` makes every call throw, as in some privacy modes. */
function memoryLocalStorage(broken = false): Storage & { data: Map<string, string> } {
  let data = new Map<string, string>()
  let fail = (): void => {
    if (broken) throw new DOMException('blocked', 'SecurityError')
  }
  return {
    data,
    get length() {
      return data.size
    },
    clear: () => data.clear(),
    key: index => [...data.keys()][index] ?? null,
    getItem: key => (fail(), data.get(key) ?? null),
    setItem: (key, value) => (fail(), void data.set(key, String(value))),
    removeItem: key => (fail(), void data.delete(key))
  }
}

/** Stubs `navigator.sendBeacon` (or removes it) and `fetch`; collects what each was sent. */
function network({ beacon, ok = true }: { beacon?: boolean | 'throw'; ok?: boolean | 'reject' | 'missing' } = {}) {
  let beacons: { url: string; blob: Blob }[] = []
  let requests: { url: string; init: RequestInit }[] = []
  vi.stubGlobal(
    'navigator',
    beacon === undefined
      ? {}
      : {
          sendBeacon(url: string, blob: Blob) {
            if (beacon === 'throw') throw new TypeError('not allowed')
            beacons.push({ url, blob })
            return beacon
          }
        }
  )
  let fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), init: init as RequestInit })
    if (ok === 'reject') throw new TypeError('Failed to fetch')
    return new Response(null, { status: ok ? 204 : 503 })
  })
  vi.stubGlobal('fetch', ok === 'missing' ? undefined : fetch)
  let bodies = (): LogEntry[] => requests.map(request => JSON.parse(request.init.body as string))
  let beaconBodies = async (): Promise<LogEntry[]> =>
    Promise.all(beacons.map(async ({ blob }) => JSON.parse(await blob.text())))
  return { beacons, requests, fetch, bodies, beaconBodies }
}

const settle = () => new Promise(resolve => setTimeout(resolve, 0))
const queued = (storage: Storage | null, key = 'consentry-log'): LogEntry[] =>
  JSON.parse(storage?.getItem(key) ?? '[]').map((body: string) => JSON.parse(body))

interface StartOptions {
  gpc?: boolean
  stored?: string
  queueSize?: number
  storage?: Storage | null
  now?: () => number
}

function start(options: StartOptions = {}) {
  let consent = createConsent(config, { storage: memoryStorage(options.stored), gpc: options.gpc, onMessage: () => {} })
  let storage = options.storage === undefined ? memoryLocalStorage() : options.storage
  let stop = createConsentLog(
    consent,
    { endpoint: ENDPOINT, queueSize: options.queueSize },
    { shown: { config: consent.config, texts }, storage, now: options.now ?? (() => NOW) }
  )
  return { consent, storage, stop }
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('createConsentLog', () => {
  it('posts the whole decision and nothing about the visitor', async () => {
    let net = network()
    let { consent, storage } = start()
    let record = consent.setConsent({ analytics: { ga: true } })
    await settle()

    expect(net.requests).toHaveLength(1)
    expect(net.requests[0].url).toBe(ENDPOINT)
    expect(net.requests[0].init).toEqual({
      method: 'POST',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: net.requests[0].init.body,
      credentials: 'omit',
      referrerPolicy: 'no-referrer'
    })
    let [entry] = net.bodies()
    expect(entry).toEqual({
      id: record.id,
      previousId: null,
      at: '2026-11-23T10:00:00.000Z',
      givenAt: record.givenAt,
      updatedAt: record.updatedAt,
      revision: 3,
      configHash: fnv1a(JSON.stringify({ config: consent.config, texts })),
      language: 'fr',
      categories: { essential: true, analytics: true, marketing: false },
      services: { analytics: { ga: true, matomo: false } },
      method: 'custom',
      action: 'custom',
      uiLayer: null,
      gpc: false,
      jurisdictionRule: 'mode: opt-in',
      page: 'https://shop.example.com/checkout/step-2'
    })
    // Exactly these keys: no user agent, IP, screen, referrer or query string can slip in.
    let body = net.requests[0].init.body as string
    expect(body).not.toMatch(/token|secret|email|#pay|Mozilla|HappyDOM|userAgent/i)
    // Delivered: nothing waits for a retry.
    expect(queued(storage)).toEqual([])
  })

  it('hashes what was shown into a short stable hex string', () => {
    expect(fnv1a('')).toBe('811c9dc5')
    expect(fnv1a('a')).toBe('e40c292c')
    expect(fnv1a('é')).toBe(fnv1a('\u00e9'))
    expect(fnv1a('{"a":1}')).not.toBe(fnv1a('{"a":2}'))
  })

  it('sends with fetch even where sendBeacon exists: a beacon never says whether it was stored', async () => {
    let net = network({ beacon: true })
    let { consent, storage } = start()
    let record = consent.acceptAll()
    await settle()

    expect(net.beacons).toEqual([])
    expect(net.bodies()).toMatchObject([{ id: record.id, action: 'accept-all', method: 'accept-all' }])
    expect(queued(storage)).toEqual([])
  })

  it('uses sendBeacon where fetch is missing, and keeps the entry queued for the next page', async () => {
    for (let beacon of [true, 'throw'] as const) {
      let net = network({ beacon, ok: 'missing' })
      let { consent, storage } = start()
      consent.rejectAll()
      await settle()
      expect(net.beacons.map(({ url, blob }) => [url, blob.type])).toEqual(beacon === true ? [[ENDPOINT, 'application/json']] : [])
      if (beacon === true) expect(await net.beaconBodies()).toMatchObject([{ action: 'reject-all' }])
      expect(queued(storage)).toMatchObject([{ action: 'reject-all' }])
    }
  })

  it('logs every decision in order, each naming the record it replaced', async () => {
    let net = network()
    let { consent } = start()
    let first = consent.acceptAll()
    consent.setConsent({ marketing: true })
    await settle()
    expect(net.bodies().map(({ id, previousId, action }) => ({ id, previousId, action }))).toEqual([
      { id: first.id, previousId: null, action: 'accept-all' },
      { id: first.id, previousId: first.id, action: 'custom' }
    ])
  })

  it('marks a refusal of something granted before as a withdrawal', async () => {
    let net = network()
    let { consent } = start()
    consent.acceptAll()
    consent.rejectAll()
    consent.setConsent({ analytics: true })
    consent.setConsent({ analytics: { matomo: false } })
    await settle()
    expect(net.bodies().map(({ action, method }) => [action, method])).toEqual([
      ['accept-all', 'accept-all'],
      ['withdraw', 'reject-all'],
      ['custom', 'custom'],
      // Taking back one service is a withdrawal too.
      ['withdraw', 'custom']
    ])
    expect(net.bodies()[1].categories).toEqual({ essential: true, analytics: false, marketing: false })
  })

  it('does not call a first refusal a withdrawal', async () => {
    let net = network()
    let { consent } = start()
    consent.rejectAll()
    await settle()
    expect(net.bodies()).toMatchObject([{ action: 'reject-all', previousId: null }])
  })

  it('names the layer the visitor decided on and the rule that chose the consent model (G-10)', async () => {
    let net = network()
    let regional = { ...config, regions: { US: 'opt-out' } }
    let consent = createConsent(regional, { storage: memoryStorage(), region: 'US-CA', onMessage: () => {} })
    createConsentLog(consent, { endpoint: ENDPOINT }, { storage: null, now: () => NOW })
    consent.rejectAll('reject-all', 'first')
    consent.setConsent({ analytics: true }, 'custom', 'second')
    consent.acceptAll()
    consent.reset()
    await settle()
    expect(net.bodies().map(({ action, uiLayer, jurisdictionRule }) => [action, uiLayer, jurisdictionRule])).toEqual([
      ['reject-all', 'first', 'regions.US: opt-out'],
      ['custom', 'second', 'regions.US: opt-out'],
      // Through the JS API, and a reset: no layer of Consentry's UI.
      ['accept-all', null, 'regions.US: opt-out'],
      ['reset', null, 'regions.US: opt-out']
    ])
    // The fields come where the server's check expects them, between the others.
    expect(Object.keys(net.bodies()[0])).toEqual([
      'id', 'previousId', 'at', 'givenAt', 'updatedAt', 'revision', 'configHash', 'language', 'categories',
      'services', 'method', 'action', 'uiLayer', 'gpc', 'jurisdictionRule', 'page'
    ])
  })

  it('logs a reset with everything refused', async () => {
    let net = network()
    let { consent } = start()
    let record = consent.acceptAll('accept-all', 'first')
    consent.reset()
    // Nothing to log: the visitor was undecided already.
    consent.reset()
    await settle()
    let entries = net.bodies()
    expect(entries).toHaveLength(2)
    expect(entries[1]).toEqual({
      ...entries[0],
      previousId: record.id,
      updatedAt: '2026-11-23T10:00:00.000Z',
      categories: { essential: false, analytics: false, marketing: false },
      services: { analytics: { ga: false, matomo: false } },
      method: null,
      action: 'reset',
      uiLayer: null
    })
  })

  it('sends the decision Global Privacy Control made as the engine started', async () => {
    let net = network()
    let granted = start()
    let first = granted.consent.acceptAll()
    let stored = encodeRecord(first)
    let before = net.bodies().length

    let { consent } = start({ gpc: true, stored })
    await settle()
    expect(consent.startupChange).not.toBeNull()
    expect(net.bodies().slice(before)).toMatchObject([
      {
        id: first.id,
        previousId: first.id,
        method: 'gpc',
        action: 'withdraw',
        gpc: true,
        categories: { essential: true, analytics: true, marketing: false }
      }
    ])
  })

  it('queues a failed send and sends it again on the next page', async () => {
    for (let ok of [false, 'reject'] as const) {
      let storage = memoryLocalStorage()
      let net = network({ ok })
      let { consent } = start({ storage })
      let record = consent.acceptAll()
      await settle()
      expect(net.requests).toHaveLength(1)
      expect(queued(storage)).toMatchObject([{ id: record.id, action: 'accept-all' }])

      let next = network()
      start({ storage })
      await settle()
      // The same entry, with the time of the decision, not of the retry.
      expect(next.requests.map(({ init }) => init.body)).toEqual([net.requests[0].init.body])
      expect(queued(storage)).toEqual([])
    }
  })

  it('drops an entry the endpoint refuses as such (400, 409, 413, 415, 422), and keeps one it may take later', async () => {
    let warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    for (let status of [400, 409, 413, 415, 422, 401, 403, 404, 429]) {
      let net = network()
      net.fetch.mockImplementation(async () => new Response(null, { status }))
      let { consent, storage } = start()
      consent.acceptAll()
      await settle()
      expect(queued(storage).length, String(status)).toBe([400, 409, 413, 415, 422].includes(status) ? 0 : 1)
    }
    expect(warn.mock.calls.map(([message]) => message)).toEqual(
      [400, 409, 413, 415, 422].map(status => `consentry: the consent log refused an entry (${status}); it is not sent again`)
    )
  })

  it('keeps an entry queued until the endpoint answers, so leaving the page loses nothing', () => {
    let net = network()
    net.fetch.mockImplementation(() => new Promise<Response>(() => {}))
    let { consent, storage } = start()
    consent.acceptAll()
    expect(queued(storage)).toMatchObject([{ action: 'accept-all' }])
  })

  it('keeps only the newest entries beyond queueSize', async () => {
    network({ ok: false })
    let time = NOW
    let { consent, storage } = start({ queueSize: 3, now: () => (time += 1000) })
    for (let i = 0; i < 5; i++) consent.setConsent({ marketing: i % 2 === 0 })
    await settle()
    expect(queued(storage).map(({ at, action }) => [at, action])).toEqual([
      ['2026-11-23T10:00:03.000Z', 'custom'],
      ['2026-11-23T10:00:04.000Z', 'withdraw'],
      ['2026-11-23T10:00:05.000Z', 'custom']
    ])
  })

  it('removes from the queue only what was delivered', async () => {
    let storage = memoryLocalStorage()
    network({ ok: false })
    let { consent } = start({ storage })
    consent.acceptAll()
    consent.rejectAll()
    await settle()

    let net = network()
    let answers = [503, 204]
    net.fetch.mockImplementation(async () => new Response(null, { status: answers.shift() }))
    start({ storage })
    await settle()
    expect(queued(storage).map(({ action }) => action)).toEqual(['accept-all'])
  })

  it('queues in localStorage unless told otherwise', async () => {
    network({ ok: false })
    let consent = createConsent(config, { storage: memoryStorage(), onMessage: () => {} })
    createConsentLog(consent, { endpoint: ENDPOINT })
    consent.acceptAll()
    await settle()
    expect(queued(localStorage)).toMatchObject([{ action: 'accept-all', configHash: fnv1a('') }])
    localStorage.clear()
  })

  it('logs without a queue where localStorage or location is missing', async () => {
    let net = network()
    vi.stubGlobal('location', undefined)
    let real = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('blocked', 'SecurityError')
      }
    })
    try {
      let consent = createConsent(config, { storage: memoryStorage(), onMessage: () => {} })
      createConsentLog(consent, { endpoint: ENDPOINT })
      consent.acceptAll()
    } finally {
      Object.defineProperty(globalThis, 'localStorage', real as PropertyDescriptor)
    }
    await settle()
    expect(net.bodies()).toMatchObject([{ action: 'accept-all', page: '' }])
  })

  it('uses the storage key given', async () => {
    network({ ok: false })
    let storage = memoryLocalStorage()
    let consent = createConsent(config, { storage: memoryStorage(), onMessage: () => {} })
    createConsentLog(consent, { endpoint: '/consent', storageKey: 'proof' }, { storage })
    consent.acceptAll()
    await settle()
    expect([...storage.data.keys()]).toEqual(['proof', 'proof-last'])
  })

  describe('a stored decision that was never logged', () => {
    it('is logged on the next page, once (the page closed before the log code ran)', async () => {
      let storage = memoryLocalStorage()
      let unlogged = createConsent(config, { storage: memoryStorage(), onMessage: () => {} })
      let record = unlogged.acceptAll('accept-all', 'first')
      let stored = encodeRecord(record)
      let net = network()
      start({ storage, stored })
      await settle()
      // The cookie keeps the layer, so the late entry has it too.
      expect(net.bodies()).toMatchObject([{ id: record.id, previousId: null, action: 'accept-all', updatedAt: record.updatedAt, uiLayer: 'first' }])
      start({ storage, stored })
      await settle()
      expect(net.requests).toHaveLength(1)
    })

    it('is not logged again when it was logged on the page that made it', async () => {
      let storage = memoryLocalStorage()
      let net = network()
      let { consent } = start({ storage })
      let record = consent.acceptAll()
      await settle()
      start({ storage, stored: encodeRecord(record) })
      await settle()
      expect(net.bodies().map(entry => entry.action)).toEqual(['accept-all'])
    })

    it('is not caught up where storage is blocked: nothing is sent on every page', async () => {
      let record = createConsent(config, { storage: memoryStorage(), onMessage: () => {} }).acceptAll()
      let net = network()
      start({ storage: memoryLocalStorage(true), stored: encodeRecord(record) })
      start({ storage: null, stored: encodeRecord(record) })
      await settle()
      expect(net.requests).toHaveLength(0)
    })
  })

  describe('a decision that ran out (R-06, G-10)', () => {
    const DAYS = 864e5
    afterEach(() => vi.useRealTimers())
    /** A page at `days` after NOW, once the last page's entries were delivered. */
    let pageAt = async (days: number, options: StartOptions = {}) => {
      await settle()
      vi.setSystemTime(NOW + days * DAYS)
      return start({ now: Date.now, ...options })
    }

    it('is logged once, by the first page after it ran out, with everything refused', async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      let net = network()
      let { consent, storage } = await pageAt(0)
      let record = consent.acceptAll('accept-all', 'first')
      // The cookie is gone (the browser dropped it at its expiry); before the end nothing is due.
      await pageAt(181, { storage })
      await settle()
      expect(net.bodies().map(entry => entry.action)).toEqual(['accept-all'])
      await pageAt(183, { storage })
      await pageAt(184, { storage })
      await settle()
      let entries = net.bodies()
      expect(entries.map(entry => entry.action)).toEqual(['accept-all', 'expire'])
      expect(entries[1]).toEqual({
        ...entries[0],
        previousId: record.id,
        at: new Date(NOW + 183 * DAYS).toISOString(),
        updatedAt: new Date(NOW + 183 * DAYS).toISOString(),
        categories: { essential: false, analytics: false, marketing: false },
        services: { analytics: { ga: false, matomo: false } },
        method: null,
        action: 'expire',
        uiLayer: null
      })
    })

    it('is logged where the cookie still holds it, and before the decision that replaces it', async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      let net = network()
      let { consent, storage } = await pageAt(0)
      let record = consent.rejectAll()
      let later = await pageAt(200, { storage, stored: encodeRecord(record) })
      expect(later.consent.stale).toBe('expired')
      let next = later.consent.acceptAll()
      await settle()
      expect(net.bodies().map(({ id, previousId, action }) => ({ id, previousId, action }))).toEqual([
        { id: record.id, previousId: null, action: 'reject-all' },
        { id: record.id, previousId: record.id, action: 'expire' },
        { id: next.id, previousId: null, action: 'accept-all' }
      ])
    })

    it('is not logged for a decision that was reset, or updated in time', async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      let net = network()
      let reset = await pageAt(0)
      reset.consent.acceptAll()
      reset.consent.reset()
      await pageAt(300, { storage: reset.storage })
      let updated = await pageAt(0)
      let record = updated.consent.acceptAll()
      let again = await pageAt(100, { storage: updated.storage, stored: encodeRecord(record) })
      let update = again.consent.rejectAll()
      await pageAt(250, { storage: updated.storage, stored: encodeRecord(update) })
      await settle()
      expect(net.bodies().map(entry => entry.action)).toEqual(['accept-all', 'reset', 'accept-all', 'withdraw'])
    })
  })

  it('takes the memory of the last logged decision as earlier versions kept it (id and update time)', async () => {
    let record = createConsent(config, { storage: memoryStorage(), onMessage: () => {} }).acceptAll()
    let storage = memoryLocalStorage()
    storage.setItem('consentry-log-last', `${record.id} ${record.updatedAt}`)
    let net = network()
    start({ storage, stored: encodeRecord(record) })
    await settle()
    expect(net.requests).toHaveLength(0)
  })

  it('never throws into the page when storage, fetch or the hash fail', async () => {
    network({ ok: 'reject' })
    vi.stubGlobal('fetch', () => {
      throw new TypeError('no fetch')
    })
    let shown: Record<string, unknown> = {}
    shown.self = shown
    let consent = createConsent(config, { storage: memoryStorage(), onMessage: () => {} })
    createConsentLog(consent, { endpoint: ENDPOINT }, { shown, storage: memoryLocalStorage(true) })
    expect(() => consent.acceptAll()).not.toThrow()
    let { consent: other } = start({ storage: null })
    expect(() => other.rejectAll()).not.toThrow()
    await settle()
  })

  it('ignores a foreign or corrupt queue', async () => {
    let storage = memoryLocalStorage()
    storage.setItem('consentry-log', '{oops')
    let net = network()
    start({ storage })
    storage.setItem('consentry-log', JSON.stringify({ not: 'a list' }))
    start({ storage })
    await settle()
    expect(net.fetch).not.toHaveBeenCalled()
  })

  it('stops logging', async () => {
    let net = network()
    let { consent, stop } = start()
    stop()
    consent.acceptAll()
    await settle()
    expect(net.fetch).not.toHaveBeenCalled()
  })
})
