// Global Privacy Control (P-01, P-02, R-12) and per-region consent models in the built
// drop-in, in Chromium: what runs, what is requested, what the record and the panel say.
import type { BrowserContext } from 'playwright-core'
import { describe, expect } from 'vitest'

import { consentState, enableGpc, labels, layer, ran, recordDataLayer, recordRequests, settle, waitForRan } from './gating-harness.js'
import type { Requests } from './gating-harness.js'
import {
  axe,
  bannerRegion,
  getConsent,
  hasConsent,
  poll,
  preferencesDialog,
  useBrowser,
  waitForCookie,
  waitForStatus,
  whenReady
} from './harness.js'

const suite = useBrowser()
const it = suite.it

const GPC_NOTICE = 'Your Global Privacy Control signal is honored: marketing cookies stay off.'
const DO_NOT_SELL = 'Do Not Sell or Share My Personal Information'

/** A page with an analytics and a marketing tag, a "Cookie settings" and a do-not-sell link. */
const BODY = `
  <main>
    <h1>A shop</h1>
    <script type="text/plain" data-category="analytics" data-src="/gating/tag-a.js"></script>
    <script type="text/plain" data-category="marketing" data-src="/gating/tag-b.js"></script>
  </main>
  <footer>
    <a href="#" data-consentry="preferences">Cookie settings</a>
    <a href="#" data-consentry="do-not-sell">${DO_NOT_SELL}</a>
  </footer>`

/** Consent Mode, gtag.js, GTM and the Meta Pixel (local stubs), four categories. */
const gpcPage = (attributes = ''): string => suite.server.page({ config: '/gating/consent-mode.json', body: BODY, attributes })
/** `regions: { "US-CA": "opt-out" }`, gtag.js and the Meta Pixel. */
const regionPage = (region: string): string =>
  suite.server.page({ config: '/gating/regions.json', body: BODY, attributes: `data-region="${region}"` })

const MARKETING_URLS = ['/gating/tag-b.js', '/gating/stub-fbevents.js']
const marketingRequests = (requests: Requests, since = 0): number[] => MARKETING_URLS.map(path => requests.count(path, since))

const cookieNames = async (context: BrowserContext): Promise<string[]> => (await context.cookies()).map(cookie => cookie.name).sort()

