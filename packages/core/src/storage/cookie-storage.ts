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

/** The host itself (host-only cookie) and each parent domain a cookie could have been set on. */
function domains(host: string): (string | undefined)[] {
  let list: (string | undefined)[] = [undefined]
  // An IP address has no parent domains.
  if (/^[\d.]+$|:/.test(host)) return list
  let labels = host.split('.')
  for (let i = 0; i < labels.length - 1; i++) list.push(labels.slice(i).join('.'))
  return list
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
    for (let at of domains(location.hostname)) Cookies.remove(name, { path, domain: at })
  }

  let set = (value: string, expires: Date): void => {
    Cookies.set(name, value, { expires, path, domain, sameSite, secure: location.protocol === 'https:' })
  }

  return {
    read,
    write(value, expires) {
      if (typeof document == 'undefined') return false
      set(value, expires)
      if (read().length > 1) {
        // A cookie left on another domain (a changed `cookie.domain`) would shadow this one on
        // the next visit and bring the banner back: keep exactly one.
        removeEverywhere()
        set(value, expires)
      }
      return read().includes(value)
    },
    clear() {
      if (typeof document != 'undefined') removeEverywhere()
    }
  }
}
