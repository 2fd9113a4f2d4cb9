import { createConsent, encodeRecord, memoryStorage } from '@consentry/core'
import type { Hono } from 'hono'
import { describe, expect, it } from 'vitest'

import { backends } from '../test/databases.js'
import { makeEntry, makeOldEntry } from '../test/entries.js'
import { START, from, useReceiver } from '../test/receiver.js'
import { hashAddress } from './client-address.js'
import type { ConsentEntry } from './parse-entry.js'

const DAY = 24 * 60 * 60 * 1000

/**
 * A consent cookie value as the SDK writes it, for a decision last updated and expiring at the
 * given times: with services (`:` and `|` in the value) and, if asked, the GPC flag.
 */
function consentCookie(updatedAt: number, expiresAt: number, gpc = false): string {
  let config = {
    revision: 3,
    categories: { essential: { required: true }, analytics: { services: { ga4: {}, matomo: {} } }, marketing: {} }
  }
  let consent = createConsent(config, { storage: memoryStorage(), gpc, onMessage: () => {} })
  let record = consent.acceptAll('accept-all', 'first')
  return encodeRecord({ ...record, updatedAt: new Date(updatedAt).toISOString(), expiresAt: new Date(expiresAt).toISOString() })
}

/**
 * POSTs the cookie's settings to /consent/cookie as the SDK does, from an allowed https page
 * unless told otherwise; a header given as `undefined` is not sent.
 */
const refresh = async (app: Hono, settings: unknown, headers: Record<string, string | undefined> = {}, url = '/consent/cookie'): Promise<Response> => {
  let sent = Object.entries({ 'content-type': 'application/json', origin: 'https://shop.example', ...headers })
  return app.request(
    url,
    {
      method: 'POST',
      body: typeof settings === 'string' ? settings : JSON.stringify(settings),
      headers: sent.filter((pair): pair is [string, string] => pair[1] !== undefined)
    },
    from('192.0.2.10')
  )
}

