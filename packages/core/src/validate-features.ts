import type { Checker, Json } from './checker.js'
import { child, isObject } from './checker.js'
import { CONSENT_TYPES, DEFAULT_CONSENT_MODE } from './consent-mode.js'
import type { ConsentModeSettings, GoogleConsentType } from './consent-mode.js'
import type { LogSettings } from './log.js'

const REGION = /^[A-Z]{2}(-[A-Z\d]{1,3})?$/
const MODES = ['opt-in', 'opt-out'] as const

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

/** A list of Google consent types; unknown ones are reported and dropped. */
function consentTypes(value: unknown, path: string, { expected }: Checker): GoogleConsentType[] {
  if (!Array.isArray(value)) {
    expected(path, 'an array of Google consent types', value)
    return []
  }
  return value.filter((type, index) => {
    let known = CONSENT_TYPES.includes(type)
    if (!known) expected(child(path, index), `one of ${CONSENT_TYPES.join(', ')}`, type)
    return known
  })
}

export function validateConsentMode(value: unknown, check: Checker, categories: string[]): ConsentModeSettings | null {
  let { object, oneOf, text, expected } = check
  if (value === undefined || value === false) return null
  if (value === true) return DEFAULT_CONSENT_MODE
  let input = object(value, 'config.consentMode', [
    'mapping', 'waitForUpdate', 'regions', 'adsDataRedaction', 'urlPassthrough', 'dataLayer'
  ])
  let settings: ConsentModeSettings = { ...DEFAULT_CONSENT_MODE, regions: [] }
  if (input.mapping !== undefined) {
    let mapping = object(input.mapping, 'config.consentMode.mapping', categories)
    settings.mapping = {}
    for (let category in mapping) {
      if (categories.includes(category)) {
        settings.mapping[category] = consentTypes(mapping[category], child('config.consentMode.mapping', category), check)
      }
    }
  }
  let wait = input.waitForUpdate
  if (wait !== undefined) {
    if (Number.isInteger(wait) && (wait as number) >= 0 && (wait as number) <= 10000) settings.waitForUpdate = wait as number
    else expected('config.consentMode.waitForUpdate', 'a whole number of milliseconds from 0 to 10000', wait)
  }
  if (input.regions !== undefined) {
    if (!Array.isArray(input.regions)) expected('config.consentMode.regions', 'an array', input.regions)
    else {
      input.regions.forEach((item, index) => {
        let path = child('config.consentMode.regions', index)
        let entry = object(item, path, ['region', 'granted'])
        let region = Array.isArray(entry.region) ? entry.region.filter(code => REGION.test(code)) : []
        if (region.length === 0 || region.length !== (entry.region as unknown[]).length) {
          expected(child(path, 'region'), 'an array of region codes such as "US-CA"', entry.region)
        }
        let granted = entry.granted === undefined ? [] : consentTypes(entry.granted, child(path, 'granted'), check)
        if (region.length > 0) settings.regions.push({ region, granted })
      })
    }
  }
  settings.adsDataRedaction = oneOf(input.adsDataRedaction, 'config.consentMode.adsDataRedaction', [true, false], true)
  settings.urlPassthrough = oneOf(input.urlPassthrough, 'config.consentMode.urlPassthrough', [true, false], false)
  settings.dataLayer =
    text(input.dataLayer, 'config.consentMode.dataLayer', /^[a-z_$][\w$]*$/i, 'a JavaScript variable name') ?? 'dataLayer'
  return settings
}

export function validatePrivacy(root: Json, { oneOf, object, text, report }: Checker): NormalizedPrivacy {
  let privacy: NormalizedPrivacy = {
    gpc: oneOf(root.gpc, 'config.gpc', [true, false], true),
    mode: oneOf(root.mode, 'config.mode', MODES, 'opt-in'),
    regions: {},
    reloadOnWithdraw: oneOf(root.reloadOnWithdraw, 'config.reloadOnWithdraw', [true, false], false)
  }
  let regions = object(root.regions, 'config.regions')
  for (let code in regions) {
    let path = child('config.regions', code)
    if (!REGION.test(code)) report(path, 'expected a region code such as "US" or "US-CA" as key; ignored')
    else privacy.regions[code] = oneOf(regions[code], path, MODES, 'opt-in')
  }
  let region = text(root.region, 'config.region', REGION, 'a region code such as "US-CA"')
  if (region) privacy.region = region
  return privacy
}

