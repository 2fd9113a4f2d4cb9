// The set-up the API tests share: a receiver app over a test database, with a clock the test
// sets, and small helpers to post entries and call the admin API as a given client.
import type { Hono } from 'hono'
import { afterAll, beforeAll, beforeEach } from 'vitest'

import { createApp } from '../src/app.js'
import type { AppOptions } from '../src/app.js'
import type { Backend, TestDatabase } from './databases.js'

export const TOKEN = 'admin-token-0123456789abcdef'
/** The clock's time at the start of each test. */
export const START = Date.parse('2026-11-23T10:00:00.000Z')

/** The env `@hono/node-server` passes, as far as the app reads it: the socket's address. */
export const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } })

export interface ReceiverSuite {
  readonly db: TestDatabase
  /** The app's clock, in milliseconds; each test starts at `START`. */
  time: { now: number }
  /** An app allowing https://shop.example, with the admin token `TOKEN` and the test clock. */
  makeApp(options?: Partial<AppOptions>): Hono
  /** POSTs a body to /consent as JSON from a client address. */
  post(app: Hono, body: string, headers?: Record<string, string>, address?: string): Promise<Response>
  /** GETs an admin path with a bearer token (`null`: none). */
  admin(app: Hono, path: string, token?: string | null): Promise<Response>
  /** How many entries the store holds. */
  stored(): Promise<number>
}

/** Registers the hooks of one storage's suite: a database per file, emptied before each test. */
export function useReceiver(backend: Backend): ReceiverSuite {
  let db: TestDatabase
  let time = { now: START }
  // Generous: PGlite and PostgreSQL start slowly on a busy 2-core machine.
  beforeAll(async () => {
    db = await backend.open()
  }, 60_000)
  afterAll(() => db?.drop())
  beforeEach(async () => {
    time.now = START
    await db.clear()
  })
  return {
    get db() {
      return db
    },
    time,
    makeApp: (options = {}) =>
      createApp({ store: db.store, origins: ['https://shop.example'], adminToken: TOKEN, now: () => time.now, ...options }),
    post: async (app, body, headers = {}, address = '192.0.2.10') =>
      app.request('/consent', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }, from(address)),
    admin: async (app, path, token = TOKEN) =>
      app.request(path, { headers: token === null ? {} : { authorization: `Bearer ${token}` } }, from('192.0.2.99')),
    stored: () => db.store.count()
  }
}
