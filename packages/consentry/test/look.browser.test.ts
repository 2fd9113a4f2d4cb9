// Layouts and look of the drop-in in Chromium: positions, narrow screens, the blocking modal,
// isolation from the page's CSS, theming, colour schemes, reduced motion and layout shift.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { bannerRegion, consentCookie, DEFAULT_BODY, luminance, styles, useBrowser, waitForCookie } from './harness.js'

const suite = useBrowser()

const VIEWPORT = { width: 1280, height: 800 }
const BUTTONS = ['Accept all', 'Reject all', 'Customize']

/** The first layer's box, and the viewport's size. */
async function layout(page: Page) {
  let box = (await bannerRegion(page).boundingBox())!
  return { box, right: VIEWPORT.width - box.x - box.width, bottom: VIEWPORT.height - box.y - box.height }
}

describe('layouts', () => {
  it('bar: full width at the bottom by default, at the top with position "top"', async () => {
    let { page } = await suite.open({ viewport: VIEWPORT })
    await page.goto(suite.server.page({ config: { ui: { layout: 'bar' } } }))
    let bottom = await layout(page)
    expect(bottom.box).toMatchObject({ x: 0, width: VIEWPORT.width })
    expect(Math.abs(bottom.bottom)).toBeLessThanOrEqual(1)

    await page.goto(suite.server.page({ config: { ui: { layout: 'bar', position: 'top' } } }))
    let top = await layout(page)
    expect(top.box).toMatchObject({ x: 0, y: 0, width: VIEWPORT.width })
  })

  for (let position of ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const) {
    it(`box in the ${position} corner`, async () => {
      let { page } = await suite.open({ viewport: VIEWPORT })
      await page.goto(suite.server.page({ config: { ui: { layout: 'box', position } } }))
      let { box, right, bottom } = await layout(page)
      expect(box.width).toBeLessThan(VIEWPORT.width / 2)
      let [vertical, horizontal] = position.split('-')
      let gaps = { top: box.y, bottom, left: box.x, right }
      expect(gaps[vertical as 'top' | 'bottom'], vertical).toBeLessThanOrEqual(24)
      expect(gaps[horizontal as 'left' | 'right'], horizontal).toBeLessThanOrEqual(24)
      expect(gaps[vertical === 'top' ? 'bottom' : 'top']).toBeGreaterThan(VIEWPORT.height / 3)
      expect(gaps[horizontal === 'left' ? 'right' : 'left']).toBeGreaterThan(VIEWPORT.width / 2)
    })
  }

  it('modal: centred', async () => {
    let { page } = await suite.open({ viewport: VIEWPORT })
    await page.goto(suite.server.page({ config: { ui: { layout: 'modal' } } }))
    let { box } = await layout(page)
    expect(Math.abs(box.x + box.width / 2 - VIEWPORT.width / 2)).toBeLessThanOrEqual(2)
    expect(Math.abs(box.y + box.height / 2 - VIEWPORT.height / 2)).toBeLessThanOrEqual(2)
  })

  for (let [label, config, lang] of [
    ['bar', { ui: { layout: 'bar' } }, 'en'],
    ['box', { ui: { layout: 'box' } }, 'en'],
    ['modal', { ui: { layout: 'modal' } }, 'en'],
    ['bar in German (long labels)', { ui: { layout: 'bar' } }, 'de']
  ] as const) {
    it(`A-09: at 320px (${label}) nothing scrolls sideways and the three buttons are visible`, async () => {
      let { page } = await suite.open({ viewport: { width: 320, height: 640 } })
      await page.goto(suite.server.page({ config, lang }))
      let region = page.locator('consentry-ui').getByRole('region')
      let buttons = region.getByRole('button')
      await buttons.nth(2).waitFor()
      let sizes = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        bodyScrollWidth: document.body.scrollWidth
      }))
      expect(sizes.scrollWidth).toBeLessThanOrEqual(320)
      expect(sizes.bodyScrollWidth).toBeLessThanOrEqual(320)
      let box = (await region.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(320)
      expect(await buttons.count()).toBe(3)
      for (let index = 0; index < 3; index++) {
        let button = (await buttons.nth(index).boundingBox())!
        expect(button.x, `button ${index}`).toBeGreaterThanOrEqual(0)
        expect(button.x + button.width, `button ${index}`).toBeLessThanOrEqual(320)
        expect(button.y, `button ${index}`).toBeGreaterThanOrEqual(0)
        expect(button.y + button.height, `button ${index}`).toBeLessThanOrEqual(640)
        // The label is not clipped inside the button.
        let clipped = await buttons.nth(index).evaluate(element => element.scrollWidth > element.clientWidth)
        expect(clipped, `button ${index} label clipped`).toBe(false)
      }
    })
  }

  it('ui.blocking: the first layer is a modal dialog that Escape does not close and that still has Reject all', async () => {
    let { page } = await suite.open({ viewport: VIEWPORT })
    await page.goto(suite.server.page({ config: { ui: { blocking: true } } }))
    let dialog = page.getByRole('dialog', { name: 'We value your privacy' })
    await dialog.waitFor()
    expect(await bannerRegion(page).count()).toBe(0)
    let state = () =>
      page
        .getByRole('dialog', { name: 'We value your privacy', includeHidden: true })
        .evaluate(element => ({ modal: element.matches(':modal'), visible: element.checkVisibility() }))
    expect(await state()).toEqual({ modal: true, visible: true })

    // A visitor pressing Escape repeatedly (no click in between) must still see the question.
    await page.keyboard.press('Escape')
    expect(await state(), 'after one Escape').toEqual({ modal: true, visible: true })
    await page.keyboard.press('Escape')
    expect(await state(), 'after a second Escape').toEqual({ modal: true, visible: true })
    expect(await consentCookie(page)).toBeUndefined()

    await dialog.getByRole('button', { name: 'Reject all' }).click()
    await dialog.waitFor({ state: 'detached' })
    await waitForCookie(page)
    // No cookie wall after the refusal (G-06): the page is usable.
    await page.getByRole('button', { name: 'Page button' }).click({ timeout: 2000 })
  })
})

