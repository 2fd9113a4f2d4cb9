// End to end in Chromium: the BUILT drop-in (packages/consentry/dist, from `pnpm build`) with
// `log: { endpoint: "/consent" }`, and the receiver on the same origin; a visitor clicks, and the
// record must arrive in the store, also after the receiver was down.
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

import { getRequestListener } from '@hono/node-server'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import sirv from 'sirv'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { launchBrowser, TEST_DOMAIN } from '../../../test/browser.js'
import { createApp } from '../src/app.js'
import type { ConsentEntry } from '../src/parse-entry.js'
import type { ConsentStore, StoredEntry } from '../src/store/store.js'
import { pgliteDatabase } from './databases.js'
import type { TestDatabase } from './databases.js'
import { makeEntry } from './entries.js'

const DIST = fileURLToPath(new URL('../../consentry/dist', import.meta.url))

const CONFIG = {
  revision: 1,
  categories: { essential: {}, analytics: { services: { ga4: { label: 'Google Analytics' } } }, marketing: {} },
  log: { endpoint: '/consent' }
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Shop</title>
  <script src="/consentry/consentry.min.js"></script>
</head>
<body>
  <main><h1>Checkout</h1></main>
  <script type="application/json" id="consentry-config">${JSON.stringify(CONFIG)}</script>
</body>
</html>`

/** The same shop with the server's refresh of the consent cookie (T-03). */
const REFRESH_PAGE = PAGE.replace(JSON.stringify(CONFIG), JSON.stringify({ ...CONFIG, cookie: { refreshUrl: '/consent/cookie' } }))

/** How the receiver behaves: up, answering 503, or dropping the connection as a stopped server would. */
type Mode = 'up' | '503' | 'unreachable'

interface Site {
  url(path: string, host?: string): string
  /** Requests that reached /consent, as "METHOD status", including refused ones. */
  attempts: string[]
  mode: Mode
  close(): Promise<void>
}

/** One origin for the page, the drop-in and the receiver, as a site would proxy /consent. */
async function startSite(store: ConsentStore, origins: string[] = []): Promise<Site> {
  let receiver = getRequestListener(createApp({ store, origins, rateLimit: false }).fetch)
  let dist = sirv(DIST, { dev: true })
  let site: Site = {
    url: (path, host = '127.0.0.1') => `http://${host}:${port}${path}`,
    attempts: [],
    mode: 'up',
    close: () => new Promise(resolve => server.close(() => resolve()))
  }
  let server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (path === '/consent' || path.startsWith('/consent/')) {
      if (site.mode === 'unreachable') {
        site.attempts.push(`${request.method} dropped`)
        request.socket.destroy()
      } else if (site.mode === '503') {
        site.attempts.push(`${request.method} 503`)
        response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"maintenance"}')
      } else {
        response.on('finish', () => site.attempts.push(`${request.method} ${response.statusCode}`))
        receiver(request, response)
      }
    } else if (path.startsWith('/consentry/')) {
      request.url = request.url!.slice('/consentry'.length)
      dist(request, response, () => {
        response.writeHead(404).end()
      })
    } else if (path.startsWith('/shop/') || path.startsWith('/refresh/')) {
      let html = path.startsWith('/shop/') ? PAGE : REFRESH_PAGE
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html)
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  let { port } = server.address() as AddressInfo
  return site
}

