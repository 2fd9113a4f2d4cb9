import { Hono } from 'hono'
import type { Context } from 'hono'

import { adminRoutes } from './admin-routes.js'
import { truncateAddress } from './client-address.js'
import { consentRoutes } from './consent-routes.js'
import { originPolicy } from './origin-policy.js'
import type { AllowedOrigins } from './origin-policy.js'
import { createRateLimiter } from './rate-limit.js'
import type { RateLimitOptions } from './rate-limit.js'
import type { ConsentStore } from './store/store.js'

export interface AppOptions {
  store: ConsentStore
  /** Origins of the sites whose pages send records, e.g. `https://shop.example`; `'*'` for any. The receiver's own origin is always allowed. @default [] */
  origins?: AllowedOrigins
  /** The token of the admin API (`Authorization: Bearer …`); without one it answers 401. */
  adminToken?: string
  /** Per-client limit on the `/consent` routes; `false` turns it off. @default { limit: 60, windowMs: 60000 } */
  rateLimit?: RateLimitOptions | false
  /** With a salt, each entry keeps an HMAC of the client's truncated address, for abuse control. @default no hash */
  hashIp?: { salt: string }
  /** Largest accepted body, in bytes. @default 8192 */
  maxBodyBytes?: number
  /** The server's clock, for received-at times and the rate limit. @default Date.now */
  now?: () => number
  /**
   * The client's IP address. The default reads the socket under `@hono/node-server`; on other
   * runtimes, or behind a proxy, pass your own (e.g. from `X-Forwarded-For`).
   */
  clientAddress?: (c: Context) => string | undefined
}

/** The socket's address under `@hono/node-server`, which passes `{ incoming }` as the app's env. */
const socketAddress = (c: Context): string | undefined =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress

/**
 * The consent-log receiver as a Hono app, with no state outside it: `POST /consent`,
 * `GET`/`DELETE /consent/:id`, `POST /consent/cookie` (sets the consent cookie again from the
 * server, T-03), `GET /admin/export`, `GET /admin/stats` and `GET /healthz`.
 * Every error is JSON `{ "error": "…" }` and never repeats the request.
 * @example
 * let app = createApp({ store: await pgliteStore({ dataDir: './data' }), origins: ['https://shop.example'] })
 * serve({ fetch: app.fetch, port: 8787 })
 */
export function createApp(options: AppOptions): Hono {
  let { store, origins = [], adminToken, rateLimit = {}, hashIp, maxBodyBytes = 8192, now = Date.now, clientAddress = socketAddress } = options
  let app = new Hono()

  app.use(async (c, next) => {
    await next()
    // Consent records are personal data: no cache keeps them, no browser guesses their type.
    c.header('Cache-Control', 'no-store')
    c.header('X-Content-Type-Options', 'nosniff')
  })

  app.get('/healthz', async c => {
    try {
      await store.ping()
      return c.json({ status: 'ok' })
    } catch {
      return c.json({ error: 'the database does not answer' }, 503)
    }
  })

  app.use('/consent', originPolicy(origins))
  app.use('/consent/*', originPolicy(origins))
  app.route(
    '/consent',
    consentRoutes({
      store,
      limiter: rateLimit === false ? null : createRateLimiter(rateLimit, now),
      client: c => {
        let address = clientAddress(c)
        return { address, key: address ? truncateAddress(address, 'client') : 'unknown' }
      },
      ipSalt: hashIp?.salt,
      maxBodyBytes,
      now
    })
  )
  app.route('/admin', adminRoutes({ store, adminToken }))

  app.notFound(c => c.json({ error: 'no such route' }, 404))
  app.onError((error, c) => {
    // The route's pattern, not its path: the path may hold a consent id.
    console.error(`consentry: ${c.req.method} ${c.req.routePath} failed:`, error)
    return c.json({ error: 'internal server error' }, 500)
  })
  return app
}
