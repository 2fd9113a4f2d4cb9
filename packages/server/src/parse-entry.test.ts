import { createConsent, createConsentLog, memoryStorage } from '@consentry/core'
import type { LogEntry } from '@consentry/core'
import { describe, expect, expectTypeOf, it } from 'vitest'

import { makeEntry, makeOldEntry } from '../test/entries.js'
import { parseEntry } from './parse-entry.js'
import type { ConsentEntry } from './parse-entry.js'

const config = {
  revision: 2,
  language: 'de',
  gpc: true,
  categories: { essential: { required: true }, analytics: { services: { ga4: {}, matomo: {} } }, marketing: {} }
}

/** What the real SDK sends for a run of decisions, caught at its fetch. */
function sdkEntries(gpc = false): { entries: unknown[]; consent: ReturnType<typeof createConsent> } {
  let entries: unknown[] = []
  // In an opt-out region a GPC signal makes a decision at once.
  let consent = createConsent(gpc ? { ...config, mode: 'opt-out' } : config, { storage: memoryStorage(), gpc, onMessage: () => {} })
  createConsentLog(
    consent,
    { endpoint: '/consent' },
    {
      shown: { config: consent.config },
      storage: null,
      fetch: async (_url, init) => {
        entries.push(JSON.parse(init!.body as string))
        return new Response(null, { status: 201 })
      }
    }
  )
  return { entries, consent }
}

