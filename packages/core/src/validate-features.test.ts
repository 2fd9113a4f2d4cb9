import { describe, expect, it } from 'vitest'

import { DEFAULT_CONSENT_MODE } from './consent-mode.js'
import { validateConfig } from './validate.js'

const messages = (input: unknown): string[] => validateConfig(input).problems.map(problem => problem.message)

describe('config.consentMode', () => {
  it('is off by default, and true means the defaults of compliance §8', () => {
    expect(validateConfig({}).config.consentMode).toBeNull()
    expect(validateConfig({ consentMode: false }).config.consentMode).toBeNull()
    expect(validateConfig({ consentMode: true }).config.consentMode).toEqual({
      mapping: {
        analytics: ['analytics_storage'],
        preferences: ['functionality_storage', 'personalization_storage'],
        marketing: ['ad_storage', 'ad_user_data', 'ad_personalization']
      },
      waitForUpdate: 500,
      regions: [],
      adsDataRedaction: true,
      urlPassthrough: false,
      dataLayer: 'dataLayer'
    })
  })

  it('keeps custom settings', () => {
    let { config, problems } = validateConfig({
      consentMode: {
        mapping: { analytics: ['analytics_storage', 'personalization_storage'] },
        waitForUpdate: 0,
        regions: [{ region: ['US-CA', 'US'], granted: ['analytics_storage'] }],
        adsDataRedaction: false,
        urlPassthrough: true,
        dataLayer: 'gtmLayer'
      }
    })
    expect(problems).toEqual([])
    expect(config.consentMode).toEqual({
      mapping: { analytics: ['analytics_storage', 'personalization_storage'] },
      waitForUpdate: 0,
      regions: [{ region: ['US-CA', 'US'], granted: ['analytics_storage'] }],
      adsDataRedaction: false,
      urlPassthrough: true,
      dataLayer: 'gtmLayer'
    })
  })

  it('reports bad values by path and keeps the rest', () => {
    let { config, problems } = validateConfig({
      consentMode: {
        mapping: { analytics: ['analytics_storage', 'ads'], social: ['ad_storage'], marketing: 'ad_storage' },
        waitForUpdate: 60000,
        regions: [{ region: ['eu'] }, { region: ['US-CA'], granted: 'all' }, 'US'],
        dataLayer: 'my-layer'
      }
    })
    expect(problems.map(problem => problem.message)).toEqual([
      'config.consentMode.mapping.social: unknown key, ignored (known keys: essential, analytics, preferences, marketing)',
      expect.stringMatching(/^config\.consentMode\.mapping\.analytics\[1\]: expected one of ad_storage, .*, got "ads"$/),
      'config.consentMode.mapping.marketing: expected an array of Google consent types, got "ad_storage"',
      'config.consentMode.waitForUpdate: expected a whole number of milliseconds from 0 to 10000, got 60000',
      'config.consentMode.regions[0].region: expected an array of region codes such as "US-CA", got an array',
      'config.consentMode.regions[1].granted: expected an array of Google consent types, got "all"',
      'config.consentMode.regions[2]: expected an object, got "US"',
      'config.consentMode.regions[2].region: expected an array of region codes such as "US-CA", got undefined',
      'config.consentMode.dataLayer: expected a JavaScript variable name, got "my-layer"'
    ])
    expect(config.consentMode).toMatchObject({
      mapping: { analytics: ['analytics_storage'], marketing: [] },
      waitForUpdate: 500,
      regions: [{ region: ['US-CA'], granted: [] }],
      dataLayer: 'dataLayer'
    })
  })

  it('reports a consentMode that is neither true, false nor an object', () => {
    expect(messages({ consentMode: 'yes' })).toEqual(['config.consentMode: expected an object, got "yes"'])
    expect(validateConfig({ consentMode: { regions: 'EU' } }).problems[0].message).toBe(
      'config.consentMode.regions: expected an array, got "EU"'
    )
    expect(DEFAULT_CONSENT_MODE.regions).toEqual([])
  })
})