for (let backend of await backends()) {
  describe.skipIf(!!backend.missing)(`the /consent routes on ${backend.name}`, () => {
    let suite = useReceiver(backend)

    describe('POST /consent', () => {
      it('stores a valid entry with the server’s own received-at time', async () => {
        let app = suite.makeApp()
        let entry = makeEntry({ at: '2026-11-20T08:00:00.000Z' })
        let response = await suite.post(app, JSON.stringify(entry))
        expect(response.status).toBe(201)
        expect(await response.json()).toEqual({ status: 'stored' })
        expect(await suite.db.store.history(entry.id)).toEqual([{ receivedAt: '2026-11-23T10:00:00.000Z', ipHash: null, entry }])
      })

      it('accepts the body as text/plain, as a beacon with a string sends it, and with a charset', async () => {
        let app = suite.makeApp()
        let plain = await suite.post(app, JSON.stringify(makeEntry()), { 'content-type': 'text/plain;charset=UTF-8' })
        let json = await suite.post(app, JSON.stringify(makeEntry()), { 'content-type': 'application/json; charset=utf-8' })
        expect([plain.status, json.status]).toEqual([201, 201])
        expect(await suite.stored()).toBe(2)
      })

      it('stores a replayed entry once and still answers 2xx, so the browser stops retrying', async () => {
        let app = suite.makeApp()
        let body = JSON.stringify(makeEntry())
        expect((await suite.post(app, body)).status).toBe(201)
        suite.time.now += 60_000
        let replay = await suite.post(app, body)
        expect(replay.status).toBe(200)
        expect(await replay.json()).toEqual({ status: 'duplicate' })
        expect(await suite.stored()).toBe(1)
      })

      it('stores an entry queued by an older SDK, without the layer and the rule, with both null, and its retry once', async () => {
        let app = suite.makeApp()
        let old = makeOldEntry()
        let body = JSON.stringify(old)
        expect((await suite.post(app, body)).status).toBe(201)
        suite.time.now += 60_000
        let replay = await suite.post(app, body)
        expect([replay.status, await replay.json()]).toEqual([200, { status: 'duplicate' }])
        let [stored] = await suite.db.store.history(old.id)
        expect(stored.entry).toEqual({ ...old, uiLayer: null, jurisdictionRule: null })
        expect(Object.keys(stored.entry)).toEqual(Object.keys(makeEntry()))
        expect(await suite.stored()).toBe(1)
      })

      it('refuses a different entry under a stored id, time and action with 409 and keeps the first', async () => {
        let app = suite.makeApp()
        let entry = makeEntry()
        await suite.post(app, JSON.stringify(entry))
        let forged = { ...entry, categories: { essential: true, analytics: false, marketing: false } }
        let response = await suite.post(app, JSON.stringify(forged))
        expect(response.status).toBe(409)
        expect(await response.json()).toEqual({ error: 'a different entry with this id, time and action is already stored' })
        expect((await suite.db.store.history(entry.id)).map(item => item.entry)).toEqual([entry])
      })

      it('refuses malformed JSON, an empty body and broken UTF-8 with 400 and stores nothing', async () => {
        let app = suite.makeApp()
        let answers = await Promise.all([
          suite.post(app, '{"id": "x", '),
          suite.post(app, ''),
          app.request('/consent', { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: { 'content-type': 'application/json' } }, from('192.0.2.10'))
        ])
        expect(await Promise.all(answers.map(async answer => [answer.status, await answer.json()]))).toEqual([
          [400, { error: 'the body is not valid JSON' }],
          [400, { error: 'the body is empty: expected a consent log entry as JSON' }],
          [400, { error: 'the body is not valid UTF-8' }]
        ])
        expect(await suite.stored()).toBe(0)
      })

      it('refuses a body over the size limit with 413, with or without Content-Length', async () => {
        let app = suite.makeApp({ maxBodyBytes: 1024 })
        let big = JSON.stringify(makeEntry({ page: 'https://shop.example/' + 'a'.repeat(1200) }))
        let declared = await suite.post(app, big)
        // A chunked body announces no length: the limit counts the bytes as they arrive.
        let chunks = [big.slice(0, 600), big.slice(600)]
        let streamed = await app.request(
          '/consent',
          {
            method: 'POST',
            body: new ReadableStream({
              pull(controller) {
                let chunk = chunks.shift()
                if (chunk === undefined) controller.close()
                else controller.enqueue(new TextEncoder().encode(chunk))
              }
            }),
            headers: { 'content-type': 'application/json' },
            duplex: 'half'
          } as RequestInit,
          from('192.0.2.10')
        )
        for (let response of [declared, streamed]) {
          expect(response.status).toBe(413)
          expect(await response.json()).toEqual({ error: 'the body is larger than 1024 bytes' })
        }
        expect(await suite.stored()).toBe(0)
        // Just under the limit is fine.
        expect((await suite.post(app, JSON.stringify(makeEntry()))).status).toBe(201)
      })

      it('refuses other content types with 415', async () => {
        let app = suite.makeApp()
        let body = JSON.stringify(makeEntry())
        for (let type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain; charset=latin1']) {
          let response = await suite.post(app, body, { 'content-type': type })
          expect(response.status, type).toBe(415)
          expect(await response.json()).toEqual({ error: 'the body must be JSON in UTF-8, sent as application/json or text/plain' })
        }
        expect(await suite.stored()).toBe(0)
      })

      it('refuses wrong types and formats with 400 naming the field, never the value', async () => {
        let app = suite.makeApp()
        let marker = '<script>alert(1)</script>'
        let cases: [string, Record<string, unknown>][] = [
          ['id', { id: marker }],
          ['id', { id: 42 }],
          ['previousId', { previousId: 'not-a-uuid' }],
          ['at', { at: '2026-11-23 10:00:00' }],
          ['at', { at: '2026-02-30T10:00:00.000Z' }],
          ['givenAt', { givenAt: 1763892000000 }],
          ['revision', { revision: '1' }],
          ['revision', { revision: 1.5 }],
          ['configHash', { configHash: 'XYZ' }],
          ['language', { language: marker }],
          ['categories', { categories: { analytics: 'yes' } }],
          ['categories', { categories: [true] }],
          ['services', { services: { analytics: { ga4: 1 } } }],
          ['method', { method: 'accept' }],
          ['action', { action: 'delete' }],
          ['uiLayer', { uiLayer: 'third' }],
          ['uiLayer', { uiLayer: 1 }],
          ['gpc', { gpc: 'false' }],
          ['jurisdictionRule', { jurisdictionRule: 'regions.US-CA: maybe' }],
          ['jurisdictionRule', { jurisdictionRule: `regions.${marker}: opt-in` }],
          ['page', { page: 'https://shop.example/checkout?email=a@b.c' }],
          ['page', { page: `javascript:${marker}` }]
        ]
        for (let [field, change] of cases) {
          let response = await suite.post(app, JSON.stringify({ ...makeEntry(), ...change }))
          expect(response.status, JSON.stringify(change).slice(0, 60)).toBe(400)
          let body = (await response.json()) as { error: string }
          expect(body.error, field).toMatch(new RegExp(`^invalid consent entry: "${field}" must be `))
          expect(JSON.stringify(body)).not.toContain('script')
          expect(JSON.stringify(body)).not.toContain('@b.c')
        }
        expect(await suite.stored()).toBe(0)
      })

      it('refuses unknown and missing fields, and bodies that are no object', async () => {
        let app = suite.makeApp()
        let { gpc, ...missing } = makeEntry()
        void gpc
        let answers = [
          await suite.post(app, JSON.stringify({ ...makeEntry(), userAgent: 'Mozilla/5.0 secret' })),
          await suite.post(app, JSON.stringify({ ...makeEntry(), __proto__x: 1 })),
          await suite.post(app, JSON.stringify(missing)),
          await suite.post(app, '[]'),
          await suite.post(app, 'null'),
          await suite.post(app, '"entry"')
        ]
        let bodies = await Promise.all(answers.map(answer => answer.json()))
        expect(answers.map(answer => answer.status)).toEqual([400, 400, 400, 400, 400, 400])
        expect(bodies[0]).toEqual({
          error:
            'invalid consent entry: unknown field; the fields are id, previousId, at, givenAt, updatedAt, revision, configHash, language, categories, services, method, action, uiLayer, gpc, jurisdictionRule, page'
        })
        expect(JSON.stringify(bodies)).not.toMatch(/userAgent|Mozilla|secret|__proto__x/)
        expect(bodies[2]).toEqual({ error: 'invalid consent entry: missing field "gpc"' })
        expect(bodies[3]).toEqual({ error: 'the body must be a JSON object (a consent log entry)' })
        expect(await suite.stored()).toBe(0)
      })

      it('refuses an entry whose method and action contradict each other', async () => {
        let app = suite.makeApp()
        for (let change of [
          { method: null, action: 'accept-all' },
          { method: 'accept-all', action: 'reset' },
          { method: 'custom', action: 'expire' },
          { method: 'custom', action: 'accept-all' }
        ] as Partial<ConsentEntry>[]) {
          expect((await suite.post(app, JSON.stringify(makeEntry(change)))).status).toBe(400)
        }
        expect(await suite.stored()).toBe(0)
      })

      it('answers a flood from one network with 429 and Retry-After while other clients get through', async () => {
        let app = suite.makeApp({ rateLimit: { limit: 5, windowMs: 60_000 } })
        let flood: number[] = []
        for (let index = 0; index < 8; index++) flood.push((await suite.post(app, JSON.stringify(makeEntry()), {}, '198.51.100.7')).status)
        expect(flood).toEqual([201, 201, 201, 201, 201, 429, 429, 429])

        suite.time.now += 20_000
        let limited = await suite.post(app, JSON.stringify(makeEntry()), {}, '198.51.100.7')
        expect(limited.status).toBe(429)
        expect(limited.headers.get('retry-after')).toBe('40')
        expect(await limited.json()).toEqual({ error: 'too many requests from this network; try again later' })

        let other = await suite.post(app, JSON.stringify(makeEntry()), {}, '198.51.100.8')
        expect(other.status).toBe(201)
        // One IPv6 device is one client: its /64 shares the limit.
        let sixes: number[] = []
        for (let index = 0; index < 6; index++) sixes.push((await suite.post(app, JSON.stringify(makeEntry()), {}, `2001:db8:1:2::${index + 1}`)).status)
        expect(sixes).toEqual([201, 201, 201, 201, 201, 429])

        expect(await suite.stored()).toBe(5 + 1 + 5)
        suite.time.now += 40_000
        expect((await suite.post(app, JSON.stringify(makeEntry()), {}, '198.51.100.7')).status).toBe(201)
        expect((await app.request('/healthz')).status).toBe(200)
      })

      it('keeps no address, or only a salted hash of its network when configured', async () => {
        let plain = suite.makeApp()
        let entry = makeEntry()
        await suite.post(plain, JSON.stringify(entry), {}, '203.0.113.45')
        expect((await suite.db.store.history(entry.id))[0].ipHash).toBeNull()

        let hashing = suite.makeApp({ hashIp: { salt: 'pepper' } })
        let [a, b] = [makeEntry(), makeEntry()]
        await suite.post(hashing, JSON.stringify(a), {}, '203.0.113.45')
        await suite.post(hashing, JSON.stringify(b), {}, '203.0.113.200')
        let hashes = [(await suite.db.store.history(a.id))[0].ipHash, (await suite.db.store.history(b.id))[0].ipHash]
        expect(hashes[0]).toBe(await hashAddress('203.0.113.1', 'pepper'))
        expect(hashes[0]).toMatch(/^[\da-f]{32}$/)
        // One /24 network, one hash.
        expect(hashes[1]).toBe(hashes[0])
        let exported = await (await suite.admin(plain, '/admin/export')).text()
        expect(exported).not.toContain('203.0.113')
      })
    })

    describe('GET and DELETE /consent/:id', () => {
      it('gives a visitor their history, oldest first, without the address hash', async () => {
        let app = suite.makeApp({ hashIp: { salt: 'pepper' } })
        let first = makeEntry({ at: '2026-11-20T08:00:00.000Z' })
        let second = makeEntry({ id: first.id, previousId: first.id, at: '2026-11-21T08:00:00.000Z', method: 'custom', action: 'custom' })
        await suite.post(app, JSON.stringify(second))
        suite.time.now += 1000
        await suite.post(app, JSON.stringify(first))
        await suite.post(app, JSON.stringify(makeEntry()))

        let response = await app.request(`/consent/${first.id.toUpperCase()}`, { headers: { origin: 'https://shop.example' } })
        expect(response.status).toBe(200)
        expect(response.headers.get('cache-control')).toBe('no-store')
        expect(await response.json()).toEqual({
          id: first.id,
          records: [
            { receivedAt: '2026-11-23T10:00:01.000Z', ...first },
            { receivedAt: '2026-11-23T10:00:00.000Z', ...second }
          ]
        })
      })

      it('answers 404 for an unknown id and 400 for a malformed one', async () => {
        let app = suite.makeApp()
        let unknown = await app.request(`/consent/${makeEntry().id}`)
        let malformed = await app.request('/consent/%3Cscript%3E')
        expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'no records for this consent id' }])
        expect([malformed.status, await malformed.json()]).toEqual([400, { error: 'the consent id must be a UUID' }])
      })

      it('erases a visitor’s records and nobody else’s', async () => {
        let app = suite.makeApp()
        let mine = makeEntry()
        let theirs = makeEntry()
        await suite.post(app, JSON.stringify(mine))
        await suite.post(app, JSON.stringify({ ...mine, at: '2026-11-23T11:00:00.000Z', method: 'reject-all', action: 'withdraw' }))
        await suite.post(app, JSON.stringify(theirs))

        let erased = await app.request(`/consent/${mine.id}`, { method: 'DELETE', headers: { origin: 'https://shop.example' } })
        expect([erased.status, await erased.json()]).toEqual([200, { id: mine.id, deleted: 2 }])
        expect((await app.request(`/consent/${mine.id}`)).status).toBe(404)
        expect((await app.request(`/consent/${mine.id}`, { method: 'DELETE' })).status).toBe(404)
        expect((await app.request(`/consent/${theirs.id}`)).status).toBe(200)
        expect(await suite.stored()).toBe(1)
      })
    })

    describe('POST /consent/cookie', () => {
      it('sets the newest consent cookie that came with the request again, with the settings asked for, until its expiry', async () => {
        let app = suite.makeApp()
        let older = consentCookie(START - 30 * DAY, START + 150 * DAY)
        let newer = consentCookie(START - DAY, START + 181 * DAY)
        // Copies on other paths or domains, another cookie, and one that is not a record.
        let cookie = `other=1; consentry=${older}; consentry=${newer}; consentry=garbage; consentry2=${older}`
        let response = await refresh(app, { name: 'consentry', path: '/shop', domain: '.shop.example', sameSite: 'Strict' }, { cookie })
        expect(response.status).toBe(204)
        expect(await response.text()).toBe('')
        expect(response.headers.getSetCookie()).toEqual([
          `consentry=${newer}; Path=/shop; Domain=.shop.example; Max-Age=${181 * 24 * 60 * 60}; SameSite=Strict; Secure`
        ])
        expect(response.headers.get('cache-control')).toBe('no-store')

        // A second later, a second less; an unusual name works as well.
        suite.time.now += 1000
        let later = await refresh(app, { name: "my.consent_v2!#$%&'*+^`|~-" }, { cookie: `my.consent_v2!#$%&'*+^\`|~-=${newer}` })
        expect(later.headers.getSetCookie()).toEqual([
          `my.consent_v2!#$%&'*+^\`|~-=${newer}; Path=/; Max-Age=${181 * 24 * 60 * 60 - 1}; SameSite=Lax; Secure`
        ])
      })

      it('re-issues a decision made with Global Privacy Control, and never for longer than 400 days', async () => {
        let app = suite.makeApp()
        let value = consentCookie(START, START + 1000 * DAY, true)
        expect(value).toMatch(/~1$/)
        let response = await refresh(app, { name: 'consentry' }, { cookie: `consentry=${value}` })
        expect(response.status).toBe(204)
        expect(response.headers.getSetCookie()).toEqual([`consentry=${value}; Path=/; Max-Age=34560000; SameSite=Lax; Secure`])
      })

      it('marks the cookie Secure on an https page and with SameSite=None, and not otherwise', async () => {
        let app = suite.makeApp({ origins: ['https://shop.example', 'http://shop.example'] })
        let cookie = `consentry=${consentCookie(START, START + DAY)}`
        let secure = async (settings: unknown, headers: Record<string, string | undefined>, url?: string): Promise<boolean> => {
          let response = await refresh(app, settings, { cookie, ...headers }, url)
          expect(response.status).toBe(204)
          let [line, ...more] = response.headers.getSetCookie()
          expect(more).toEqual([])
          expect(line).not.toMatch(/HttpOnly/i)
          return line.endsWith('; Secure')
        }
        let lax = { name: 'consentry' }
        let none = { name: 'consentry', sameSite: 'None' }
        expect(await secure(lax, { origin: 'https://shop.example' })).toBe(true)
        expect(await secure(lax, { origin: 'http://shop.example' })).toBe(false)
        expect(await secure(none, { origin: 'http://shop.example' })).toBe(true)
        // Without an Origin, the scheme of the request.
        expect(await secure(lax, { origin: undefined }, 'https://shop.example/consent/cookie')).toBe(true)
        expect(await secure(lax, { origin: undefined }, 'http://shop.example/consent/cookie')).toBe(false)
      })

      it('answers 404 and sets no cookie without a consent cookie, or with a foreign or tampered one', async () => {
        let app = suite.makeApp()
        let valid = consentCookie(START, START + DAY)
        let cookies = [
          undefined,
          'other=1',
          `consentry2=${valid}; xconsentry=${valid}`,
          'consentry=s%3Asession-id.signature',
          `consentry=${valid.toUpperCase()}`,
          `consentry=${valid}~extra`,
          `consentry=${valid.replace(/^1~/, '2~')}`,
          `consentry=${encodeURIComponent(valid)}`,
          `consentry=${valid.replace('~en~', '~<script>~')}`
        ]
        for (let cookie of cookies) {
          let response = await refresh(app, { name: 'consentry' }, cookie === undefined ? {} : { cookie })
          expect(response.status, cookie).toBe(404)
          expect(response.headers.get('set-cookie'), cookie).toBeNull()
          expect(await response.json()).toEqual({ error: 'no consent cookie of that name came with the request' })
        }
        // Another cookie of the site, asked for by its name: it would come back without HttpOnly.
        let session = await refresh(app, { name: 'session' }, { cookie: 'session=0123456789abcdef0123456789abcdef' })
        expect([session.status, session.headers.get('set-cookie')]).toEqual([404, null])
      })

      it('answers 404 and sets no cookie once the decision has expired', async () => {
        let app = suite.makeApp()
        for (let expiresAt of [START - DAY, START, START + 999]) {
          let response = await refresh(app, { name: 'consentry' }, { cookie: `consentry=${consentCookie(START - 2 * DAY, expiresAt)}` })
          expect(response.status).toBe(404)
          expect(response.headers.get('set-cookie')).toBeNull()
          expect(await response.json()).toEqual({ error: 'the consent cookie has expired' })
        }
        // The newest decision counts, even when an older copy would still be valid.
        let cookie = `consentry=${consentCookie(START - 9 * DAY, START + DAY)}; consentry=${consentCookie(START - DAY, START - 1000)}`
        expect((await refresh(app, { name: 'consentry' }, { cookie })).status).toBe(404)
        let last = await refresh(app, { name: 'consentry' }, { cookie: `consentry=${consentCookie(START - DAY, START + 1000)}` })
        expect(last.headers.getSetCookie()).toEqual([expect.stringContaining('; Max-Age=1;')])
      })

      it('refuses a bad setting with 400 naming the field, never the value, and sets no cookie', async () => {
        let app = suite.makeApp()
        let cookie = `consentry=${consentCookie(START, START + DAY)}`
        let marker = '<script>'
        let cases: [string, Record<string, unknown>][] = [
          ['name', { name: undefined }],
          ['name', { name: '' }],
          ['name', { name: 42 }],
          ['name', { name: 'consent ry' }],
          ['name', { name: 'consentry;x' }],
          ['name', { name: 'consentry=x' }],
          ['name', { name: marker }],
          ['name', { name: 'c'.repeat(129) }],
          ['path', { path: 'shop' }],
          ['path', { path: '/a b' }],
          ['path', { path: '/a;Domain=evil.example' }],
          ['path', { path: '/' + 'a'.repeat(256) }],
          ['path', { path: null }],
          ['domain', { domain: marker }],
          ['domain', { domain: 'shop..example' }],
          ['domain', { domain: 'shop.example; Secure' }],
          ['domain', { domain: '' }],
          ['domain', { domain: 'a'.repeat(254) }],
          ['domain', { domain: 5 }],
          ['sameSite', { sameSite: 'lax' }],
          ['sameSite', { sameSite: 'None; HttpOnly' }],
          ['sameSite', { sameSite: true }]
        ]
        for (let [field, change] of cases) {
          let response = await refresh(app, { name: 'consentry', ...change }, { cookie })
          expect(response.status, JSON.stringify(change).slice(0, 60)).toBe(400)
          let body = (await response.json()) as { error: string }
          expect(body.error, field).toMatch(new RegExp(`^"${field}" must `))
          expect(JSON.stringify(body)).not.toMatch(/<script>|evil|HttpOnly|aaaa|cccc/)
          expect(response.headers.get('set-cookie')).toBeNull()
        }
        expect((await refresh(app, { name: 'consentry', path: '/' + 'a'.repeat(255) }, { cookie })).status).toBe(204)
        expect((await refresh(app, { name: 'c'.repeat(128) }, { cookie: `${'c'.repeat(128)}=${cookie.slice(10)}` })).status).toBe(204)

        for (let body of ['[]', 'null', '"consentry"']) {
          let response = await refresh(app, body, { cookie })
          expect([response.status, await response.json()]).toEqual([400, { error: 'the body must be a JSON object with the consent cookie’s settings' }])
        }
        let empty = await refresh(app, '', { cookie })
        expect([empty.status, await empty.json()]).toEqual([400, { error: 'the body is empty: expected a consent log entry as JSON' }])
      })

      it('refuses a foreign origin with 403, as for POST /consent, and sets no cookie', async () => {
        let app = suite.makeApp()
        let cookie = `consentry=${consentCookie(START, START + DAY)}`
        let response = await refresh(app, { name: 'consentry' }, { cookie, origin: 'https://evil.example' })
        expect(response.status).toBe(403)
        expect(await response.json()).toEqual({ error: 'this origin may not send consent records here' })
        expect(response.headers.get('set-cookie')).toBeNull()
      })

      it('takes the value only from the cookie the browser sent, never from the body', async () => {
        let app = suite.makeApp()
        let held = consentCookie(START - DAY, START + DAY)
        let planted = consentCookie(START, START + 300 * DAY)
        let without = await refresh(app, { name: 'consentry', value: planted, consentry: planted })
        expect([without.status, without.headers.get('set-cookie')]).toEqual([404, null])
        let withCookie = await refresh(app, { name: 'consentry', value: planted }, { cookie: `consentry=${held}` })
        expect(withCookie.headers.getSetCookie()).toEqual([`consentry=${held}; Path=/; Max-Age=86400; SameSite=Lax; Secure`])
      })

      it('leaves GET /consent/:id as it was: "cookie" is no consent id', async () => {
        let app = suite.makeApp()
        let response = await app.request('/consent/cookie')
        expect([response.status, await response.json()]).toEqual([400, { error: 'the consent id must be a UUID' }])
      })
    })
  })
}
