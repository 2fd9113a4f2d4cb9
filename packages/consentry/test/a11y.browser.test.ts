// Accessibility of the drop-in in Chromium: axe-core on both layers in both colour schemes and at
// two widths, and page links never hidden behind the bar while tabbing.
import { describe, expect } from 'vitest'

import { axe, bannerRegion, focused, preferencesDialog, useBrowser } from './harness.js'

const suite = useBrowser()
const it = suite.it

describe('axe-core (A-12)', () => {
  for (let colorScheme of ['light', 'dark'] as const) {
    it(`A-12, A-07: no WCAG 2.2 AA violations on the banner and the open panel at 1280px and 320px (${colorScheme})`, async ({ open }) => {
      let { page } = await open({ colorScheme, reducedMotion: 'reduce' })
      for (let width of [1280, 320]) {
        await page.setViewportSize({ width, height: 800 })
        await page.goto(suite.server.url('/index.html'))
        await bannerRegion(page).waitFor()
        expect(await axe(page), `banner at ${width}px`).toEqual([])

        await bannerRegion(page).getByRole('button', { name: 'Customize' }).click()
        let dialog = preferencesDialog(page)
        await dialog.waitFor()
        let summaries = dialog.getByText('Show details', { exact: true })
        for (let index = 0, count = await summaries.count(); index < count; index++) await summaries.nth(index).click()
        await dialog.getByRole('table').first().waitFor()
        expect(await axe(page), `preferences panel at ${width}px`).toEqual([])
      }
    })
  }

  it('A-12: no violations with the close button, the revision message and the floating button', async ({ open }) => {
    let { page } = await open({ reducedMotion: 'reduce' })
    let config = { privacyPolicyUrl: '/privacy.html', ui: { closeButton: true, reopenButton: true } }
    await page.goto(suite.server.page({ config }))
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await page.goto(suite.server.page({ config: { ...config, revision: 2 } }))
    await bannerRegion(page).getByText('Our cookie policy has changed').waitFor()
    expect(await axe(page), 'banner').toEqual([])
    await bannerRegion(page).getByRole('button', { name: 'Close' }).click()
    await page.getByRole('button', { name: 'Cookie settings' }).waitFor()
    expect(await axe(page), 'floating button').toEqual([])
  })
})

describe('target size (A-08)', () => {
  /** Every control in Consentry's shadow roots narrower or shorter than 24 CSS px, by its name. Links inside running text are excepted (WCAG 2.5.8 "inline"). */
  const smallTargets = (page: import('playwright-core').Page) =>
    page.evaluate(() => {
      let small: string[] = []
      let seen = 0
      for (let host of document.querySelectorAll('consentry-ui')) {
        for (let control of host.shadowRoot!.querySelectorAll<HTMLElement>('button, a[href], input, select, summary, [role="switch"], [tabindex="0"]')) {
          let box = control.getBoundingClientRect()
          if (box.width === 0 && box.height === 0) continue
          if (control.matches('a') && control.closest('p')) continue
          seen++
          if (box.width < 24 || box.height < 24) small.push(`${control.tagName.toLowerCase()} "${control.getAttribute('aria-label') ?? control.textContent?.trim()}" ${Math.round(box.width)}x${Math.round(box.height)}`)
        }
      }
      return { seen, small }
    })

  it('A-08: every control of the banner, the panel and the floating button is at least 24 by 24 px, at 1280px and 320px', async ({ open }) => {
    let { page } = await open({ reducedMotion: 'reduce' })
    let config = { privacyPolicyUrl: '/privacy.html', ui: { closeButton: true, reopenButton: true } }
    for (let width of [1280, 320]) {
      await page.setViewportSize({ width, height: 800 })
      await page.goto(suite.server.page({ config }))
      await bannerRegion(page).waitFor()
      let banner = await smallTargets(page)
      // Accept all, Reject all, Customize and the close button.
      expect(banner.seen, `banner at ${width}px`).toBeGreaterThanOrEqual(4)
      expect(banner.small, `banner at ${width}px`).toEqual([])

      await bannerRegion(page).getByRole('button', { name: 'Customize' }).click()
      let dialog = preferencesDialog(page)
      await dialog.waitFor()
      let panel = await smallTargets(page)
      expect(panel.seen, `panel at ${width}px`).toBeGreaterThan(banner.seen)
      expect(panel.small, `panel at ${width}px`).toEqual([])

      await dialog.getByRole('button', { name: 'Reject all' }).click()
      await page.getByRole('button', { name: 'Cookie settings' }).waitFor()
      expect((await smallTargets(page)).small, `floating button at ${width}px`).toEqual([])
      await page.context().clearCookies()
    }
  })
})

describe('focus not obscured (A-05)', () => {
  it('A-05: tabbing to each page link at the bottom of a long page leaves it visible, not behind the bar', async ({ open }) => {
    let { page } = await open({ viewport: { width: 1280, height: 720 } })
    await page.goto(suite.server.url('/long.html'))
    await bannerRegion(page).waitFor()
    let seen: string[] = []
    for (let step = 0; step < 12 && seen.length < 5; step++) {
      await page.keyboard.press('Tab')
      let focus = await focused(page)
      if (focus.inUi || !focus.name.startsWith('Footer link')) continue
      seen.push(focus.name)
      let view = await page.evaluate(() => {
        let link = document.activeElement as HTMLElement
        let box = link.getBoundingClientRect()
        let x = box.left + Math.min(box.width / 2, 40)
        let y = box.top + box.height / 2
        let hit = document.elementFromPoint(x, y)
        return {
          inViewport: y >= 0 && y <= innerHeight,
          hit: hit === link || link.contains(hit) ? 'link' : (hit?.tagName.toLowerCase() ?? 'nothing')
        }
      })
      expect(view, focus.name).toEqual({ inViewport: true, hit: 'link' })
    }
    expect(seen).toEqual(['Footer link 1', 'Footer link 2', 'Footer link 3', 'Footer link 4', 'Footer link 5'])
  })

  it('A-05: the same with the bar at the top and the links at the top of the page', async ({ open }) => {
    let { page } = await open({ viewport: { width: 1280, height: 720 } })
    let links = Array.from({ length: 4 }, (_, index) => `<a href="#${index}" style="display:block">Top link ${index + 1}</a>`)
    await page.goto(
      suite.server.page({
        config: { ui: { layout: 'bar', position: 'top' } },
        body: `<nav aria-label="Top">${links.join('')}</nav><main><h1>Top links</h1><div style="height:200vh"></div></main>`
      })
    )
    await bannerRegion(page).waitFor()
    for (let index = 1; index <= 4; index++) {
      await page.keyboard.press('Tab')
      let focus = await focused(page)
      expect(focus.name).toBe(`Top link ${index}`)
      let hit = await page.evaluate(() => {
        let link = document.activeElement as HTMLElement
        let box = link.getBoundingClientRect()
        let element = document.elementFromPoint(box.left + Math.min(box.width / 2, 40), box.top + box.height / 2)
        return element === link ? 'link' : (element?.tagName.toLowerCase() ?? 'nothing')
      })
      expect(hit, focus.name).toBe('link')
    }
  })
})
