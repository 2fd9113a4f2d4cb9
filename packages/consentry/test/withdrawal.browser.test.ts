// Withdrawal in the built drop-in, in Chromium (G-08, T-05, T-06): the cookies of withdrawn
// categories are deleted on the page's host and on its parent domain, their web storage keys and
// IndexedDB databases are removed, nothing withdrawn runs again, and reloadOnWithdraw reloads the
// page. Pages are opened at http://shop.consentry.test:<port>/, which test/browser.ts maps to
// 127.0.0.1.
import { readFileSync } from 'node:fs'

import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect } from 'vitest'

import { onHost, ran, recordRequests, settle, waitForRan } from './gating-harness.js'
import { bannerRegion, DEFAULT_BODY, getConsent, poll, preferencesDialog, useBrowser, waitForCookie, whenFollowUpReady, whenReady } from './harness.js'

const suite = useBrowser()
const it = suite.it

const HOST = 'shop.consentry.test'
const PARENT = '.consentry.test'
/** analytics: gtag.js (_ga, _ga_TEST1, _gid) and storage _hjid, /^_hjSession/; preferences: theme, ui-theme; marketing: Meta (_fbp), _fbq_events. */
const CONFIG = JSON.parse(readFileSync(new URL('./pages/gating/withdrawal.json', import.meta.url), 'utf8')) as Record<string, unknown>

const BODY = `${DEFAULT_BODY}
  <script type="text/plain" data-category="analytics" data-src="/gating/tag-a.js"></script>`

const ANALYTICS_COOKIES = ['_ga', '_ga_TEST1', '_gid']
const OTHER_COOKIES = ['_fbp', 'theme', 'session']

/** A page of the withdrawal config on shop.consentry.test. */
const shopPage = (config: unknown = '/gating/withdrawal.json'): string => onHost(suite.server.page({ config, body: BODY }), HOST)

/** Seeds the trackers' and the site's cookies on the host only and on .consentry.test, as GA and Meta write them. */
async function seedCookies(context: BrowserContext, url: string): Promise<void> {
  let origin = new URL(url).origin + '/'
  await context.addCookies(
    [...ANALYTICS_COOKIES, ...OTHER_COOKIES].flatMap(name => [
      { name, value: 'host', url: origin },
      { name, value: 'parent', domain: PARENT, path: '/' }
    ])
  )
}

/** Seeds the vendors' web storage keys, declared in the config, and two undeclared ones of the site. */
function seedStorage(page: Page): Promise<void> {
  return page.evaluate(() => {
    for (let key of ['_hjid', '_hjSessionUser_1', 'ui-theme', '_fbq_events', 'cart']) localStorage.setItem(key, '1')
    for (let key of ['_hjSession_1', 'checkout-step']) sessionStorage.setItem(key, '1')
  })
}

/** Creates the vendors' IndexedDB databases, declared in the config, and one of the site's; each connection is closed, as a tag that is done would. */
function seedDatabases(page: Page): Promise<void> {
  return page.evaluate(async () => {
    for (let name of ['hj-1', 'fb-events-db', 'shop-cache']) {
      await new Promise<void>((resolve, reject) => {
        let request = indexedDB.open(name)
        request.onsuccess = () => {
          request.result.close()
          resolve()
        }
        request.onerror = () => reject(request.error)
      })
    }
  })
}

/** The IndexedDB databases of the page's origin, sorted. */
const databases = (page: Page): Promise<string[]> =>
  page.evaluate(async () => (await indexedDB.databases()).map(database => database.name ?? '').sort())

/** The cookies the browser holds, as "name domain", sorted. */
async function cookies(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).map(cookie => `${cookie.name} ${cookie.domain}`).sort()
}

const both = (names: string[]): string[] => names.flatMap(name => [`${name} ${HOST}`, `${name} ${PARENT}`])

const storageKeys = (page: Page) =>
  page.evaluate(() => ({
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage).sort()
  }))

/** Opens the page on the shop host, accepts all, and waits for the tags and stubs to run. */
async function acceptAll(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await whenFollowUpReady(page)
  await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
  await waitForCookie(page)
  await waitForRan(page, 3)
}

