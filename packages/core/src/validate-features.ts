import type { Checker, Json, Reader } from './checker.js'
import { child } from './checker.js'
import { CONSENT_TYPES, DEFAULT_CONSENT_MODE } from './consent-mode.js'
import type { ConsentModeSettings, GoogleConsentType } from './consent-mode.js'
import type { NormalizedCategory } from './config.js'
import type { LogSettings } from './log.js'

export const REGION = /^[A-Z]{2}(-[A-Z\d]{1,3})?$/
export const MODES = ['opt-in', 'opt-out'] as const

export type ConsentModel = (typeof MODES)[number]

/** The `integrations` after validation: each vendor with its defaults filled in. */
export interface NormalizedIntegrations {
  googleAnalytics?: { measurementId: string; category: string; service?: string; scriptUrl: string }
  googleTagManager?: { containerId: string; categories: string[]; scriptUrl: string }
  metaPixel?: { pixelId: string; category: string; service?: string; scriptUrl: string }
}

export interface NormalizedPrivacy {
  gpc: boolean
  mode: ConsentModel
  regions: Record<string, ConsentModel>
  region?: string
  reloadOnWithdraw: boolean
}

export const readConsentMode =
  ({ fields, list, expected, one, str }: Checker, categories: string[]): Reader<ConsentModeSettings | null> =>
  (value, path) => {
    if (value === false) return null
    if (value === true) return DEFAULT_CONSENT_MODE
    let bool = one([true, false])
    /** A list of Google consent types; unknown ones are reported and dropped. */
    let types: Reader<GoogleConsentType[]> = (value, path) =>
      list(value, path, 'an array of Google consent types', (type, at) =>
        CONSENT_TYPES.includes(type as GoogleConsentType) ? (type as GoogleConsentType) : expected(at, `one of ${CONSENT_TYPES.join(', ')}`, type)
      )
    let mapping: Record<string, Reader> = {}
    for (let id of categories) mapping[id] = types
    return fields<ConsentModeSettings>(
      value,
      path,
      {
        mapping: (value, path) => fields(value, path, mapping),
        waitForUpdate: (value, path) =>
          Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10000
            ? value
            : expected(path, 'a whole number of milliseconds from 0 to 10000', value),
        regions: (value, path) =>
          list(value, path, 'an array', (item, at) => {
            let entry = fields<{ region?: string[]; granted: GoogleConsentType[] }>(
              item,
              at,
              {
                region: (value, path) => {
                  let codes = Array.isArray(value) ? value.filter(code => REGION.test(code)) : []
                  return codes.length > 0 && codes.length === (value as unknown[]).length
                    ? codes
                    : expected(path, 'an array of region codes such as "US-CA"', value)
                },
                granted: types
              },
              { granted: [] },
              ['region']
            )
            return entry.region ? entry : undefined
          }),
        adsDataRedaction: bool,
        urlPassthrough: bool,
        dataLayer: str(/^[a-z_$][\w$]*$/i, 'a JavaScript variable name')
      },
      { ...DEFAULT_CONSENT_MODE, regions: [] }
    )
  }

/** Absolute or relative http(s) addresses only: a vendor script must not come from a data: URL. */
const SCRIPT_URL = /^(https:\/\/|http:\/\/|\/|\.\.?\/)[^\s"'<>]*$/

/** @param read The categories, filled in place once they are read (before this reader runs). */
export const readIntegrations =
  ({ fields, text, str, expected }: Checker, read: Record<string, NormalizedCategory>): Reader<NormalizedIntegrations> =>
  (value, path) => {
    let categories = Object.keys(read)
    let unknown = (path: string, id: unknown): undefined => expected(path, `one of the categories (${categories.join(', ')})`, id)
    let categoryList: Reader<string[]> = (value, path) =>
      (Array.isArray(value) ? value : (expected(path, 'an array of category ids', value) ?? [])).filter((id, index) => {
        if (categories.includes(id)) return true
        if (text(id, child(path, index)) !== undefined) unknown(child(path, index), id)
        return false
      })
    /** A vendor: kept only with a valid id; its category (or categories) and script address have defaults. */
    let vendor =
      (id: string, test: RegExp, what: string, readers: Record<string, Reader>, defaults: Json): Reader =>
      (value, path) => {
        let settings = fields<Json>(
          value,
          path,
          { [id]: str(test, what), ...readers, scriptUrl: str(SCRIPT_URL, 'an https:, http: or relative address') },
          defaults
        )
        // Checked once read, so that a default category that the configuration lacks is named too.
        let { category, service } = settings as { category?: string; service?: string }
        if (typeof category == 'string' && !categories.includes(category)) unknown(child(path, 'category'), category)
        // A service the category lacks would make the vendor follow its category: it is dropped, and named.
        else if (service !== undefined && !Object.hasOwn(read[category!].services, service)) {
          delete settings.service
          expected(child(path, 'service'), `a service of "${category}"`, service)
        }
        return settings[id] ? settings : undefined
      }
    return fields<NormalizedIntegrations>(value, path, {
      googleAnalytics: vendor('measurementId', /^G-[A-Z\d]+$/, 'a measurement id such as "G-ABC123"', { category: text, service: text }, {
        category: 'analytics',
        scriptUrl: 'https://www.googletagmanager.com/gtag/js'
      }),
      googleTagManager: vendor('containerId', /^GTM-[A-Z\d]+$/, 'a container id such as "GTM-ABC123"', { categories: categoryList }, {
        categories: ['analytics', 'marketing'].filter(id => categories.includes(id)),
        scriptUrl: 'https://www.googletagmanager.com/gtm.js'
      }),
      metaPixel: vendor('pixelId', /^\d+$/, 'a pixel id of digits', { category: text, service: text }, {
        category: 'marketing',
        scriptUrl: 'https://connect.facebook.net/en_US/fbevents.js'
      })
    })
  }

/**
 * https: or relative only (the log's endpoint, the cookie's refresh address): records and the
 * consent cookie are personal data and must not travel in clear. `//host` and
 * `/\host` are refused: browsers read both as another host.
 */
export const HTTPS_URL = /^(https:\/\/|\/(?![/\\])|\.\.?\/)[^\s"'<>\\]*$/

export const readLog =
  ({ fields, text, int, report }: Checker): Reader<LogSettings | null> =>
  (value, path) => {
    let log = fields<LogSettings>(
      value,
      path,
      {
        endpoint: (endpoint, path) =>
          endpoint === undefined
            ? report(path, 'missing: without an https: or relative address no consent record is sent')
            : text(endpoint, path, HTTPS_URL, 'an https: or relative address'),
        queueSize: int(100)
      },
      { queueSize: 20 },
      ['endpoint']
    )
    return log.endpoint ? log : null
  }
