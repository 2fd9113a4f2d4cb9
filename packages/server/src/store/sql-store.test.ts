import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { backends } from '../../test/databases.js'
import type { TestDatabase } from '../../test/databases.js'
import { makeEntry, makeOldEntry } from '../../test/entries.js'
import { parseEntry } from '../parse-entry.js'
import { MIGRATIONS, migrate } from './migrations.js'
import type { ConsentStore, StoredEntry } from './store.js'

const T = (iso: string): Date => new Date(iso)
const meta = (receivedAt: string, ipHash: string | null = null) => ({ receivedAt: T(receivedAt), ipHash })

async function collect(items: AsyncIterable<StoredEntry>): Promise<StoredEntry[]> {
  let result: StoredEntry[] = []
  for await (let item of items) result.push(item)
  return result
}

for (let backend of await backends()) {
  describe.skipIf(!!backend.missing)(`the SQL store on ${backend.name}`, () => {
    let db: TestDatabase
    let store: ConsentStore
    beforeAll(async () => {
      db = await backend.open()
      store = db.store
    }, 60_000)
    afterAll(() => db?.drop())
    beforeEach(() => db.clear())

    it('keeps an entry once, however often it is replayed', async () => {
      let entry = makeEntry()
      expect(await store.add(entry, meta('2026-11-23T10:00:01.000Z'))).toBe('stored')
      expect(await store.add({ ...entry }, meta('2026-11-23T10:00:05.000Z'))).toBe('duplicate')
      expect(await store.count()).toBe(1)
      // The first reception counts.
      expect((await store.history(entry.id))[0].receivedAt).toBe('2026-11-23T10:00:01.000Z')
    })

    it('reports a different entry under the same id, time and action as a conflict and keeps the first', async () => {
      let entry = makeEntry()
      await store.add(entry, meta('2026-11-23T10:00:01.000Z'))
      let forged = { ...entry, categories: { essential: true, analytics: false, marketing: false } }
      expect(await store.add(forged, meta('2026-11-23T10:00:02.000Z'))).toBe('conflict')
      expect((await store.history(entry.id)).map(item => item.entry)).toEqual([entry])
    })

    it('reads an entry stored before uiLayer and jurisdictionRule existed with both null, and takes its retry as a duplicate', async () => {
      let old = makeOldEntry()
      // As an earlier server stored it: the entry as sent, without the two fields.
      await db.client.query(
        'INSERT INTO consent_log (consent_id, at, action, received_at, ip_hash, entry) VALUES ($1, $2, $3, $4, NULL, $5::json)',
        [old.id, old.at, old.action, '2026-11-23T10:00:01.000Z', JSON.stringify(old)]
      )
      let complete = { ...old, uiLayer: null, jurisdictionRule: null }
      let [kept] = await store.history(old.id)
      expect(kept.entry).toEqual(complete)
      expect(Object.keys(kept.entry)).toEqual(Object.keys(makeEntry()))
      expect((await collect(store.list({ from: null, to: null }))).map(item => item.entry)).toEqual([complete])

      // The browser retries the same body; the receiver now gives it both fields as null.
      expect(await store.add(parseEntry(old).entry!, meta('2026-11-23T10:05:00.000Z'))).toBe('duplicate')
      expect(await store.add({ ...complete, uiLayer: 'first' }, meta('2026-11-23T10:05:01.000Z'))).toBe('conflict')
      expect(await store.count()).toBe(1)
    })

    it('keeps entries of one id that differ in time or action', async () => {
      let entry = makeEntry()
      await store.add(entry, meta('2026-11-23T10:00:01.000Z'))
      await store.add({ ...entry, at: '2026-11-23T10:00:00.001Z' }, meta('2026-11-23T10:00:01.000Z'))
      await store.add({ ...entry, action: 'withdraw', method: 'reject-all' }, meta('2026-11-23T10:00:01.000Z'))
      expect(await store.count()).toBe(3)
    })

    it('gives one id its history oldest first, exactly as sent, with the server time and address hash', async () => {
      let first = makeEntry({ at: '2026-11-20T08:00:00.000Z' })
      let second = makeEntry({
        id: first.id,
        previousId: first.id,
        at: '2026-11-22T09:30:00.000Z',
        updatedAt: '2026-11-22T09:30:00.000Z',
        categories: { essential: true, analytics: false, marketing: false },
        services: { analytics: { ga4: false }, marketing: { meta: false } },
        method: 'reject-all',
        action: 'withdraw'
      })
      await store.add(second, meta('2026-11-22T09:30:01.000Z', 'abc123'))
      await store.add(first, meta('2026-11-22T09:30:02.000Z'))
      await store.add(makeEntry(), meta('2026-11-22T09:30:03.000Z'))

      let history = await store.history(first.id)
      expect(history).toEqual([
        { receivedAt: '2026-11-22T09:30:02.000Z', ipHash: null, entry: first },
        { receivedAt: '2026-11-22T09:30:01.000Z', ipHash: 'abc123', entry: second }
      ])
      // The SDK's field order, whatever order the database keeps keys in.
      expect(Object.keys(history[0].entry)).toEqual(Object.keys(first))
      expect(await store.history(makeEntry().id)).toEqual([])
    })

    it('erases one id completely and nothing else', async () => {
      let mine = makeEntry()
      let other = makeEntry()
      await store.add(mine, meta('2026-11-23T10:00:01.000Z'))
      await store.add({ ...mine, at: '2026-11-23T11:00:00.000Z', action: 'reject-all', method: 'reject-all' }, meta('2026-11-23T11:00:01.000Z'))
      await store.add(other, meta('2026-11-23T10:00:02.000Z'))

      expect(await store.erase(mine.id)).toBe(2)
      expect(await store.history(mine.id)).toEqual([])
      expect(await store.erase(mine.id)).toBe(0)
      expect((await store.history(other.id)).map(item => item.entry)).toEqual([other])
    })

    it('lists a range of reception times, from included and to excluded, across pages', async () => {
      let times = ['2026-11-01T00:00:00.000Z', '2026-11-01T23:59:59.999Z', '2026-11-02T00:00:00.000Z', '2026-11-03T12:00:00.000Z']
      let entries = times.map(() => makeEntry())
      // Received in reverse, and several at the same millisecond.
      for (let index = times.length - 1; index >= 0; index--) await store.add(entries[index], meta(times[index]))
      let sameTime = Array.from({ length: 5 }, () => makeEntry())
      for (let entry of sameTime) await store.add(entry, meta('2026-11-01T12:00:00.000Z'))

      let all = await collect(store.list({ from: null, to: null }))
      expect(all.map(item => item.receivedAt)).toEqual([times[0], ...sameTime.map(() => '2026-11-01T12:00:00.000Z'), ...times.slice(1)])
      expect(new Set(all.map(item => item.entry.id)).size).toBe(9)

      let firstDay = await collect(store.list({ from: T('2026-11-01T00:00:00.000Z'), to: T('2026-11-02T00:00:00.000Z') }))
      expect(firstDay.map(item => item.entry.id).sort()).toEqual([entries[0], entries[1], ...sameTime].map(entry => entry.id).sort())
      let later = await collect(store.list({ from: T('2026-11-02T00:00:00.000Z'), to: null }))
      expect(later.map(item => item.entry.id)).toEqual([entries[2].id, entries[3].id])
    })

    it('counts consent rates per category per day from each id’s last decision of the day, resets and expiries left out', async () => {
      let day = '2026-11-23T'
      let a = makeEntry({ at: `${day}08:00:00.000Z` })
      // A changes its mind the same day: only the refusal counts.
      let aLater = makeEntry({
        id: a.id,
        previousId: a.id,
        at: `${day}09:00:00.000Z`,
        categories: { essential: true, analytics: false, marketing: false },
        method: 'reject-all',
        action: 'withdraw'
      })
      let b = makeEntry({ at: `${day}10:00:00.000Z`, categories: { essential: true, analytics: true, marketing: false }, method: 'custom', action: 'custom' })
      // C decides, then resets: no decision that day.
      let c = makeEntry({ at: `${day}11:00:00.000Z` })
      let cReset = makeEntry({ id: c.id, at: `${day}11:30:00.000Z`, categories: { essential: false, analytics: false, marketing: false }, method: null, action: 'reset' })
      // D's decision from long ago ran out: no decision that day either.
      let d = makeEntry({ at: '2026-05-01T08:00:00.000Z' })
      let dExpire = makeEntry({ id: d.id, at: `${day}12:00:00.000Z`, categories: { essential: false, analytics: false, marketing: false }, method: null, action: 'expire' })
      let nextDay = makeEntry({ at: '2026-11-24T08:00:00.000Z' })
      for (let [entry, received] of [
        [a, `${day}08:00:01.000Z`],
        [aLater, `${day}09:00:01.000Z`],
        [b, `${day}10:00:01.000Z`],
        [c, `${day}11:00:01.000Z`],
        [cReset, `${day}11:30:01.000Z`],
        [dExpire, `${day}12:00:01.000Z`],
        [nextDay, '2026-11-24T08:00:01.000Z']
      ] as const) {
        await store.add(entry, meta(received))
      }

      expect(await store.stats({ from: null, to: null })).toEqual([
        {
          day: '2026-11-23',
          decisions: 2,
          categories: {
            analytics: { granted: 1, refused: 1, rate: 0.5 },
            essential: { granted: 2, refused: 0, rate: 1 },
            marketing: { granted: 0, refused: 2, rate: 0 }
          }
        },
        {
          day: '2026-11-24',
          decisions: 1,
          categories: {
            analytics: { granted: 1, refused: 0, rate: 1 },
            essential: { granted: 1, refused: 0, rate: 1 },
            marketing: { granted: 1, refused: 0, rate: 1 }
          }
        }
      ])
      expect((await store.stats({ from: T('2026-11-24T00:00:00.000Z'), to: null })).map(stats => stats.day)).toEqual(['2026-11-24'])
      expect(await store.stats({ from: T('2027-01-01T00:00:00.000Z'), to: null })).toEqual([])
    })

    it('purges what was received before a time and keeps the rest', async () => {
      let old = makeEntry()
      let recent = makeEntry()
      await store.add(old, meta('2023-11-22T23:59:59.999Z'))
      await store.add(recent, meta('2023-11-23T00:00:00.000Z'))
      expect(await store.purge(T('2023-11-23T00:00:00.000Z'))).toBe(1)
      expect(await store.count()).toBe(1)
      expect(await store.history(old.id)).toEqual([])
      expect(await store.history(recent.id)).toHaveLength(1)
    })

    it('migrates once: starting again keeps the data and the version', async () => {
      await store.add(makeEntry(), meta('2026-11-23T10:00:01.000Z'))
      // Two instances starting together wait for each other.
      expect(await Promise.all([migrate(db.client), migrate(db.client)])).toEqual([MIGRATIONS.length, MIGRATIONS.length])
      expect(await db.client.query('SELECT version FROM consentry_migrations ORDER BY version')).toEqual(
        MIGRATIONS.map((_, index) => ({ version: index + 1 }))
      )
      expect(await store.count()).toBe(1)
    })

    it('applies only the new steps of a later version', async () => {
      let steps = [...MIGRATIONS, 'CREATE TABLE consent_extra (id integer)']
      expect(await migrate(db.client, steps)).toBe(steps.length)
      expect(await db.client.query('SELECT count(*)::int AS count FROM consent_extra')).toEqual([{ count: 0 }])
      // An older server refuses a newer schema rather than guess.
      await expect(migrate(db.client)).rejects.toThrow(`schema is at version ${steps.length}, newer than this server knows (${MIGRATIONS.length})`)
      await db.client.exec(`DROP TABLE consent_extra; DELETE FROM consentry_migrations WHERE version = ${steps.length}`)
    })

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined()
    })
  })
}