describe('withdrawal (G-08, T-05, T-06)', () => {
  it('T-05, T-06, G-08: switching Analytics off clears its cookies on the host and on .consentry.test, its storage keys and IndexedDB databases; the rest stay', async ({
    open
  }) => {
    let { page, context } = await open()
    let url = shopPage()
    await seedCookies(context, url)
    await acceptAll(page, url)
    await seedStorage(page)
    await seedDatabases(page)
    expect(await cookies(context)).toEqual([...both([...ANALYTICS_COOKIES, ...OTHER_COOKIES]), `consentry ${HOST}`].sort())

    await page.getByRole('link', { name: 'Cookie settings' }).click()
    let dialog = preferencesDialog(page)
    await dialog.getByRole('switch', { name: 'Analytics' }).click()
    await dialog.getByRole('button', { name: 'Save choices' }).click()
    await poll(() => getConsent(page), record => record?.categories.analytics === false, 'the withdrawal')

    expect(await getConsent(page)).toMatchObject({
      method: 'custom',
      categories: { essential: true, analytics: false, preferences: true, marketing: true }
    })
    await expect.poll(() => cookies(context)).toEqual([...both(OTHER_COOKIES), `consentry ${HOST}`].sort())
    await expect.poll(() => storageKeys(page)).toEqual({ local: ['_fbq_events', 'cart', 'ui-theme'], session: ['checkout-step'] })
    await poll(() => databases(page), names => !names.includes('hj-1'), 'the analytics database to go')
    expect(await databases(page)).toEqual(['fb-events-db', 'shop-cache'])
  })

  it('T-05, T-06, G-08: Reject all from the panel clears every optional cookie on both domains, every declared key and database; essential and consent stay', async ({
    open
  }) => {
    let { page, context } = await open()
    let url = shopPage()
    await seedCookies(context, url)
    await acceptAll(page, url)
    await seedStorage(page)
    await seedDatabases(page)

    await page.getByRole('link', { name: 'Cookie settings' }).click()
    await preferencesDialog(page).getByRole('button', { name: 'Reject all' }).click()
    await poll(() => getConsent(page), record => record?.method === 'reject-all', 'the withdrawal')

    await expect.poll(() => cookies(context)).toEqual([...both(['session']), `consentry ${HOST}`].sort())
    await expect.poll(() => storageKeys(page)).toEqual({ local: ['cart'], session: ['checkout-step'] })
    await poll(() => databases(page), names => names.length === 1, 'the vendors\' databases to go')
    expect(await databases(page)).toEqual(['shop-cache'])
  })

  it('G-08: after a withdrawal nothing withdrawn runs, also added later or by loadScript, and after a reload G-01 holds again', async ({
    open
  }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await acceptAll(page, shopPage())
    await page.getByRole('link', { name: 'Cookie settings' }).click()
    await preferencesDialog(page).getByRole('button', { name: 'Reject all' }).click()
    await poll(() => getConsent(page), record => record?.method === 'reject-all', 'the withdrawal')
    let before = await ran(page)

    await page.evaluate(() => {
      let script = document.createElement('script')
      script.type = 'text/plain'
      script.dataset.category = 'analytics'
      script.textContent = "window.__ran.push('late')"
      document.body.append(script)
      void window.Consentry!.loadScript('/gating/tag-c.js', 'analytics')
    })
    await settle(page)
    expect(await ran(page)).toEqual(before)
    expect(requests.count('/gating/tag-c.js')).toBe(0)

    let mark = requests.urls.length
    await page.reload()
    await whenReady(page)
    await settle(page)
    expect(await ran(page)).toEqual([])
    expect(requests.paths().slice(mark).filter(path => /\/gating\/(tag|stub)-/.test(path))).toEqual([])
    expect(await bannerRegion(page).count()).toBe(0)
    expect(requests.external()).toEqual([])
  })

  it('G-08: Consentry.reset() withdraws like Reject all: the cookies and keys go and the banner asks again', async ({ open }) => {
    let { page, context } = await open()
    let url = shopPage()
    await seedCookies(context, url)
    await acceptAll(page, url)
    await seedStorage(page)

    await page.evaluate(() => window.Consentry!.reset())
    await bannerRegion(page).waitFor()
    expect(await getConsent(page)).toBeNull()
    await expect.poll(() => cookies(context)).toEqual(both(['session']).sort())
    await expect.poll(() => storageKeys(page)).toEqual({ local: ['cart'], session: ['checkout-step'] })
  })

  it('G-08: reloadOnWithdraw reloads the page on a withdrawal (not on a first refusal nor on a grant), and the withdrawn tags stay off', async ({
    open
  }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    let url = shopPage({ ...CONFIG, reloadOnWithdraw: true })
    // As if a tag hard-coded in the page had run before the banner.
    await seedCookies(context, url)
    await page.goto(url)
    await whenFollowUpReady(page)
    await page.evaluate(() => (window.__marker = true))

    // A first refusal withdraws nothing: no reload. It still clears what it refuses.
    await bannerRegion(page).getByRole('button', { name: 'Reject all' }).click()
    await waitForCookie(page)
    await expect.poll(() => cookies(context)).toEqual([...both(['session']), `consentry ${HOST}`].sort())
    // A grant is no withdrawal either.
    await page.getByRole('link', { name: 'Cookie settings' }).click()
    let dialog = preferencesDialog(page)
    await dialog.getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 3)
    expect(await page.evaluate(() => window.__marker)).toBe(true)

    let mark = requests.urls.length
    let reloaded = page.waitForEvent('load')
    await page.getByRole('link', { name: 'Cookie settings' }).click()
    await dialog.getByRole('switch', { name: 'Analytics' }).click()
    await dialog.getByRole('button', { name: 'Save choices' }).click()
    await reloaded
    await whenReady(page)
    await waitForRan(page, 1)
    await settle(page)

    expect(await page.evaluate(() => window.__marker)).toBeUndefined()
    expect(await getConsent(page)).toMatchObject({ categories: { analytics: false, marketing: true } })
    // Marketing is still granted (the Meta stub runs again); analytics is not.
    expect(await ran(page)).toEqual(['fbevents'])
    expect(requests.paths().slice(mark).filter(path => /\/gating\/(tag|stub)-/.test(path))).toEqual(['/gating/stub-fbevents.js'])
  })
})