describe('Global Privacy Control (P-01, P-02, R-12)', () => {
  it('P-01, P-02: with navigator.globalPrivacyControl, Accept all leaves marketing refused: no marketing tag, no Meta request, ad types denied', async ({
    open
  }) => {
    let { page, context } = await open()
    await enableGpc(context)
    await recordDataLayer(context)
    let requests = recordRequests(context)
    await page.goto(gpcPage())
    // The banner still asks about the other categories (P-02).
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 3)
    await settle(page)

    expect(await getConsent(page)).toMatchObject({
      method: 'accept-all',
      gpc: true,
      categories: { essential: true, analytics: true, preferences: true, marketing: false }
    })
    expect(await hasConsent(page, 'marketing')).toBe(false)
    expect((await ran(page)).sort()).toEqual(['a', 'gtag?id=G-TEST1', 'gtm?id=GTM-TEST1'])
    expect(marketingRequests(requests)).toEqual([0, 0])
    let updates = (await layer(page)).filter((_, index, all) => labels(all)[index] === 'consent update')
    expect(updates.map(entry => entry.value)).toEqual([
      ['consent', 'update', consentState(['analytics_storage', 'functionality_storage', 'personalization_storage'])]
    ])
    expect(requests.external()).toEqual([])
  })

  it('P-02, R-12: the panel says the GPC signal is honored, and the Marketing switch is off and disabled', async ({ open }) => {
    let { page, context } = await open()
    await enableGpc(context)
    await page.goto(gpcPage())
    await bannerRegion(page).getByRole('button', { name: 'Customize' }).click()
    let dialog = preferencesDialog(page)
    await dialog.getByText(GPC_NOTICE).waitFor()
    let marketing = dialog.getByRole('switch', { name: 'Marketing' })
    expect(await marketing.isChecked()).toBe(false)
    expect(await marketing.isDisabled()).toBe(true)
    // The switch is described by the notice, so a screen reader says why it is locked.
    expect(await marketing.evaluate(element => {
      let root = element.getRootNode() as ShadowRoot
      return root.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent
    })).toBe(GPC_NOTICE)
    expect(await dialog.getByRole('switch', { name: 'Analytics' }).isDisabled()).toBe(false)

    await dialog.getByRole('button', { name: 'Accept all' }).click()
    await waitForCookie(page)
    expect(await getConsent(page)).toMatchObject({ gpc: true, categories: { analytics: true, marketing: false } })
  })

  it('R-12: GPC overrides a stored acceptance on the next visit: method "gpc", marketing refused, the Meta Pixel and marketing tags not loaded', async ({
    open
  }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(gpcPage())
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 5)
    expect(await getConsent(page)).toMatchObject({ method: 'accept-all', categories: { marketing: true } })
    let accepted = (await waitForCookie(page)).value

    await enableGpc(context)
    let mark = requests.urls.length
    await page.reload()
    await whenReady(page)
    await waitForRan(page, 3)
    await settle(page)
    expect(await getConsent(page)).toMatchObject({
      method: 'gpc',
      gpc: true,
      categories: { essential: true, analytics: true, preferences: true, marketing: false }
    })
    expect((await ran(page)).sort()).toEqual(['a', 'gtag?id=G-TEST1', 'gtm?id=GTM-TEST1'])
    expect(marketingRequests(requests, mark)).toEqual([0, 0])
    expect(await bannerRegion(page).count()).toBe(0)
    // Stored: the override is the visitor's record from now on.
    expect((await waitForCookie(page)).value).not.toBe(accepted)
  })

  it('R-12, T-05, G-08: when GPC overrides a stored acceptance, the change is announced and the Meta cookies are cleared', async ({ open }) => {
    let { page, context } = await open()
    await page.goto(gpcPage())
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 5)
    expect(await cookieNames(context)).toContain('_fbp')

    await enableGpc(context)
    await page.reload()
    await whenReady(page)
    expect(await getConsent(page)).toMatchObject({ method: 'gpc', categories: { marketing: false } })
    // A decision like any other: integrators log it (consentry:change) and marketing cookies go.
    expect.soft(await page.evaluate(() => (window.__changes as { method: string }[]).map(record => record.method))).toEqual(['gpc'])
    // The sweep comes with consentry-follow-up.min.js, a moment after the start.
    await poll(() => cookieNames(context), names => !names.includes('_fbp'), 'the _fbp cookie cleared')
  })

  it('P-01, R-12: the server flag data-gpc="1" turns GPC on without the browser signal; a later page without it does not grant marketing back', async ({ open }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(gpcPage('data-gpc="1"'))
    expect(await page.evaluate(() => (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl)).not.toBe(true)
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForRan(page, 3)
    await settle(page)
    expect(await getConsent(page)).toMatchObject({ gpc: true, categories: { analytics: true, marketing: false } })
    expect(marketingRequests(requests)).toEqual([0, 0])

    // A later page without the signal does not grant marketing back.
    let mark = requests.urls.length
    await page.goto(gpcPage())
    await whenReady(page)
    await waitForRan(page, 3)
    await settle(page)
    expect(await getConsent(page)).toMatchObject({ method: 'accept-all', gpc: true, categories: { marketing: false } })
    expect(marketingRequests(requests, mark)).toEqual([0, 0])
  })
})

