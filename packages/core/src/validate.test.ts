import { describe, expect, it } from 'vitest'

import { DEFAULT_CONSENT_MODE } from './consent-mode.js'
import { createConsent } from './consent.js'
import { cookiePattern, validateConfig, validateIntegrations, validateStart } from './validate.js'

const DEFAULT_UI = {
  layout: 'bar',
  position: 'bottom',
  blocking: false,
  closeButton: false,
  reopenButton: false,
  preloadPanel: true,
  colorScheme: 'auto',
  theme: {}
}

const messages = (input: unknown): string[] => validateConfig(input).problems.map(problem => problem.message)

describe('validateConfig', () => {
  it('fills every default for an empty or missing configuration', () => {
    for (let input of [undefined, {}]) {
      let { config, problems } = validateConfig(input)
      expect(problems).toEqual([])
      expect(config).toEqual({
        revision: 1,
        categories: {
          essential: { required: true, services: {}, cookies: [], storage: [], indexedDB: [] },
          analytics: { required: false, services: {}, cookies: [], storage: [], indexedDB: [] },
          preferences: { required: false, services: {}, cookies: [], storage: [], indexedDB: [] },
          marketing: { required: false, services: {}, cookies: [], storage: [], indexedDB: [] }
        },
        cookie: { name: 'consentry', path: '/', expiresDays: 182, sameSite: 'Lax' },
        consentMode: null,
        gpc: true,
        mode: 'opt-in',
        regions: {},
        reloadOnWithdraw: false,
        integrations: {},
        log: null,
        translations: {},
        ui: DEFAULT_UI
      })
    }
  })

  it('keeps a full valid configuration and normalises its cookies', () => {
    let { config, problems } = validateConfig({
      $schema: './node_modules/@consentry/core/schema/consentry.schema.json',
      revision: 3,
      language: 'pt-BR',
      privacyPolicyUrl: '/privacy',
      cookie: { name: 'cc', domain: '.example.com', path: '/shop', expiresDays: 365, sameSite: 'Strict' },
      categories: {
        essential: { cookies: ['session'] },
        analytics: {
          services: {
            ga4: {
              label: 'Google Analytics',
              description: 'Audience measurement',
              cookies: [{ name: '/^_ga_/', domain: '.example.com', provider: 'Google', duration: '13 months', description: 'Visits', thirdParty: true }]
            }
          }
        }
      },
      consentMode: true,
      ui: { layout: 'box' }
    })
    expect(problems).toEqual([])
    expect(config).toEqual({
      revision: 3,
      language: 'pt-BR',
      privacyPolicyUrl: '/privacy',
      cookie: { name: 'cc', domain: '.example.com', path: '/shop', expiresDays: 365, sameSite: 'Strict' },
      categories: {
        essential: { required: true, services: {}, cookies: [{ name: 'session', path: '/' }], storage: [], indexedDB: [] },
        analytics: {
          required: false,
          cookies: [],
          storage: [],
          indexedDB: [],
          services: {
            ga4: {
              label: 'Google Analytics',
              description: 'Audience measurement',
              cookies: [
                { name: '/^_ga_/', domain: '.example.com', path: '/', provider: 'Google', duration: '13 months', description: 'Visits', thirdParty: true }
              ],
              storage: [],
              indexedDB: []
            }
          }
        }
      },
      consentMode: DEFAULT_CONSENT_MODE,
      gpc: true,
      mode: 'opt-in',
      regions: {},
      reloadOnWithdraw: false,
      integrations: {},
      log: null,
      translations: {},
      ui: { ...DEFAULT_UI, layout: 'box', position: 'bottom-right' }
    })
  })

  it('names the JSON path of a bad cookie and keeps the good ones', () => {
    let { config, problems } = validateConfig({
      categories: { analytics: { services: { ga4: { cookies: ['_ga', 42, '/^_gid/'] } } } }
    })
    expect(problems.map(problem => problem.message)).toEqual([
      'config.categories.analytics.services.ga4.cookies[1]: expected a cookie name or "/regex/", got 42'
    ])
    expect(problems[0].path).toBe('config.categories.analytics.services.ga4.cookies[1]')
    expect(config.categories.analytics.services.ga4.cookies.map(cookie => cookie.name)).toEqual(['_ga', '/^_gid/'])
  })

  it('reports each wrong type with what was expected and what it got', () => {
    expect(
      messages({
        revision: '2',
        categories: { marketing: { required: 'no', services: [], cookies: 'x' } },
        cookie: { name: 'bad name', expiresDays: 500, sameSite: 'lax', path: 'shop', domain: 'http://x' },
        language: 'English',
        privacyPolicyUrl: 'javascript:alert(1)'
      })
    ).toEqual([
      'config.revision: expected a whole number from 1, got "2"',
      'config.categories.marketing.required: expected true or false, got "no"',
      'config.categories.marketing.services: expected an object keyed by id, got an array',
      'config.categories.marketing.cookies: expected an array of cookies, got "x"',
      'config.cookie.name: expected a cookie name (letters, digits, "_" or "-"), got "bad name"',
      'config.cookie.domain: expected a domain such as ".example.com", got "http://x"',
      'config.cookie.path: expected a path starting with "/", got "shop"',
      'config.cookie.expiresDays: expected a whole number from 1 to 400, got 500',
      'config.cookie.sameSite: expected "Lax", "Strict" or "None", got "lax"',
      'config.language: expected a language tag such as "fr" or "pt-BR", got "English"',
      'config.privacyPolicyUrl: expected an https:, http:, mailto: or relative URL, got "javascript:alert(1)"'
    ])
  })

  it('falls back to safe defaults for every invalid part', () => {
    let { config } = validateConfig({
      revision: 0,
      categories: { marketing: { required: 'yes' } },
      cookie: { expiresDays: 1.5, sameSite: 'lax', name: '' },
      privacyPolicyUrl: 'javascript:alert(1)'
    })
    expect(config.revision).toBe(1)
    // A category whose "required" is broken is optional: nothing is granted by mistake.
    expect(config.categories.marketing.required).toBe(false)
    expect(config.cookie).toEqual({ name: 'consentry', path: '/', expiresDays: 182, sameSite: 'Lax' })
    expect(config.privacyPolicyUrl).toBeUndefined()
  })

  it('refuses link schemes that run code, whatever their spelling', () => {
    for (let url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\tscript:alert(1)', ' javascript:x', 'data:text/html,x', 'vbscript:x']) {
      expect(validateConfig({ privacyPolicyUrl: url }).config.privacyPolicyUrl).toBeUndefined()
    }
    for (let url of ['https://example.com/privacy', 'HTTP://example.com', 'mailto:dpo@example.com', '/privacy', 'privacy.html', '#cookies', '?page=privacy']) {
      expect(validateConfig({ privacyPolicyUrl: url }).config.privacyPolicyUrl).toBe(url)
    }
  })

  it('warns about unknown keys at every level, naming the known ones', () => {
    expect(
      messages({
        categorys: {},
        cookie: { expires: 30 },
        categories: { analytics: { legalBasis: 'legitimate_interest', services: { ga4: { name: 'GA' } } } }
      })
    ).toEqual([
      'config.categorys: unknown key, ignored (known keys: $schema, revision, categories, cookie, language, privacyPolicyUrl, consentMode, gpc, mode, regions, region, reloadOnWithdraw, translations, ui, integrations, log)',
      'config.categories.analytics.legalBasis: unknown key, ignored (known keys: required, services, cookies, storage, indexedDB)',
      'config.categories.analytics.services.ga4.name: unknown key, ignored (known keys: label, description, cookies, storage, indexedDB)',
      'config.cookie.expires: unknown key, ignored (known keys: name, domain, path, expiresDays, sameSite, refreshUrl)'
    ])
  })

  it('uses the default categories when none are valid', () => {
    for (let categories of [{}, 'analytics', { 'bad id': {} }]) {
      let { config, problems } = validateConfig({ categories })
      expect(Object.keys(config.categories)).toEqual(['essential', 'analytics', 'preferences', 'marketing'])
      expect(problems).toHaveLength(1)
    }
    expect(messages({ categories: { 'bad id': {} } })).toEqual([
      'config.categories["bad id"]: ids may only use letters, digits, "_" and "-"; ignored'
    ])
  })

  it('keeps a category given with a wrong value, as an optional empty one', () => {
    let { config, problems } = validateConfig({ categories: { essential: {}, analytics: true } })
    expect(problems.map(problem => problem.message)).toEqual([
      'config.categories.analytics: expected an object, got true'
    ])
    expect(config.categories.analytics).toEqual({ required: false, services: {}, cookies: [], storage: [], indexedDB: [] })
  })

  it('rejects a configuration that is not an object, and uses the defaults', () => {
    for (let input of [null, 42, 'config.json', [{}]]) {
      let { config, problems } = validateConfig(input)
      expect(problems).toHaveLength(1)
      expect(problems[0].path).toBe('config')
      expect(Object.keys(config.categories)).toHaveLength(4)
    }
  })

  it('reports invalid regular expressions and cookie details', () => {
    expect(
      messages({
        categories: {
          analytics: {
            cookies: ['/[/', { name: '_x', provider: 7, path: 'x', thirdParty: 'yes' }, { provider: 'Google' }, 'a=b', '']
          }
        }
      })
    ).toEqual([
      'config.categories.analytics.cookies[0]: expected a cookie name or "/regex/", got "/[/"',
      'config.categories.analytics.cookies[1].path: expected a path starting with "/", got "x"',
      'config.categories.analytics.cookies[1].provider: expected a non-empty string, got 7',
      'config.categories.analytics.cookies[1].thirdParty: expected true or false, got "yes"',
      'config.categories.analytics.cookies[2].name: expected a cookie name or "/regex/", got undefined',
      'config.categories.analytics.cookies[3]: expected a cookie name or "/regex/", got "a=b"',
      'config.categories.analytics.cookies[4]: expected a cookie name or "/regex/", got ""'
    ])
  })

  it('keeps web storage keys and reports bad ones (T-06)', () => {
    let { config, problems } = validateConfig({
      categories: { analytics: { storage: ['_hjSession', '/^amp_/', 3, '/[/', ''], services: { ga4: { storage: 'x' } } } }
    })
    expect(config.categories.analytics.storage).toEqual(['_hjSession', '/^amp_/'])
    expect(problems.map(problem => problem.message)).toEqual([
      'config.categories.analytics.services.ga4.storage: expected an array of storage keys, got "x"',
      'config.categories.analytics.storage[2]: expected a storage key or "/regex/", got 3',
      'config.categories.analytics.storage[3]: expected a storage key or "/regex/", got "/[/"',
      'config.categories.analytics.storage[4]: expected a storage key or "/regex/", got ""'
    ])
  })

  it('keeps IndexedDB database names and reports bad ones (T-06)', () => {
    let { config, problems } = validateConfig({
      categories: { analytics: { indexedDB: ['firebase-heartbeat-database', '/^hj/', 3], services: { ga4: { indexedDB: 'x' } } } }
    })
    expect(config.categories.analytics.indexedDB).toEqual(['firebase-heartbeat-database', '/^hj/'])
    expect(config.categories.analytics.services.ga4.indexedDB).toEqual([])
    expect(problems.map(problem => problem.message)).toEqual([
      'config.categories.analytics.services.ga4.indexedDB: expected an array of database names, got "x"',
      'config.categories.analytics.indexedDB[2]: expected a database name or "/regex/", got 3'
    ])
  })

  it('warns when a tracking cookie is declared in a required category (G-09)', () => {
    expect(
      messages({ categories: { essential: { cookies: ['session', '_ga', '/^_gcl_/'] }, analytics: { cookies: ['_ga'] } } })
    ).toEqual([
      'config.categories.essential.cookies[1]: "_ga" is an analytics or advertising cookie: it needs consent and does not belong in a required category (G-09)',
      'config.categories.essential.cookies[2]: "/^_gcl_/" is an analytics or advertising cookie: it needs consent and does not belong in a required category (G-09)'
    ])
  })

  it('shortens long hostile strings in messages and quotes odd keys', () => {
    let long = '<img src=x onerror=alert(1)>'.repeat(5)
    let [message] = messages({ language: long })
    expect(message).toBe(`config.language: expected a language tag such as "fr" or "pt-BR", got ${JSON.stringify(long.slice(0, 40) + '…')}`)
    expect(messages({ categories: { analytics: { services: { 'g a': {} } } } })).toEqual([
      'config.categories.analytics.services["g a"]: ids may only use letters, digits, "_" and "-"; ignored'
    ])
  })

  it('refuses "__proto__" as an id, which would fake categories and break the engine', () => {
    let input = JSON.parse(
      '{"categories":{"analytics":{},"__proto__":{"required":true,"services":{"__proto__":{}}}},"translations":{"fr":{"categories":{"__proto__":{"title":"x"}}}}}'
    )
    let { config, problems } = validateConfig(input)
    expect(Object.keys(config.categories)).toEqual(['analytics'])
    expect(Object.getPrototypeOf(config.categories)).toBe(Object.prototype)
    expect(config.translations.fr).toEqual({})
    expect(problems.map(problem => problem.message)).toEqual([
      'config.categories.__proto__: a reserved name; ignored',
      'config.translations.fr.categories.__proto__: a reserved name; ignored'
    ])
    let consent = createConsent(input, { storage: { read: () => [], write: () => true, clear() {} } })
    expect(consent.acceptAll().categories).toEqual({ analytics: true })
  })

  it('labels a service by its id when it has no label', () => {
    let { config } = validateConfig({ categories: { analytics: { services: { matomo: {} } } } })
    expect(config.categories.analytics.services.matomo).toEqual({ label: 'matomo', cookies: [], storage: [], indexedDB: [] })
  })

  it('lets essential be optional when the configuration says so', () => {
    let { config } = validateConfig({ categories: { essential: { required: false }, security: { required: true } } })
    expect(config.categories.essential.required).toBe(false)
    expect(config.categories.security.required).toBe(true)
  })
})

