// The preferences panel of the drop-in in Chromium: a modal dialog with one switch per category
// and service, cookie tables, keyboard use, and reopening it after a choice (G-07).
import type { Locator, Page } from 'playwright-core'
import { describe, expect } from 'vitest'

import {
  bannerRegion,
  changes,
  consentCookie,
  FULL_CONFIG,
  focused,
  getConsent,
  hasConsent,
  poll,
  preferencesDialog,
  useBrowser,
  waitForCookie,
  waitForStatus,
  whenReady
} from './harness.js'
import type { Focus } from './harness.js'

const suite = useBrowser()
const it = suite.it

const TITLES: Record<string, string> = {
  essential: 'Essential',
  analytics: 'Analytics',
  preferences: 'Preferences',
  marketing: 'Marketing'
}

/** Opens the panel from the first layer's Customize button. */
async function customize(page: Page): Promise<Locator> {
  await page.goto(suite.server.url('/index.html'))
  await bannerRegion(page).getByRole('button', { name: 'Customize' }).click()
  let dialog = preferencesDialog(page)
  await dialog.waitFor()
  return dialog
}

/** Every switch in the panel, shown or inside a closed disclosure. */
function switches(dialog: Locator) {
  return dialog.getByRole('switch', { includeHidden: true }).evaluateAll(elements =>
    elements.map(element => {
      let input = element as HTMLInputElement
      let root = input.getRootNode() as ShadowRoot
      let text = (ids: string | null) =>
        (ids ?? '')
          .split(/\s+/)
          .map(id => root.getElementById(id)?.textContent ?? '')
          .join(' ')
          .trim()
      return {
        name: text(input.getAttribute('aria-labelledby')),
        description: text(input.getAttribute('aria-describedby')),
        checked: input.checked,
        defaultChecked: input.defaultChecked,
        ariaChecked: input.getAttribute('aria-checked'),
        disabled: input.disabled
      }
    })
  )
}

/** Presses Tab (or Shift+Tab) until the focused element matches, at most `limit` times. */
async function tabTo(page: Page, match: (focus: Focus) => boolean, key = 'Tab', limit = 25): Promise<Focus> {
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press(key)
    let focus = await focused(page)
    if (match(focus)) return focus
  }
  throw new Error(`${key} never reached the element`)
}

/** Opens each "Show details" disclosure of the panel. */
async function expandAll(dialog: Locator): Promise<void> {
  let summaries = dialog.getByText('Show details', { exact: true })
  let count = await summaries.count()
  for (let index = 0; index < count; index++) await summaries.nth(index).click()
}

