import type { CleanupTargets } from './cleanup.js'
import { TRACKER_COOKIES } from './cleanup.js'
import { createGtag } from './consent-mode.js'
import type { Gate } from './gate.js'
import type { NormalizedIntegrations } from './validate-features.js'

type Global = Record<string, unknown>

/**
 * The cookies each configured vendor sets, keyed by what gates it (its category, or
 * `"category.service"` when it names its service), for `createCleanup`'s `extra` option: a
 * withdrawal then clears `_ga`, `_fbp`... (T-05).
 */
export function integrationCookies(integrations: NormalizedIntegrations): Record<string, CleanupTargets> {
  let extra: Record<string, CleanupTargets> = {}
  let add = (category: string, cookies: string[]): void => {
    extra[category] = { cookies: [...new Set([...(extra[category]?.cookies ?? []), ...cookies])] }
  }
  let { googleAnalytics, googleTagManager, metaPixel } = integrations
  /** What gates a vendor, as `extra` keys it: withdrawing only its service then clears its cookies. */
  let key = ({ category, service }: { category: string; service?: string }): string => (service ? `${category}.${service}` : category)
  if (googleAnalytics) add(key(googleAnalytics), TRACKER_COOKIES.googleAnalytics)
  if (googleTagManager) {
    // GTM's tags set what their vendors set: Google Analytics under analytics, Ads under marketing.
    for (let category of googleTagManager.categories) {
      add(category, category === 'marketing' ? TRACKER_COOKIES.googleAds : TRACKER_COOKIES.googleAnalytics)
    }
  }
  if (metaPixel) add(key(metaPixel), TRACKER_COOKIES.metaPixel)
  return extra
}

const withLayer = (url: string, name: string): string => (name === 'dataLayer' ? url : `${url}&l=${encodeURIComponent(name)}`)

/**
 * Loads the configured vendor tags once their category (or the service they name) is granted,
 * never before (G-01, G-04, CM-09):
 * Google Analytics (gtag.js), Google Tag Manager, Meta Pixel. Each loads at most once per page.
 * Returns the function that cancels what has not loaded yet.
 */
export function startIntegrations(
  gate: Pick<Gate, 'whenGranted' | 'loadScript'>,
  integrations: NormalizedIntegrations,
  dataLayer = 'dataLayer',
  onError: (message: string) => void = console.warn
): () => void {
  let cancels: (() => void)[] = []
  let load = (url: string, category: string, service?: string): void => {
    gate.loadScript(url, category, {}, service).catch(() => onError(`consentry: ${url} could not be loaded (blocked or offline)`))
  }
  let { googleAnalytics: ga, googleTagManager: gtm, metaPixel: meta } = integrations

  if (ga) {
    cancels.push(
      gate.whenGranted(ga.category, () => {
        let gtag = createGtag(dataLayer)
        gtag('js', new Date())
        gtag('config', ga.measurementId)
        load(withLayer(`${ga.scriptUrl}?id=${encodeURIComponent(ga.measurementId)}`, dataLayer), ga.category, ga.service)
      }, ga.service)
    )
  }

  if (gtm) {
    let started = false
    for (let category of gtm.categories) {
      cancels.push(
        gate.whenGranted(category, () => {
          if (started) return
          started = true
          let layer = ((window as unknown as Global)[dataLayer] ??= []) as unknown[]
          layer.push({ 'gtm.start': Date.now(), event: 'gtm.js' })
          load(withLayer(`${gtm.scriptUrl}?id=${encodeURIComponent(gtm.containerId)}`, dataLayer), category)
        })
      )
    }
  }

  if (meta) {
    cancels.push(
      gate.whenGranted(meta.category, () => {
        let global = window as unknown as Global
        // Meta's own bootstrap: calls queue until fbevents.js replaces the stub.
        if (!global.fbq) {
          let fbq = function (this: unknown) {
            // eslint-disable-next-line prefer-rest-params
            let args = arguments
            let self = fbq as unknown as { callMethod?: (...rest: unknown[]) => void; queue: unknown[] }
            if (self.callMethod) self.callMethod(...Array.from(args))
            else self.queue.push(args)
          } as unknown as Global & ((...args: unknown[]) => void)
          Object.assign(fbq, { push: fbq, loaded: true, version: '2.0', queue: [] })
          global.fbq = fbq
          global._fbq ??= fbq
        }
        let fbq = global.fbq as (...args: unknown[]) => void
        fbq('init', meta.pixelId)
        fbq('track', 'PageView')
        load(meta.scriptUrl, meta.category, meta.service)
      }, meta.service)
    )
  }
  return () => cancels.forEach(cancel => cancel())
}
