// Layouts and look of the drop-in in Chromium: positions, narrow screens, the blocking modal,
// isolation from the page's CSS, theming, colour schemes, reduced motion and layout shift.
import type { Page } from 'playwright-core'
import { describe, expect } from 'vitest'

import {
  bannerRegion,
  consentCookie,
  DEFAULT_BODY,
  focused,
  FULL_CONFIG,
  luminance,
  poll,
  preferencesDialog,
  styles,
  useBrowser,
  waitForCookie
} from './harness.js'

const suite = useBrowser()
const it = suite.it

const VIEWPORT = { width: 1280, height: 800 }
/** The banners checked on small screens: each layout, and German for the longest labels. */
const BANNERS = [
  ['bar', 'bar', 'en'],
  ['box', 'box', 'en'],
  ['modal', 'modal', 'en'],
  ['bar in German', 'bar', 'de']
] as const

describe('layouts', () => {
  it('bar at the bottom (default) and top, box in each corner, modal centred', async ({ open }) => {
    let { page } = await open({ viewport: VIEWPORT })
    let place = async (ui: object) => {
      await page.goto(suite.server.page({ config: { ui } }))
      let box = (await bannerRegion(page).boundingBox())!
      return {
        box,
        gaps: { top: box.y, left: box.x, right: VIEWPORT.width - box.x - box.width, bottom: VIEWPORT.height - box.y - box.height }
      }
    }
    let bottom = await place({})
    expect(bottom.box, 'bar').toMatchObject({ x: 0, width: VIEWPORT.width })
    expect(Math.abs(bottom.gaps.bottom), 'bar').toBeLessThanOrEqual(1)
    let top = await place({ layout: 'bar', position: 'top' })
    expect(top.box, 'bar top').toMatchObject({ x: 0, y: 0, width: VIEWPORT.width })

    for (let position of ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const) {
      let { box, gaps } = await place({ layout: 'box', position })
      let [vertical, horizontal] = position.split('-') as ['top' | 'bottom', 'left' | 'right']
      expect(box.width, position).toBeLessThan(VIEWPORT.width / 2)
      expect(gaps[vertical], position).toBeLessThanOrEqual(24)
      expect(gaps[horizontal], position).toBeLessThanOrEqual(24)
      expect(gaps[vertical === 'top' ? 'bottom' : 'top'], position).toBeGreaterThan(VIEWPORT.height / 3)
      expect(gaps[horizontal === 'left' ? 'right' : 'left'], position).toBeGreaterThan(VIEWPORT.width / 2)
    }

    let { box } = await place({ layout: 'modal' })
    expect(Math.abs(box.x + box.width / 2 - VIEWPORT.width / 2), 'modal').toBeLessThanOrEqual(2)
    expect(Math.abs(box.y + box.height / 2 - VIEWPORT.height / 2), 'modal').toBeLessThanOrEqual(2)
  })

  it('A-09: at 320px (bar, box, modal, and German labels) nothing scrolls sideways and the three buttons are visible', async ({ open }) => {
    let { page } = await open({ viewport: { width: 320, height: 640 } })
    for (let [label, layout, lang] of BANNERS) {
      await page.goto(suite.server.page({ config: { ui: { layout } }, lang }))
      let region = page.locator('consentry-ui').getByRole('region')
      await region.getByRole('button').nth(2).waitFor()
      let measured = await region.evaluate(element => {
        let box = (node: Element) => {
          let { left, right, top, bottom } = node.getBoundingClientRect()
          return { left, right, top, bottom }
        }
        return {
          scrollWidth: document.documentElement.scrollWidth,
          bodyScrollWidth: document.body.scrollWidth,
          banner: box(element),
          buttons: [...element.querySelectorAll('button')].map(button => ({
            ...box(button),
            clipped: button.scrollWidth > button.clientWidth
          }))
        }
      })
      expect(measured.scrollWidth, label).toBeLessThanOrEqual(320)
      expect(measured.bodyScrollWidth, label).toBeLessThanOrEqual(320)
      expect(measured.banner.left, label).toBeGreaterThanOrEqual(0)
      expect(measured.banner.right, label).toBeLessThanOrEqual(320)
      expect(measured.buttons, label).toHaveLength(3)
      for (let [index, button] of measured.buttons.entries()) {
        let name = `${label}, button ${index + 1}`
        expect(button.left, name).toBeGreaterThanOrEqual(0)
        expect(button.right, name).toBeLessThanOrEqual(320)
        expect(button.top, name).toBeGreaterThanOrEqual(0)
        expect(button.bottom, name).toBeLessThanOrEqual(640)
        expect(button.clipped, `${name}: label clipped`).toBe(false)
      }
    }
  })

  /**
   * What a visitor sees of the banner (or the panel): sideways overflow of the page, the box, and
   * every control's box, with whether any element with hidden overflow cuts off its content.
   */
  let fit = (locator: ReturnType<typeof bannerRegion>) =>
    locator.evaluate(element => {
      let box = (node: Element) => {
        let { left, right, top, bottom } = node.getBoundingClientRect()
        return { left, right, top, bottom }
      }
      // Text for screen readers only is in a 1 px box on purpose.
      let seen = (node: Element) => node.getBoundingClientRect().width > 1
      let cut = [element, ...element.querySelectorAll('*')]
        .filter(node => {
          if (!seen(node)) return false
          let { overflowX, overflowY } = getComputedStyle(node)
          let hides = (overflow: string) => overflow == 'hidden' || overflow == 'clip'
          return (
            (hides(overflowX) && node.scrollWidth > node.clientWidth + 1) ||
            (hides(overflowY) && node.scrollHeight > node.clientHeight + 1)
          )
        })
        .map(node => `${node.localName}.${node.className}: ${node.textContent?.slice(0, 40)}`)
      return {
        pageWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
        box: box(element),
        sideways: element.scrollWidth > element.clientWidth + 1,
        cut,
        controls: [...element.querySelectorAll('button, [role=switch], input, summary, a')]
          .filter(node => node.checkVisibility())
          .map(node => ({ tag: node.localName, name: node.textContent?.trim().slice(0, 30), ...box(node), clipped: node.scrollWidth > node.clientWidth + 1 }))
      }
    })

  /** The banner of the full configuration in `layout` and `lang`, once its three buttons are there. */
  let showBanner = async (page: Page, layout: 'bar' | 'box' | 'modal', lang: string) => {
    await page.goto(suite.server.page({ config: { ...FULL_CONFIG, ui: { layout } }, lang }))
    let region = page.locator('consentry-ui').getByRole('region')
    await region.getByRole('button').nth(2).waitFor()
    return region
  }

  it('A-09: at 200 % zoom (640 by 400 CSS px) the banner keeps its three buttons in view and the panel scrolls only up and down', async ({ open }) => {
    // Browser zoom at 200 % on a 1280 by 800 window: half the CSS pixels, twice the device pixels.
    let viewport = { width: 640, height: 400 }
    let { page } = await open({ viewport, deviceScaleFactor: 2 })
    for (let [label, layout, lang] of BANNERS) {
      let banner = await fit(await showBanner(page, layout, lang))
      expect(banner.pageWidth, label).toBeLessThanOrEqual(viewport.width)
      expect(banner.sideways, label).toBe(false)
      expect(banner.cut, label).toEqual([])
      // The three choices are on screen without scrolling at all.
      let inView = banner.controls.filter(control => control.tag == 'button' && control.top >= 0 && control.bottom <= viewport.height)
      expect(inView.length, `${label}: buttons in view`).toBe(3)
      for (let control of banner.controls) {
        expect(control.left, `${label}: ${control.name}`).toBeGreaterThanOrEqual(0)
        expect(control.right, `${label}: ${control.name}`).toBeLessThanOrEqual(viewport.width)
        expect(control.clipped, `${label}: ${control.name} clipped`).toBe(false)
      }
    }

    await page.goto(suite.server.page({ config: FULL_CONFIG }))
    await bannerRegion(page).getByRole('button', { name: 'Customize' }).click()
    let dialog = preferencesDialog(page)
    await dialog.getByRole('button', { name: 'Save choices' }).waitFor()
    let panel = await fit(dialog)
    expect(panel.pageWidth).toBeLessThanOrEqual(viewport.width)
    expect(panel.sideways).toBe(false)
    expect(panel.cut).toEqual([])
    expect(panel.box.left).toBeGreaterThanOrEqual(0)
    expect(panel.box.right).toBeLessThanOrEqual(viewport.width)
    expect(panel.box.top).toBeGreaterThanOrEqual(0)
    expect(panel.box.bottom).toBeLessThanOrEqual(viewport.height)
    for (let control of panel.controls) {
      expect(control.left, control.name).toBeGreaterThanOrEqual(panel.box.left)
      expect(control.right, control.name).toBeLessThanOrEqual(panel.box.right)
      expect(control.clipped, `${control.name} clipped`).toBe(false)
    }
    // Reached by scrolling the panel up and down.
    let save = dialog.getByRole('button', { name: 'Save choices' })
    await save.scrollIntoViewIfNeeded()
    let saved = (await save.boundingBox())!
    expect(saved.y + saved.height).toBeLessThanOrEqual(viewport.height)
  })

  it('A-09: with the text spacing of WCAG 1.4.12 nothing in the banner or the panel is cut off', async ({ open }) => {
    let { page } = await open({ viewport: VIEWPORT })
    // The override a visitor's bookmarklet or user style applies, also inside the shadow root.
    let spacing = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important }
      p { margin-bottom: 2em !important }`
    let override = () =>
      page.evaluate(css => {
        for (let root of [document, document.querySelector('consentry-ui')?.shadowRoot]) {
          let style = document.createElement('style')
          style.textContent = css
          ;(root == document ? document.head : root)?.append(style)
        }
      }, spacing)
    for (let [label, layout, lang] of [
      ['bar in German', 'bar', 'de'],
      ['box', 'box', 'en'],
      ['bar', 'bar', 'en']
    ] as const) {
      let region = await showBanner(page, layout, lang)
      await override()
      let spaced = await region.getByRole('button').first().evaluate(button => getComputedStyle(button).wordSpacing)
      expect(parseFloat(spaced), `${label}: the override applies`).toBeGreaterThan(0)
      let banner = await fit(region)
      expect(banner.sideways, label).toBe(false)
      expect(banner.cut, label).toEqual([])
      for (let control of banner.controls) {
        expect(control.clipped, `${label}: ${control.name} clipped`).toBe(false)
        expect(control.bottom, `${label}: ${control.name}`).toBeLessThanOrEqual(VIEWPORT.height)
      }
    }
    await bannerRegion(page).getByRole('button', { name: 'Customize' }).click()
    let dialog = preferencesDialog(page)
    await dialog.getByRole('switch').first().waitFor()
    await override()
    let panel = await fit(dialog)
    expect(panel.sideways).toBe(false)
    expect(panel.cut).toEqual([])
    for (let control of panel.controls) expect(control.clipped, `${control.name} clipped`).toBe(false)
  })

  it('R-09: the choices come in one order on both layers, on a desktop, a phone and at 200 % zoom, as read and as tabbed', async ({ open }) => {
    /** The buttons named `names`, in the order of the DOM (and so of Tab) and as seen: by line, then across. */
    let order = (locator: ReturnType<typeof bannerRegion>, names: string[]) =>
      locator.evaluate((element, names) => {
        let buttons = [...element.querySelectorAll('button')].filter(button => names.includes(button.textContent!.trim()))
        let seen = buttons
          .map(button => ({ name: button.textContent!.trim(), box: button.getBoundingClientRect() }))
          // One line when their boxes overlap vertically; across a line, left to right.
          .sort((a, b) => (a.box.bottom <= b.box.top ? -1 : b.box.bottom <= a.box.top ? 1 : a.box.left - b.box.left))
        return { tabbed: buttons.map(button => button.textContent!.trim()), seen: seen.map(button => button.name) }
      }, names)
    let found: Record<string, unknown> = {}
    for (let [device, options] of [
      ['desktop', { viewport: VIEWPORT }],
      ['phone', { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }],
      ['200 % zoom', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }]
    ] as const) {
      let { page } = await open(options)
      for (let layout of ['bar', 'box', 'modal'] as const) {
        found[`${device}, ${layout}: banner`] = await order(await showBanner(page, layout, 'en'), ['Accept all', 'Reject all', 'Customize'])
      }
      await bannerRegion(page).getByRole('button', { name: 'Customize' }).click()
      await preferencesDialog(page).getByRole('button', { name: 'Save choices' }).waitFor()
      found[`${device}: panel`] = await order(preferencesDialog(page), ['Accept all', 'Reject all'])
    }
    let expected: Record<string, unknown> = {}
    for (let key of Object.keys(found)) {
      let names = key.endsWith('panel') ? ['Accept all', 'Reject all'] : ['Accept all', 'Reject all', 'Customize']
      expected[key] = { tabbed: names, seen: names }
    }
    expect(found).toEqual(expected)
  })

  it('ui.blocking: the first layer is a modal dialog that Escape does not close and that still has Reject all', async ({ open }) => {
    let { page } = await open({ viewport: VIEWPORT })
    await page.goto(suite.server.page({ config: { ui: { blocking: true } } }))
    let dialog = page.getByRole('dialog', { name: 'We value your privacy' })
    await dialog.waitFor()
    expect(await bannerRegion(page).count()).toBe(0)
    let state = () =>
      page
        .getByRole('dialog', { name: 'We value your privacy', includeHidden: true })
        .evaluate(element => ({ modal: element.matches(':modal'), visible: element.checkVisibility() }))
    expect(await state()).toEqual({ modal: true, visible: true })

    // A visitor pressing Escape repeatedly (no click in between) must still see the question. The
    // browser may close a modal dialog on a second Escape; the banner may reopen it in the next task.
    let shown = (value: { modal: boolean; visible: boolean }) => value.modal && value.visible
    for (let press of ['first', 'second', 'third']) {
      await page.keyboard.press('Escape')
      await poll(state, shown, `the blocking banner open after the ${press} Escape`, 1000)
    }
    expect(await consentCookie(page)).toBeUndefined()
    expect(await focused(page)).toMatchObject({ inUi: true, within: 'We value your privacy', inModal: true })

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

  it("the page's CSS (button rules with !important, * rules) does not change the banner", async ({ open }) => {
    let { page } = await open({ viewport: VIEWPORT })
    await page.goto(suite.server.page({}))
    let plain = await bannerLook(page)
    let hostile = `<style>
      button { background: red !important; font-size: 40px !important; padding: 30px !important; border-radius: 0 !important }
      * { text-transform: uppercase; letter-spacing: 3px }
      h2 { color: green !important; font-size: 50px }
      p { color: orange; font-size: 30px }
      body { font: italic 30px/3 monospace; color: purple }
    </style>`
    await page.goto(suite.server.page({ head: hostile }))
    expect(await bannerLook(page)).toEqual(plain)
    // The page's own buttons do get the page's CSS.
    expect((await styles(page.getByRole('button', { name: 'Page button' }), ['background-color']))['background-color']).toBe(
      'rgb(255, 0, 0)'
    )
  })

  it("the page's root font size (html { font-size: 10px }) does not change the banner", async ({ open }) => {
    let { page } = await open({ viewport: VIEWPORT })
    await page.goto(suite.server.page({}))
    let plain = await bannerLook(page)
    await page.goto(suite.server.page({ head: '<style>html { font-size: 10px }</style>' }))
    expect(await bannerLook(page)).toEqual(plain)
  })

  it("the banner's CSS does not change the page", async ({ open }) => {
    let { page } = await open({ viewport: VIEWPORT })
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

  it("--consentry-accent on the page's :root and ui.theme.accent both change the buttons' background", async ({ open }) => {
    let { page } = await open({ colorScheme: 'light' })
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

  it('colorScheme: "dark", and "auto" with prefers-color-scheme: dark, give a dark background; "light" and "auto" in light a light one', async ({ open }) => {
    let { page } = await open()
    for (let [scheme, emulated, dark] of [
      ['dark', 'light', true],
      ['auto', 'dark', true],
      ['auto', 'light', false],
      ['light', 'dark', false]
    ] as const) {
      let label = `colorScheme "${scheme}" with prefers-color-scheme: ${emulated}`
      await page.emulateMedia({ colorScheme: emulated })
      await page.goto(suite.server.page({ config: { ui: { colorScheme: scheme } } }))
      let region = bannerRegion(page)
      await region.waitFor()
      let { 'background-color': background, color } = await styles(region, ['background-color', 'color'])
      if (dark) {
        expect(luminance(background), label).toBeLessThan(0.2)
        expect(luminance(color), label).toBeGreaterThan(0.5)
      } else {
        expect(luminance(background), label).toBeGreaterThan(0.8)
        expect(luminance(color), label).toBeLessThan(0.2)
      }
    }
  })

  it('colorScheme "auto" follows a change of the system setting while the banner is shown', async ({ open }) => {
    let { page } = await open({ colorScheme: 'light' })
    await page.goto(suite.server.page({}))
    let region = bannerRegion(page)
    await region.waitFor()
    expect(luminance((await styles(region, ['background-color']))['background-color'])).toBeGreaterThan(0.8)
    await page.emulateMedia({ colorScheme: 'dark' })
    await poll(
      async () => luminance((await styles(region, ['background-color']))['background-color']),
      value => value < 0.2,
      'a dark background'
    )
  })

  it('A-10: prefers-reduced-motion: reduce gives no animation (and no-preference does animate)', async ({ open }) => {
    let animations = async (reducedMotion: 'reduce' | 'no-preference') => {
      let { page } = await open({ reducedMotion })
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

  it('CLS is 0 over load, the banner appearing and a click', async ({ open }) => {
    let { page, context } = await open({ viewport: VIEWPORT })
    await context.addInitScript(() => {
      let shifts: number[] = []
      let observer = new PerformanceObserver(list => {
        for (let entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value)
      })
      observer.observe({ type: 'layout-shift', buffered: true })
      // Entries not yet delivered to the callback are taken at read time.
      ;(window as unknown as { __cls: () => number[] }).__cls = () => [
        ...shifts,
        ...observer.takeRecords().map(entry => (entry as PerformanceEntry & { value: number }).value)
      ]
    })
    await page.goto(suite.server.page({ body: DEFAULT_BODY }))
    let region = bannerRegion(page)
    await region.getByRole('button', { name: 'Customize' }).click()
    await page.getByRole('dialog', { name: 'Cookie preferences' }).getByRole('button', { name: 'Save choices' }).click()
    await region.waitFor({ state: 'detached' })
    let shifts = await page.evaluate(
      () =>
        new Promise<number[]>(resolve =>
          // Layout (and so any shift) has happened after two frames.
          requestAnimationFrame(() => requestAnimationFrame(() => resolve((window as unknown as { __cls: () => number[] }).__cls())))
        )
    )
    expect(shifts.reduce((sum, value) => sum + value, 0)).toBe(0)
  })
})