/** Absolute or relative http(s) addresses only: a vendor script must not come from a data: URL. */
const SCRIPT_URL = /^(https:\/\/|http:\/\/|\/|\.\.?\/)[^\s"'<>]*$/

export function validateIntegrations(value: unknown, check: Checker, categories: string[]): NormalizedIntegrations {
  let { object, text, expected } = check
  let input = object(value, 'config.integrations', ['googleAnalytics', 'googleTagManager', 'metaPixel'])
  let result: NormalizedIntegrations = {}
  let category = (value: unknown, path: string, fallback: string): string => {
    let id = text(value, path) ?? fallback
    if (!categories.includes(id)) expected(path, `one of the categories (${categories.join(', ')})`, id)
    return id
  }
  let url = (value: unknown, path: string, fallback: string): string =>
    text(value, path, SCRIPT_URL, 'an https:, http: or relative address') ?? fallback

  let ga = object(input.googleAnalytics, 'config.integrations.googleAnalytics', ['measurementId', 'category', 'scriptUrl'])
  if (input.googleAnalytics !== undefined) {
    let id = text(ga.measurementId, 'config.integrations.googleAnalytics.measurementId', /^G-[A-Z\d]+$/, 'a measurement id such as "G-ABC123"')
    if (id) {
      result.googleAnalytics = {
        measurementId: id,
        category: category(ga.category, 'config.integrations.googleAnalytics.category', 'analytics'),
        scriptUrl: url(ga.scriptUrl, 'config.integrations.googleAnalytics.scriptUrl', 'https://www.googletagmanager.com/gtag/js')
      }
    }
  }
  let gtm = object(input.googleTagManager, 'config.integrations.googleTagManager', ['containerId', 'categories', 'scriptUrl'])
  if (input.googleTagManager !== undefined) {
    let id = text(gtm.containerId, 'config.integrations.googleTagManager.containerId', /^GTM-[A-Z\d]+$/, 'a container id such as "GTM-ABC123"')
    let path = 'config.integrations.googleTagManager.categories'
    let list = gtm.categories === undefined ? ['analytics', 'marketing'] : Array.isArray(gtm.categories) ? gtm.categories : (expected(path, 'an array of category ids', gtm.categories), [])
    if (id) {
      result.googleTagManager = {
        containerId: id,
        categories: list.map((item, index) => category(item, child(path, index), 'analytics')).filter(id => categories.includes(id)),
        scriptUrl: url(gtm.scriptUrl, 'config.integrations.googleTagManager.scriptUrl', 'https://www.googletagmanager.com/gtm.js')
      }
    }
  }
  let meta = object(input.metaPixel, 'config.integrations.metaPixel', ['pixelId', 'category', 'scriptUrl'])
  if (input.metaPixel !== undefined) {
    let id = text(meta.pixelId, 'config.integrations.metaPixel.pixelId', /^\d+$/, 'a pixel id of digits')
    if (id) {
      result.metaPixel = {
        pixelId: id,
        category: category(meta.category, 'config.integrations.metaPixel.category', 'marketing'),
        scriptUrl: url(meta.scriptUrl, 'config.integrations.metaPixel.scriptUrl', 'https://connect.facebook.net/en_US/fbevents.js')
      }
    }
  }
  return result
}

/**
 * https: or relative only: records are personal data and must not travel in clear. `//host` and
 * `/\host` are refused: browsers read both as another host.
 */
const LOG_URL = /^(https:\/\/|\/(?![/\\])|\.\.?\/)[^\s"'<>\\]*$/

export function validateLog(value: unknown, check: Checker): LogSettings | null {
  let { object, text, integer, report } = check
  if (value === undefined) return null
  let input = object(value, 'config.log', ['endpoint', 'queueSize'])
  if (isObject(value) && input.endpoint === undefined) {
    report('config.log.endpoint', 'missing: without an https: or relative address no consent record is sent')
  }
  let endpoint = text(input.endpoint, 'config.log.endpoint', LOG_URL, 'an https: or relative address')
  let queueSize = integer(input.queueSize, 'config.log.queueSize', 20, 100)
  return endpoint ? { endpoint, queueSize } : null
}
