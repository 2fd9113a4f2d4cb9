// The first layer of the drop-in in Chromium: what it shows, that silence grants nothing, and what
// Accept all, Reject all, the close button and a new revision do.
import { describe, expect } from 'vitest'

import {
  bannerRegion,
  changes,
  consentCookie,
  contrast,
  getConsent,
  hasConsent,
  styles,
  useBrowser,
  waitForCookie,
  waitForStatus,
  whenReady
} from './harness.js'

const suite = useBrowser()
const it = suite.it

const BUTTONS = ['Accept all', 'Reject all', 'Customize']
const SAVED = 'Your cookie choices have been saved.'
const OPTIONAL_REFUSED = { essential: true, analytics: false, preferences: false, marketing: false }
const ALL_GRANTED = { essential: true, analytics: true, preferences: true, marketing: true }

describe('first layer (R-01..R-04, A-01)', () => {
  it('R-01, R-03, A-01: is a labelled region with title, text, privacy link and three buttons inside it', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    let region = bannerRegion(page)
    await region.waitFor()
    await region.getByRole('heading', { name: 'We value your privacy' }).waitFor()
    await region.getByText('We use cookies and similar technologies').waitFor()

    let link = region.getByRole('link', { name: 'Privacy policy' })
    expect(await link.getAttribute('href')).toBe('/privacy.html')

    for (let name of BUTTONS) {
      let button = region.getByRole('button', { name, exact: true })
      expect(await button.count(), name).toBe(1)
      // A real <button>, not a link styled as one.
      expect(await button.evaluate(element => element.tagName), name).toBe('BUTTON')
    }
    // Nothing is decided by showing it.
    expect(await consentCookie(page)).toBeUndefined()
  })

  it('R-02: Accept all, Reject all and Customize are equally prominent and in one row at 1280px', async ({ open }) => {
    let { page } = await open({ viewport: { width: 1280, height: 800 } })
    await page.goto(suite.server.url('/index.html'))
    let region = bannerRegion(page)
    await region.waitFor()
    let looks = []
    for (let name of BUTTONS) {
      let button = region.getByRole('button', { name, exact: true })
      let box = (await button.boundingBox())!
      let style = await styles(button, [
        'font-size',
        'font-weight',
        'font-family',
        'color',
        'background-color',
        'border-top-width',
        'border-top-style',
        'border-top-color'
      ])
      looks.push({ name, box, style })
    }
    let [accept, reject, customize] = looks
    for (let other of [reject, customize]) {
      expect(Math.abs(other.box.width - accept.box.width), `${other.name} width`).toBeLessThanOrEqual(2)
      expect(Math.abs(other.box.height - accept.box.height), `${other.name} height`).toBeLessThanOrEqual(2)
      expect(other.style, other.name).toEqual(accept.style)
      // One row: the same vertical position.
      expect(Math.abs(other.box.y - accept.box.y), `${other.name} row`).toBeLessThanOrEqual(2)
    }
    expect(accept.box.x).toBeLessThan(reject.box.x)
    expect(reject.box.x).toBeLessThan(customize.box.x)
    // The refusal's label is readable (R-02: at least 4.5:1), as readable as the acceptance's.
    let rejectContrast = contrast(reject.style.color, reject.style['background-color'])
    expect(rejectContrast).toBeGreaterThanOrEqual(4.5)
    expect(rejectContrast).toBeGreaterThanOrEqual(contrast(accept.style.color, accept.style['background-color']))
  })

  it('R-04: refusing takes one click', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    await bannerRegion(page).getByRole('button', { name: 'Reject all' }).click()
    await waitForCookie(page)
    expect(await getConsent(page)).toMatchObject({ method: 'reject-all', categories: OPTIONAL_REFUSED })
  })

  it('G-05: the privacy policy link works before any choice and decides nothing', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    let [response] = await Promise.all([
      page.waitForEvent('response', response => response.url().endsWith('/privacy.html')),
      bannerRegion(page).getByRole('link', { name: 'Privacy policy' }).click()
    ])
    expect(response.status()).toBe(200)
    await page.getByRole('heading', { name: 'Privacy policy', level: 1 }).waitFor()
    await bannerRegion(page).waitFor()
    expect(await consentCookie(page)).toBeUndefined()
  })
})

