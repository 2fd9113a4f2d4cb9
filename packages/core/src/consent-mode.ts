import type { Consent } from './consent.js'

/** The seven consent types of Google Consent Mode v2 (CM-03). */
export type GoogleConsentType =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage'

export type GoogleConsentState = Record<GoogleConsentType, 'granted' | 'denied'>

/** Consent Mode settings after validation. */
export interface ConsentModeSettings {
  /** Which consent types each category grants. */
  mapping: Record<string, GoogleConsentType[]>
  /** Milliseconds Google tags wait for an update before using the default (CM-04). */
  waitForUpdate: number
  /** Region-specific defaults, pushed before the global one (CM-05). */
  regions: { region: string[]; granted: GoogleConsentType[] }[]
  /** `gtag('set', 'ads_data_redaction', true)` (CM-08). */
  adsDataRedaction: boolean
  /** `gtag('set', 'url_passthrough', true)` (CM-08). */
  urlPassthrough: boolean
  /** The name of the data layer array. */
  dataLayer: string
}

export const CONSENT_TYPES: GoogleConsentType[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage'
]

/** The default mapping (compliance §8): marketing grants all three ad types together. */
export const DEFAULT_MAPPING: Record<string, GoogleConsentType[]> = {
  analytics: ['analytics_storage'],
  preferences: ['functionality_storage', 'personalization_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization']
}

export const DEFAULT_CONSENT_MODE: ConsentModeSettings = {
  mapping: DEFAULT_MAPPING,
  waitForUpdate: 500,
  regions: [],
  adsDataRedaction: true,
  urlPassthrough: false,
  dataLayer: 'dataLayer'
}

/** All seven types, each granted when a granted category maps to it; security is always granted. */
export function googleConsentState(
  categories: Record<string, boolean>,
  mapping: Record<string, GoogleConsentType[]>,
  granted: GoogleConsentType[] = []
): GoogleConsentState {
  let state = {} as GoogleConsentState
  for (let type of CONSENT_TYPES) state[type] = type === 'security_storage' || granted.includes(type) ? 'granted' : 'denied'
  for (let category in mapping) {
    if (categories[category]) for (let type of mapping[category]) state[type] = 'granted'
  }
  return state
}

/**
 * The `gtag()` function of Google's snippet: it pushes its `arguments` object, which is what
 * gtag.js and GTM read; an array would be ignored (CM-02). The data layer array is kept if present.
 */
export function createGtag(name = 'dataLayer'): (...args: unknown[]) => void {
  let global = window as unknown as Record<string, unknown[]>
  let layer = (global[name] = global[name] || [])
  return function gtag() {
    // eslint-disable-next-line prefer-rest-params
    layer.push(arguments as unknown as unknown)
  }
}

/** Whether the data layer already holds a consent default (pushed early by the drop-in, or by the site). */
export function hasConsentDefault(name = 'dataLayer'): boolean {
  let layer = (window as unknown as Record<string, unknown[] | undefined>)[name] ?? []
  return layer.some(entry => {
    let command = entry as ArrayLike<unknown> | undefined
    return Object.prototype.toString.call(command) === '[object Arguments]' && command![0] === 'consent' && command![1] === 'default'
  })
}

/** Pushes the region-specific defaults (CM-05) and returns the data layer's `gtag`. */
function pushRegionDefaults(settings: ConsentModeSettings): (...args: unknown[]) => void {
  let gtag = createGtag(settings.dataLayer)
  for (let { region, granted } of settings.regions) {
    gtag('consent', 'default', { ...googleConsentState({}, {}, granted), region })
  }
  return gtag
}

/**
 * Pushes the consent defaults: region-specific ones first, then the global one with all seven
 * types and `wait_for_update`, then the optional `set` commands (CM-01, CM-03, CM-05, CM-08).
 * Call it before any Google tag runs: the drop-in does so as it starts.
 */
export function pushConsentDefaults(settings: ConsentModeSettings): void {
  let gtag = pushRegionDefaults(settings)
  gtag('consent', 'default', { ...googleConsentState({}, {}), wait_for_update: settings.waitForUpdate })
  if (settings.adsDataRedaction) gtag('set', 'ads_data_redaction', true)
  if (settings.urlPassthrough) gtag('set', 'url_passthrough', true)
}

/**
 * Adds what a fetched configuration says beyond the defaults that the drop-in pushed before it
 * arrived (`data-consent-mode`): its region defaults and `set` commands. Its `waitForUpdate`
 * cannot change any more.
 */
export function pushLateSettings(settings: ConsentModeSettings): void {
  let gtag = pushRegionDefaults(settings)
  if (!settings.adsDataRedaction) gtag('set', 'ads_data_redaction', false)
  if (settings.urlPassthrough) gtag('set', 'url_passthrough', true)
}

/**
 * Keeps Consent Mode in line with the visitor's decisions: the stored choice right away
 * (a returning visitor, CM-06), then one complete update per decision (CM-07), each followed by a
 * `consentry_update` event for GTM triggers. Returns the function that stops it.
 */
export function connectConsentMode(consent: Consent, settings: ConsentModeSettings): () => void {
  let gtag = createGtag(settings.dataLayer)
  let layer = (window as unknown as Record<string, unknown[]>)[settings.dataLayer]
  let update = (): void => gtag('consent', 'update', googleConsentState(consent.$categories.get(), settings.mapping))
  let event = (name: string): void => {
    layer.push({ event: name, consentry: { categories: consent.$categories.get(), method: consent.$record.get()?.method ?? null } })
  }
  // A stored choice, or an opt-out region where tags run before any choice: Google must know now.
  if (consent.$isDecided.get() || consent.mode === 'opt-out') update()
  event('consentry_default')
  return consent.on('change', () => {
    update()
    event('consentry_update')
  })
}
