import Cookies from 'js-cookie'

import type { Consent } from './consent.js'
import type { CookieDeclaration } from './config.js'
import type { ConsentRecord } from './record.js'
import { cookieDomains } from './storage/cookie-storage.js'
import { cookiePattern } from './validate.js'

/** Where else {@link clearCookies} looks for cookies. */
export interface ClearCookiesOptions {
  /**
   * The host whose parent domains are tried.
   * @default location.hostname
   */
  hostname?: string
  /** Paths to try besides `"/"`, each declaration's path and every path the page is under. */
  paths?: string[]
}

/** Cookies and web storage keys to clear on withdrawal: names or `"/regex/"` strings. */
export interface CleanupTargets {
  cookies?: string[]
  storage?: string[]
}

/** What a visitor took back: categories as a whole, and single services by category. */
export interface Withdrawn {
  /** Categories granted before and refused now. */
  categories: string[]
  /** Services granted before and refused now, by category id, including those of `categories`. */
  services: Record<string, string[]>
}

export interface CleanupOptions {
  /**
   * More cookies and keys to clear, keyed by category id (`"analytics"`) or by category and
   * service (`"analytics.googleAnalytics"`); integrations pass their {@link TRACKER_COOKIES} here.
   */
  extra?: Record<string, CleanupTargets>
  /**
   * Reload the page after a withdrawal, so tags that already run stop and cannot write their
   * cookies again. Not done for a first refusal: nothing was allowed to run.
   * @default false
   */
  reload?: boolean
  /** Called after each withdrawal is cleared (never for a first refusal), before any reload. */
  onWithdraw?: (withdrawn: Withdrawn) => void
}

/**
 * First-party cookies of common tags (T-05), to pass as `extra` to {@link createCleanup}.
 * Google Analytics writes `_ga_<measurement id>`, `_gat_<property>` and `_dc_gtm_<property>`,
 * hence the patterns.
 * @example
 * createCleanup(consent, { extra: { analytics: { cookies: TRACKER_COOKIES.googleAnalytics } } })
 */
export const TRACKER_COOKIES: Record<'googleAnalytics' | 'googleAds' | 'metaPixel', string[]> = {
  googleAnalytics: ['_ga', '/^_ga_/', '_gid', '/^_gat/', '/^_dc_gtm_/', '/^_gac_/'],
  googleAds: ['/^_gcl_/'],
  metaPixel: ['_fbp', '_fbc']
}

/** Compiles a `"/regex/"` string; `undefined` for a plain name. */
function compile(declared: string): RegExp | undefined {
  try {
    return cookiePattern(declared)
  } catch {
    // `extra` is not validated like the configuration: a pattern that does not compile is taken
    // as a plain name, which no cookie has ("/" is not allowed in one) but a storage key may.
    return undefined
  }
}

/** Tests a name against a plain name or a `"/regex/"` string. */
function matcher(declared: string): (name: string) => boolean {
  let pattern = compile(declared)
  return pattern ? name => pattern.test(name) : name => name === declared
}

/**
 * Every cookie path the page's cookies can have (RFC 6265 section 5.1.4): for "/a/b", the paths
 * "/", "/a", "/a/" and "/a/b". A cookie is only deleted on its exact path.
 */
function pathsOf(pathname: string): string[] {
  let list = new Set(['/'])
  for (let i = 1; i < pathname.length; i++) {
    if (pathname[i] === '/') list.add(pathname.slice(0, i)).add(pathname.slice(0, i + 1))
  }
  return [...list.add(pathname)]
}

/** The names of the cookies the page sees, decoded the way js-cookie encodes them again. */
function visibleCookies(): string[] {
  return document.cookie
    .split(/; */)
    .filter(Boolean)
    .map(pair => {
      let name = pair.split('=')[0]
      try {
        return decodeURIComponent(name)
      } catch {
        return name
      }
    })
}

