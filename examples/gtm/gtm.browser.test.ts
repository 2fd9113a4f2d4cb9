// Google Tag Manager with Consent Mode v2 in Chromium, driven through the page's own UI: the banner,
// the preferences panel and the footer's "Cookie settings" link. GTM is a local stub whose container
// holds one GA4 tag; it fires (a request to /gtm/stubs/collect) once analytics_storage is granted.

import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { openPage, useDemoSite } from '../../test/browser.js'

const GTM_STUB = '/gtm/stubs/gtm.js'
const HIT = '/gtm/stubs/collect'

const demo = useDemoSite()

const banner = (page: Page): Locator => page.getByRole('region', { name: 'We value your privacy' })
const panel = (page: Page): Locator => page.getByRole('dialog', { name: 'Cookie preferences' })
const footerLink = (page: Page): Locator => page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' })

const TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage']
const state = (granted: boolean) => ({
  ...Object.fromEntries(TYPES.map(type => [type, granted ? 'granted' : 'denied'])),
  security_storage: 'granted'
})
const DEFAULT = { gtag: ['consent', 'default', { ...state(false), wait_for_update: 500 }] }
const REDACTION = { gtag: ['set', 'ads_data_redaction', true] }
const update = (granted: boolean) => ({ gtag: ['consent', 'update', state(granted)] })
const categories = (granted: boolean) => ({ essential: true, analytics: granted, preferences: granted, marketing: granted })
const event = (name: string, granted: boolean, method: string | null) => ({ event: `consentry_${name}`, consentry: { categories: categories(granted), method } })
const GTM_START = { 'gtm.start': expect.any(Number), event: 'gtm.js' }

/** A fresh visitor (or the same one with `page`), recording the GTM stub and GA4 hit requests in order. */
async function visit(opened?: Awaited<ReturnType<typeof openPage>> & { requests: string[] }) {
  let current = opened ?? { ...(await openPage(demo.browser, { reducedMotion: 'reduce' })), requests: [] as string[] }
  if (!opened) {
    current.page.on('request', request => {
      let url = new URL(request.url())
      if (url.pathname === GTM_STUB || url.pathname === HIT) current.requests.push(url.pathname + url.search)
    })
  }
  await current.page.goto(`${demo.origin}/gtm/`)
  await current.page.evaluate(() => window.Consentry!.ready)
  return current
}

/** window.dataLayer as data: gtag() entries as { gtag: [...] }, events as they are. */
const dataLayer = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { dataLayer: unknown[] }).dataLayer ?? []).map(entry =>
      Object.prototype.toString.call(entry) === '[object Arguments]' ? { gtag: Array.from(entry as ArrayLike<unknown>) } : entry
    )
  )
const shown = (page: Page) => page.locator('#datalayer').textContent()
const stub = (page: Page) => page.evaluate(() => (window as unknown as { gtmStub?: { seenAtLoad: string[]; hits: string[] } }).gtmStub)

/** Lets a stray request show up before asserting that none came. */
const settle = (page: Page) => page.waitForLoadState('networkidle')