describe('silence is not consent (G-02)', () => {
  it('G-02, A-03: Escape, scrolling and clicking outside the banner grant nothing', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    let region = bannerRegion(page)
    await region.waitFor()

    await page.keyboard.press('Escape')
    await page.mouse.move(640, 200)
    await page.mouse.wheel(0, 1500)
    await page.waitForFunction(() => scrollY > 0)
    await page.getByRole('button', { name: 'Page button' }).click()
    await page.mouse.click(5, 5)
    await page.keyboard.press('Escape')

    expect(await region.isVisible()).toBe(true)
    expect(await consentCookie(page)).toBeUndefined()
    expect(await hasConsent(page, 'analytics')).toBe(false)
    expect(await getConsent(page)).toBeNull()
    expect(await changes(page)).toEqual([])

    await page.reload()
    await region.waitFor()
    await whenReady(page)
    expect(await consentCookie(page)).toBeUndefined()
    expect(await hasConsent(page, 'analytics')).toBe(false)
  })

  it('G-02: navigating to another page grants nothing and the banner is still asked there', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    await bannerRegion(page).waitFor()
    await page.getByRole('link', { name: 'Other page' }).click()
    await page.getByRole('heading', { name: 'Another page' }).waitFor()
    await bannerRegion(page).waitFor()
    await whenReady(page)
    expect(await consentCookie(page)).toBeUndefined()
    expect(await hasConsent(page, 'analytics')).toBe(false)
    expect(await hasConsent(page, 'marketing')).toBe(false)
  })
})

describe('Accept all and Reject all (R-05)', () => {
  for (let [button, method, categories] of [
    ['Accept all', 'accept-all', ALL_GRANTED],
    ['Reject all', 'reject-all', OPTIONAL_REFUSED]
  ] as const) {
    it(`R-05, A-06: ${button} stores the choice, announces it, tells the page and is kept after a reload`, async ({ open }) => {
      let { page } = await open()
      await page.goto(suite.server.url('/index.html'))
      let region = bannerRegion(page)
      await region.waitFor()
      // The live region exists, empty, before the choice, so screen readers announce the change.
      let status = page.getByRole('status')
      expect(await status.count()).toBe(1)
      expect((await status.textContent())?.trim()).toBe('')

      await region.getByRole('button', { name: button }).click()
      await region.waitFor({ state: 'detached' })
      await waitForStatus(page, SAVED)

      let cookie = await waitForCookie(page)
      let record = await getConsent(page)
      expect(record).toMatchObject({ method, categories, revision: 1, language: 'en' })
      expect(await changes(page)).toEqual([record])
      expect(await hasConsent(page, 'analytics')).toBe(categories.analytics)
      expect(await hasConsent(page, 'marketing', 'meta')).toBe(categories.marketing)
      // A refusal lasts as long as an acceptance: 182 days.
      let days = (cookie.expires * 1000 - Date.now()) / 864e5
      expect(days).toBeGreaterThan(181.9)
      expect(days).toBeLessThanOrEqual(182)

      await page.reload()
      await whenReady(page)
      expect(await page.locator('consentry-ui').count()).toBe(1)
      expect(await region.count()).toBe(0)
      expect(await getConsent(page)).toEqual(record)
      expect(await hasConsent(page, 'analytics')).toBe(categories.analytics)

      await page.goto(suite.server.url('/other.html'))
      await whenReady(page)
      expect(await region.count()).toBe(0)
      expect(await getConsent(page)).toEqual(record)
    })
  }
})

describe('close button (R-08)', () => {
  it('R-08: says closing is a refusal, and × stores a dismissal that refuses every optional category', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.page({ config: { privacyPolicyUrl: '/privacy.html', ui: { closeButton: true } } }))
    let region = bannerRegion(page)
    await region.getByText('Closing this notice rejects all optional cookies.').waitFor()
    let close = region.getByRole('button', { name: 'Close' })
    expect(await close.evaluate(element => element.tagName)).toBe('BUTTON')
    await close.click()
    await region.waitFor({ state: 'detached' })
    await waitForCookie(page)
    expect(await getConsent(page)).toMatchObject({ method: 'dismiss', categories: OPTIONAL_REFUSED })
    expect(await hasConsent(page, 'analytics')).toBe(false)
    await page.reload()
    await whenReady(page)
    expect(await region.count()).toBe(0)
  })

  it('R-08: without ui.closeButton there is no close button and no closing notice', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    let region = bannerRegion(page)
    await region.waitFor()
    expect(await region.getByRole('button', { name: 'Close' }).count()).toBe(0)
    expect(await region.getByText('Closing this notice').count()).toBe(0)
  })
})

