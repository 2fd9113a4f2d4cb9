// How the drop-in finds and loads its configuration in Chromium, and what it does when the
// configuration is missing, broken or partly wrong, or when the page calls the API early.
import type { Page } from 'playwright-core'
import { describe, expect } from 'vitest'

import { bannerRegion, changes, consentCookie, DROP_IN, getConsent, hasConsent, useBrowser, waitForCookie, whenReady } from './harness.js'

const suite = useBrowser()
const it = suite.it

/** What `Consentry.ready` settles to: "ready", or the rejection's message. */
const settled = (page: Page) =>
  page.evaluate(() => window.Consentry!.ready.then(() => 'ready', (error: Error) => `rejected: ${error.message}`))

describe('configuration loading', () => {
  for (let [file, path, reason] of [
    ['missing-config.html', '/configs/does-not-exist.json', /404/],
    ['invalid-config.html', '/configs/invalid.json', /JSON/]
  ] as const) {
    it(`data-config pointing at ${file === 'missing-config.html' ? 'a 404' : 'invalid JSON'}: a console message names the URL and reason, nothing shows, nothing is granted`, async ({ open }) => {
      let { page, messages } = await open()
      await page.goto(suite.server.url(`/loading/${file}`))
      expect(await settled(page)).toMatch(/^rejected: /)
      let message = messages.find(text => text.includes(path))
      expect(message, messages.join('\n')).toBeDefined()
      expect(message).toMatch(reason)
      expect(await page.locator('consentry-ui').count()).toBe(0)
      expect(await bannerRegion(page).count()).toBe(0)
      expect(await hasConsent(page, 'analytics')).toBe(false)
      expect(await getConsent(page)).toBeNull()
      expect(await consentCookie(page)).toBeUndefined()
      // The page's own script after the drop-in still ran.
      await page.getByText("The page's own script ran.").waitFor()
    })
  }

  it('reads an inline <script type="application/json" id="consentry-config">', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/loading/inline-config.html'))
    let region = bannerRegion(page)
    expect(await region.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('/privacy.html?from=inline')
    await region.getByRole('button', { name: 'Customize' }).click()
    let dialog = page.getByRole('dialog', { name: 'Cookie preferences' })
    await dialog.waitFor()
    let switches = await dialog.getByRole('switch').count()
    expect(switches).toBe(2)
  })

  it('uses a <link rel="preload" as="fetch" crossorigin="anonymous"> of data-config: one request, fetched while the script loads', async ({ open }) => {
    let { page, messages } = await open()
    let config = '/generated/preload.json'
    suite.server.set(config, JSON.stringify({ categories: { essential: {}, analytics: {} } }), 'application/json')
    suite.server.set(
      '/generated/preload.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preload</title>
  <link rel="preload" href="${config}" as="fetch" crossorigin="anonymous">
  <script src="${DROP_IN}" data-config="${config}"></script>
</head><body><p>Page</p></body></html>`
    )
    await page.goto(suite.server.url('/generated/preload.html'))
    await bannerRegion(page).waitFor()
    // Chromium warns when a preload is not used (without crossorigin="anonymous" the credentials
    // modes differ, and the drop-in's fetch makes a second request).
    await page.waitForTimeout(3500)
    expect(suite.server.requests.filter(path => path === config)).toEqual([config])
    expect(messages.filter(text => /preload/i.test(text))).toEqual([])
  })

  it('reads window.consentryConfig', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/loading/window-config.html'))
    let region = bannerRegion(page)
    expect(await region.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('/privacy.html?from=window')
    await region.getByRole('button', { name: 'Close' }).waitFor()
  })

  it('without any configuration shows nothing until Consentry.init(url) is called', async ({ open }) => {
    let { page } = await open()
    let requested: string[] = []
    page.on('request', request => requested.push(new URL(request.url()).pathname))
    await page.goto(suite.server.url('/loading/no-config.html'), { waitUntil: 'networkidle' })
    expect(await page.locator('consentry-ui').count()).toBe(0)
    expect(requested).toContain('/consentry/consentry.min.js')
    expect(requested.filter(path => path.endsWith('.json'))).toEqual([])
    expect(await page.evaluate(() => typeof window.Consentry!.init)).toBe('function')
    expect(await hasConsent(page, 'analytics')).toBe(false)

    await page.evaluate(() => {
      void window.Consentry!.init('/configs/full.json')
    })
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForCookie(page)
    expect(await hasConsent(page, 'analytics')).toBe(true)
  })

  it('Consentry.init(object) works too', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/loading/no-config.html'))
    await page.evaluate(() => window.Consentry!.init({ privacyPolicyUrl: '/privacy.html?from=init' }))
    expect(await bannerRegion(page).getByRole('link').getAttribute('href')).toBe('/privacy.html?from=init')
  })

  it('bad values are reported by JSON path, and the banner still shows with the valid parts', async ({ open }) => {
    let { page, messages } = await open()
    await page.goto(
      suite.server.page({
        config: {
          revision: 'two',
          categorys: {},
          privacyPolicyUrl: '/privacy.html',
          cookie: { expiresDays: 500 },
          ui: { layout: 'diagonal', closeButton: true }
        }
      })
    )
    let region = bannerRegion(page)
    await region.getByRole('button', { name: 'Close' }).waitFor()
    expect(await region.getByRole('link').getAttribute('href')).toBe('/privacy.html')
    let problems = messages.filter(message => message.startsWith('consentry: config.'))
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^consentry: config\.revision: expected .*, got "two"$/),
        expect.stringMatching(/^consentry: config\.categorys: unknown key/),
        expect.stringMatching(/^consentry: config\.cookie\.expiresDays: expected .*, got 500$/),
        expect.stringMatching(/^consentry: config\.ui\.layout: expected .*"diagonal"/)
      ])
    )
    // Each problem is told once.
    expect(new Set(problems).size).toBe(problems.length)
    await region.getByRole('button', { name: 'Reject all' }).click()
    let cookie = await waitForCookie(page)
    // The bad expiresDays falls back to the default 182 days.
    expect(Math.round((cookie.expires * 1000 - Date.now()) / 864e5)).toBe(182)
  })

  it('API calls made before ready (on, acceptAll) take effect once started', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/loading/early-api.html'))
    await whenReady(page)
    await waitForCookie(page)
    let early = await page.evaluate(() => (window as unknown as { early: { started: boolean; records: unknown[] } }).early)
    let record = await getConsent(page)
    expect(record).toMatchObject({ method: 'accept-all', categories: { analytics: true, marketing: true } })
    expect(early).toEqual({ started: false, records: [record] })
    expect(await changes(page)).toEqual([record])
    expect(await bannerRegion(page).count()).toBe(0)
  })

  it('init called twice keeps one banner and warns', async ({ open }) => {
    let { page, messages } = await open()
    await page.goto(suite.server.url('/loading/no-config.html'))
    await page.evaluate(async () => {
      let first = window.Consentry!.init('/configs/full.json')
      let second = window.Consentry!.init({ ui: { closeButton: true } })
      await Promise.all([first, second])
      await window.Consentry!.init('/configs/full.json')
    })
    await bannerRegion(page).waitFor()
    expect(await page.locator('consentry-ui').count()).toBe(1)
    expect(await bannerRegion(page).count()).toBe(1)
    expect(await bannerRegion(page).getByRole('button', { name: 'Close' }).count()).toBe(0)
    expect(messages.filter(message => message.includes('init was called again'))).toHaveLength(2)
  })

  it('the drop-in included twice keeps one banner and warns', async ({ open }) => {
    let { page, messages } = await open()
    await page.goto(suite.server.url('/loading/included-twice.html'))
    await whenReady(page)
    await bannerRegion(page).waitFor()
    expect(await page.locator('consentry-ui').count()).toBe(1)
    expect(messages.some(message => message.includes('included twice'))).toBe(true)
  })

  it('destroy() removes the banner; init() may then start again', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    await bannerRegion(page).waitFor()
    await page.evaluate(() => window.Consentry!.destroy())
    expect(await page.locator('consentry-ui').count()).toBe(0)
    await page.evaluate(() => window.Consentry!.init('/configs/full.json'))
    await bannerRegion(page).getByRole('button', { name: 'Reject all' }).click()
    await waitForCookie(page)
    expect(await page.locator('consentry-ui').count()).toBe(1)
  })

  it('the JS API decides like the buttons, and reset() asks again', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    await whenReady(page)
    await page.evaluate(() => window.Consentry!.setConsent({ analytics: true }))
    await bannerRegion(page).waitFor({ state: 'detached' })
    expect(await getConsent(page)).toMatchObject({ method: 'custom', categories: { analytics: true, marketing: false } })
    let unsubscribed = await page.evaluate(() => {
      let calls = 0
      let stop = window.Consentry!.on('change', () => calls++)
      stop()
      window.Consentry!.reset()
      return calls
    })
    expect(unsubscribed).toBe(0)
    await bannerRegion(page).waitFor()
    expect(await consentCookie(page)).toBeUndefined()
    expect(await changes(page)).toEqual([expect.objectContaining({ method: 'custom' }), null])
    await page.evaluate(() => window.Consentry!.showPreferences())
    await page.getByRole('dialog', { name: 'Cookie preferences' }).waitFor()
  })
})