describe('look', () => {
  const PROPERTIES = [
    'background-color',
    'color',
    'font-size',
    'font-weight',
    'font-family',
    'text-transform',
    'letter-spacing',
    'padding-top',
    'border-top-width',
    'border-top-left-radius',
    'min-height'
  ]

  /** The first layer's title, text and a button: their computed styles and the button's width. */
  async function bannerLook(page: Page) {
    let region = bannerRegion(page)
    await region.waitFor()
    let button = region.getByRole('button', { name: 'Reject all' })
    return {
      button: await styles(button, PROPERTIES),
      title: await styles(region.getByRole('heading'), PROPERTIES),
      text: await styles(region.getByText('We use cookies'), PROPERTIES),
      width: (await button.boundingBox())!.width
    }
  }

  it("the page's CSS (button rules with !important, * rules) does not change the banner", async () => {
    let { page } = await suite.open({ viewport: VIEWPORT })
    await page.goto(suite.server.page({}))
    let plain = await bannerLook(page)
    let hostile = `<style>
      button { background: red !important; font-size: 40px !important; padding: 30px !important; border-radius: 0 !important }
      * { text-transform: uppercase; letter-spacing: 3px; font-family: monospace }
      h2 { color: green !important; font-size: 50px }
      p { color: orange; font-size: 30px }
      body { font-size: 30px; color: purple }
    </style>`
    await page.goto(suite.server.page({ head: hostile }))
    expect(await bannerLook(page)).toEqual(plain)
    // The page's own buttons do get the page's CSS.
    expect((await styles(page.getByRole('button', { name: 'Page button' }), ['background-color']))['background-color']).toBe(
      'rgb(255, 0, 0)'
    )
  })

  it("the page's root font size (html { font-size: 10px }) does not change the banner", async () => {
    let { page } = await suite.open({ viewport: VIEWPORT })
    await page.goto(suite.server.page({}))
    let plain = await bannerLook(page)
    await page.goto(suite.server.page({ head: '<style>html { font-size: 10px }</style>' }))
    expect(await bannerLook(page)).toEqual(plain)
  })

  it("the banner's CSS does not change the page", async () => {
    let { page } = await suite.open({ viewport: VIEWPORT })
    let read = async () => ({
      button: await styles(page.getByRole('button', { name: 'Page button' }), PROPERTIES),
      heading: await styles(page.getByRole('heading', { level: 1 }), PROPERTIES),
      link: await styles(page.getByRole('link', { name: 'Other page' }), [...PROPERTIES, 'text-decoration-line']),
      boxSizing: await page.getByRole('button', { name: 'Page button' }).evaluate(element => getComputedStyle(element).boxSizing)
    })
    // Without a configuration the drop-in waits for init() and adds nothing.
    await page.goto(suite.server.page({ config: null }))
    let without = await read()
    await page.goto(suite.server.page({}))
    await bannerRegion(page).waitFor()
    expect(await read()).toEqual(without)
  })

  it("--consentry-accent on the page's :root and ui.theme.accent both change the buttons' background", async () => {
    let { page } = await suite.open({ colorScheme: 'light' })
    let background = async () => {
      let button = bannerRegion(page).getByRole('button', { name: 'Accept all' })
      await button.waitFor()
      return (await styles(button, ['background-color']))['background-color']
    }
    await page.goto(suite.server.page({}))
    let plain = await background()
    await page.goto(suite.server.page({ head: '<style>:root { --consentry-accent: rgb(200, 0, 100) }</style>' }))
    expect(await background()).toBe('rgb(200, 0, 100)')
    await page.goto(suite.server.page({ config: { ui: { theme: { accent: '#8a2be2' } } } }))
    expect(await background()).toBe('rgb(138, 43, 226)')
    expect(plain).not.toBe('rgb(200, 0, 100)')
    expect(plain).not.toBe('rgb(138, 43, 226)')
  })

  for (let [label, scheme, emulated, dark] of [
    ['colorScheme "dark"', 'dark', 'light', true],
    ['colorScheme "auto" with prefers-color-scheme: dark', 'auto', 'dark', true],
    ['colorScheme "auto" with prefers-color-scheme: light', 'auto', 'light', false],
    ['colorScheme "light" with prefers-color-scheme: dark', 'light', 'dark', false]
  ] as const) {
    it(`${label} gives a ${dark ? 'dark' : 'light'} background`, async () => {
      let { page } = await suite.open({ colorScheme: emulated })
      await page.goto(suite.server.page({ config: { ui: { colorScheme: scheme } } }))
      let region = bannerRegion(page)
      await region.waitFor()
      let { 'background-color': background, color } = await styles(region, ['background-color', 'color'])
      if (dark) {
        expect(luminance(background)).toBeLessThan(0.2)
        expect(luminance(color)).toBeGreaterThan(0.5)
      } else {
        expect(luminance(background)).toBeGreaterThan(0.8)
        expect(luminance(color)).toBeLessThan(0.2)
      }
    })
  }

  it('A-10: prefers-reduced-motion: reduce gives no animation (and no-preference does animate)', async () => {
    let animations = async (reducedMotion: 'reduce' | 'no-preference') => {
      let { page } = await suite.open({ reducedMotion })
      await page.goto(suite.server.url('/index.html'))
      let region = bannerRegion(page)
      await region.waitFor()
      let banner = await region.evaluate(element => ({
        running: element.getAnimations().length,
        name: getComputedStyle(element).animationName
      }))
      await region.getByRole('button', { name: 'Customize' }).click()
      let panel = await page
        .getByRole('dialog', { name: 'Cookie preferences' })
        .evaluate(element => ({ running: element.getAnimations().length, name: getComputedStyle(element).animationName }))
      let transitions = await page
        .getByRole('switch', { name: 'Analytics' })
        .evaluate(element => getComputedStyle(element, '::before').transitionDuration)
      return { banner, panel, transitions }
    }
    let reduced = await animations('reduce')
    expect(reduced.banner).toEqual({ running: 0, name: 'none' })
    expect(reduced.panel).toEqual({ running: 0, name: 'none' })
    expect(reduced.transitions).toMatch(/^0s(, 0s)*$/)
    let normal = await animations('no-preference')
    expect(normal.banner.name).not.toBe('none')
  })

  it('CLS is 0 over load, the banner appearing and a click', async () => {
    let { page, context } = await suite.open({ viewport: VIEWPORT })
    await context.addInitScript(() => {
      let shifts: number[] = []
      ;(window as unknown as { __shifts: number[] }).__shifts = shifts
      new PerformanceObserver(list => {
        for (let entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value)
      }).observe({ type: 'layout-shift', buffered: true })
    })
    await page.goto(suite.server.page({ body: DEFAULT_BODY }))
    let region = bannerRegion(page)
    await region.getByRole('button', { name: 'Customize' }).click()
    await page.getByRole('dialog', { name: 'Cookie preferences' }).getByRole('button', { name: 'Save choices' }).click()
    await region.waitFor({ state: 'detached' })
    let total = await page.evaluate(
      () =>
        new Promise<number>(resolve =>
          // Layout-shift entries are delivered after the next frames.
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              setTimeout(() => resolve((window as unknown as { __shifts: number[] }).__shifts.reduce((a, b) => a + b, 0)))
            )
          )
        )
    )
    expect(total).toBe(0)
  })
})