describe('re-consent (G-11)', () => {
  it('G-11: a decision under revision 1 is asked again, with the revision message, under revision 2', async ({ open }) => {
    let { page } = await open()
    let config = { privacyPolicyUrl: '/privacy.html', revision: 1 }
    await page.goto(suite.server.page({ config }))
    let region = bannerRegion(page)
    await region.waitFor()
    let message = region.getByText('Our cookie policy has changed since your last visit.')
    expect(await message.count()).toBe(0)
    await region.getByRole('button', { name: 'Accept all' }).click()
    await waitForCookie(page)

    await page.goto(suite.server.page({ config: { ...config, revision: 2 } }))
    await message.waitFor()
    await whenReady(page)
    expect(await region.isVisible()).toBe(true)
    expect(await getConsent(page)).toBeNull()
    expect(await hasConsent(page, 'analytics')).toBe(false)

    await region.getByRole('button', { name: 'Reject all' }).click()
    await region.waitFor({ state: 'detached' })
    expect(await getConsent(page)).toMatchObject({ revision: 2, method: 'reject-all' })
  })

  it('G-11: a new category asks again even without a revision change', async ({ open }) => {
    let { page } = await open()
    let categories = { essential: {}, analytics: {} }
    await page.goto(suite.server.page({ config: { categories } }))
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForCookie(page)
    await page.goto(suite.server.page({ config: { categories: { ...categories, marketing: {} } } }))
    await bannerRegion(page).getByText('Our cookie policy has changed since your last visit.').waitFor()
    expect(await hasConsent(page, 'marketing')).toBe(false)
  })
})

describe('texts are text', () => {
  it('shows hostile texts literally: no element is created and no script runs', async ({ open }) => {
    let { page } = await open()
    let title = '<img src=x onerror="window.__xss=1">'
    let accept = '<script>window.__xss=2</script>Yes'
    let description = 'Read <b>this</b> and <a href="javascript:window.__xss=3">that</a>. {policyLink}'
    let requested: string[] = []
    page.on('request', request => requested.push(new URL(request.url()).pathname))
    await page.goto(
      suite.server.page({
        config: { privacyPolicyUrl: '/privacy.html', translations: { en: { title, acceptAll: accept, description } } }
      })
    )
    let region = bannerRegion(page, title)
    await region.waitFor()
    await region.getByRole('button', { name: accept }).waitFor()
    await region.getByText(description.replace(' {policyLink}', '')).waitFor()
    await page.waitForLoadState('networkidle')
    let created = await page.evaluate(() => {
      let root = document.querySelector('consentry-ui')!.shadowRoot!
      return [...root.querySelectorAll('img, script, b, a:not([href="/privacy.html"])')].map(element => element.outerHTML)
    })
    expect(created).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
    expect(requested).not.toContain('/x')
    // The placeholder still becomes the real link.
    expect(await region.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('/privacy.html')
  })

  it('shows hostile service labels, descriptions and cookie details in the panel literally', async ({ open }) => {
    let { page } = await open()
    let label = '<img src=x onerror="window.__xss=1">'
    let description = '<svg onload="window.__xss=2"></svg>Counts visits'
    let provider = '<iframe src="/x"></iframe>Google'
    let category = '<style>*{display:none}</style>Stats'
    await page.goto(
      suite.server.page({
        config: {
          categories: {
            essential: {},
            analytics: {
              services: {
                ga4: { label, description, cookies: [{ name: '_ga', provider, duration: '<b>13</b> months', description }] }
              }
            }
          },
          translations: { en: { categories: { analytics: { title: category } } } }
        }
      })
    )
    await bannerRegion(page).getByRole('button', { name: 'Customize' }).click()
    let dialog = page.getByRole('dialog', { name: 'Cookie preferences' })
    await dialog.getByText('Show details', { exact: true }).click()
    await dialog.getByRole('switch', { name: label }).waitFor()
    await dialog.getByRole('switch', { name: category }).waitFor()
    await dialog.getByRole('cell', { name: provider }).waitFor()
    await dialog.getByRole('cell', { name: '<b>13</b> months' }).waitFor()
    let created = await page.evaluate(() => {
      let root = document.querySelector('consentry-ui')!.shadowRoot!
      // The banner's own <style> (where constructable stylesheets are missing) is not the visitor's.
      let injectedStyles = [...root.querySelectorAll('style')].filter(style => style.textContent === '*{display:none}')
      return [...root.querySelectorAll('img, svg, iframe, b'), ...injectedStyles].map(element => element.outerHTML)
    })
    expect(created).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
  })

  it('refuses a javascript: or data: privacyPolicyUrl: no link with that address', async ({ open }) => {
    let { page, messages } = await open()
    for (let url of ['javascript:window.__xss=1', 'JavaScript:window.__xss=1', 'data:text/html,<script>alert(1)</script>']) {
      await page.goto(suite.server.page({ config: { privacyPolicyUrl: url } }))
      let region = bannerRegion(page)
      await region.waitFor()
      await whenReady(page)
      expect(await region.getByRole('link').count(), url).toBe(0)
      let hrefs = await page.evaluate(() =>
        [...document.querySelector('consentry-ui')!.shadowRoot!.querySelectorAll('[href]')].map(element =>
          element.getAttribute('href')
        )
      )
      expect(hrefs, url).toEqual([])
      expect(messages.some(message => message.includes('config.privacyPolicyUrl')), url).toBe(true)
      messages.length = 0
    }
  })
})