describe('preferences panel (A-01..A-04, G-03..G-05, R-04)', () => {
  it('A-01, A-02: Customize opens a modal dialog named by its heading, with focus inside and the page inert', async ({ open }) => {
    let { page } = await open()
    let dialog = await customize(page)
    let semantics = await dialog.evaluate(element => ({
      modal: element.matches(':modal') || element.getAttribute('aria-modal') === 'true',
      heading: (element.getRootNode() as ShadowRoot).getElementById(element.getAttribute('aria-labelledby') ?? '')
        ?.tagName
    }))
    expect(semantics).toEqual({ modal: true, heading: 'H2' })
    let focus = await focused(page)
    expect(focus).toMatchObject({ inUi: true, within: 'Cookie preferences' })
    // The page behind cannot be clicked: what is under a page button is the modal's backdrop.
    let covered = await page.evaluate(() => {
      let button = document.getElementById('page-button')!
      let box = button.getBoundingClientRect()
      return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) !== button
    })
    expect(covered).toBe(true)
  })

  it('A-02: Tab and Shift+Tab wrap inside the dialog', async ({ open }) => {
    let { page } = await open()
    await customize(page)
    let cycle: Focus[] = []
    for (let step = 0; step < 30; step++) {
      await page.keyboard.press('Tab')
      let focus = await focused(page)
      expect(focus, `Tab ${step + 1}`).toMatchObject({ inUi: true, within: 'Cookie preferences' })
      if (cycle.length > 0 && focus.tag === cycle[0].tag && focus.name === cycle[0].name) break
      cycle.push(focus)
    }
    expect(cycle.length).toBeLessThan(30)
    let names = cycle.map(focus => focus.name)
    for (let name of ['Analytics', 'Marketing', 'Accept all', 'Reject all', 'Save choices', 'Close']) {
      expect(names).toContain(name)
    }
    // Backwards from the first element goes to the last one, then on backwards.
    await page.keyboard.press('Shift+Tab')
    expect(await focused(page)).toMatchObject({ name: cycle.at(-1)!.name, within: 'Cookie preferences' })
    await page.keyboard.press('Shift+Tab')
    expect(await focused(page)).toMatchObject({ name: cycle.at(-2)!.name, within: 'Cookie preferences' })
  })

  it('A-03, A-02: Escape closes the panel without saving and gives focus back to Customize', async ({ open }) => {
    let { page } = await open()
    let dialog = await customize(page)
    await dialog.getByRole('switch', { name: 'Analytics' }).click()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await focused(page)).toMatchObject({ tag: 'button', name: 'Customize', within: 'We value your privacy' })
    expect(await consentCookie(page)).toBeUndefined()
    expect(await hasConsent(page, 'analytics')).toBe(false)
    expect(await bannerRegion(page).isVisible()).toBe(true)
    // Unsaved edits are discarded: the switch is off again when reopened.
    await bannerRegion(page).getByRole('button', { name: 'Customize' }).click()
    expect(await dialog.getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(false)
  })

  it('G-03, A-06: no switch is on at first; Essential is on, disabled and described as "Always active"', async ({ open }) => {
    let { page } = await open()
    let dialog = await customize(page)
    let all = await switches(dialog)
    expect(all.map(entry => entry.name)).toEqual([
      'Essential',
      'Analytics',
      'Google Analytics',
      'Preferences',
      'Marketing',
      'Meta Pixel',
      'Google Ads'
    ])
    for (let entry of all.slice(1)) {
      expect(entry, entry.name).toMatchObject({ checked: false, defaultChecked: false, disabled: false })
      expect(entry.ariaChecked, entry.name).not.toBe('true')
    }
    expect(all[0]).toMatchObject({ checked: true, disabled: true, description: 'Always active' })
    let essential = dialog.getByRole('switch', { name: 'Essential' })
    expect(await essential.isChecked()).toBe(true)
    expect(await essential.isDisabled()).toBe(true)
  })

  it('G-04, A-06: switching on Analytics then Save choices stores analytics only', async ({ open }) => {
    let { page } = await open()
    let dialog = await customize(page)
    let analytics = dialog.getByRole('switch', { name: 'Analytics' })
    await analytics.click()
    expect(await analytics.isChecked()).toBe(true)
    await dialog.getByRole('button', { name: 'Save choices' }).click()
    await dialog.waitFor({ state: 'detached' })
    await waitForCookie(page)
    let record = await getConsent(page)
    expect(record).toMatchObject({
      method: 'custom',
      categories: { essential: true, analytics: true, preferences: false, marketing: false },
      services: { analytics: { ga4: true }, marketing: { meta: false, 'google-ads': false } }
    })
    expect(await changes(page)).toEqual([record])
    expect(await hasConsent(page, 'marketing')).toBe(false)
    expect(await bannerRegion(page).count()).toBe(0)
    await waitForStatus(page, 'Your cookie choices have been saved.')
  })

  it('R-04: Save choices with nothing switched on stores a refusal', async ({ open }) => {
    let { page } = await open()
    let dialog = await customize(page)
    await dialog.getByRole('button', { name: 'Save choices' }).click()
    await waitForCookie(page)
    expect((await getConsent(page))?.categories).toEqual({
      essential: true,
      analytics: false,
      preferences: false,
      marketing: false
    })
    expect(await bannerRegion(page).count()).toBe(0)
  })

  it('G-05: "Show details" reveals service switches and cookie tables with name, provider, duration and third-party access', async ({ open }) => {
    let { page } = await open()
    let dialog = await customize(page)
    expect(await dialog.getByRole('switch', { name: 'Google Analytics' }).count()).toBe(0)
    await expandAll(dialog)
    let ga = dialog.getByRole('switch', { name: 'Google Analytics' })
    await ga.waitFor()
    expect(await ga.isChecked()).toBe(false)

    let tables = await dialog.getByRole('table').evaluateAll(elements =>
      elements.map(table => ({
        caption: table.querySelector('caption')?.textContent ?? '',
        headers: [...table.querySelectorAll('th')].map(th => th.textContent),
        rows: [...table.querySelectorAll('tbody tr')].map(row => [...row.children].map(cell => cell.textContent))
      }))
    )
    // A "/regex/" name is shown the way visitors read it.
    let shown = (name: string) => ({ '/^_ga/': '_ga*', '/^_gcl_/': '_gcl_*' })[name] ?? name
    let row = ({ name, provider, duration, thirdParty }: { name: string; provider: string; duration: string; thirdParty: boolean }) => [
      shown(name),
      provider,
      duration,
      thirdParty ? 'Yes' : 'No'
    ]
    let expected: { caption: string; rows: string[][] }[] = []
    for (let [id, category] of Object.entries(FULL_CONFIG.categories)) {
      for (let service of Object.values(category.services ?? {})) {
        expected.push({ caption: `Cookies: ${service.label}`, rows: service.cookies.map(row) })
      }
      if (category.cookies) expected.push({ caption: `Cookies: ${TITLES[id]}`, rows: category.cookies.map(row) })
    }
    expect(tables.map(table => table.caption)).toEqual(expected.map(table => table.caption))
    for (let [index, table] of tables.entries()) {
      expect(table.headers).toEqual(['Name', 'Provider', 'Duration', 'Purpose', 'Third-party access'])
      expect(table.rows.map(([name, provider, duration, , access]) => [name, provider, duration, access]), table.caption).toEqual(expected[index].rows)
    }
    await dialog.getByRole('columnheader', { name: 'Duration' }).first().waitFor()
    await dialog.getByRole('cell', { name: '13 months' }).waitFor()
  })

  it('G-04: one service can be granted alone', async ({ open }) => {
    let { page } = await open()
    let dialog = await customize(page)
    await expandAll(dialog)
    await dialog.getByRole('switch', { name: 'Meta Pixel' }).click()
    expect(await dialog.getByRole('switch', { name: 'Google Ads' }).isChecked()).toBe(false)
    await dialog.getByRole('button', { name: 'Save choices' }).click()
    await waitForCookie(page)
    expect(await getConsent(page)).toMatchObject({
      categories: { analytics: false, marketing: true },
      services: { analytics: { ga4: false }, marketing: { meta: true, 'google-ads': false } }
    })
    expect(await hasConsent(page, 'marketing', 'meta')).toBe(true)
    expect(await hasConsent(page, 'marketing', 'google-ads')).toBe(false)
  })

  it('A-04: works with the keyboard only (Tab, Enter, Space), and the non-modal banner traps nothing', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    await bannerRegion(page).waitFor()
    await tabTo(page, focus => focus.name === 'Customize' && focus.within === 'We value your privacy')
    // The first layer is not a trap: Tab leaves it, Shift+Tab comes back.
    await page.keyboard.press('Tab')
    expect((await focused(page)).within).not.toBe('We value your privacy')
    await tabTo(page, focus => focus.name === 'Customize', 'Shift+Tab', 3)

    await page.keyboard.press('Enter')
    let dialog = preferencesDialog(page)
    await dialog.waitFor()
    await tabTo(page, focus => focus.role === 'switch' && focus.name === 'Analytics')
    await page.keyboard.press('Space')
    expect(await dialog.getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(true)
    await tabTo(page, focus => focus.role === 'switch' && focus.name === 'Marketing')
    await page.keyboard.press('Space')
    await page.keyboard.press('Space')
    expect(await dialog.getByRole('switch', { name: 'Marketing' }).isChecked()).toBe(false)
    await tabTo(page, focus => focus.name === 'Save choices')
    await page.keyboard.press('Enter')
    await waitForCookie(page)
    expect((await getConsent(page))?.categories).toEqual({
      essential: true,
      analytics: true,
      preferences: false,
      marketing: false
    })
  })
})