/** Reads a value until it passes the check (records arrive after the click, at the browser's pace). */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  let end = Date.now() + 10_000
  for (;;) {
    let value = await read()
    if (check(value)) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

async function allRecords(store: ConsentStore): Promise<StoredEntry[]> {
  let records: StoredEntry[] = []
  for await (let record of store.list({ from: null, to: null })) records.push(record)
  return records
}

describe('the drop-in and the receiver in Chromium', () => {
  let browser: Browser
  let db: TestDatabase
  let store: ConsentStore
  let site: Site
  let context: BrowserContext | undefined
  let errors: string[] = []

  beforeAll(async () => {
    if (!existsSync(`${DIST}/consentry.min.js`)) throw new Error(`${DIST}/consentry.min.js is missing: run pnpm build first`)
    ;[browser, db] = await Promise.all([launchBrowser(), pgliteDatabase()])
    store = db.store
    site = await startSite(store)
  })
  afterAll(async () => {
    await Promise.all([browser?.close(), site?.close()])
    await db?.drop()
  })
  beforeEach(async () => {
    await db.clear()
    site.mode = 'up'
    site.attempts.length = 0
  })
  afterEach(async () => {
    await context?.close()
    context = undefined
    expect(errors, 'uncaught errors in the page').toEqual([])
    errors = []
  })

  /** A fresh visitor; `beacon: false` takes sendBeacon away, as browsers that refuse it do. */
  async function visit({ beacon = true } = {}): Promise<Page> {
    context = await browser.newContext()
    if (!beacon) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'sendBeacon', { value: undefined }))
    let page = await context.newPage()
    page.on('pageerror', error => errors.push(error.message))
    return page
  }

  const accept = (page: Page) => page.getByRole('button', { name: 'Accept all' }).click()
  /** The id of the visitor's record, as the page API gives it. */
  const consentId = (page: Page) =>
    page.evaluate(() => (window as unknown as { Consentry: { getConsent(): { id: string } } }).Consentry.getConsent().id)

  it('stores the decision a visitor clicks, without the query string, and gives it back to the page', async () => {
    let page = await visit()
    await page.goto(site.url('/shop/checkout?email=visitor%40mail.example&utm_source=ad'))
    await accept(page)

    let [record] = await until(() => allRecords(store), records => records.length === 1, 'the accept-all record')
    let id = await consentId(page)
    expect(record.entry).toMatchObject({
      id,
      previousId: null,
      revision: 1,
      language: 'en',
      categories: { essential: true, analytics: true, marketing: true },
      services: { analytics: { ga4: true } },
      method: 'accept-all',
      action: 'accept-all',
      // Clicked on the banner; the page has no regions, so the default mode applied.
      uiLayer: 'first',
      gpc: false,
      jurisdictionRule: 'mode: opt-in',
      page: site.url('/shop/checkout')
    })
    expect(record.entry.configHash).toMatch(/^[\da-f]{8}$/)
    expect(JSON.stringify(record)).not.toContain('mail.example')
    expect(record.ipHash).toBeNull()

    // Data portability and erasure, from the visitor's own page.
    let history = await page.evaluate(async id => (await fetch(`/consent/${id}`)).json(), id)
    expect(history).toEqual({ id, records: [{ receivedAt: record.receivedAt, ...record.entry }] })
    let erased = await page.evaluate(async id => (await fetch(`/consent/${id}`, { method: 'DELETE' })).json(), id)
    expect(erased).toEqual({ id, deleted: 1 })
    expect(await store.count()).toBe(0)
  })

  it('records where each decision was taken: the banner, the preferences panel, the JS API (G-10)', async () => {
    let page = await visit()
    await page.goto(site.url('/shop/checkout'))
    await accept(page)
    await until(() => allRecords(store), records => records.length === 1, 'the banner\'s record')
    await page.evaluate(() => (window as unknown as { Consentry: { showPreferences(): void } }).Consentry.showPreferences())
    await page.getByRole('dialog').getByRole('button', { name: 'Reject all' }).click()
    await until(() => allRecords(store), records => records.length === 2, 'the panel\'s record')
    await page.evaluate(() => (window as unknown as { Consentry: { acceptAll(): void } }).Consentry.acceptAll())
    let records = await until(() => allRecords(store), records => records.length === 3, 'the API\'s record')
    expect(records.map(({ entry }) => [entry.action, entry.uiLayer, entry.jurisdictionRule])).toEqual([
      ['accept-all', 'first', 'mode: opt-in'],
      ['withdraw', 'second', 'mode: opt-in'],
      ['accept-all', null, 'mode: opt-in']
    ])
  })

  it('stores the decision of a visitor who leaves at once, on a page that is never idle (G-10)', async () => {
    let page = await visit()
    // The log runs when the browser is next idle: on this page it never is.
    await context!.addInitScript(() => Object.defineProperty(window, 'requestIdleCallback', { value: () => 0 }))
    await page.goto(site.url('/shop/cart'))
    await page.getByRole('button', { name: 'Reject all' }).click()
    await page.waitForTimeout(100)
    expect(site.attempts).toEqual([])
    await page.goto(site.url('/shop/checkout'))

    let [record] = await until(() => allRecords(store), records => records.length === 1, 'the record sent as the page was left')
    // Sent by the page where it was taken as that page was hidden, not caught up by the next one.
    expect(record.entry).toMatchObject({ method: 'reject-all', uiLayer: 'first', previousId: null, page: site.url('/shop/cart') })
    expect(await consentId(page)).toBe(record.entry.id)
  })

  for (let mode of ['503', 'unreachable'] as const) {
    it(`queues a decision while the receiver is ${mode === '503' ? 'answering 503' : 'unreachable'} and delivers it on the next page`, async () => {
      let page = await visit({ beacon: false })
      await page.goto(site.url('/shop/cart'))
      site.mode = mode
      await page.getByRole('button', { name: 'Reject all' }).click()
      await until(async () => site.attempts, attempts => attempts.length > 0, 'the failed attempt')
      expect(await store.count()).toBe(0)

      site.mode = 'up'
      await page.reload()
      let [record] = await until(() => allRecords(store), records => records.length === 1, 'the queued record')
      expect(record.entry).toMatchObject({
        id: await consentId(page),
        method: 'reject-all',
        action: 'reject-all',
        uiLayer: 'first',
        jurisdictionRule: 'mode: opt-in',
        page: site.url('/shop/cart')
      })
      // Delivered once; the queue is empty, so a third page sends nothing.
      await page.reload()
      await page.getByRole('heading', { name: 'Checkout' }).waitFor()
      expect(await page.evaluate(() => localStorage.getItem('consentry-log'))).toBeNull()
      expect(site.attempts.filter(attempt => attempt === 'POST 201')).toHaveLength(1)
      expect(await store.count()).toBe(1)
    })
  }

  it('stores, on the next page, a decision made where the log code was blocked (the follow-up file)', async () => {
    let page = await visit()
    await context!.route('**/consentry-follow-up.min.js', route => route.abort('blockedbyclient'))
    await page.goto(site.url('/shop/cart'))
    await accept(page)
    await page.waitForTimeout(200)
    expect(site.attempts).toEqual([])

    await context!.unroute('**/consentry-follow-up.min.js')
    await page.goto(site.url('/shop/checkout'))
    let [record] = await until(() => allRecords(store), records => records.length === 1, 'the caught-up record')
    // Logged from the cookie, which keeps the layer it was taken on.
    expect(record.entry).toMatchObject({
      id: await consentId(page),
      previousId: null,
      method: 'accept-all',
      action: 'accept-all',
      uiLayer: 'first',
      jurisdictionRule: 'mode: opt-in',
      page: site.url('/shop/checkout')
    })
    // Once: the next page sends nothing more.
    await page.reload()
    await page.getByRole('heading', { name: 'Checkout' }).waitFor()
    await page.waitForTimeout(200)
    expect(site.attempts).toEqual(['POST 201'])
  })

  // sendBeacon's `true` only means the browser took the request, so the SDK sends with a keepalive
  // fetch and keeps the entry queued until the receiver answers 2xx, even where sendBeacon exists.
  it('keeps a decision queued while the receiver answers 503, in a browser that has sendBeacon', async () => {
    let page = await visit()
    await page.goto(site.url('/shop/cart'))
    site.mode = '503'
    await accept(page)
    await until(async () => site.attempts, attempts => attempts.length > 0, 'the failed beacon')
    let queue = await page.evaluate(() => JSON.parse(localStorage.getItem('consentry-log') ?? '[]') as string[])
    expect(queue.map(body => (JSON.parse(body) as ConsentEntry).action)).toEqual(['accept-all'])
  })

  it('takes a JSON beacon from an allowed site on another origin (CORS preflight with credentials) and refuses others', async () => {
    // The shop is on http://shop.consentry.test:PORT; the receiver is on another port, another origin.
    let receiver = await startSite(store, [site.url('', `shop.${TEST_DOMAIN}`)])
    try {
      let page = await visit()
      let entries: ConsentEntry[] = [makeEntry(), makeEntry()]
      let hosts = [`shop.${TEST_DOMAIN}`, `evil.${TEST_DOMAIN}`]
      for (let [index, host] of hosts.entries()) {
        await page.goto(site.url('/shop/beacon', host))
        let queued = await page.evaluate(
          ([url, body]) => navigator.sendBeacon(url, new Blob([body], { type: 'application/json' })),
          [receiver.url('/consent'), JSON.stringify(entries[index])]
        )
        expect(queued).toBe(true)
        await until(async () => receiver.attempts, attempts => attempts.length >= 2 + index, `the beacon from ${host}`)
      }
      // The allowed site's preflight passes and its entry is stored; the other's preflight is refused.
      expect(receiver.attempts).toEqual(['OPTIONS 204', 'POST 201', 'OPTIONS 403'])
      expect((await allRecords(store)).map(record => record.entry.id)).toEqual([entries[0].id])
    } finally {
      await receiver.close()
    }
  })

  it('T-03: with cookie.refreshUrl the receiver sets the consent cookie again from its response, once a decision and once a session', async () => {
    let page = await visit()
    await page.goto(site.url('/refresh/checkout'))
    let refreshed = page.waitForResponse(response => response.url().endsWith('/consent/cookie'))
    await accept(page)
    let response = await refreshed
    expect(response.status()).toBe(204)
    let [cookie] = (await context!.cookies()).filter(cookie => cookie.name === 'consentry')
    let header = (await response.headerValue('set-cookie')) ?? ''
    let maxAge = Number(/Max-Age=(\d+)/.exec(header)?.[1])
    // The value the script wrote, now from an HTTP response, with the decision's whole validity.
    expect(header).toBe(`consentry=${cookie.value}; Path=/; Max-Age=${maxAge}; SameSite=Lax`)
    expect(Math.abs(maxAge - 182 * 86400)).toBeLessThan(60)
    expect(Math.abs(cookie.expires - (Date.now() / 1000 + 182 * 86400))).toBeLessThan(60)
    await until(() => allRecords(store), records => records.length === 1, 'the decision in the log')

    // Another page of the same visit asks nothing; a new decision asks again.
    await page.goto(site.url('/refresh/confirmation'))
    await page.getByRole('heading', { name: 'Checkout' }).waitFor()
    await until(() => allRecords(store), records => records.length === 1, 'no second record')
    let again = page.waitForResponse(response => response.url().endsWith('/consent/cookie'))
    await page.evaluate(() => (window as unknown as { Consentry: { rejectAll(): void } }).Consentry.rejectAll())
    expect((await again).status()).toBe(204)
    await until(() => allRecords(store), records => records.length === 2, 'the refusal in the log')
    expect(site.attempts.filter(attempt => attempt === 'POST 204')).toHaveLength(2)
  })
})
