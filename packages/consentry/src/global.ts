// The drop-in script: the one module allowed to act on load. It exposes window.Consentry and
// starts from, in this order, data-config on its own <script> tag, an inline
// <script type="application/json" id="consentry-config">, or window.consentryConfig.
import { child, createChecker, DEFAULT_CONSENT_MODE, pushConsentDefaults } from '@consentry/core'
import type { ConsentModeSettings } from '@consentry/core'
import type { PanelModule } from '@consentry/ui'
import Cookies from 'js-cookie'

import { createConsentry, validateOnce } from './consentry.js'
import type { ConsentryApi, FollowUpModule, InitOptions, PlaceholdersModule } from './consentry.js'

/**
 * What `consentry-follow-up.min.js` takes from this file, which has the same code: its global is a
 * function of it (`takesShared` in rollup.config.mjs), so no visitor downloads them twice.
 */
export interface Shared {
  Cookies: typeof Cookies
  child: typeof child
  createChecker: typeof createChecker
}

declare global {
  interface Window {
    Consentry?: ConsentryApi
    consentryConfig?: unknown
    /** Set by `consentry-panel.min.js`. */
    ConsentryPanel?: PanelModule
    /** Set by `consentry-follow-up.min.js`: the module, given what it shares with this file. */
    ConsentryFollowUp?: (shared: Shared) => FollowUpModule
    /** Set by `consentry-placeholders.min.js`. */
    ConsentryPlaceholders?: PlaceholdersModule
  }
}

const script = document.currentScript as HTMLScriptElement | null

if (window.Consentry) {
  console.warn('consentry: the script was included twice; the first copy stays in effect')
} else {
  let api = createConsentry()
  window.Consentry = api
  let base = script?.src || location.href
  let panel: Promise<PanelModule> | undefined
  /** Loads a file that sits beside this one and sets `window[name]`, with the page's nonce. */
  let beside = <K extends 'ConsentryPanel' | 'ConsentryFollowUp' | 'ConsentryPlaceholders'>(file: string, name: K): Promise<NonNullable<Window[K]>> =>
    new Promise((resolve, reject) => {
      let tag = document.createElement('script')
      tag.src = new URL(file, base).href
      tag.nonce = options.nonce ?? ''
      tag.onload = () => {
        let module = window[name]
        if (module) resolve(module as NonNullable<Window[K]>)
        else reject(new Error(`${tag.src} did not load`))
      }
      tag.onerror = () => {
        tag.remove()
        reject(new Error(`${tag.src} could not be loaded`))
      }
      document.head.append(tag)
    })
  let options: InitOptions = {
    nonce: script?.nonce || undefined,
    gpc: script?.dataset.gpc === '1',
    region: script?.dataset.region,
    // Shipped translations sit beside this file: only non-English pages make this request.
    loadTranslation: async (language: string) => {
      let response = await fetch(new URL(`i18n/${language}.json`, base))
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      return response.json()
    },
    // The panel's code (Preact included) is a second file beside this one, asked for only when the
    // visitor opens the panel or reaches Customize: the first layer needs none of it.
    // A failed load is tried again on the next open.
    loadPanel: () =>
      (panel ??= beside('consentry-panel.min.js', 'ConsentryPanel').catch((error: Error) => {
        panel = undefined
        throw error
      })),
    // The log and the sweep of refused cookies: a third file, asked for once the banner is drawn.
    loadFollowUp: () => beside('consentry-follow-up.min.js', 'ConsentryFollowUp').then(module => module({ Cookies, child, createChecker })),
    // The embed placeholders: a fourth file, asked for when a blocked iframe is first met.
    loadPlaceholders: () => beside('consentry-placeholders.min.js', 'ConsentryPlaceholders')
  }
  let inline = (): unknown => {
    let element = document.getElementById('consentry-config')
    if (!element) return undefined
    try {
      return JSON.parse(element.textContent ?? '')
    } catch (error) {
      console.warn(`consentry: #consentry-config is not valid JSON (${(error as Error).message}): using the defaults`)
      return {}
    }
  }
  // data-consent-mode="myLayer" asks for the Consent Mode defaults before any Google tag (CM-01),
  // whatever the configuration turns out to be and whenever it arrives; it names the data layer.
  let layer = script?.getAttribute('data-consent-mode')
  let fromTag =
    layer !== null && layer !== undefined ? { ...DEFAULT_CONSENT_MODE, dataLayer: /^[a-z_$][\w$]*$/i.test(layer) ? layer : 'dataLayer' } : null
  let pushEarly = (settings: ConsentModeSettings | null): void => {
    if (!settings) return
    pushConsentDefaults(settings)
    // Only the defaults went out: init adds what the configuration says beyond them.
    if (settings === fromTag) options.consentModeEarly = settings.dataLayer
  }
  let start = (): boolean => {
    let config = script?.dataset.config ?? inline() ?? window.consentryConfig
    if (config === undefined) return false
    // Consent Mode defaults go first, before any Google tag and before a config URL is fetched
    // (CM-01): from the config itself when it is inline, else when the tag asks for them.
    if (!options.consentModeEarly) {
      // A config without the key needs no validation here; one with it is validated once, init reuses it.
      let asks = typeof config == 'object' && config !== null && (config as { consentMode?: unknown }).consentMode
      pushEarly(typeof config == 'string' ? fromTag : asks ? validateOnce(config).config.consentMode : null)
    }
    void api.init(config, options)
    return true
  }
  if (!start()) {
    // No configuration yet: inline JSON later in the page, or a Consentry.init() call to come.
    pushEarly(fromTag)
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true })
  }
  let init = api.init
  api.init = (config, given) => init(config, { ...options, ...given })
}
