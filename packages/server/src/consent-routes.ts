import { Hono } from 'hono'
import type { Context } from 'hono'

import { hashAddress } from './client-address.js'
import { parseEntry } from './parse-entry.js'
import type { RateLimiter } from './rate-limit.js'
import { readJson } from './read-json.js'
import type { ConsentStore } from './store/store.js'

export interface ConsentRoutesOptions {
  store: ConsentStore
  /** `null` turns the rate limit off. */
  limiter: RateLimiter | null
  /** The client's network, for the rate limit and the address hash. */
  client(c: Context): { key: string; address: string | undefined }
  /** The salt of the address hash, or `undefined` to store none. */
  ipSalt: string | undefined
  maxBodyBytes: number
  now(): number
}

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i

/** The id from the path, in lower case, or `undefined` when it is no UUID. */
const consentId = (c: Context): string | undefined => {
  let id = c.req.param('id') ?? ''
  return UUID.test(id) ? id.toLowerCase() : undefined
}

/**
 * A consent cookie value as `encodeRecord` of `@consentry/core` writes it: format 1, UUID v4,
 * revision, given, updated and expires times (base 36 seconds), method index and layer letter,
 * language, categories, services, and the GPC flag. Nothing else is re-issued, so that the route
 * cannot be used to send back another cookie (a session id) without its HttpOnly flag.
 */
const RECORD =
  /^1~[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}~[1-9]\d{0,8}~[\da-z]{1,9}~[\da-z]{1,9}~[\da-z]{1,9}~[0-5][fsp]?~[A-Za-z]{2,3}(-[A-Za-z\d]{1,8})*~[\w.!-]*~[\w.!:|-]*(~1)?$/
// An RFC 6265 token, as `cookie.name` of the SDK's configuration.
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~\dA-Za-z]{1,128}$/
const COOKIE_PATH = /^\/[^\s;]*$/
const COOKIE_DOMAIN = /^\.?[a-z\d-]+(\.[a-z\d-]+)*$/i
const SAME_SITE: readonly unknown[] = ['Lax', 'Strict', 'None']
/** Browsers cap a cookie's lifetime at 400 days, whatever it asks for. */
const MAX_AGE = 400 * 24 * 60 * 60

interface CookieSettings {
  name: string
  path: string
  domain: string | undefined
  sameSite: string
}

type CookieSettingsParse = { settings: CookieSettings; error?: undefined } | { settings?: undefined; error: string }

/** The SDK's cookie settings from the body of `POST /consent/cookie`, or what is wrong with them. */
function parseCookieSettings(value: unknown): CookieSettingsParse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'the body must be a JSON object with the consent cookie’s settings' }
  }
  // Other fields are ignored: a newer SDK may send more, and the cookie would still be refreshed.
  let { name, path = '/', domain, sameSite = 'Lax' } = value as Record<string, unknown>
  if (typeof name !== 'string' || !COOKIE_NAME.test(name)) {
    return { error: '"name" must be a cookie name of 1 to 128 letters, digits or !#$%&\'*+-.^_`|~' }
  }
  if (typeof path !== 'string' || path.length > 256 || !COOKIE_PATH.test(path)) {
    return { error: '"path" must start with / and hold no spaces or semicolons (256 characters at most)' }
  }
  if (domain !== undefined && (typeof domain !== 'string' || domain.length > 253 || !COOKIE_DOMAIN.test(domain))) {
    return { error: '"domain" must be a domain name such as ".example.com"' }
  }
  if (!SAME_SITE.includes(sameSite)) return { error: '"sameSite" must be "Lax", "Strict" or "None"' }
  return { settings: { name, path, domain, sameSite: sameSite as string } }
}

/** A time of a consent cookie value, by its place (4: updated, 5: expires), in seconds. */
const recordTime = (value: string, index: number): number => parseInt(value.split('~')[index], 36)

/** Every value the `Cookie` header holds for `name`, raw: there is one per path or domain. */
const cookieValues = (header: string, name: string): string[] =>
  header
    .split(';')
    .map(pair => pair.trim())
    .filter(pair => pair.startsWith(name + '='))
    .map(pair => pair.slice(name.length + 1))

