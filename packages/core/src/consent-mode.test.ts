// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'

import { createConsent } from './consent.js'
import {
  connectConsentMode,
  createGtag,
  DEFAULT_CONSENT_MODE,
  googleConsentState,
  hasConsentDefault,
  pushConsentDefaults,
  pushLateSettings
} from './consent-mode.js'
import { memoryStorage } from './storage/memory-storage.js'

declare global {
  interface Window {
    dataLayer?: unknown[]
  }
}

/** The data layer as readable entries: gtag commands as arrays, events as objects. */
const entries = (name = 'dataLayer') =>
  ((window as unknown as Record<string, unknown[]>)[name] ?? []).map(entry =>
    Object.prototype.toString.call(entry) === '[object Arguments]' ? ['gtag', ...(entry as unknown[])] : entry
  )

const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted'
}

afterEach(() => {
  delete window.dataLayer
  delete (window as unknown as Record<string, unknown>).customLayer
})

describe('createGtag', () => {
  it('pushes arguments objects, which gtag.js reads, into an existing data layer (CM-02)', () => {
    let existing = [{ event: 'page' }]
    window.dataLayer = existing
    createGtag()('js', 'x')
    expect(window.dataLayer).toBe(existing)
    expect(Object.prototype.toString.call(existing[1])).toBe('[object Arguments]')
    expect(entries()).toEqual([{ event: 'page' }, ['gtag', 'js', 'x']])
  })
})

describe('googleConsentState', () => {
  it('sets all seven types, marketing grants the three ad types together (CM-03)', () => {
    expect(googleConsentState({ marketing: true }, DEFAULT_CONSENT_MODE.mapping)).toEqual({
      ...DENIED,
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted'
    })
  })
})

describe('pushConsentDefaults', () => {
  it('pushes region defaults first, then the global default, then the set commands (CM-01, CM-05, CM-08)', () => {
    pushConsentDefaults({
      ...DEFAULT_CONSENT_MODE,
      urlPassthrough: true,
      regions: [{ region: ['US-CA'], granted: ['analytics_storage'] }]
    })
    expect(entries()).toEqual([
      ['gtag', 'consent', 'default', { ...DENIED, analytics_storage: 'granted', region: ['US-CA'] }],
      ['gtag', 'consent', 'default', { ...DENIED, wait_for_update: 500 }],
      ['gtag', 'set', 'ads_data_redaction', true],
      ['gtag', 'set', 'url_passthrough', true]
    ])
  })

  it('uses a custom data layer name', () => {
    pushConsentDefaults({ ...DEFAULT_CONSENT_MODE, dataLayer: 'customLayer', adsDataRedaction: false })
    expect(entries('customLayer')).toEqual([['gtag', 'consent', 'default', { ...DENIED, wait_for_update: 500 }]])
  })
})

describe('pushLateSettings', () => {
  it('adds region defaults and set commands that differ from the early defaults', () => {
    pushLateSettings({
      ...DEFAULT_CONSENT_MODE,
      adsDataRedaction: false,
      urlPassthrough: true,
      regions: [{ region: ['US-CA'], granted: ['analytics_storage'] }]
    })
    expect(entries()).toEqual([
      ['gtag', 'consent', 'default', { ...DENIED, analytics_storage: 'granted', region: ['US-CA'] }],
      ['gtag', 'set', 'ads_data_redaction', false],
      ['gtag', 'set', 'url_passthrough', true]
    ])
  })

  it('adds nothing for the defaults', () => {
    pushLateSettings(DEFAULT_CONSENT_MODE)
    expect(entries()).toEqual([])
  })
})

describe('hasConsentDefault', () => {
  it('finds a consent default pushed by gtag, and nothing in arrays or events', () => {
    expect(hasConsentDefault()).toBe(false)
    window.dataLayer = [['consent', 'default', {}], { event: 'consent' }]
    expect(hasConsentDefault()).toBe(false)
    pushConsentDefaults(DEFAULT_CONSENT_MODE)
    expect(hasConsentDefault()).toBe(true)
    expect(hasConsentDefault('otherLayer')).toBe(false)
  })
})

describe('connectConsentMode', () => {
  const config = { categories: { essential: {}, analytics: {}, preferences: {}, marketing: {} } }

  it('pushes one complete update and one event per decision (CM-07), and denies all on withdrawal (G-08)', () => {
    let consent = createConsent(config, { storage: memoryStorage() })
    connectConsentMode(consent, DEFAULT_CONSENT_MODE)
    consent.setConsent({ analytics: true })
    consent.reset()
    let categories = { essential: true, analytics: false, preferences: false, marketing: false }
    expect(entries()).toEqual([
      { event: 'consentry_default', consentry: { categories, method: null } },
      ['gtag', 'consent', 'update', { ...DENIED, analytics_storage: 'granted' }],
      { event: 'consentry_update', consentry: { categories: { ...categories, analytics: true }, method: 'custom' } },
      ['gtag', 'consent', 'update', DENIED],
      { event: 'consentry_update', consentry: { categories, method: null } }
    ])
  })

  it('pushes the grants of an opt-out region right away, since its tags run before any choice (R-11)', () => {
    let consent = createConsent({ ...config, mode: 'opt-out' }, { storage: memoryStorage() })
    connectConsentMode(consent, DEFAULT_CONSENT_MODE)
    expect(entries()[0]).toEqual(['gtag', 'consent', 'update', googleConsentState({ analytics: true, preferences: true, marketing: true }, DEFAULT_CONSENT_MODE.mapping)])
  })

  it('pushes the stored choice right away for a returning visitor (CM-06)', () => {
    let storage = memoryStorage()
    createConsent(config, { storage }).acceptAll()
    let stop = connectConsentMode(createConsent(config, { storage }), DEFAULT_CONSENT_MODE)
    expect(entries().slice(0, 2)).toEqual([
      ['gtag', 'consent', 'update', googleConsentState({ analytics: true, preferences: true, marketing: true }, DEFAULT_CONSENT_MODE.mapping)],
      { event: 'consentry_default', consentry: { categories: { essential: true, analytics: true, preferences: true, marketing: true }, method: 'accept-all' } }
    ])
    stop()
  })
})