describe('Google Tag Manager with Consent Mode v2 (examples/gtm)', () => {
  it('starts the data layer with the consent default, before the config and with no GTM request', async () => {
    let { page, requests, errors, messages } = await visit()
    await banner(page).waitFor()
    await settle(page)
    // What the page's own script saw right after the drop-in, before consent.json arrived.
    let atParse = (await page.locator('#at-parse').textContent())!.split('\n')
    expect(atParse).toHaveLength(2)
    expect(atParse[0]).toMatch(/^1\. gtag\("consent", "default", \{"ad_storage":"denied",.*"wait_for_update":500\}\)$/)
    expect(atParse[1]).toBe('2. gtag("set", "ads_data_redaction", true)')

    expect(await dataLayer(page)).toEqual([DEFAULT, REDACTION, event('default', false, null)])
    await expect.poll(() => shown(page)).toMatch(/^1\. gtag\("consent", "default"/)
    expect(requests).toEqual([])
    expect(await stub(page)).toBeUndefined()
    expect(await page.locator('#gtm-status').textContent()).toBe('not loaded')
    expect(errors).toEqual([])
    expect(messages.filter(message => message.includes('consentry'))).toEqual([])
    await page.context().close()
  })

  it('Accept all: the consent update, then gtm.js, then the GA4 tag fires; a return visit loads GTM at start', async () => {
    let visitor = await visit()
    let { page, requests, errors } = visitor
    await banner(page).waitFor()
    await settle(page)
    expect(requests).toEqual([])
    await banner(page).getByRole('button', { name: 'Accept all' }).click()
    await expect.poll(() => requests.length).toBe(2)
    await settle(page)

    expect(await dataLayer(page)).toEqual([
      DEFAULT,
      REDACTION,
      event('default', false, null),
      update(true),
      event('update', true, 'accept-all'),
      GTM_START
    ])
    expect(requests).toEqual([`${GTM_STUB}?id=GTM-DEMO123`, `${HIT}?v=2&tid=G-DEMO&gtm=GTM-DEMO123&gcs=G111&en=page_view`])
    // GTM found the update already in the data layer when it loaded.
    let loaded = (await stub(page))!
    expect(loaded.seenAtLoad).toEqual([
      expect.stringMatching(/^gtag\("consent", "default", \{"ad_storage":"denied",/),
      'gtag("set", "ads_data_redaction", true)',
      expect.stringMatching(/^dataLayer\.push\(\{"event":"consentry_default",/),
      expect.stringMatching(/^gtag\("consent", "update", \{"ad_storage":"granted",/),
      expect.stringMatching(/^dataLayer\.push\(\{"event":"consentry_update",/),
      expect.stringMatching(/^dataLayer\.push\(\{"gtm\.start":\d+,"event":"gtm\.js"\}\)$/)
    ])
    expect(loaded.hits).toHaveLength(1)
    await expect.poll(() => page.locator('#gtm-tags').textContent()).toBe(`GA4 tag fired: ${requests[1]}`)
    await expect.poll(() => shown(page)).toContain('6. dataLayer.push({"gtm.start":')

    // Returning visitor: default, the stored choice, the event, then GTM at start.
    requests.length = 0
    await visit(visitor)
    await expect.poll(() => requests.length).toBe(2)
    await settle(page)
    expect(await banner(page).count()).toBe(0)
    expect(await dataLayer(page)).toEqual([DEFAULT, REDACTION, update(true), event('default', true, 'accept-all'), GTM_START])
    expect(requests).toEqual([`${GTM_STUB}?id=GTM-DEMO123`, `${HIT}?v=2&tid=G-DEMO&gtm=GTM-DEMO123&gcs=G111&en=page_view`])
    expect((await stub(page))!.seenAtLoad).toHaveLength(5)

    // Withdrawal from the footer: an update denied, GTM's Google cookies cleared, no new hit.
    await footerLink(page).click()
    await panel(page).waitFor()
    await panel(page).getByRole('button', { name: 'Reject all' }).click()
    await panel(page).waitFor({ state: 'hidden' })
    await expect.poll(async () => (await dataLayer(page)).slice(5)).toEqual([update(false), event('update', false, 'reject-all')])
    await expect.poll(async () => (await page.context().cookies()).some(cookie => cookie.name === '_ga')).toBe(false)
    await settle(page)
    expect(requests).toHaveLength(2)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('Reject all on a first visit loads no GTM at all, then or after a reload (basic mode, CM-09)', async () => {
    let visitor = await visit()
    let { page, requests, errors } = visitor
    await banner(page).getByRole('button', { name: 'Reject all' }).click()
    await banner(page).waitFor({ state: 'detached' })
    await settle(page)
    expect(await dataLayer(page)).toEqual([DEFAULT, REDACTION, event('default', false, null), update(false), event('update', false, 'reject-all')])

    await visit(visitor)
    await settle(page)
    expect(await banner(page).count()).toBe(0)
    expect(await dataLayer(page)).toEqual([DEFAULT, REDACTION, update(false), event('default', false, 'reject-all')])
    expect(requests).toEqual([])
    expect(await stub(page)).toBeUndefined()
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('marketing alone loads GTM without the GA4 tag; granting analytics later fires it on the update', async () => {
    let { page, requests, errors } = await visit()
    await banner(page).getByRole('button', { name: 'Customize' }).click()
    await panel(page).getByRole('switch', { name: 'Marketing', exact: true }).click()
    await panel(page).getByRole('button', { name: 'Save choices' }).click()
    await expect.poll(() => requests.length).toBe(1)
    await settle(page)
    expect(requests).toEqual([`${GTM_STUB}?id=GTM-DEMO123`])
    expect(await page.locator('#gtm-tags').textContent()).toBe('GA4 tag waiting for analytics_storage')

    await footerLink(page).click()
    await panel(page).getByRole('switch', { name: 'Analytics', exact: true }).click()
    await panel(page).getByRole('button', { name: 'Save choices' }).click()
    await expect.poll(() => requests.length).toBe(2)
    expect(requests[1]).toBe(`${HIT}?v=2&tid=G-DEMO&gtm=GTM-DEMO123&gcs=G111&en=page_view`)
    await expect.poll(() => page.locator('#gtm-tags').textContent()).toMatch(/^GA4 tag fired: /)
    await settle(page)
    expect(requests).toHaveLength(2)
    expect(errors).toEqual([])
    await page.context().close()
  })
})
