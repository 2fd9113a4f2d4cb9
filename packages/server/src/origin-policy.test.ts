import { describe, expect, it } from 'vitest'

import { backends } from '../test/databases.js'
import { makeEntry } from '../test/entries.js'
import { useReceiver } from '../test/receiver.js'

const BASE = 'http://consent.example'

for (let backend of await backends()) {
  describe.skipIf(!!backend.missing)(`the origin policy on ${backend.name}`, () => {
    let suite = useReceiver(backend)

    describe('CORS', () => {
      it('answers a preflight from an allowed origin, credentials included for beacons', async () => {
        let app = suite.makeApp()
        let response = await app.request('/consent', {
          method: 'OPTIONS',
          headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }
        })
        expect(response.status).toBe(204)
        expect(Object.fromEntries(response.headers)).toMatchObject({
          'access-control-allow-origin': 'https://shop.example',
          'access-control-allow-credentials': 'true',
          'access-control-allow-methods': 'GET, POST, DELETE',
          'access-control-allow-headers': 'content-type',
          vary: 'Origin'
        })
      })

      it('refuses other origins, preflight or not, and stores nothing from them', async () => {
        let app = suite.makeApp()
        let preflight = await app.request('/consent', {
          method: 'OPTIONS',
          headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' }
        })
        let sent = await suite.post(app, JSON.stringify(makeEntry()), { origin: 'https://evil.example', 'content-type': 'text/plain' })
        let read = await app.request(`/consent/${makeEntry().id}`, { headers: { origin: 'https://evil.example' } })
        for (let response of [preflight, sent, read]) {
          expect(response.status).toBe(403)
          expect(response.headers.get('access-control-allow-origin')).toBeNull()
          expect(await response.json()).toEqual({ error: 'this origin may not send consent records here' })
        }
        expect(await suite.stored()).toBe(0)
      })

      it('lets allowed origins, its own origin and clients without Origin post', async () => {
        let app = suite.makeApp()
        let allowed = await suite.post(app, JSON.stringify(makeEntry()), { origin: 'https://shop.example' })
        let own = await app.request(`${BASE}/consent`, {
          method: 'POST',
          body: JSON.stringify(makeEntry()),
          headers: { origin: BASE, 'content-type': 'application/json' }
        })
        let none = await suite.post(app, JSON.stringify(makeEntry()))
        expect([allowed.status, own.status, none.status]).toEqual([201, 201, 201])
        expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example')
        expect(await suite.stored()).toBe(3)
        let any = suite.makeApp({ origins: '*' })
        expect((await suite.post(any, JSON.stringify(makeEntry()), { origin: 'https://blog.example' })).status).toBe(201)
      })
    })
  })
}