describe('parseEntry', () => {
  it('accepts every kind of entry the SDK sends', () => {
    let { entries, consent } = sdkEntries()
    consent.acceptAll()
    consent.rejectAll()
    consent.setConsent({ analytics: { ga4: true } })
    consent.reset()
    let gpc = sdkEntries(true)
    expect(entries.map(entry => (entry as LogEntry).action)).toEqual(['accept-all', 'withdraw', 'custom', 'reset'])
    expect(gpc.entries).toMatchObject([{ action: 'gpc', gpc: true }])
    for (let entry of [...entries, ...gpc.entries]) expect(parseEntry(entry)).toEqual({ entry })
  })

  it('accepts the expiry the SDK logs on the first page after a decision ran out (R-06)', () => {
    let kept = new Map<string, string>()
    let storage = {
      getItem: (key: string) => kept.get(key) ?? null,
      setItem: (key: string, value: string) => void kept.set(key, value),
      removeItem: (key: string) => void kept.delete(key)
    } as Storage
    let entries: unknown[] = []
    /** A page of the site; the cookie is gone on the next, as at its expiry. */
    let page = (now: number) => {
      let consent = createConsent(config, { storage: memoryStorage(), onMessage: () => {} })
      createConsentLog(consent, { endpoint: '/consent' }, {
        storage,
        now: () => now,
        fetch: async (_url, init) => {
          entries.push(JSON.parse(init!.body as string))
          return new Response(null, { status: 201 })
        }
      })
      return consent
    }
    let record = page(Date.now()).acceptAll()
    page(Date.parse(record.expiresAt) + 1000)
    // The second page sends the first one's entry again too: its answer had not come yet.
    let expiry = entries.at(-1)
    expect(expiry).toMatchObject({ id: record.id, action: 'expire', method: null })
    expect(parseEntry(expiry)).toEqual({ entry: expiry })
  })

  it('describes the same record as the SDK’s LogEntry type, with null for a rule an older SDK did not send', () => {
    expectTypeOf<LogEntry>().toExtend<ConsentEntry>()
    expectTypeOf<Omit<ConsentEntry, 'jurisdictionRule'>>().toEqualTypeOf<Omit<LogEntry, 'jurisdictionRule'>>()
    expectTypeOf<ConsentEntry['jurisdictionRule']>().toEqualTypeOf<LogEntry['jurisdictionRule'] | null>()
  })

  it('gives the fields in the SDK’s order, whatever order they came in', () => {
    let entry = makeEntry()
    let reversed = Object.fromEntries(Object.entries(entry).reverse())
    expect(Object.keys(parseEntry(reversed).entry!)).toEqual(Object.keys(entry))
  })

  it('accepts the layer and the jurisdiction rule, in the SDK’s order', () => {
    for (let [uiLayer, jurisdictionRule] of [
      ['first', 'mode: opt-in'],
      ['second', 'regions.US-CA: opt-out'],
      ['placeholder', 'mode: opt-out'],
      [null, 'regions.de_1: opt-in'],
      [null, null]
    ] as const) {
      let entry = makeEntry({ uiLayer, jurisdictionRule })
      let parsed = parseEntry(entry).entry!
      expect(parsed).toEqual(entry)
      expect(Object.keys(parsed)).toEqual([
        'id', 'previousId', 'at', 'givenAt', 'updatedAt', 'revision', 'configHash', 'language', 'categories', 'services',
        'method', 'action', 'uiLayer', 'gpc', 'jurisdictionRule', 'page'
      ])
    }
  })

  it('accepts an entry queued by an older SDK without the layer and the rule, giving both as null', () => {
    let old = makeOldEntry()
    let { entry } = parseEntry(old)
    expect(entry).toEqual({ ...old, uiLayer: null, jurisdictionRule: null })
    expect(Object.keys(entry!)).toEqual(Object.keys(makeEntry()))
    let { jurisdictionRule: rule, ...noRule } = makeEntry({ uiLayer: 'second' })
    void rule
    expect(parseEntry(noRule).entry).toMatchObject({ uiLayer: 'second', jurisdictionRule: null })
  })

  it('refuses a layer or a rule the SDK never sends, naming the field', () => {
    for (let uiLayer of ['third', 1, '', 'First', false]) {
      expect(parseEntry({ ...makeEntry(), uiLayer }).error, String(uiLayer)).toBe(
        'invalid consent entry: "uiLayer" must be null or one of first, second, placeholder'
      )
    }
    for (let jurisdictionRule of [
      'regions.US-CA: maybe',
      'regions.a b: opt-in',
      `regions.${'x'.repeat(184)}: opt-in`,
      'regions.: opt-in',
      'mode:opt-in',
      'mode: opt-in ',
      'regions.US-CA: opt-out\n',
      'region.US: opt-out',
      'mode: consent',
      42,
      { mode: 'opt-in' }
    ]) {
      expect(parseEntry({ ...makeEntry(), jurisdictionRule }).error, JSON.stringify(jurisdictionRule)).toBe(
        'invalid consent entry: "jurisdictionRule" must be null or a rule such as "mode: opt-in" or "regions.US-CA: opt-out"'
      )
    }
  })

  it('still refuses any other field', () => {
    expect(parseEntry({ ...makeEntry(), layer: 'first' }).error).toMatch(/^invalid consent entry: unknown field;/)
  })

  it('accepts an empty config hash and an empty page, which the SDK sends when it cannot do better', () => {
    expect(parseEntry(makeEntry({ configHash: '', page: '' })).error).toBeUndefined()
  })

  it('refuses pages with a query, a fragment, credentials or another scheme', () => {
    for (let page of [
      'https://shop.example/?q=1',
      'https://shop.example/#top',
      'https://user:secret@shop.example/',
      'ftp://shop.example/',
      'https://shop.example/' + 'x'.repeat(2048),
      'shop.example/checkout'
    ]) {
      expect(parseEntry(makeEntry({ page })).error, page).toBe(
        'invalid consent entry: "page" must be an http(s) address without query string or fragment, or ""'
      )
    }
  })

  it('refuses times that do not exist or are not in the SDK’s UTC form', () => {
    for (let at of ['2026-02-29T10:00:00.000Z', '2026-11-23T24:00:00.000Z', '2026-11-23T10:00:00Z', '2026-11-23T11:00:00.000+01:00']) {
      expect(parseEntry(makeEntry({ at })).error, at).toBe('invalid consent entry: "at" must be an ISO 8601 UTC time with milliseconds')
    }
  })

  it('refuses too many categories, odd names and the prototype key', () => {
    let many = Object.fromEntries(Array.from({ length: 65 }, (_, index) => [`c${index}`, true]))
    let proto = JSON.parse('{"__proto__": true, "essential": true}')
    for (let categories of [many, { 'a b': true }, { '': true }, proto]) {
      expect(parseEntry(makeEntry({ categories })).error).toMatch(/^invalid consent entry: "categories" must be/)
    }
    expect(parseEntry(makeEntry({ services: { analytics: { ['x'.repeat(65)]: true } } })).error).toMatch(/"services" must be/)
  })

  it('refuses ids that are no lower-case UUID v4', () => {
    for (let id of ['6F1C2D3E-4A5B-4C6D-8E7F-0123456789AB', '6f1c2d3e-4a5b-1c6d-8e7f-0123456789ab', '6f1c2d3e4a5b4c6d8e7f0123456789ab']) {
      expect(parseEntry(makeEntry({ id })).error, id).toBe('invalid consent entry: "id" must be a UUID v4 in lower case')
    }
  })
})
