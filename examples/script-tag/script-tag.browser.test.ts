// The one-script-tag page in Chromium, driven through its own UI: the banner, the footer's
// "Cookie settings" link and the panel. Google Analytics 4 is gated in the HTML with
// <script type="text/plain" data-category="analytics" data-service="ga4">; gtag.js is a local stub.

import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { openPage, useDemoSite } from '../../test/browser.js'

const GTAG_STUB = '/script-tag/stubs/gtag.js'
const HIT = '/script-tag/stubs/collect'

const demo = useDemoSite()

const banner = (page: Page): Locator => page.getByRole('region', { name: 'We value your privacy' })
const panel = (page: Page): Locator => page.getByRole('dialog', { name: 'Cookie preferences' })
const indicator = (page: Page): Locator => page.locator('output#analytics')

/** A fresh visitor on the page, recording the requests for the gtag.js stub and its hits. */
async function visit() {
  let opened = await openPage(demo.browser, { reducedMotion: 'reduce' })
  let scripts: string[] = []
  let hits: string[] = []
  opened.page.on('request', request => {
    let url = new URL(request.url())
    if (url.pathname === GTAG_STUB) scripts.push(request.url())
    if (url.pathname === HIT) hits.push(request.url())
  })
  await opened.page.goto(`${demo.origin}/script-tag/`)
  await opened.page.evaluate(() => window.Consentry!.ready)
  return { ...opened, scripts, hits }
}

/** Lets a stray request show up before asserting that none came. */
const settle = (page: Page) => page.waitForLoadState('networkidle')
const gaCookie = async (page: Page) => (await page.context().cookies()).find(cookie => cookie.name === '_ga')

describe('one script tag with a gated GA4 tag (examples/script-tag)', () => {
  it('loads no GA4 before a choice, nor after Reject all, nor after a reload', async () => {
    let { page, scripts, hits, errors } = await visit()
    await banner(page).waitFor()
    await settle(page)
    expect(await indicator(page).textContent()).toBe('not granted')
    expect(await page.locator('output#ga4').textContent()).toBe('not loaded')
    expect(scripts).toEqual([])

    await banner(page).getByRole('button', { name: 'Reject all' }).click()
    await banner(page).waitFor({ state: 'detached' })
    await settle(page)
    expect(await indicator(page).textContent()).toBe('not granted')

    await page.reload()
    await page.evaluate(() => window.Consentry!.ready)
    await settle(page)
    expect(await banner(page).count()).toBe(0)
    expect(await indicator(page).textContent()).toBe('not granted')
    expect(scripts).toEqual([])
    expect(hits).toEqual([])
    expect(await page.evaluate(() => 'gaStub' in window)).toBe(false)
    expect(await gaCookie(page)).toBeUndefined()
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('Accept all runs gtag.js once with its config: one hit; the footer link then withdraws and removes _ga (G-08)', async () => {
    let { page, scripts, hits, errors, messages } = await visit()
    await banner(page).getByRole('button', { name: 'Accept all' }).click()
    await expect.poll(() => indicator(page).textContent()).toBe('granted')
    await expect.poll(() => hits.length).toBe(1)
    await settle(page)
    expect(scripts).toHaveLength(1)
    expect(new URL(scripts[0]).searchParams.get('id')).toBe('G-DEMO')
    expect(hits).toHaveLength(1)
    let hit = new URL(hits[0]).searchParams
    expect([hit.get('tid'), hit.get('en')]).toEqual(['G-DEMO', 'page_view'])
    // The inline config ran after gtag.js, in document order, and once.
    expect(await page.evaluate(() => (window as { gaStub?: { runs: number } }).gaStub?.runs)).toBe(1)
    await expect.poll(() => page.locator('output#ga4').textContent()).toContain('hits sent')
    expect((await gaCookie(page))?.value).toMatch(/^GA1\./)
    await expect.poll(() => page.locator('output#cookies').textContent()).toContain('_ga=')

    // Withdrawal through the footer's "Cookie settings" link.
    await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click()
    let dialog = panel(page)
    await dialog.waitFor()
    expect(await dialog.getByRole('switch', { name: 'Analytics', exact: true }).isChecked()).toBe(true)
    await dialog.getByRole('button', { name: 'Reject all' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => indicator(page).textContent()).toBe('not granted')
    await expect.poll(() => gaCookie(page)).toBeUndefined()
    await expect.poll(() => page.locator('output#cookies').textContent()).not.toContain('_ga=')
    await settle(page)
    expect(scripts).toHaveLength(1)
    expect(hits).toHaveLength(1)
    expect(errors).toEqual([])
    expect(messages.filter(message => message.includes('consentry'))).toEqual([])
    await page.context().close()
  })
})