describe('regions (R-11, R-12)', () => {
  it('R-11: in an opt-out region (data-region="US-CA") no banner shows and the tags run before any choice', async ({ open }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(regionPage('US-CA'))
    await whenReady(page)
    await waitForRan(page, 4)
    await settle(page)

    expect(await bannerRegion(page).count()).toBe(0)
    expect(await getConsent(page)).toBeNull()
    expect((await ran(page)).sort()).toEqual(['a', 'b', 'fbevents', 'gtag?id=G-TEST1'])
    expect(requests.count('/gating/stub-gtag.js?id=G-TEST1')).toBe(1)
    expect(requests.external()).toEqual([])
  })

  it('R-11, CM-06: in an opt-out region Consent Mode is told what runs: analytics and ads granted before the gtag.js bootstrap', async ({
    open
  }) => {
    let { page, context } = await open()
    await recordDataLayer(context)
    await page.goto(regionPage('US-CA'))
    await whenReady(page)
    await waitForRan(page, 4)
    let entries = await layer(page)
    let names = labels(entries)
    // gtag.js runs, so the state it reads must not be the all-denied default.
    let granting = entries.findIndex(
      (entry, index) =>
        names[index].startsWith('consent ') && (entry.value as [string, string, Record<string, string>])[2].analytics_storage === 'granted'
    )
    expect(granting, `a consent command granting analytics_storage in ${JSON.stringify(names)}`).toBeGreaterThanOrEqual(0)
    expect(granting).toBeLessThan(names.indexOf('js'))
    // Everything runs there until the visitor opts out, ads included.
    expect((entries[granting].value as unknown[])[2]).toEqual(
      consentState(['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage'])
    )
  })

  it('R-11: a do-not-sell link opts out of marketing in one click; marketing cookies go and marketing tags do not load again', async ({
    open
  }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(regionPage('US-CA'))
    await whenReady(page)
    await waitForRan(page, 4)
    expect(await cookieNames(context)).toContain('_fbp')

    await page.getByRole('link', { name: DO_NOT_SELL }).click()
    await waitForCookie(page)
    await waitForStatus(page, 'Your cookie choices have been saved.')
    expect(await getConsent(page)).toMatchObject({
      categories: { essential: true, analytics: true, preferences: true, marketing: false }
    })
    await poll(() => cookieNames(context), names => !names.includes('_fbp'), 'the _fbp cookie cleared')

    let mark = requests.urls.length
    await page.reload()
    await whenReady(page)
    await waitForRan(page, 2)
    await settle(page)
    expect((await ran(page)).sort()).toEqual(['a', 'gtag?id=G-TEST1'])
    expect(marketingRequests(requests, mark)).toEqual([0, 0])
    expect(await bannerRegion(page).count()).toBe(0)
  })

  it('R-12: with GPC in an opt-out region the opt-out is automatic (method "gpc"), marketing never loads, and the page and the panel say so', async ({
    open
  }) => {
    let { page, context } = await open()
    await enableGpc(context)
    let requests = recordRequests(context)
    await page.goto(regionPage('US-CA'))
    await whenReady(page)
    await waitForRan(page, 2)
    await settle(page)

    expect(await getConsent(page)).toMatchObject({
      method: 'gpc',
      gpc: true,
      categories: { essential: true, analytics: true, preferences: true, marketing: false }
    })
    expect((await ran(page)).sort()).toEqual(['a', 'gtag?id=G-TEST1'])
    expect(marketingRequests(requests)).toEqual([0, 0])
    expect(await bannerRegion(page).count()).toBe(0)

    // The page displays that the signal was honored (11 CCR 7025(c)(6)), accessibly.
    let notice = page.getByRole('region', { name: GPC_NOTICE })
    await notice.waitFor()
    expect(await axe(page)).toEqual([])
    await notice.getByRole('button', { name: 'Close' }).click()
    await notice.waitFor({ state: 'detached' })
    await page.reload()
    await whenReady(page)
    expect(await notice.count()).toBe(0)

    await page.getByRole('link', { name: 'Cookie settings' }).click()
    let dialog = preferencesDialog(page)
    await dialog.getByText(GPC_NOTICE).waitFor()
    expect(await dialog.getByRole('switch', { name: 'Marketing' }).isChecked()).toBe(false)
  })

  it('R-11: an unknown region (data-region="FR") is opt-in: the banner shows and nothing runs', async ({ open }) => {
    let { page, context } = await open()
    let requests = recordRequests(context)
    await page.goto(regionPage('FR'))
    await whenReady(page)
    await bannerRegion(page).waitFor()
    await settle(page)
    expect(await ran(page)).toEqual([])
    expect(requests.paths().filter(path => /\/gating\/(tag|stub)-/.test(path))).toEqual([])
  })
})
