import type { Checker, Json, Reader } from './checker.js'
import { child, isObject } from './checker.js'
import { CONSENT_TYPES, DEFAULT_CONSENT_MODE } from './consent-mode.js'
import type { ConsentModeSettings, GoogleConsentType } from './consent-mode.js'
import type { LogSettings } from './log.js'

export const REGION = /^[A-Z]{2}(-[A-Z\d]{1,3})?$/
export const MODES = ['opt-in', 'opt-out'] as const

export type ConsentModel = (typeof MODES)[number]

/** The `integrations` after validation: each vendor with its defaults filled in. */
export interface NormalizedIntegrations {
  googleAnalytics?: { measurementId: string; category: string; scriptUrl: string }
  googleTagManager?: { containerId: string; categories: string[]; scriptUrl: string }
  metaPixel?: { pixelId: string; category: string; scriptUrl: string }
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
    if (value === undefined || value === false) return null
    if (value === true) return DEFAULT_CONSENT_MODE
    /** A list of Google consent types; unknown ones are reported and dropped. */
    let types: Reader<GoogleConsentType[]> = (value, path) =>
      list(value, path, 'an array of Google consent types', (type, at) =>
        CONSENT_TYPES.includes(type as GoogleConsentType) ? (type as GoogleConsentType) : expected(at, `one of ${CONSENT_TYPES.join(', ')}`, type)
      )
    let mapping: Record<string, Reader> = {}
    for (let id of categories) mapping[id] = (value, path) => (value === undefined ? value : types(value, path))
    return {
      ...DEFAULT_CONSENT_MODE,
      ...fields<Partial<ConsentModeSettings>>(value, path, {
        mapping: (value, path) => (value === undefined ? value : fields(value, path, mapping)),
        waitForUpdate: (value, path) =>
          value === undefined || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10000)
            ? value
            : expected(path, 'a whole number of milliseconds from 0 to 10000', value),
        regions: (value, path) =>
          list(value, path, 'an array', (item, at) => {
            let entry = fields<{ region: string[]; granted: GoogleConsentType[] }>(item, at, {
              region: (value, path) => {
                let codes = Array.isArray(value) ? value.filter(code => REGION.test(code)) : []
                if (codes.length === 0 || codes.length !== (value as unknown[]).length) {
                  expected(path, 'an array of region codes such as "US-CA"', value)
                }
                return codes
              },
              granted: types
            })
            return entry.region.length > 0 ? entry : undefined
          }),
        adsDataRedaction: one([true, false], true),
        urlPassthrough: one([true, false], false),
        dataLayer: str(/^[a-z_$][\w$]*$/i, 'a JavaScript variable name', 'dataLayer')
      })
    }
  }

/** Absolute or relative http(s) addresses only: a vendor script must not come from a data: URL. */
const SCRIPT_URL = /^(https:\/\/|http:\/\/|\/|\.\.?\/)[^\s"'<>]*$/

export const readIntegrations =
  ({ fields, text, str, expected }: Checker, categories: string[]): Reader<NormalizedIntegrations> =>
  (value, path) => {
    let category =
      (fallback: string): Reader<string> =>
      (value, path) => {
        let id = text(value, path) ?? fallback
        if (!categories.includes(id)) expected(path, `one of the categories (${categories.join(', ')})`, id)
        return id
      }
    /** A vendor: kept only with a valid id; its category (or categories) and script address have defaults. */
    let vendor =
      (id: string, test: RegExp, what: string, category: Record<string, Reader>, scriptUrl: string): Reader =>
      (value, path) => {
        if (value === undefined) return
        let settings = fields<Json>(value, path, {
          [id]: str(test, what),
          ...category,
          scriptUrl: str(SCRIPT_URL, 'an https:, http: or relative address', scriptUrl)
        })
        return settings[id] ? settings : undefined
      }
    return fields<NormalizedIntegrations>(value, path, {
      googleAnalytics: vendor('measurementId', /^G-[A-Z\d]+$/, 'a measurement id such as "G-ABC123"', { category: category('analytics') }, 'https://www.googletagmanager.com/gtag/js'),
      googleTagManager: vendor(
        'containerId',
        /^GTM-[A-Z\d]+$/,
        'a container id such as "GTM-ABC123"',
        {
          categories: (value, path) =>
            (value === undefined ? ['analytics', 'marketing'] : Array.isArray(value) ? value : (expected(path, 'an array of category ids', value) ?? []))
              .map((item, index) => category('analytics')(item, child(path, index)))
              .filter(id => categories.includes(id))
        },
        'https://www.googletagmanager.com/gtm.js'
      ),
      metaPixel: vendor('pixelId', /^\d+$/, 'a pixel id of digits', { category: category('marketing') }, 'https://connect.facebook.net/en_US/fbevents.js')
    })
  }

/**
 * https: or relative only: records are personal data and must not travel in clear. `//host` and
 * `/\host` are refused: browsers read both as another host.
 */
const LOG_URL = /^(https:\/\/|\/(?![/\\])|\.\.?\/)[^\s"'<>\\]*$/

export const readLog =
  ({ fields, text, int, report }: Checker): Reader<LogSettings | null> =>
  (value, path) => {
    if (value === undefined) return null
    let log = fields<LogSettings>(value, path, {
      endpoint: (endpoint, at) => {
        if (endpoint !== undefined) return text(endpoint, at, LOG_URL, 'an https: or relative address')
        if (isObject(value)) report(at, 'missing: without an https: or relative address no consent record is sent')
      },
      queueSize: int(20, 100)
    })
    return log.endpoint ? log : null
  }
