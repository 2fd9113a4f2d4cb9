import { describe, expect, it } from 'vitest'

import { backends } from '../test/databases.js'
import { makeEntry } from '../test/entries.js'
import { useReceiver } from '../test/receiver.js'
import type { ConsentStore } from './store/store.js'

for (let backend of await backends()) {
  describe.skipIf(!!backend.missing)(`the receiver on ${backend.name}`, () => {
    let suite = useReceiver(backend)

    describe('health and failures', () => {
      it('reports health, and 503 when the database does not answer', async () => {
        let app = suite.makeApp()
        let healthy = await app.request('/healthz')
        expect([healthy.status, await healthy.json()]).toEqual([200, { status: 'ok' }])
        let broken: ConsentStore = { ...suite.db.store, ping: () => Promise.reject(new Error('connection refused')) }
        let sick = await suite.makeApp({ store: broken }).request('/healthz')
        expect([sick.status, await sick.json()]).toEqual([503, { error: 'the database does not answer' }])
      })

      it('answers 500 without details when storing fails, so the browser keeps the entry queued', async () => {
        let failing: ConsentStore = { ...suite.db.store, add: () => Promise.reject(new Error('disk full at /var/lib/secret')) }
        let errors: unknown[] = []
        let original = console.error
        console.error = (...args: unknown[]) => errors.push(args)
        try {
          let response = await suite.post(suite.makeApp({ store: failing }), JSON.stringify(makeEntry()))
          expect([response.status, await response.json()]).toEqual([500, { error: 'internal server error' }])
        } finally {
          console.error = original
        }
        expect(errors).toHaveLength(1)
      })

      it('cuts an export off when the database fails midway, and stays up', async () => {
        let entry = makeEntry()
        await suite.post(suite.makeApp(), JSON.stringify(entry))
        let kept = (await suite.db.store.history(entry.id))[0]
        let failing: ConsentStore = {
          ...suite.db.store,
          list: async function* () {
            yield kept
            throw new Error('connection reset')
          }
        }
        let errors: unknown[] = []
        let original = console.error
        console.error = (...args: unknown[]) => errors.push(args)
        try {
          let app = suite.makeApp({ store: failing })
          let response = await suite.admin(app, '/admin/export')
          expect(response.status).toBe(200)
          await expect(response.text()).rejects.toThrow()
          expect((await app.request('/healthz')).status).toBe(200)
        } finally {
          console.error = original
        }
        expect(errors).toHaveLength(1)
      })

      it('answers unknown routes with a JSON 404', async () => {
        let response = await suite.makeApp().request('/consent-log')
        expect([response.status, await response.json()]).toEqual([404, { error: 'no such route' }])
      })
    })
  })
}
