import type { MiddlewareHandler } from 'hono'

/** Sites whose pages may send records: exact origins (`https://shop.example`), or `'*'` for any. */
export type AllowedOrigins = readonly string[] | '*'

/**
 * CORS with an allow-list, enforced on the server too: a browser request from an origin not on
 * the list is refused with 403 and nothing is stored (beacons sent as text/plain need no
 * preflight, so the browser alone would let them through). The receiver's own origin is always
 * allowed. Requests without an Origin header (not from a browser page) pass.
 * Credentials are allowed because a beacon is sent with cookies: Chromium drops a cross-origin
 * JSON beacon whose preflight lacks `Access-Control-Allow-Credentials: true`.
 */
export function originPolicy(origins: AllowedOrigins): MiddlewareHandler {
  return async (c, next) => {
    let origin = c.req.header('origin')
    if (origin === undefined) return next()
    let allowed = origins === '*' || origins.includes(origin) || origin === new URL(c.req.url).origin
    if (!allowed) return c.json({ error: 'this origin may not send consent records here' }, 403, { Vary: 'Origin' })
    c.header('Access-Control-Allow-Origin', origin)
    c.header('Access-Control-Allow-Credentials', 'true')
    c.header('Vary', 'Origin')
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Methods': 'GET, POST, DELETE',
        'Access-Control-Allow-Headers': 'content-type',
        'Access-Control-Max-Age': '86400'
      })
    }
    return next()
  }
}
