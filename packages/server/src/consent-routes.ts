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
 * The public routes under `/consent`: receive an entry, read one visitor's history (data
 * portability, GDPR art. 20) and erase it (art. 17). Knowing the random consent id, which only
 * the visitor's cookie holds, is what entitles a caller to its records.
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