describe('GPC, modes and regions', () => {
  it('honours GPC and asks for opt-in by default', () => {
    expect(validateConfig({}).config).toMatchObject({ gpc: true, mode: 'opt-in', regions: {}, reloadOnWithdraw: false })
  })

  it('keeps valid settings', () => {
    let { config, problems } = validateConfig({
      gpc: false,
      mode: 'opt-out',
      regions: { 'US-CA': 'opt-out', DE: 'opt-in' },
      region: 'US-CA',
      reloadOnWithdraw: true
    })
    expect(problems).toEqual([])
    expect(config).toMatchObject({ gpc: false, mode: 'opt-out', regions: { 'US-CA': 'opt-out', DE: 'opt-in' }, region: 'US-CA', reloadOnWithdraw: true })
  })

  it('reports bad values and falls back to the strictest', () => {
    let { config, problems } = validateConfig({ gpc: 'yes', mode: 'optout', regions: { california: 'opt-out', US: 'none' }, region: 'us-ca' })
    expect(problems.map(problem => problem.message)).toEqual([
      'config.gpc: expected true or false, got "yes"',
      'config.mode: expected "opt-in" or "opt-out", got "optout"',
      'config.regions.california: expected a region code such as "US" or "US-CA" as key; ignored',
      'config.regions.US: expected "opt-in" or "opt-out", got "none"',
      'config.region: expected a region code such as "US-CA", got "us-ca"'
    ])
    expect(config).toMatchObject({ gpc: true, mode: 'opt-in', regions: { US: 'opt-in' } })
    expect(config.region).toBeUndefined()
  })
})

describe('config.integrations', () => {
  it('fills categories and script addresses', () => {
    let { config, problems } = validateConfig({
      integrations: {
        googleAnalytics: { measurementId: 'G-ABC123' },
        googleTagManager: { containerId: 'GTM-XYZ9' },
        metaPixel: { pixelId: '1234567890', scriptUrl: '/vendor/fbevents.js' }
      }
    })
    expect(problems).toEqual([])
    expect(config.integrations).toEqual({
      googleAnalytics: { measurementId: 'G-ABC123', category: 'analytics', scriptUrl: 'https://www.googletagmanager.com/gtag/js' },
      googleTagManager: { containerId: 'GTM-XYZ9', categories: ['analytics', 'marketing'], scriptUrl: 'https://www.googletagmanager.com/gtm.js' },
      metaPixel: { pixelId: '1234567890', category: 'marketing', scriptUrl: '/vendor/fbevents.js' }
    })
  })

  it('reports bad ids, unknown categories and unsafe addresses, and drops what cannot work', () => {
    let { config, problems } = validateConfig({
      categories: { essential: {}, statistics: {} },
      integrations: {
        googleAnalytics: { measurementId: 'UA-1', category: 'statistics' },
        googleTagManager: { containerId: 'GTM-1', categories: ['statistics', 'ads'], scriptUrl: 'javascript:alert(1)' },
        metaPixel: { pixelId: '42' },
        hotjar: {}
      }
    })
    expect(problems.map(problem => problem.message)).toEqual([
      'config.integrations.hotjar: unknown key, ignored (known keys: googleAnalytics, googleTagManager, metaPixel)',
      'config.integrations.googleAnalytics.measurementId: expected a measurement id such as "G-ABC123", got "UA-1"',
      'config.integrations.googleTagManager.categories[1]: expected one of the categories (essential, statistics), got "ads"',
      'config.integrations.googleTagManager.scriptUrl: expected an https:, http: or relative address, got "javascript:alert(1)"',
      'config.integrations.metaPixel.category: expected one of the categories (essential, statistics), got "marketing"'
    ])
    expect(config.integrations.googleAnalytics).toBeUndefined()
    expect(config.integrations.googleTagManager).toEqual({
      containerId: 'GTM-1',
      categories: ['statistics'],
      scriptUrl: 'https://www.googletagmanager.com/gtm.js'
    })
    expect(config.integrations.metaPixel?.category).toBe('marketing')
  })

  it('keeps the service Google Analytics or the Meta Pixel is, and drops one its category lacks (G-04)', () => {
    let { config, problems } = validateConfig({
      categories: { essential: {}, analytics: { services: { ga4: {} } }, marketing: { services: { meta: {}, youtube: {} } } },
      integrations: {
        googleAnalytics: { measurementId: 'G-ABC123', service: 'ga4' },
        metaPixel: { pixelId: '1', service: 'facebook' }
      }
    })
    expect(problems.map(problem => problem.message)).toEqual([
      'config.integrations.metaPixel.service: expected a service of "marketing", got "facebook"'
    ])
    expect(config.integrations.googleAnalytics?.service).toBe('ga4')
    // Without a valid service the pixel follows its category, as a page's own tag would.
    expect(config.integrations.metaPixel).toEqual({ pixelId: '1', category: 'marketing', scriptUrl: 'https://connect.facebook.net/en_US/fbevents.js' })
  })

  it('reports categories that are not a list', () => {
    expect(messages({ integrations: { googleTagManager: { containerId: 'GTM-1', categories: 'analytics' } } })).toEqual([
      'config.integrations.googleTagManager.categories: expected an array of category ids, got "analytics"'
    ])
  })

  it('reports every problem of a vendor at once, also when its id leaves it out', () => {
    let { config, problems } = validateConfig({
      integrations: { metaPixel: { pixelId: 'px-1', category: 'ads', scriptUrl: 'data:text/javascript,alert(1)', debug: true } }
    })
    expect(problems.map(problem => problem.message)).toEqual([
      'config.integrations.metaPixel.debug: unknown key, ignored (known keys: pixelId, category, service, scriptUrl)',
      'config.integrations.metaPixel.pixelId: expected a pixel id of digits, got "px-1"',
      'config.integrations.metaPixel.scriptUrl: expected an https:, http: or relative address, got "data:text/javascript,alert(1)"',
      'config.integrations.metaPixel.category: expected one of the categories (essential, analytics, preferences, marketing), got "ads"'
    ])
    expect(config.integrations).toEqual({})
  })
})