/**
 * Deletes the cookies the page can see whose name is declared, or matches a declared
 * `"/regex/"`. Each is deleted host-only and on every parent domain, on `"/"`, its declared path
 * and every path the page is under, since the browser only deletes a cookie on its exact domain
 * and path, and Google Analytics writes on the highest domain it can (T-05).
 *
 * A plain name declared on a path this page is not under is deleted there too, though unseen.
 *
 * HttpOnly cookies cannot be read or deleted from JavaScript: the server that set them has to
 * expire them. Does nothing during server-side rendering.
 * @returns The names that were seen before and are gone now.
 * @example
 * clearCookies([{ name: '_ga' }, { name: '/^_ga_/' }, { name: 'ref', path: '/shop' }])
 */
export function clearCookies(declarations: CookieDeclaration[], options: ClearCookiesOptions = {}): string[] {
  // Nothing to do: not even a read of document.cookie, which costs a round trip in some browsers.
  if (typeof document == 'undefined' || declarations.length === 0) return []
  let { hostname = location.hostname, paths = [] } = options
  let pagePaths = pathsOf(location.pathname)
  let before = visibleCookies()
  let tried = new Set<string>()
  for (let declaration of declarations) {
    let { name, domain, path = '/' } = typeof declaration == 'string' ? { name: declaration } : declaration
    let names = before.filter(matcher(name))
    // A cookie on a path outside this page is unseen, yet the page may still expire it.
    if (names.length === 0 && !compile(name) && !pagePaths.includes(path)) names.push(name)
    for (let cookie of names) {
      tried.add(cookie)
      // A "__Secure-" or "__Host-" cookie is only accepted, even to expire it, with Secure.
      let secure = /^__(Secure|Host)-/.test(cookie)
      for (let at of cookieDomains(hostname, domain)) {
        for (let on of new Set([...pagePaths, path, ...paths])) {
          Cookies.remove(cookie, { path: on, domain: at, secure })
        }
      }
    }
  }
  let after = visibleCookies()
  return [...new Set(before)].filter(name => tried.has(name) && !after.includes(name))
}

/**
 * Removes the keys that are declared, or match a declared `"/regex/"`, from localStorage and
 * sessionStorage (T-06). Storage that is unavailable, as in some privacy modes, is skipped.
 * @returns The keys removed, each once.
 * @example
 * clearStorage(['_hjid', '/^_hjSession/'])
 */
export function clearStorage(keys: string[]): string[] {
  // Nothing to do: the first touch of localStorage loads it, which takes time on a click.
  if (typeof window == 'undefined' || keys.length === 0) return []
  let removed = new Set<string>()
  let matchers = keys.map(matcher)
  for (let area of ['localStorage', 'sessionStorage'] as const) {
    try {
      // In privacy modes reading `window.localStorage` itself can throw a SecurityError.
      let storage = window[area]
      let found: string[] = []
      for (let i = 0; i < storage.length; i++) {
        let key = storage.key(i) as string
        if (matchers.some(matches => matches(key))) found.push(key)
      }
      // Removed after the scan: removing shifts the indexes `key(i)` reads.
      for (let key of found) {
        storage.removeItem(key)
        removed.add(key)
      }
    } catch {
      // Nothing can be stored there either, so there is nothing to remove.
    }
  }
  return [...removed]
}

/**
 * Deletes IndexedDB databases by name or `"/regex/"` (T-06). A pattern needs
 * `indexedDB.databases()` to find the names (every current browser has it); without it, only
 * plain names are deleted. Never throws: in privacy modes IndexedDB may be missing or refuse.
 */
export function clearIndexedDB(names: string[]): void {
  if (names.length === 0 || typeof indexedDB == 'undefined') return
  let patterns = names.map(compile).filter((pattern): pattern is RegExp => !!pattern)
  try {
    for (let name of names) if (!compile(name)) indexedDB.deleteDatabase(name)
    if (patterns.length > 0) {
      indexedDB.databases?.().then(
        found => {
          for (let { name } of found) if (name && patterns.some(pattern => pattern.test(name))) indexedDB.deleteDatabase(name)
        },
        () => {}
      )
    }
  } catch {
    // A SecurityError: there is no database to delete either.
  }
}

const granted = (record: ConsentRecord | null, category: string, service?: string): boolean =>
  !!record && (service === undefined ? record.categories[category] : record.services[category]?.[service]) === true