describe('cookiePattern', () => {
  it('compiles "/regex/flags" strings and leaves plain names alone', () => {
    expect(cookiePattern('/^_ga_/i')?.test('_GA_XYZ')).toBe(true)
    expect(cookiePattern('_ga')).toBeUndefined()
    expect(cookiePattern('/')).toBeUndefined()
  })
})

describe('validateStart and validateIntegrations', () => {
  const input = {
    revision: 'two',
    categories: { essential: {}, analytics: {}, marketing: { services: { meta: {} } } },
    integrations: {
      googleAnalytics: { measurementId: 'UA-1' },
      googleTagManager: { containerId: 'GTM-AB12', categories: ['analytics', 'ads'] },
      metaPixel: { pixelId: '42', service: 'meta' },
      hotjar: {}
    }
  }

  it('check in two steps exactly what validateConfig checks in one: the same problems, paths and result', () => {
    let whole = validateConfig(input)
    let start = validateStart(input)
    expect(start.config.integrations).toEqual({})
    expect(start.integrations).toBe(input.integrations)
    let later = validateIntegrations(start.config, start.integrations)
    expect([...start.problems, ...later.problems]).toEqual(whole.problems)
    expect({ ...start.config, integrations: later.integrations }).toEqual(whole.config)
    expect(later.problems.map(problem => problem.path)).toEqual([
      'config.integrations.hotjar',
      'config.integrations.googleAnalytics.measurementId',
      'config.integrations.googleTagManager.categories[1]'
    ])
  })

  it('leave nothing for later when the configuration has no integrations', () => {
    let start = validateStart({ categories: { essential: {} } })
    expect(start.integrations).toBeUndefined()
    expect(validateIntegrations(start.config, start.integrations)).toEqual({ integrations: {}, problems: [] })
  })
})