/**
 * The public routes under `/consent`: receive an entry, read one visitor's history (data
 * portability, GDPR art. 20) and erase it (art. 17), and set the consent cookie again from the
 * server (T-03). Knowing the random consent id, which only the visitor's cookie holds, is what
 * entitles a caller to its records.
 */
export function consentRoutes({ store, limiter, client, ipSalt, maxBodyBytes, now }: ConsentRoutesOptions): Hono {
  let routes = new Hono()

  routes.use(async (c, next) => {
    let decision = limiter?.take(client(c).key) ?? { ok: true }
    if (!decision.ok) {
      return c.json({ error: 'too many requests from this network; try again later' }, 429, {
        'Retry-After': String(decision.retryAfter)
      })
    }
    return next()
  })

  routes.post('/', async c => {
    let body = await readJson(c.req.raw, maxBodyBytes)
    if (body.status) return c.json({ error: body.error }, body.status)
    let { entry, error } = parseEntry(body.value)
    if (!entry) return c.json({ error }, 400)
    let address = client(c).address
    let ipHash = ipSalt && address ? await hashAddress(address, ipSalt) : null
    let result = await store.add(entry, { receivedAt: new Date(now()), ipHash })
    if (result === 'conflict') {
      return c.json({ error: 'a different entry with this id, time and action is already stored' }, 409)
    }
    return c.json({ status: result }, result === 'stored' ? 201 : 200)
  })

  /**
   * Safari caps a cookie written by `document.cookie` at 7 days, but not one set by a response
   * of the site's own origin (T-03): the SDK posts here after each decision, and the answer sets
   * again the consent cookie that came with the request, for the rest of its lifetime.
   * The value is never taken from the body, only from the cookie the browser already holds, so a
   * cross-site request cannot plant a consent the visitor did not give; the origin policy refuses
   * foreign origins anyway. The format check keeps the route from re-issuing any other cookie
   * of the site (a session id) without its HttpOnly flag.
   */
  routes.post('/cookie', async c => {
    let body = await readJson(c.req.raw, maxBodyBytes)
    if (body.status) return c.json({ error: body.error }, body.status)
    let { settings, error } = parseCookieSettings(body.value)
    if (!settings) return c.json({ error }, 400)
    let { name, path, domain, sameSite } = settings

    let values = cookieValues(c.req.header('cookie') ?? '', name).filter(value => RECORD.test(value))
    // Copies on other paths or domains may be older decisions: the latest one is the visitor's.
    let value = values.sort((a, b) => recordTime(b, 4) - recordTime(a, 4))[0]
    if (value === undefined) return c.json({ error: 'no consent cookie of that name came with the request' }, 404)

    // Whole seconds, rounded down, so that the cookie never outlives the decision; under a
    // second left is as good as expired.
    let maxAge = Math.min(Math.floor(recordTime(value, 5) - now() / 1000), MAX_AGE)
    if (maxAge <= 0) return c.json({ error: 'the consent cookie has expired' }, 404)

    // The page's scheme, not the receiver's: behind a proxy that ends TLS the receiver sees http.
    let origin = c.req.header('origin')
    let https = origin !== undefined ? origin.startsWith('https:') : new URL(c.req.url).protocol === 'https:'
    // Browsers refuse SameSite=None without Secure. Never HttpOnly: the SDK reads the cookie.
    let secure = https || sameSite === 'None'
    c.header(
      'Set-Cookie',
      `${name}=${value}; Path=${path}${domain ? `; Domain=${domain}` : ''}; Max-Age=${maxAge}; SameSite=${sameSite}${secure ? '; Secure' : ''}`
    )
    return c.body(null, 204)
  })

  routes.get('/:id', async c => {
    let id = consentId(c)
    if (!id) return c.json({ error: 'the consent id must be a UUID' }, 400)
    let history = await store.history(id)
    if (history.length === 0) return c.json({ error: 'no records for this consent id' }, 404)
    return c.json({ id, records: history.map(({ receivedAt, entry }) => ({ receivedAt, ...entry })) })
  })

  routes.delete('/:id', async c => {
    let id = consentId(c)
    if (!id) return c.json({ error: 'the consent id must be a UUID' }, 400)
    let deleted = await store.erase(id)
    if (deleted === 0) return c.json({ error: 'no records for this consent id' }, 404)
    return c.json({ id, deleted })
  })

  return routes
}
