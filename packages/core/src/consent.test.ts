import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { createConsent } from './consent.js'
import type { ConsentOptions } from './consent.js'
import type { ConsentConfig } from './config.js'
import { decodeRecord, encodeRecord } from './record.js'
import type { ConsentRecord } from './record.js'
import { memoryStorage } from './storage/memory-storage.js'
import type { ConsentStorage } from './storage/storage.js'
import { validateConfig } from './validate.js'

const config: ConsentConfig = {
  categories: {
    essential: {},
    analytics: { services: { ga4: { label: 'Google Analytics' }, hotjar: {} } },
    preferences: {},
    marketing: { services: { meta: {}, ads: {} } }
  }
}

const NOW = Date.parse('2026-11-23T10:00:00.000Z')
const DAY = 864e5

let messages: string[]
/** An engine whose console messages are collected in `messages`. */
const create = (input: unknown = config, options: ConsentOptions = {}) =>
  createConsent(input, { onMessage: message => messages.push(message), ...options })

beforeEach(() => {
  messages = []
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('an earlier validation', () => {
  it('is used as given, its problems reported once, instead of validating again', () => {
    let input = { revision: 'two', categories: { essential: {}, analytics: {} } }
    let validation = validateConfig(input)
    let consent = create(input, { storage: memoryStorage(), validation })
    expect(consent.config).toBe(validation.config)
    expect(messages).toEqual(['consentry: config.revision: expected a whole number from 1, got "two"'])
  })
})

describe('before any decision', () => {
  it('grants only required categories and their services', () => {
    let consent = create(config, { storage: memoryStorage() })
    expect(consent.$record.get()).toBeNull()
    expect(consent.$isDecided.get()).toBe(false)
    expect(consent.$categories.get()).toEqual({ essential: true, analytics: false, preferences: false, marketing: false })
    expect(consent.$services.get()).toEqual({ analytics: { ga4: false, hotjar: false }, marketing: { meta: false, ads: false } })
    expect(consent.hasConsent('essential')).toBe(true)
    expect(consent.hasConsent('analytics')).toBe(false)
    expect(consent.hasConsent('analytics', 'ga4')).toBe(false)
    expect(messages).toEqual([])
  })

  it('grants the services of a required category', () => {
    let consent = create({ categories: { essential: { services: { cdn: {} } }, analytics: {} } }, { storage: memoryStorage() })
    expect(consent.$services.get()).toEqual({ essential: { cdn: true } })
    expect(consent.hasConsent('essential', 'cdn')).toBe(true)
  })
})

describe('acceptAll', () => {
  it('grants everything and writes a complete record to storage', () => {
    let storage = memoryStorage()
    let consent = create(config, { storage })
    let record = consent.acceptAll()
    expect(record).toEqual({
      id: expect.stringMatching(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/),
      categories: { essential: true, analytics: true, preferences: true, marketing: true },
      services: { analytics: { ga4: true, hotjar: true }, marketing: { meta: true, ads: true } },
      revision: 1,
      givenAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:00.000Z',
      expiresAt: '2027-05-24T10:00:00.000Z',
      method: 'accept-all',
      language: 'en'
    })
    expect(consent.$record.get()).toBe(record)
    expect(consent.$isDecided.get()).toBe(true)
    expect(consent.hasConsent('marketing', 'ads')).toBe(true)
    expect(storage.read().map(decodeRecord)).toEqual([record])
  })

  it('is read back by the next page load', () => {
    let storage = memoryStorage()
    let record = create(config, { storage }).acceptAll()
    let next = create(config, { storage })
    expect(next.$record.get()).toEqual(record)
    expect(next.hasConsent('analytics', 'hotjar')).toBe(true)
  })

  it('gives each decision a fresh random id', () => {
    let ids = new Set(Array.from({ length: 50 }, () => create(config, { storage: memoryStorage() }).acceptAll().id))
    expect(ids.size).toBe(50)
  })

  it('makes the id a UUID v4 also where crypto.randomUUID is missing (http: pages)', () => {
    vi.spyOn(crypto, 'randomUUID' as never, 'get').mockReturnValue(undefined as never)
    let ids = Array.from({ length: 20 }, () => create(config, { storage: memoryStorage() }).acceptAll().id)
    for (let id of ids) expect(id).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/)
    expect(new Set(ids).size).toBe(20)
  })
})

describe('rejectAll', () => {
  it('keeps required categories and stores the refusal for as long as a consent (R-05)', () => {
    let storage = memoryStorage()
    let record = create(config, { storage }).rejectAll()
    expect(record.categories).toEqual({ essential: true, analytics: false, preferences: false, marketing: false })
    expect(record.services).toEqual({ analytics: { ga4: false, hotjar: false }, marketing: { meta: false, ads: false } })
    expect(record.method).toBe('reject-all')
    expect(Date.parse(record.expiresAt) - NOW).toBe(182 * DAY)

    vi.setSystemTime(NOW + 181 * DAY)
    let later = create(config, { storage })
    expect(later.$isDecided.get()).toBe(true)
    expect(later.hasConsent('analytics')).toBe(false)
  })

  it('records where a UI says the visitor decided, and keeps it in the cookie like the method (G-10)', () => {
    let storage = memoryStorage()
    let consent = create(config, { storage })
    expect(consent.acceptAll('accept-all', 'first').uiLayer).toBe('first')
    expect(consent.rejectAll('reject-all', 'second')).toMatchObject({ method: 'reject-all', uiLayer: 'second' })
    expect(consent.setConsent({ analytics: true }, 'custom', 'placeholder').uiLayer).toBe('placeholder')
    expect(consent.$record.get()?.uiLayer).toBe('placeholder')
    expect(create(config, { storage }).$record.get()).toMatchObject({ method: 'custom', uiLayer: 'placeholder' })
    // The JS API names no layer: a later decision there has none, on the next page either.
    expect(consent.acceptAll()).not.toHaveProperty('uiLayer')
    expect(create(config, { storage }).$record.get()).toEqual(consent.$record.get())
    expect(create(config, { storage }).$record.get()).not.toHaveProperty('uiLayer')
    let banner = consent.rejectAll('reject-all', 'first')
    expect(create(config, { storage }).$record.get()).toEqual(banner)
  })

  it('keeps its own method and no layer when handed an event, as a click listener is', () => {
    let storage = memoryStorage()
    let consent = create(config, { storage })
    let button = new EventTarget()
    button.addEventListener('click', consent.acceptAll as unknown as EventListener)
    button.dispatchEvent(new Event('click'))
    expect(consent.$record.get()?.method).toBe('accept-all')
    expect(consent.$record.get()).not.toHaveProperty('uiLayer')
    expect(consent.rejectAll('reject-all', 'fourth' as never)).not.toHaveProperty('uiLayer')
    expect(consent.rejectAll('maybe' as never).method).toBe('reject-all')
    // The cookie reads back: nothing unknown went into it.
    expect(create(config, { storage }).$record.get()).toEqual(consent.$record.get())
  })

  it('records a dismissal when the close button asks for one (R-08)', () => {
    let record = create(config, { storage: memoryStorage() }).rejectAll('dismiss')
    expect(record.method).toBe('dismiss')
    expect(record.categories.marketing).toBe(false)
  })
})

describe('setConsent', () => {
  it('grants exactly the chosen subset and refuses the rest while undecided (G-04)', () => {
    let consent = create(config, { storage: memoryStorage() })
    let record = consent.setConsent({ analytics: true })
    expect(record.method).toBe('custom')
    expect(record.categories).toEqual({ essential: true, analytics: true, preferences: false, marketing: false })
    expect(record.services).toEqual({ analytics: { ga4: true, hotjar: true }, marketing: { meta: false, ads: false } })
  })

  it('treats saving nothing as a refusal (R-04)', () => {
    let record = create(config, { storage: memoryStorage() }).setConsent({})
    expect(record.categories).toEqual({ essential: true, analytics: false, preferences: false, marketing: false })
  })

  it('never refuses a required category', () => {
    let record = create(config, { storage: memoryStorage() }).setConsent({ essential: false })
    expect(record.categories.essential).toBe(true)
  })

  it('changes only the categories it names once the visitor has decided', () => {
    let consent = create(config, { storage: memoryStorage() })
    consent.acceptAll()
    let record = consent.setConsent({ marketing: false })
    expect(record.categories).toEqual({ essential: true, analytics: true, preferences: true, marketing: false })
    expect(record.services.marketing).toEqual({ meta: false, ads: false })
    expect(record.services.analytics).toEqual({ ga4: true, hotjar: true })
  })

  it('lets a service be decided on its own; the others keep following their category', () => {
    let consent = create(config, { storage: memoryStorage() })
    consent.setConsent({ analytics: true })
    let record = consent.setConsent({ analytics: { hotjar: false } })
    expect(record.services.analytics).toEqual({ ga4: true, hotjar: false })
    expect(record.categories.analytics).toBe(true)
    expect(consent.hasConsent('analytics')).toBe(true)
    expect(consent.hasConsent('analytics', 'ga4')).toBe(true)
    expect(consent.hasConsent('analytics', 'hotjar')).toBe(false)
  })

  it('grants a category when one of its services is granted, and refuses it when none is', () => {
    let consent = create(config, { storage: memoryStorage() })
    let record = consent.setConsent({ marketing: { meta: true } })
    expect(record.categories.marketing).toBe(true)
    expect(record.services.marketing).toEqual({ meta: true, ads: false })
    record = consent.setConsent({ marketing: { meta: false } })
    expect(record.categories.marketing).toBe(false)
  })

  it('sets every service of a category decided as a whole', () => {
    let consent = create(config, { storage: memoryStorage() })
    consent.setConsent({ analytics: { ga4: true, hotjar: false } })
    expect(consent.setConsent({ analytics: true }).services.analytics).toEqual({ ga4: true, hotjar: true })
    expect(consent.setConsent({ analytics: false }).services.analytics).toEqual({ ga4: false, hotjar: false })
  })

  it('keeps the id and first date across updates, and restarts the validity period', () => {
    let consent = create(config, { storage: memoryStorage() })
    let first = consent.acceptAll()
    vi.setSystemTime(NOW + 10 * DAY + 1234)
    let second = consent.setConsent({ marketing: false })
    expect(second.id).toBe(first.id)
    expect(second.givenAt).toBe(first.givenAt)
    // Whole seconds, as the cookie keeps them.
    expect(second.updatedAt).toBe(new Date(NOW + 10 * DAY + 1000).toISOString())
    expect(second.expiresAt).toBe(new Date(NOW + 192 * DAY + 1000).toISOString())
  })

  it('reports and ignores unknown categories, services and values', () => {
    let consent = create(config, { storage: memoryStorage() })
    let record = consent.setConsent({
      analytic: true,
      analytics: { ga5: true },
      marketing: 'yes' as unknown as boolean,
      preferences: null as unknown as boolean
    })
    expect(record.categories).toEqual({ essential: true, analytics: false, preferences: false, marketing: false })
    expect(messages).toEqual([
      'consentry: setConsent: unknown category "analytic" ignored',
      'consentry: setConsent: unknown service "ga5" in category "analytics" ignored',
      'consentry: setConsent: expected true, false or an object of services for "marketing", got string',
      'consentry: setConsent: expected true, false or an object of services for "preferences", got object'
    ])
  })
})

describe('hasConsent', () => {
  it('refuses an unknown category and says so once', () => {
    let consent = create(config, { storage: memoryStorage() })
    consent.acceptAll()
    expect(consent.hasConsent('analytix')).toBe(false)
    expect(consent.hasConsent('analytix')).toBe(false)
    expect(messages).toEqual([
      'consentry: unknown category "analytix" is refused (known: essential, analytics, preferences, marketing)'
    ])
  })

  it('refuses names every JavaScript object has, such as constructor', () => {
    let consent = create(config, { storage: memoryStorage() })
    consent.acceptAll()
    for (let name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(consent.hasConsent(name), name).toBe(false)
    }
    consent.setConsent({ marketing: false })
    expect(consent.hasConsent('marketing', 'constructor')).toBe(false)
  })

  it('lets an undeclared service follow its category', () => {
    let consent = create(config, { storage: memoryStorage() })
    consent.setConsent({ analytics: true, preferences: true })
    expect(consent.hasConsent('analytics', 'matomo')).toBe(true)
    expect(consent.hasConsent('marketing', 'tiktok')).toBe(false)
    expect(consent.hasConsent('preferences', 'theme')).toBe(true)
    expect(messages).toEqual([
      'consentry: unknown service "matomo" in category "analytics" follows its category',
      'consentry: unknown service "tiktok" in category "marketing" follows its category',
      'consentry: unknown service "theme" in category "preferences" follows its category'
    ])
  })
})

describe('change events', () => {
  it('reports every decision in order, with the new and the previous record', () => {
    let consent = create(config, { storage: memoryStorage() })
    let events: string[] = []
    consent.on('change', (record, previous) => {
      events.push(`${previous?.method ?? 'none'} -> ${record?.method ?? 'none'}`)
    })
    consent.acceptAll()
    consent.setConsent({ marketing: false })
    consent.rejectAll()
    consent.reset()
    consent.setConsent({ analytics: true })
    expect(events).toEqual([
      'none -> accept-all',
      'accept-all -> custom',
      'custom -> reject-all',
      'reject-all -> none',
      'none -> custom'
    ])
  })

  it('updates the grant stores before change listeners run', () => {
    let consent = create(config, { storage: memoryStorage() })
    let seen: unknown[] = []
    consent.on('change', () => seen.push(consent.$categories.get().analytics, consent.hasConsent('analytics')))
    consent.acceptAll()
    expect(seen).toEqual([true, true])
  })

  it('stops calling a listener once it unsubscribes', () => {
    let consent = create(config, { storage: memoryStorage() })
    let calls = 0
    let off = consent.on('change', () => calls++)
    consent.acceptAll()
    off()
    consent.rejectAll()
    expect(calls).toBe(1)
  })

  it('keeps calling the other listeners when one throws', () => {
    let error = vi.spyOn(console, 'error').mockImplementation(() => {})
    let consent = create(config, { storage: memoryStorage() })
    let calls: string[] = []
    consent.on('change', () => {
      calls.push('first')
      throw new Error('site bug')
    })
    consent.on('change', () => calls.push('second'))
    expect(() => consent.acceptAll()).not.toThrow()
    expect(calls).toEqual(['first', 'second'])
    expect(error).toHaveBeenCalledWith('consentry: a change listener failed', expect.any(Error))
  })

  it('reports an unknown event name instead of listening to the wrong one', () => {
    let consent = create(config, { storage: memoryStorage() })
    let calls = 0
    consent.on('update' as 'change', () => calls++)()
    consent.acceptAll()
    expect(calls).toBe(0)
    expect(messages).toEqual(['consentry: on: unknown event "update" (known: change)'])
  })
})

describe('reading a stored decision', () => {
  const stored = (overrides: Partial<ConsentRecord>): ConsentStorage => {
    let storage = memoryStorage()
    let record = create(config, { storage }).acceptAll()
    storage.write(encodeRecord({ ...record, ...overrides }), new Date())
    return storage
  }

  it('asks again when the configuration has a higher revision (G-11)', () => {
    let storage = memoryStorage()
    create({ ...config, revision: 1 }, { storage }).acceptAll()
    expect(create({ ...config, revision: 2 }, { storage }).$isDecided.get()).toBe(false)
    expect(create({ ...config, revision: 1 }, { storage }).$isDecided.get()).toBe(true)
  })

  it('asks again once the record has expired (R-06), judged by its own dates', () => {
    let storage = memoryStorage()
    create(config, { storage }).acceptAll()
    vi.setSystemTime(NOW + 182 * DAY - 1000)
    expect(create(config, { storage }).$isDecided.get()).toBe(true)
    vi.setSystemTime(NOW + 182 * DAY)
    let expired = create(config, { storage })
    expect(expired.$isDecided.get()).toBe(false)
    expect(expired.stale).toBe('expired')
    expect(expired.hasConsent('analytics')).toBe(false)
  })

  it('never extends a decision because the visitor came back', () => {
    let storage = memoryStorage()
    create(config, { storage }).acceptAll()
    let [value] = storage.read()
    vi.setSystemTime(NOW + 100 * DAY)
    create(config, { storage })
    expect(storage.read()).toEqual([value])
  })

  it('caps a stored expiry at the configured validity, so a tampered date cannot extend it', () => {
    let storage = stored({ expiresAt: new Date(NOW + 3000 * DAY).toISOString() })
    vi.setSystemTime(NOW + 183 * DAY)
    expect(create(config, { storage }).$isDecided.get()).toBe(false)
    vi.setSystemTime(NOW + 31 * DAY)
    expect(create({ ...config, cookie: { expiresDays: 30 } }, { storage }).$isDecided.get()).toBe(false)
  })

  it('asks again about a category or service added since the decision', () => {
    let storage = memoryStorage()
    create(config, { storage }).acceptAll()
    let withCategory = { categories: { ...config.categories, social: {} } }
    expect(create(withCategory, { storage }).$isDecided.get()).toBe(false)
    expect(create(withCategory, { storage }).stale).toBe('added')
    let withService = {
      categories: { ...config.categories, marketing: { services: { meta: {}, ads: {}, tiktok: {} } } }
    }
    expect(create(withService, { storage }).$isDecided.get()).toBe(false)
  })

  it('drops categories the configuration no longer has', () => {
    let storage = memoryStorage()
    create(config, { storage }).acceptAll()
    let consent = create({ categories: { essential: {}, analytics: { services: { ga4: {}, hotjar: {} } } } }, { storage })
    expect(consent.$record.get()?.categories).toEqual({ essential: true, analytics: true })
    expect(consent.$record.get()?.services).toEqual({ analytics: { ga4: true, hotjar: true } })
  })

  it('keeps required categories granted even if the cookie says otherwise', () => {
    let storage = stored({ categories: { essential: false, analytics: false, preferences: false, marketing: false } })
    expect(create(config, { storage }).$categories.get().essential).toBe(true)
  })

  it('treats a tampered cookie as no decision, with one console warning', () => {
    for (let value of ['1~garbage', '{"analytics":true}', '%E0%A4%A', 'a'.repeat(5000)]) {
      messages = []
      let consent = create(config, { storage: memoryStorage(value) })
      expect(consent.$isDecided.get()).toBe(false)
      expect(consent.stale).toBeNull()
      expect(consent.hasConsent('analytics')).toBe(false)
      expect(messages).toEqual([
        'consentry: ignored an unreadable consent cookie "consentry": the visitor is asked again'
      ])
    }
  })

  it('keeps the newest valid record among duplicates and leaves only that one stored', () => {
    let storage = memoryStorage()
    let older = create(config, { storage }).rejectAll()
    vi.setSystemTime(NOW + DAY)
    let newer = create(config, { storage: memoryStorage() }).acceptAll()
    let written: string[] = []
    let duplicates: ConsentStorage = {
      read: () => [encodeRecord(older), 'garbage', encodeRecord(newer)],
      write: value => {
        written.push(value)
        return true
      },
      clear: () => {}
    }
    let consent = create(config, { storage: duplicates })
    expect(consent.$record.get()).toEqual(newer)
    expect(written).toEqual([encodeRecord(newer)])
  })
})

describe('storage failures', () => {
  it('keeps the choice for the page when cookies are blocked, and says so once', () => {
    let blocked: ConsentStorage = { read: () => [], write: () => false, clear: () => {} }
    let consent = create(config, { storage: blocked })
    consent.acceptAll()
    consent.setConsent({ marketing: false })
    expect(consent.hasConsent('analytics')).toBe(true)
    expect(consent.hasConsent('marketing')).toBe(false)
    expect(messages).toEqual([
      'consentry: the consent cookie could not be stored (cookies are blocked): the choice lasts for this page only'
    ])
  })

  it('names the configured domain as a possible cause', () => {
    let blocked: ConsentStorage = { read: () => [], write: () => false, clear: () => {} }
    create({ cookie: { domain: '.example.com' } }, { storage: blocked }).rejectAll()
    expect(messages).toEqual([
      'consentry: the consent cookie could not be stored (cookies are blocked or config.cookie.domain ".example.com" is not this site\'s): the choice lasts for this page only'
    ])
  })
})

describe('createConsent', () => {
  it('reports each configuration problem once, prefixed, and grants nothing optional', () => {
    let consent = create({ revision: -1, categories: { analytics: { required: 'yes' } } }, { storage: memoryStorage() })
    expect(messages).toEqual([
      'consentry: config.revision: expected a whole number from 1, got -1',
      'consentry: config.categories.analytics.required: expected true or false, got "yes"'
    ])
    expect(consent.problems).toHaveLength(2)
    expect(consent.hasConsent('analytics')).toBe(false)
  })

  it('logs to console.warn by default', () => {
    let warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    createConsent({ revision: 'two' }, { storage: memoryStorage() })
    expect(warn).toHaveBeenCalledWith('consentry: config.revision: expected a whole number from 1, got "two"')
  })

  it('makes independent instances', () => {
    let a = create(config, { storage: memoryStorage() })
    let b = create(config, { storage: memoryStorage() })
    a.acceptAll()
    expect(b.$isDecided.get()).toBe(false)
    expect(b.hasConsent('analytics')).toBe(false)
  })

  it('writes the language into the record: the option first, then the configuration', () => {
    expect(create({ language: 'fr' }, { storage: memoryStorage() }).acceptAll().language).toBe('fr')
    expect(create({ language: 'fr' }, { storage: memoryStorage(), language: 'de' }).acceptAll().language).toBe('de')
  })

  it('reset forgets the decision and clears storage', () => {
    let storage = memoryStorage()
    let consent = create(config, { storage })
    consent.acceptAll()
    consent.reset()
    expect(consent.$record.get()).toBeNull()
    expect(consent.hasConsent('analytics')).toBe(false)
    expect(storage.read()).toEqual([])
    expect(create(config, { storage }).$isDecided.get()).toBe(false)
  })

  it('works without a document (server-side rendering): undecided, nothing stored', () => {
    let consent = create(config)
    expect(consent.$isDecided.get()).toBe(false)
    consent.acceptAll()
    expect(consent.hasConsent('analytics')).toBe(true)
    expect(messages).toEqual([
      'consentry: the consent cookie could not be stored (cookies are blocked): the choice lasts for this page only'
    ])
  })
})

describe('Global Privacy Control (P-01, P-02, R-12)', () => {
  it('keeps marketing refused whatever the visitor accepts, and says so in the record', () => {
    let consent = create(config, { storage: memoryStorage(), gpc: true })
    expect(consent.gpc).toBe(true)
    let record = consent.acceptAll()
    expect(record.categories).toEqual({ essential: true, analytics: true, preferences: true, marketing: false })
    expect(record.services.marketing).toEqual({ meta: false, ads: false })
    expect(record.gpc).toBe(true)
    expect(consent.setConsent({ marketing: true }).categories.marketing).toBe(false)
    expect(consent.setConsent({ marketing: { meta: true } }).services.marketing.meta).toBe(false)
  })

  it('overrides an earlier opt-in to marketing, recorded with method "gpc"', () => {
    let storage = memoryStorage()
    let first = create(config, { storage }).acceptAll()
    let consent = create(config, { storage, gpc: true })
    expect(consent.$record.get()).toMatchObject({
      id: first.id,
      method: 'gpc',
      gpc: true,
      categories: { analytics: true, preferences: true, marketing: false }
    })
    expect(consent.hasConsent('marketing')).toBe(false)
    expect(decodeRecord(storage.read()[0])).toMatchObject({ method: 'gpc', gpc: true })
    expect(consent.startupChange).toEqual({ record: consent.$record.get(), previous: first })
    expect(create(config, { storage, gpc: true }).startupChange).toBeNull()
  })

  it('is ignored when the configuration says gpc: false', () => {
    let consent = create({ ...config, gpc: false }, { storage: memoryStorage(), gpc: true })
    expect(consent.gpc).toBe(false)
    expect(consent.acceptAll().categories.marketing).toBe(true)
  })

  it('leaves a first visit undecided in opt-in regions: the banner still asks about the rest', () => {
    let consent = create(config, { storage: memoryStorage(), gpc: true })
    expect(consent.$isDecided.get()).toBe(false)
  })
})

describe('opt-out regions (R-11)', () => {
  const regional = { ...config, regions: { 'US-CA': 'opt-out' as const, US: 'opt-out' as const } }

  it('picks the mode of the most specific region, else the configured mode', () => {
    expect(create(regional, { storage: memoryStorage(), region: 'US-CA' }).mode).toBe('opt-out')
    expect(create(regional, { storage: memoryStorage(), region: 'US-NY' }).mode).toBe('opt-out')
    expect(create(regional, { storage: memoryStorage(), region: 'FR' }).mode).toBe('opt-in')
    expect(create(regional, { storage: memoryStorage() }).mode).toBe('opt-in')
    expect(create({ ...regional, region: 'US-TX' }, { storage: memoryStorage() }).mode).toBe('opt-out')
    expect(create({ ...config, mode: 'opt-out' }, { storage: memoryStorage() }).mode).toBe('opt-out')
  })

  it('names the rule that chose the mode, for the consent log (G-10)', () => {
    let rule = (input: ConsentConfig, region?: string) => create(input, { storage: memoryStorage(), region }).rule
    expect(rule(regional, 'US-CA')).toBe('regions.US-CA')
    expect(rule(regional, 'US-NY')).toBe('regions.US')
    expect(rule(regional, 'FR')).toBe('mode')
    expect(rule(regional)).toBe('mode')
    expect(rule({ ...regional, region: 'US-TX' })).toBe('regions.US')
    // Only the configuration's own keys: a region named like an object's property matches nothing.
    expect(create(regional, { storage: memoryStorage(), region: 'constructor' })).toMatchObject({ rule: 'mode', mode: 'opt-in' })
  })

  it('lets everything run before a choice, and an opt-out keeps the rest', () => {
    let consent = create(regional, { storage: memoryStorage(), region: 'US-CA' })
    expect(consent.$isDecided.get()).toBe(false)
    expect(consent.$categories.get()).toEqual({ essential: true, analytics: true, preferences: true, marketing: true })
    expect(consent.hasConsent('marketing', 'meta')).toBe(true)
    let record = consent.setConsent({ marketing: false })
    expect(record.categories).toEqual({ essential: true, analytics: true, preferences: true, marketing: false })
  })

  it('takes the GPC signal as the opt-out, with no banner needed', () => {
    let consent = create(regional, { storage: memoryStorage(), region: 'US-CA', gpc: true })
    expect(consent.startupChange?.previous).toBeNull()
    expect(consent.$record.get()).toMatchObject({
      method: 'gpc',
      gpc: true,
      categories: { essential: true, analytics: true, preferences: true, marketing: false }
    })
  })
})
