// Readers for the tag-gating browser tests, on top of harness.ts: what the page requested, which
// gated tags and vendor stubs ran (`window.__ran`, pushed by the scripts of pages/gating), and
// what was pushed to the Google data layer, in order.
import type { BrowserContext, Page } from 'playwright-core'

declare global {
  interface Window {
    /** Names pushed by the gated tags and vendor stubs of pages/gating, in the order they ran. */
    __ran?: string[]
    /** Every data layer entry, in push order, as recorded by `recordDataLayer`. */
    __layer?: LayerEntry[]
    /** The fbq calls the Meta stub found queued when it ran. */
    __fbq?: unknown[][]
    /** Google's data layer. */
    dataLayer?: unknown[]
    /** Set by a test to tell whether the page was reloaded since. */
    __marker?: boolean
  }
}

/** A data layer entry: a gtag command (`Arguments` or, wrongly, an array) or an object (GTM event). */
export interface LayerEntry {
  type: 'arguments' | 'array' | 'object'
  /** The command's items (a Date as "[Date]"), or the object, cloned as JSON. */
  value: unknown
}

export interface Requests {
  /** Every URL the context requested (pages, frames, scripts, images, fetches), in order. */
  readonly urls: string[]
  /** Path and query of each request, e.g. "/gating/stub-gtag.js?id=G-TEST1". */
  paths(): string[]
  /** How many requests had exactly this path and query, from request number `since` on. */
  count(path: string, since?: number): number
  /** Requests that left the test server (the tests must never reach the internet). */
  external(): string[]
}

const LOCAL_HOST = /^(127\.0\.0\.1|([a-z\d-]+\.)*consentry\.test)$/

/** Records every request of a context, from now on. */
export function recordRequests(context: BrowserContext): Requests {
  let urls: string[] = []
  context.on('request', request => urls.push(request.url()))
  let paths = (): string[] =>
    urls.map(url => {
      if (!url.startsWith('http')) return url
      let { pathname, search } = new URL(url)
      return pathname + search
    })
  return {
    urls,
    paths,
    count: (path, since = 0) =>
      paths()
        .slice(since)
        .filter(at => at === path).length,
    external: () => urls.filter(url => /^(https?|wss?):/.test(url) && !LOCAL_HOST.test(new URL(url).hostname))
  }
}

/** The gated tags and stubs that ran so far, in order. */
export const ran = (page: Page): Promise<string[]> => page.evaluate(() => window.__ran ?? [])

/** Waits until at least `count` gated tags or stubs have run. */
export async function waitForRan(page: Page, count: number): Promise<void> {
  await page.waitForFunction(count => (window.__ran?.length ?? 0) >= count, count)
}

/**
 * Waits until a request made now has come back. Gated elements are activated synchronously when
 * the gate sees them, so anything they were going to request was requested before this one.
 */
export async function settle(page: Page): Promise<void> {
  let marker = `/gating/settle.txt?${Math.random().toString(36).slice(2)}`
  await page.evaluate(async url => {
    await fetch(url, { cache: 'no-store' })
    await new Promise(resolve => requestAnimationFrame(resolve))
  }, marker)
}

/** Gives the page a Global Privacy Control signal, as a browser with GPC on does (P-01). */
export async function enableGpc(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { configurable: true, get: () => true })
  })
}

/**
 * Records every entry pushed to `window.dataLayer`, whoever creates the array and whenever: an
 * accessor on `window` wraps any array assigned to it (Google's `window.dataLayer =
 * window.dataLayer || []`) and records what it already holds and each push.
 */
export async function recordDataLayer(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    let log: LayerEntry[] = (window.__layer = [])
    let describe = (entry: unknown): LayerEntry => {
      let tag = Object.prototype.toString.call(entry)
      if (tag === '[object Arguments]' || Array.isArray(entry)) {
        let items = Array.from(entry as ArrayLike<unknown>, item => (item instanceof Date ? '[Date]' : item))
        return { type: tag === '[object Arguments]' ? 'arguments' : 'array', value: JSON.parse(JSON.stringify(items)) }
      }
      return { type: 'object', value: JSON.parse(JSON.stringify(entry)) }
    }
    let recorded = new WeakSet<unknown[]>()
    let wrap = (array: unknown): unknown => {
      if (!Array.isArray(array) || recorded.has(array)) return array
      recorded.add(array)
      for (let entry of array) log.push(describe(entry))
      let push = array.push
      array.push = function (this: unknown[], ...entries: unknown[]) {
        for (let entry of entries) log.push(describe(entry))
        return push.apply(this, entries)
      }
      return array
    }
    let current: unknown
    Object.defineProperty(window, 'dataLayer', {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: value => {
        current = wrap(value)
      }
    })
  })
}

/** The recorded data layer entries. */
export const layer = (page: Page): Promise<LayerEntry[]> => page.evaluate(() => window.__layer ?? [])

/**
 * A short name per entry, for comparing sequences: "consent default", "consent update",
 * "set ads_data_redaction", "js", "config G-TEST1", "event:gtm.js", "event:consentry_update".
 * A command pushed as an array instead of `Arguments` is marked "(array)" (CM-02).
 */
export function labels(entries: LayerEntry[]): string[] {
  return entries.map(({ type, value }) => {
    if (type === 'object') {
      let event = (value as { event?: string }).event
      return event === undefined ? 'object' : `event:${event}`
    }
    let [command, name] = value as unknown[]
    let text = command === 'consent' || command === 'set' || command === 'config' ? `${command} ${String(name)}` : String(command)
    return type === 'array' ? `${text} (array)` : text
  })
}

/** The Google bootstrap entries: GTM's `gtm.js` event and gtag's `js` and `config` commands. */
export const isBootstrap = (label: string): boolean => label === 'event:gtm.js' || label === 'js' || label.startsWith('config ')

/**
 * The same address of the test server reached through another host name, such as
 * "shop.consentry.test" (test/browser.ts maps *.consentry.test to 127.0.0.1).
 */
export function onHost(address: string, host: string): string {
  let url = new URL(address)
  url.hostname = host
  return url.href
}

/** Consent Mode states: every type denied but security_storage, then the given ones granted. */
export function consentState(granted: string[] = []): Record<string, string> {
  let types = [
    'ad_storage',
    'ad_user_data',
    'ad_personalization',
    'analytics_storage',
    'functionality_storage',
    'personalization_storage',
    'security_storage'
  ]
  return Object.fromEntries(types.map(type => [type, type === 'security_storage' || granted.includes(type) ? 'granted' : 'denied']))
}