describe('reopening after a choice (G-07)', () => {
  it('G-07, A-02: a data-consentry="preferences" link opens the panel with the current choice and gets focus back', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await waitForCookie(page)
    let link = page.getByRole('link', { name: 'Cookie settings' })
    let dialog = preferencesDialog(page)

    await link.click()
    await dialog.waitFor()
    expect(page.url()).not.toContain('#')
    for (let name of ['Analytics', 'Preferences', 'Marketing']) {
      expect(await dialog.getByRole('switch', { name }).isChecked(), name).toBe(true)
    }
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await focused(page)).toMatchObject({ tag: 'a', name: 'Cookie settings', inUi: false })

    await link.click()
    await dialog.getByRole('button', { name: 'Close' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await focused(page)).toMatchObject({ tag: 'a', name: 'Cookie settings', inUi: false })
    expect(await getConsent(page)).toMatchObject({ method: 'accept-all' })
  })

  it('G-07: an element added to the page after start opens the panel too', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    await whenReady(page)
    await bannerRegion(page).getByRole('button', { name: 'Reject all' }).click()
    await page.evaluate(() => {
      let button = document.createElement('button')
      button.dataset.consentry = 'preferences'
      button.innerHTML = '<span>Privacy choices</span>'
      document.querySelector('main')!.append(button)
    })
    // A click on a child of the trigger counts too.
    await page.getByText('Privacy choices').click()
    let dialog = preferencesDialog(page)
    await dialog.waitFor()
    expect(await dialog.getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(false)
    await dialog.getByRole('switch', { name: 'Analytics' }).click()
    await dialog.getByRole('button', { name: 'Save choices' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await focused(page)).toMatchObject({ tag: 'button', name: 'Privacy choices', inUi: false })
    expect(await getConsent(page)).toMatchObject({ method: 'custom', categories: { analytics: true } })
  })

  it('G-07, G-10: on another page, withdrawing takes two actions: open the panel, Reject all', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.url('/index.html'))
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    let given = (await waitForCookie(page)) && (await getConsent(page))

    await page.goto(suite.server.url('/other.html'))
    await page.getByRole('link', { name: 'Cookie settings' }).click()
    await preferencesDialog(page).getByRole('button', { name: 'Reject all' }).click()
    await preferencesDialog(page).waitFor({ state: 'hidden' })
    let withdrawn = await getConsent(page)
    expect(withdrawn).toMatchObject({
      id: given!.id,
      method: 'reject-all',
      categories: { essential: true, analytics: false, preferences: false, marketing: false }
    })
    expect(await changes(page)).toEqual([withdrawn])
    expect(await hasConsent(page, 'analytics')).toBe(false)
    expect((await consentCookie(page))?.value).toContain('!analytics')
  })

  it('G-07: ui.reopenButton shows a floating "Cookie settings" button after a choice, and one Reject all there withdraws', async ({ open }) => {
    let { page } = await open({ viewport: { width: 1280, height: 800 } })
    await page.goto(suite.server.page({ config: { ui: { reopenButton: true } }, body: '<main><h1>Reopen button</h1></main>' }))
    let floating = page.getByRole('button', { name: 'Cookie settings' })
    await bannerRegion(page).waitFor()
    expect(await floating.count()).toBe(0)

    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await floating.waitFor()
    let box = (await floating.boundingBox())!
    expect(box.x).toBeLessThan(40)
    expect(box.y + box.height).toBeGreaterThan(800 - 40)

    await floating.click()
    let dialog = preferencesDialog(page)
    expect(await dialog.getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(true)
    await dialog.getByRole('button', { name: 'Reject all' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await getConsent(page)).toMatchObject({ method: 'reject-all', categories: { analytics: false, marketing: false } })
    expect(await hasConsent(page, 'analytics')).toBe(false)
    await floating.waitFor()
  })

  it('A-02: closing the panel opened from the floating button gives focus back to it', async ({ open }) => {
    let { page } = await open()
    await page.goto(
      suite.server.page({ config: { ui: { reopenButton: 'bottom-right' } }, body: '<main><h1>Reopen button</h1></main>' })
    )
    await bannerRegion(page).getByRole('button', { name: 'Reject all' }).click()
    let floating = page.getByRole('button', { name: 'Cookie settings' })
    await floating.focus()
    await page.keyboard.press('Enter')
    await preferencesDialog(page).waitFor()
    await page.keyboard.press('Escape')
    await preferencesDialog(page).waitFor({ state: 'hidden' })
    expect(await focused(page)).toMatchObject({ tag: 'button', name: 'Cookie settings' })
  })
})

