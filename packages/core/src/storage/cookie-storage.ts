import Cookies from 'js-cookie'

import type { ConsentStorage } from './storage.js'

export interface CookieStorageOptions {
  /** @default "consentry" */
  name?: string
  /** A parent domain to share the decision across subdomains (T-04). */
  domain?: string
  /** @default "/" */
  path?: string
  /** @default "Lax" */
  sameSite?: 'Lax' | 'Strict' | 'None'
}

/**
 * Where a cookie of this host can live: no `Domain` (host-only), then the host and each parent
 * domain, then a declared one. Used to find every copy of a cookie before removing it.
 */
export function cookieDomains(host: string, declared?: string): (string | undefined)[] {
  let list = new Set<string | undefined>([undefined])
  // An IP address has no parent domains.
  if (!/^[\d.]+$|:/.test(host)) {
    let labels = host.split('.')
    // Down to the public suffix ("co.uk"): browsers refuse cookies there, so trying is harmless,
    // and it saves shipping a public suffix list to find the registrable domain.
    for (let i = 0; i < labels.length - 1; i++) list.add(labels.slice(i).join('.'))
  }
  // ".example.com" and "example.com" name the same cookie domain (RFC 6265 section 5.2.3).
  if (declared) list.add(declared.replace(/^\./, '').toLowerCase())
  return [...list]
}

/**
 * Stores the decision in one first-party cookie, `Secure` on https (T-01). Safe to create during
 * server-side rendering: without a `document` it stores nothing and `write` returns `false`.
 * @example
 * let storage = cookieStorage({ name: 'consent', domain: '.example.com' })
 */
export function cookieStorage({
  name = 'consentry',
  domain,
  path = '/',
  sameSite = 'Lax'
}: CookieStorageOptions = {}): ConsentStorage {
  let read = (): string[] =>
    typeof document == 'undefined'
      ? []
      : document.cookie
          .split(/; */)
          .filter(pair => pair.startsWith(name + '='))
          .map(pair => pair.slice(name.length + 1))

  let removeEverywhere = (): void => {
    for (let at of cookieDomains(location.hostname)) Cookies.remove(name, { path, domain: at })
  }

  let set = (value: string, expires: Date): void => {
    Cookies.set(name, value, { expires, path, domain, sameSite, secure: location.protocol === 'https:' })
  }

  return {
    read,
    write(value, expires) {
      if (typeof document == 'undefined') return false
      set(value, expires)
      let stored = read()
      if (stored.length > 1) {
        // A cookie left on another domain (a changed `cookie.domain`) would shadow this one on
        // the next visit and bring the banner back: keep exactly one.
        removeEverywhere()
        set(value, expires)
        stored = read()
      }
      return stored.includes(value)
    },
    clear() {
      if (typeof document != 'undefined') removeEverywhere()
    }
  }
}
