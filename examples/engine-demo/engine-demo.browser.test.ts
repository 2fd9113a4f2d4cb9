import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchBrowser, openPage, serveFolder, TEST_DOMAIN } from '../../test/browser.js'
import type { StaticServer } from '../../test/browser.js'

let browser: Browser
let server: StaticServer

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), serveFolder('examples')])
})

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()])
})

const record = async (page: Page) => JSON.parse((await page.locator('#record').textContent()) ?? 'null')
const decided = (page: Page) => page.getByRole('status').textContent()
const consentCookies = async (page: Page) =>
  (await page.context().cookies()).filter(cookie => cookie.name === 'consentry')

async function applyConfig(page: Page, config: unknown): Promise<void> {
  await page.getByRole('textbox', { name: 'Configuration JSON' }).fill(JSON.stringify(config))
  await page.getByRole('button', { name: 'Apply configuration' }).click()
}

describe('engine demo in Chromium (built bundle)', () => {
  it('stores an acceptance in one first-party cookie with the right attributes (T-01, T-02)', async () => {
    let { page, errors } = await openPage(browser)
    await page.goto(server.url('/engine-demo/'))
    expect(await decided(page)).toBe('false')
    expect(await page.locator('#has-ga4').textContent()).toBe('false')
    expect(await consentCookies(page)).toEqual([])

    expect(await page.locator('#model').textContent()).toBe('opt-in (mode)')

    await page.getByRole('button', { name: 'Accept all' }).click()
    let shown = await record(page)
    expect(await page.locator('#has-ga4').textContent()).toBe('true')
    // The page's own buttons play the banner: the record says so (G-10).
    expect(shown).toMatchObject({ method: 'accept-all', uiLayer: 'first', categories: { analytics: true, marketing: true } })

    let [cookie] = await consentCookies(page)
    expect(cookie).toMatchObject({ domain: '127.0.0.1', path: '/', sameSite: 'Lax', httpOnly: false, secure: false })
    expect(cookie.value.length).toBeLessThan(512)
    let days = (cookie.expires * 1000 - Date.now()) / 864e5
    expect(days).toBeGreaterThan(181.9)
    expect(days).toBeLessThanOrEqual(182)
    expect(cookie.expires * 1000).toBe(Date.parse(shown.expiresAt))

    await page.reload()
    expect(await decided(page)).toBe('true')
    // The same record, its layer included: the cookie keeps it.
    expect(await record(page)).toEqual(shown)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('keeps a refusal across page loads (R-05)', async () => {
    let { page } = await openPage(browser)
    await page.goto(server.url('/engine-demo/'))
    await page.getByRole('button', { name: 'Reject all' }).click()
    await page.reload()
    expect(await decided(page)).toBe('true')
    expect(await record(page)).toMatchObject({ method: 'reject-all', categories: { essential: true, analytics: false } })
    await page.context().close()
  })

  it('treats a tampered cookie as undecided and says so in the console', async () => {
    let { page, messages, errors } = await openPage(browser)
    await page.context().addCookies([{ name: 'consentry', value: '1~forged~analytics', url: server.url('/') }])
    await page.goto(server.url('/engine-demo/'))
    expect(await decided(page)).toBe('false')
    expect(await page.getByRole('listitem').filter({ hasText: 'unreadable consent cookie' }).count()).toBe(1)
    expect(messages).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('shares the decision across subdomains with cookie.domain (T-04)', async () => {
    let { page } = await openPage(browser)
    let shared = { cookie: { domain: `.${TEST_DOMAIN}` } }
    await page.goto(server.url('/engine-demo/', `shop.${TEST_DOMAIN}`))
    await applyConfig(page, shared)
    await page.getByRole('button', { name: 'Accept all' }).click()
    let given = await record(page)

    await page.goto(server.url('/engine-demo/', `blog.${TEST_DOMAIN}`))
    await applyConfig(page, shared)
    expect(await decided(page)).toBe('true')
    expect((await record(page)).id).toBe(given.id)
    await page.context().close()
  })

  it('leaves one cookie when cookie.domain is added later, so the banner does not come back', async () => {
    let { page } = await openPage(browser)
    await page.goto(server.url('/engine-demo/', `shop.${TEST_DOMAIN}`))
    await page.getByRole('button', { name: 'Accept all' }).click()
    expect((await consentCookies(page)).map(cookie => cookie.domain)).toEqual([`shop.${TEST_DOMAIN}`])

    // The site now shares consent across subdomains; the host-only cookie is still there.
    await applyConfig(page, { cookie: { domain: `.${TEST_DOMAIN}` } })
    expect(await decided(page)).toBe('true')
    await page.getByRole('button', { name: 'Reject all' }).click()
    expect((await consentCookies(page)).map(cookie => cookie.domain)).toEqual([`.${TEST_DOMAIN}`])

    await page.goto(server.url('/engine-demo/', `shop.${TEST_DOMAIN}`))
    await applyConfig(page, { cookie: { domain: `.${TEST_DOMAIN}` } })
    expect(await record(page)).toMatchObject({ method: 'reject-all' })
    await page.context().close()
  })

  it('shows configuration problems by JSON path and keeps the page working', async () => {
    let { page, errors } = await openPage(browser)
    await page.goto(server.url('/engine-demo/'))
    await applyConfig(page, { revision: 'two', categories: { analytics: { cookies: [42] } } })
    let problems = page.getByRole('list').filter({ hasText: 'config.' }).getByRole('listitem')
    expect(await problems.allTextContents()).toEqual([
      'consentry: config.revision: expected a whole number from 1, got "two"',
      'consentry: config.categories.analytics.cookies[0]: expected a cookie name or "/regex/", got 42'
    ])
    expect(await decided(page)).toBe('false')
    await page.getByRole('button', { name: 'Accept all' }).click()
    expect(await decided(page)).toBe('true')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('shows which rule of the configuration chose the consent model, and a panel-layer choice (G-10)', async () => {
    let { page, errors } = await openPage(browser)
    await page.goto(server.url('/engine-demo/'))
    await applyConfig(page, { categories: { essential: {}, analytics: {} }, regions: { US: 'opt-out' }, region: 'US-CA' })
    expect(await page.locator('#model').textContent()).toBe('opt-out (regions.US)')
    await page.getByRole('button', { name: 'Save custom choice' }).click()
    expect(await record(page)).toMatchObject({ method: 'custom', uiLayer: 'second' })
    expect(errors).toEqual([])
    await page.context().close()
  })
})