describe('the panel, the follow-up and the placeholders as files of their own', () => {
  it('the first layer shows with one script; consentry-panel.min.js is fetched once the page is idle, and Customize needs no request', async ({ open }) => {
    let { page, context } = await open()
    let scripts: string[] = []
    page.on('request', request => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
    })
    // The panel's file is held back: the banner shows and works without it.
    let release!: () => void
    let held = new Promise<void>(resolve => (release = resolve))
    await context.route('**/consentry-panel.min.js', async route => {
      await held
      await route.continue()
    })
    await page.goto(suite.server.url('/index.html'))
    let region = bannerRegion(page)
    await region.getByRole('button', { name: 'Accept all' }).waitFor()
    // No pointer, no focus, no click: the request comes when the page is idle after the banner.
    await poll(async () => scripts, list => list.includes('/consentry/consentry-panel.min.js'), 'the panel preloaded')
    // The follow-up (the gate, the log, the cleanup) is asked for once the banner is drawn.
    // The page has no blocked embed: consentry-placeholders.min.js is never asked for.
    expect(scripts).toEqual(['/consentry/consentry.min.js', '/consentry/consentry-follow-up.min.js', '/consentry/consentry-panel.min.js'])
    expect(await page.evaluate(() => 'ConsentryPanel' in window)).toBe(false)
    release()
    await poll(() => page.evaluate(() => 'ConsentryPanel' in window), Boolean, 'the panel file run')
    await region.getByRole('button', { name: 'Customize' }).click()
    await preferencesDialog(page).waitFor()
    expect(scripts).toHaveLength(3)
  })

  it('with ui.preloadPanel false, consentry-panel.min.js comes only when the panel is wanted', async ({ open }) => {
    let { page } = await open()
    let scripts: string[] = []
    page.on('request', request => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
    })
    let config = { ...FULL_CONFIG, ui: { preloadPanel: false } }
    await page.goto(suite.server.page({ config }))
    let region = bannerRegion(page)
    await region.waitFor()
    await page.waitForTimeout(300)
    // The follow-up (the gate, the log, the cleanup) is asked for once the banner is drawn.
    expect(scripts).toEqual(['/consentry/consentry.min.js', '/consentry/consentry-follow-up.min.js'])
    // Keyboard only: no pointer ever reaches the banner, the request is made on Customize.
    await region.getByRole('button', { name: 'Customize' }).focus()
    await page.keyboard.press('Enter')
    await preferencesDialog(page).waitFor()
    expect(scripts).toEqual(['/consentry/consentry.min.js', '/consentry/consentry-follow-up.min.js', '/consentry/consentry-panel.min.js'])
    expect(await focused(page)).toMatchObject({ tag: 'h2', name: 'Cookie preferences', inModal: true })
  })

  it('the banner does not wait for the follow-up; a refusal made meanwhile is swept when it arrives (T-05)', async ({ open }) => {
    let { page, context } = await open()
    let release!: () => void
    let held = new Promise<void>(resolve => (release = resolve))
    await context.route('**/consentry-follow-up.min.js', async route => {
      await held
      await route.continue()
    })
    await page.goto(suite.server.url('/index.html'))
    await page.evaluate(() => (document.cookie = '_ga=GA1.1.42; path=/'))
    await bannerRegion(page).getByRole('button', { name: 'Reject all' }).click()
    expect((await waitForCookie(page)).value).toBeTruthy()
    expect(await page.evaluate(() => document.cookie)).toContain('_ga=')
    release()
    await poll(() => page.evaluate(() => document.cookie), cookies => !cookies.includes('_ga='), 'the _ga cookie cleared')
  })

  it('a blocked consentry-follow-up.min.js is reported, the first layer still decides, and gated tags stay off (fails closed)', async ({ open }) => {
    let { page, context, messages } = await open()
    await context.route('**/consentry-follow-up.min.js', route => route.abort('blockedbyclient'))
    suite.server.set('/stub/blocked-follow-up.js', 'window.gatedRan = true', 'text/javascript')
    await page.goto(suite.server.page({ body: '<main>Article</main><script type="text/plain" data-category="analytics" src="/stub/blocked-follow-up.js"></script>' }))
    await poll(async () => messages, list => list.some(text => text.includes('follow-up code could not be loaded')), 'the console message')
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^consentry: the follow-up code could not be loaded \(http:.*\/consentry\/consentry-follow-up\.min\.js could not be loaded\): gated tags do not run, decisions are not logged and refused cookies are not cleared on this page$/
      )
    )
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    expect(await hasConsent(page, 'analytics')).toBe(true)
    await page.waitForTimeout(200)
    expect(suite.server.requests).not.toContain('/stub/blocked-follow-up.js')
    expect(await page.evaluate(() => 'gatedRan' in window)).toBe(false)
  })

  it('T-08: consentry-placeholders.min.js comes for blocked embeds; until it does, an empty box holds each place, so the placeholders shift nothing', async ({
    open
  }) => {
    let { page, context } = await open()
    let release!: () => void
    let held = new Promise<void>(resolve => (release = resolve))
    let asked = 0
    await context.route('**/consentry-placeholders.min.js', async route => {
      asked++
      await held
      await route.continue()
    })
    await page.addInitScript(() => {
      let shifts: number[] = ((window as { __shifts?: number[] }).__shifts = [])
      new PerformanceObserver(list => list.getEntries().forEach(entry => shifts.push((entry as { value?: number }).value ?? 0))).observe({
        type: 'layout-shift',
        buffered: true
      })
    })
    await page.goto(suite.server.url('/gating/embeds.html'))
    await bannerRegion(page).waitFor()
    await poll(async () => asked, count => count === 1, 'the placeholders file asked for')
    let hosts = page.locator('consentry-placeholder')
    let boxes = async () => (await hosts.evaluateAll(list => list.map(host => [host.getBoundingClientRect().toJSON(), !!host.shadowRoot])))
    // Before the file: one empty box per embed (no shadow root yet), at the embed's size or the
    // placeholder's height; the embeds hidden behind them.
    let before = await boxes()
    expect(before.map(([box, drawn]) => [Math.round(box.width), Math.round(box.height), drawn])).toEqual([
      [320, 180, false],
      [640, 135, false]
    ])
    expect(await page.locator('iframe:visible').count()).toBe(0)
    let shiftsBefore = await page.evaluate(() => (window as { __shifts?: number[] }).__shifts!.length)

    release()
    await page.getByRole('group', { name: 'This content is provided by Example Maps, which sets Marketing cookies.' }).waitFor()
    await page.getByRole('group', { name: 'This content is provided by YouTube, which sets Marketing cookies.' }).waitFor()
    let after = await boxes()
    expect(after.map(([, drawn]) => drawn)).toEqual([true, true])
    expect(after.map(([box]) => box)).toEqual(before.map(([box]) => box))
    await page.waitForTimeout(100)
    expect(await page.evaluate(n => (window as { __shifts?: number[] }).__shifts!.slice(n), shiftsBefore)).toEqual([])
    expect(asked).toBe(1)
  })

  it('T-08: a blocked consentry-placeholders.min.js is reported, the embeds get their place back, and consent still loads them', async ({ open }) => {
    let { page, context, messages } = await open()
    await context.route('**/consentry-placeholders.min.js', route => route.abort('blockedbyclient'))
    await page.goto(suite.server.url('/gating/embeds.html'))
    await poll(async () => messages, list => list.some(text => text.includes('embed placeholders could not be loaded')), 'the console message')
    expect(messages).toContainEqual(
      expect.stringMatching(/^consentry: the embed placeholders could not be loaded \(http:.*\/consentry\/consentry-placeholders\.min\.js could not be loaded\): blocked embeds show none$/)
    )
    expect(await page.locator('consentry-placeholder').count()).toBe(0)
    expect(await page.locator('iframe[src]').count()).toBe(0)
    await bannerRegion(page).getByRole('button', { name: 'Accept all' }).click()
    await page.getByTitle('Map').and(page.locator('[src]')).waitFor()
    expect(await page.locator('iframe[src]:visible').count()).toBe(2)
  })

  it('a blocked consentry-panel.min.js is reported when the panel is wanted, and the first layer still decides', async ({ open }) => {
    let { page, context, messages } = await open()
    let preloads = 0
    await context.route('**/consentry-panel.min.js', route => {
      preloads++
      return route.abort('blockedbyclient')
    })
    await page.goto(suite.server.url('/index.html'))
    let region = bannerRegion(page)
    // The failed preload says nothing: a visitor who never opens the panel lost nothing.
    await poll(async () => preloads, count => count === 1, 'the preload attempt')
    await page.waitForTimeout(100)
    expect(messages.filter(text => text.includes('preferences panel'))).toEqual([])
    await region.getByRole('button', { name: 'Customize' }).click()
    await poll(async () => messages, list => list.some(text => text.includes('preferences panel could not be loaded')), 'the console message')
    expect(messages).toContainEqual(expect.stringMatching(/^consentry: the preferences panel could not be loaded \(http:.*\/consentry\/consentry-panel\.min\.js could not be loaded\)$/))
    expect(await preferencesDialog(page).count()).toBe(0)
    await region.getByRole('button', { name: 'Reject all' }).click()
    expect((await waitForCookie(page)).value).toBeTruthy()
    expect(await hasConsent(page, 'analytics')).toBe(false)
  })
})
