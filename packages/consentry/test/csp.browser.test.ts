// The drop-in under a strict Content Security Policy in Chromium (T-07): nonce-based scripts
// with 'strict-dynamic', nonce-only styles.
import { describe, expect } from 'vitest'

import { bannerRegion, getConsent, preferencesDialog, STRICT_CSP, styles, useBrowser, waitForCookie } from './harness.js'

const suite = useBrowser()
const it = suite.it

const ACCENT = 'rgb(138, 43, 226)' // ui.theme.accent "#8a2be2" in configs/csp.json

describe('strict CSP (T-07)', () => {
  it('T-07: renders with its styles and works with zero CSP violations', async ({ open }) => {
    suite.server.setHeaders('/csp.html', { 'Content-Security-Policy': STRICT_CSP })
    let { page, messages } = await open({ colorScheme: 'light' })
    let response = await page.goto(suite.server.url('/csp.html'))
    expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP)

    let region = bannerRegion(page)
    let accept = region.getByRole('button', { name: 'Accept all' })
    await accept.waitFor()
    // Styled: the theme's accent, the stylesheet's weight and size, a fixed bar.
    expect(await styles(accept, ['background-color', 'font-weight', 'min-height'])).toEqual({
      'background-color': ACCENT,
      'font-weight': '600',
      'min-height': '44px'
    })
    expect((await styles(region, ['position']))['position']).toBe('fixed')

    await page.getByRole('link', { name: 'Cookie settings' }).click()
    let dialog = preferencesDialog(page)
    await dialog.getByRole('switch', { name: 'Analytics' }).click()
    await dialog.getByRole('button', { name: 'Close' }).click()
    await accept.click()
    await waitForCookie(page)
    expect(await getConsent(page)).toMatchObject({ method: 'accept-all', categories: { analytics: true } })

    expect(await page.evaluate(() => window.__violations)).toEqual([])
    expect(messages.filter(message => /Content Security Policy/i.test(message))).toEqual([])
  })

  it('T-07: the page really enforces the policy (an inline style without the nonce is refused)', async ({ open }) => {
    suite.server.setHeaders('/csp.html', { 'Content-Security-Policy': STRICT_CSP })
    let { page } = await open()
    await page.goto(suite.server.url('/csp.html'))
    await bannerRegion(page).waitFor()
    await page.evaluate(() => {
      let style = document.createElement('style')
      style.textContent = 'body { background: red }'
      document.head.append(style)
    })
    await page.waitForFunction(() => window.__violations.length > 0)
    expect(await page.evaluate(() => window.__violations)).toEqual(['style-src-elem inline'])
  })

  it("T-07: without constructable stylesheets, the fallback <style> carries the script tag's nonce", async ({ open }) => {
    suite.server.setHeaders('/csp.html', { 'Content-Security-Policy': STRICT_CSP })
    let { page, context } = await open()
    await context.addInitScript(() => {
      delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets
      delete (Document.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets
    })
    await page.goto(suite.server.url('/csp.html'))
    let accept = bannerRegion(page).getByRole('button', { name: 'Accept all' })
    await accept.waitFor()
    expect(await page.evaluate(() => 'adoptedStyleSheets' in document.querySelector('consentry-ui')!.shadowRoot!)).toBe(false)
    expect((await styles(accept, ['background-color']))['background-color']).toBe(ACCENT)
    expect(await page.evaluate(() => window.__violations)).toEqual([])
  })
})
