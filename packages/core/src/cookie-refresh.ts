import type { Consent } from './consent.js'
import type { ConsentRecord } from './record.js'

export interface CookieRefreshOptions {
  /** @default globalThis.fetch */
  fetch?: typeof fetch
  /** Remembers, for the browser session, which decision was refreshed; `null` keeps none. @default sessionStorage */
  storage?: Storage | null
}

/**
 * Asks the site's server to set the consent cookie again, from its own response (T-03): Safari
 * caps a cookie that a script writes at 7 days, not one that an HTTP response of the site's origin
 * sets. `url` answers with `Set-Cookie` (`POST /consent/cookie` of `@consentry/server` does): the
 * request carries the cookie the browser holds, and the cookie's settings as JSON. Sent after each
 * decision, and for a decision already stored once per browser session. Never throws, never waits.
 * @returns The function that stops it.
 * @example
 * let stop = createCookieRefresh(consent, '/consent/cookie')
 */
export function createCookieRefresh(consent: Consent, url: string, options: CookieRefreshOptions = {}): () => void {
  let { name, path, domain, sameSite } = consent.config.cookie
  let body = JSON.stringify({ name, path, domain, sameSite })
  let key = `${name}-refreshed`
  let storage: Storage | null = null
  try {
    // Reading `sessionStorage` throws in some privacy modes, and in Node.
    storage = options.storage !== undefined ? options.storage : sessionStorage
  } catch {}
  let send = (stamp: string): void => {
    try {
      ;(options.fetch ?? fetch)(url, {
        method: 'POST',
        // The request must carry the cookie, also to a receiver on a parent domain.
        credentials: 'include',
        keepalive: true,
        headers: { 'content-type': 'application/json' },
        body
      }).then(
        response => {
          try {
            if (response.ok) storage?.setItem(key, stamp)
          } catch {}
        },
        () => {}
      )
    } catch {}
  }
  let stamp = (record: ConsentRecord): string => `${record.id} ${record.updatedAt}`
  let current = consent.$record.get()
  let done: string | null = null
  try {
    done = storage?.getItem(key) ?? null
  } catch {}
  if (current && done !== stamp(current)) send(stamp(current))
  // After a reset there is no cookie to refresh.
  return consent.on('change', record => record && send(stamp(record)))
}