/**
 * Clears what a visitor takes back: when a category is refused after being granted, its
 * cookies and storage keys and those of all its services; when only a service is, just that
 * service's. `extra` adds targets per category or `"category.service"`. Required categories
 * are never cleared, and a name also declared by something still granted is kept.
 *
 * A first decision also clears what it refuses: nothing was allowed to set those cookies, but a
 * tag hard-coded in the page may have run before the banner, and clearing them costs little.
 * That is not a withdrawal: `onWithdraw` and `reload` wait for one.
 *
 * Tags that already run keep running and may write their cookies again: use `reload`, or stop
 * them in `onWithdraw`. HttpOnly cookies need the server (see {@link clearCookies}).
 * @returns The function that stops clearing.
 * @example
 * let stop = createCleanup(consent, {
 *   extra: { 'analytics.ga4': { cookies: TRACKER_COOKIES.googleAnalytics } },
 *   reload: true
 * })
 */
export function createCleanup(consent: Consent, options: CleanupOptions = {}): () => void {
  let { categories } = consent.config
  let { extra = {} } = options

  let sweep = (record: ConsentRecord | null, previous: ConsentRecord | null, notify: boolean): void => {
    let withdrawn: Withdrawn = { categories: [], services: {} }
    let cookies: CookieDeclaration[] = []
    let storage: string[] = []
    let databases: string[] = []
    let keptCookies = new Set<string>()
    let keptStorage = new Set<string>()
    let keptDatabases = new Set<string>()
    // Without a previous decision, everything refused counts as taken back.
    let before = (category: string, service?: string): boolean =>
      !previous || granted(previous, category, service)

    let collect = (
      clear: boolean,
      declared: { cookies: CookieDeclaration[]; storage: string[]; indexedDB: string[] },
      key: string
    ): void => {
      let more = extra[key] ?? {}
      let names = [...declared.cookies, ...(more.cookies ?? [])]
      let keys = [...declared.storage, ...(more.storage ?? [])]
      if (clear) {
        cookies.push(...names)
        storage.push(...keys)
        databases.push(...declared.indexedDB)
      } else {
        for (let cookie of names) keptCookies.add(typeof cookie == 'string' ? cookie : cookie.name)
        for (let key of keys) keptStorage.add(key)
        for (let name of declared.indexedDB) keptDatabases.add(name)
      }
    }

    // After a reset the engine's grants apply: in opt-out regions an undecided visitor allows all.
    let now = (category: string, service?: string): boolean =>
      record
        ? granted(record, category, service)
        : service === undefined
          ? consent.$categories.get()[category]
          : consent.$services.get()[category]?.[service] === true
    for (let id in categories) {
      let category = categories[id]
      let keep = category.required || now(id)
      let whole = !keep && before(id)
      if (whole) withdrawn.categories.push(id)
      if (keep || whole) collect(whole, category, id)
      for (let service in category.services) {
        let keepService = category.required || now(id, service)
        let taken = !keepService && before(id, service)
        if (taken) (withdrawn.services[id] ??= []).push(service)
        // A withdrawn category takes all its services' cookies, also those refused earlier.
        if (keepService || taken || whole) collect(!keepService, category.services[service], `${id}.${service}`)
      }
    }

    clearCookies(cookies.filter(cookie => !keptCookies.has(typeof cookie == 'string' ? cookie : cookie.name)))
    clearStorage(storage.filter(key => !keptStorage.has(key)))
    clearIndexedDB(databases.filter(name => !keptDatabases.has(name)))

    // In opt-out regions everything ran before the first choice, so a first refusal withdraws it.
    let first = !previous && consent.mode !== 'opt-out'
    if (!notify || first || (withdrawn.categories.length === 0 && Object.keys(withdrawn.services).length === 0)) return
    try {
      options.onWithdraw?.(withdrawn)
    } finally {
      // Even when the callback fails: the reload is what stops the tags.
      if (options.reload) location.reload()
    }
  }

  // A returning visitor: clear what the stored choice refuses, in case a tag hard-coded in the
  // page ran, or Global Privacy Control took marketing back as the page loaded.
  let stored = consent.$record.get()
  if (stored) sweep(stored, null, false)
  return consent.on('change', (record, previous) => sweep(record, previous, true))
}