describe('config.log', () => {
  it('is off by default, and takes an https: or relative endpoint (G-10)', () => {
    expect(validateConfig({}).config.log).toBeNull()
    expect(validateConfig({ log: { endpoint: '/api/consent' } }).config.log).toEqual({ endpoint: '/api/consent', queueSize: 20 })
    expect(validateConfig({ log: { endpoint: 'https://log.example/consent', queueSize: 5 } }).config.log).toEqual({
      endpoint: 'https://log.example/consent',
      queueSize: 5
    })
  })

  it('refuses clear-text, other-host tricks and a missing endpoint, by path', () => {
    for (let endpoint of ['http://log.example/consent', '//evil.example/x', '/\\evil.example/x', 'javascript:alert(1)']) {
      let { config, problems } = validateConfig({ log: { endpoint } })
      expect(config.log, endpoint).toBeNull()
      expect(problems.map(problem => problem.path)).toEqual(['config.log.endpoint'])
    }
    expect(messages({ log: { queueSize: 0 } })).toEqual([
      'config.log.endpoint: missing: without an https: or relative address no consent record is sent',
      'config.log.queueSize: expected a whole number from 1 to 100, got 0'
    ])
  })
})

describe('config.cookie.refreshUrl', () => {
  it('is off by default, and takes an https: or relative address (T-03)', () => {
    expect(validateConfig({}).config.cookie.refreshUrl).toBeUndefined()
    expect(validateConfig({ cookie: { refreshUrl: '/consent/cookie' } }).config.cookie).toEqual({
      name: 'consentry',
      path: '/',
      expiresDays: 182,
      sameSite: 'Lax',
      refreshUrl: '/consent/cookie'
    })
  })

  it('refuses clear-text and other-host tricks, by path: the request carries the consent cookie', () => {
    for (let refreshUrl of ['http://shop.example/consent/cookie', '//evil.example/x', 'javascript:alert(1)']) {
      expect(messages({ cookie: { refreshUrl } }), refreshUrl).toEqual([
        `config.cookie.refreshUrl: expected an https: or relative address, got ${JSON.stringify(refreshUrl)}`
      ])
      expect(validateConfig({ cookie: { refreshUrl } }).config.cookie.refreshUrl).toBeUndefined()
    }
  })
})
