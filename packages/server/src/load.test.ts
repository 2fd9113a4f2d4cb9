import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadTest } from '../scripts/load-test.mjs'
import { backends } from '../test/databases.js'
import type { TestDatabase } from '../test/databases.js'
import { createApp } from './app.js'

// The short form of `pnpm --filter @consentry/server loadtest`: it checks that nothing is lost
// under concurrency, not how fast it goes.
for (let backend of await backends()) {
  describe.skipIf(!!backend.missing)(`under load on ${backend.name}`, () => {
    let db: TestDatabase
    let server: ReturnType<typeof serve>
    let url: string
    beforeAll(async () => {
      db = await backend.open()
      let app = createApp({ store: db.store, rateLimit: false })
      server = await new Promise(resolve => {
        let listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening))
      })
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    }, 60_000)
    afterAll(async () => {
      await new Promise(resolve => server?.close(resolve))
      await db?.drop()
    })

    it('stores every one of 1000 concurrent entries exactly once', { timeout: 60_000 }, async () => {
      let report = await loadTest({ url, store: db.store, requests: 1000, connections: 25 })
      expect({ sent: report.sent, ok: report.ok, failed: report.failed, stored: report.stored }).toEqual({
        sent: 1000,
        ok: 1000,
        failed: 0,
        stored: 1000
      })
      expect(await db.store.count()).toBe(1000)
    })
  })
}
