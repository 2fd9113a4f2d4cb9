// The shared browser suite of the two SPA examples (the same app in React and in Preact), each
// built and driven in Chromium through its UI: the banner, the "Analytics: on/off" indicator, the
// hash routes and the footer. Each example's *.browser.test.ts runs it.
import { existsSync } from 'node:fs'

import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchBrowser, openPage, serveFolder } from '../test/browser.js'
import type { StaticServer } from '../test/browser.js'

export function spaSuite(name: 'spa-react' | 'spa-preact', framework: string): void {
  const APP = `/${name}/dist/`

  let browser: Browser
  let server: StaticServer

  beforeAll(async () => {
    if (!existsSync(new URL(`./${name}/dist/index.html`, import.meta.url))) {
      throw new Error(`examples/${name}/dist is missing: run \`pnpm --filter ./examples/${name} build\` first`)
    }
    ;[browser, server] = await Promise.all([launchBrowser(), serveFolder('examples')])
  })

  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()])
  })

  const banner = (page: Page): Locator => page.getByRole('region', { name: 'We value your privacy' })
  const panel = (page: Page): Locator => page.getByRole('dialog', { name: 'Cookie preferences' })
  const indicator = (page: Page): Locator => page.locator('#analytics-indicator')
  const widget = (page: Page): Locator => page.getByRole('region', { name: 'Analytics widget' })
  const footer = (page: Page): Locator => page.getByRole('contentinfo')
  const hosts = (page: Page): Promise<number> => page.locator('consentry-ui').count()
  const consentCookie = async (page: Page) => (await page.context().cookies()).find(cookie => cookie.name === 'consentry')

  /** A fresh visitor on the built app, with a marker that a full page load would wipe out. */
  async function visit(hash = '') {
    let opened = await openPage(browser, { reducedMotion: 'reduce' })
    await opened.page.goto(server.url(APP + hash))
    await opened.page.getByRole('heading', { level: 1 }).waitFor()
    await opened.page.evaluate(() => Object.assign(window, { sameDocument: true }))
    return opened
  }
  const sameDocument = (page: Page) => page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument === true)
  const analyticsStarts = (page: Page) => page.evaluate(() => (window as { spaAnalyticsStarts?: number }).spaAnalyticsStarts ?? 0)

  describe(`${framework} SPA example (examples/${name}, built)`, () => {
    it('follows Accept all and Reject all live, guards the widget on the second route, and keeps the choice on reload', async () => {
      let { page, errors, messages } = await visit()
      await banner(page).waitFor()
      expect(await indicator(page).textContent()).toBe('Analytics: off')
      // init() runs once, outside the framework: one banner host, and no "init was called again" warning.
      expect(await hosts(page)).toBe(1)

      await banner(page).getByRole('button', { name: 'Accept all' }).click()
      await banner(page).waitFor({ state: 'detached' })
      await expect.poll(() => indicator(page).textContent()).toBe('Analytics: on')
      expect(await sameDocument(page)).toBe(true)

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Statistics' }).click()
      await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor()
      expect(new URL(page.url()).hash).toBe('#/stats')
      await widget(page).waitFor()
      expect(await analyticsStarts(page)).toBeGreaterThanOrEqual(1)
      expect(await sameDocument(page)).toBe(true)

      // The footer button reopens the panel; Reject all withdraws without a reload.
      await footer(page).getByRole('button', { name: 'Cookie settings' }).click()
      await panel(page).waitFor()
      expect(await panel(page).getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(true)
      await panel(page).getByRole('button', { name: 'Reject all' }).click()
      await panel(page).waitFor({ state: 'hidden' })
      await expect.poll(() => indicator(page).textContent()).toBe('Analytics: off')
      await widget(page).waitFor({ state: 'detached' })
      await page.getByText('The analytics widget is off').waitFor()
      expect(await sameDocument(page)).toBe(true)
      expect(await hosts(page)).toBe(1)

      // A reload reads the refusal back from the cookie, on the same route.
      expect((await consentCookie(page))?.value).toBeTruthy()
      await page.reload()
      await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor()
      await page.getByText('The analytics widget is off').waitFor()
      expect(await indicator(page).textContent()).toBe('Analytics: off')
      expect(await banner(page).count()).toBe(0)
      expect(await widget(page).count()).toBe(0)
      expect(await analyticsStarts(page)).toBe(0)
      expect(await hosts(page)).toBe(1)

      expect(errors).toEqual([])
      expect(messages.filter(message => message.includes('consentry'))).toEqual([])
      await page.context().close()
    })

    it('keeps an acceptance on reload, with the widget mounted on the second route', async () => {
      let { page, errors } = await visit('#/stats')
      await page.getByText('The analytics widget is off').waitFor()
      expect(await widget(page).count()).toBe(0)
      await banner(page).getByRole('button', { name: 'Accept all' }).click()
      await widget(page).waitFor()
      expect(await sameDocument(page)).toBe(true)

      await page.reload()
      await widget(page).waitFor()
      await expect.poll(() => indicator(page).textContent()).toBe('Analytics: on')
      expect(await banner(page).count()).toBe(0)
      expect(await hosts(page)).toBe(1)
      expect(errors).toEqual([])
      await page.context().close()
    })

    it('the data-consentry="preferences" link and the placeholder button open the panel; a custom choice applies live', async () => {
      let { page, errors } = await visit('#/stats')
      await banner(page).waitFor()
      await footer(page).getByRole('link', { name: 'Manage cookies' }).click()
      await panel(page).waitFor()
      // The link's own navigation (to #/privacy) is prevented: the route stays.
      expect(new URL(page.url()).hash).toBe('#/stats')
      await panel(page).getByRole('switch', { name: 'Analytics' }).click()
      await panel(page).getByRole('button', { name: 'Save choices' }).click()
      await panel(page).waitFor({ state: 'hidden' })
      await widget(page).waitFor()
      expect(await indicator(page).textContent()).toBe('Analytics: on')

      // Withdraw again from the placeholder's own button once the widget is gone.
      await footer(page).getByRole('button', { name: 'Cookie settings' }).click()
      await panel(page).getByRole('button', { name: 'Reject all' }).click()
      await widget(page).waitFor({ state: 'detached' })
      await page.getByRole('button', { name: 'Change cookie settings' }).click()
      await panel(page).waitFor()
      expect(await panel(page).getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(false)
      expect(await sameDocument(page)).toBe(true)
      expect(errors).toEqual([])
      await page.context().close()
    })
  })
}
