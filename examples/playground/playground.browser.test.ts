import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { axe } from '../../packages/consentry/test/harness.js'
import { openPage, useDemoSite } from '../../test/browser.js'

const demo = useDemoSite()

const editor = (page: Page) => page.getByRole('textbox', { name: 'Configuration JSON' })
const banner = (page: Page, name = 'We value your privacy'): Locator =>
  page.locator('consentry-ui').getByRole('region', { name })
const problems = (page: Page) => page.getByRole('list', { name: 'Problems' }).getByRole('listitem')

async function open(options: Parameters<typeof openPage>[1] = {}) {
  let opened = await openPage(demo.browser, options)
  await opened.page.goto(`${demo.origin}/playground/`)
  await banner(opened.page).waitFor()
  return opened
}

/** Edits the JSON in the textarea as a visitor would, through a change of its text. */
async function edit(page: Page, change: (config: Record<string, any>) => void): Promise<void> {
  let config = JSON.parse(await editor(page).inputValue())
  change(config)
  await editor(page).fill(JSON.stringify(config, null, 2))
}

describe.concurrent('playground in Chromium (built drop-in)', () => {
  it('shows the banner on load, with no problems and nothing stored', async () => {
    let { page, errors } = await open()
    await page.getByText('No problems').waitFor()
    expect(await problems(page).count()).toBe(0)
    expect(await page.getByRole('combobox', { name: 'Layout' }).inputValue()).toBe('bar')
    // The page's <h1>, its section headings, the banner's own heading.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Playground')
    expect(await axe(page)).toEqual([])

    // A choice in the preview goes into the throwaway cookie, never "consentry".
    await banner(page).getByRole('button', { name: 'Accept all' }).click()
    let names = (await page.context().cookies()).map(cookie => cookie.name)
    expect(names).toEqual(['consentry-playground'])
    await page.getByRole('button', { name: 'Show preferences' }).click()
    await page.locator('consentry-ui').getByRole('dialog', { name: 'Cookie preferences' }).waitFor()
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('updates the banner as the JSON is edited, even after a choice', async () => {
    let { page, errors } = await open()
    await banner(page).getByRole('button', { name: 'Reject all' }).click()
    await banner(page).waitFor({ state: 'detached' })

    await edit(page, config => {
      config.ui.layout = 'box'
      config.ui.position = 'bottom-left'
      config.translations.en.title = 'Cookies on Example Shop'
    })
    let region = banner(page, 'Cookies on Example Shop')
    await region.waitFor()
    expect(await region.getAttribute('class')).toContain('cc-box')
    expect(await region.getAttribute('class')).toContain('cc-bottom-left')
    // The quick settings follow the JSON.
    expect(await page.getByRole('combobox', { name: 'Layout' }).inputValue()).toBe('box')
    expect(await page.getByRole('combobox', { name: 'Position' }).inputValue()).toBe('bottom-left')
    expect(await page.locator('consentry-ui').count()).toBe(1)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('shows a parse error inline and keeps the last good banner', async () => {
    let { page } = await open()
    let text = await editor(page).inputValue()
    await editor(page).fill(text.replace('"revision": 1,', '"revision": 1'))
    let alert = page.getByRole('alert')
    await alert.getByText('The JSON cannot be read').waitFor()
    expect(await alert.textContent()).toMatch(/Expected ',' or '}' after property value in JSON at position \d+/)
    expect(await editor(page).getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByRole('combobox', { name: 'Layout' }).isDisabled()).toBe(true)
    expect(await banner(page).isVisible()).toBe(true)
    expect(await axe(page)).toEqual([])

    await editor(page).fill(text)
    await alert.waitFor({ state: 'hidden' })
    expect(await editor(page).getAttribute('aria-invalid')).toBeNull()
    await page.context().close()
  })

  it('lists the problems the engine reports, by JSON path', async () => {
    let { page } = await open()
    await edit(page, config => {
      config.revision = 'two'
      config.ui.layout = 'grid'
    })
    await problems(page).first().waitFor()
    expect(await problems(page).allTextContents()).toEqual([
      'config.revision: expected a whole number from 1, got "two"',
      'config.ui.layout: expected "bar", "box" or "modal", got "grid"'
    ])
    expect(await page.getByRole('status').filter({ hasText: 'problems' }).first().textContent()).toContain('2 problems')
    // The banner still shows, with the valid parts.
    expect(await banner(page).isVisible()).toBe(true)
    expect(await axe(page)).toEqual([])

    await edit(page, config => {
      config.revision = 2
      config.ui.layout = 'bar'
    })
    await page.getByText('No problems').waitFor()
    expect(await problems(page).count()).toBe(0)
    await page.context().close()
  })

  it('rewrites the JSON from the quick settings', async () => {
    let { page } = await open()
    await page.getByRole('combobox', { name: 'Layout' }).selectOption('modal')
    await page.getByRole('checkbox', { name: /Close button/ }).check()
    await page.locator('consentry-ui .cc-modal').waitFor()
    let config = JSON.parse(await editor(page).inputValue())
    expect(config.ui).toMatchObject({ layout: 'modal', closeButton: true })
    expect(config.ui.position).toBeUndefined()
    expect(await page.getByRole('combobox', { name: 'Position' }).isDisabled()).toBe(true)
    await banner(page).getByRole('button', { name: 'Close' }).waitFor()
    await page.context().close()
  })

  it('shows the French banner when French is chosen', async () => {
    let { page } = await open()
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr')
    let region = banner(page, 'Nous respectons votre vie privée')
    await region.waitFor()
    expect(await region.getByRole('button').allTextContents()).toContain('Tout accepter')
    expect(JSON.parse(await editor(page).inputValue()).language).toBe('fr')
    await page.context().close()
  })

  it('copies the snippet to the clipboard and says so', async () => {
    let { page } = await open({ permissions: ['clipboard-read', 'clipboard-write'] })
    await edit(page, config => (config.translations.en.title = 'Cookies on Example Shop'))
    await banner(page, 'Cookies on Example Shop').waitFor()
    await page.getByRole('button', { name: 'Copy snippet' }).click()
    await page.getByText('Copied the snippet.').waitFor()
    let copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toContain(`<script src="${demo.origin}/consentry/consentry.min.js" data-config="/consent.json"></script>`)
    let json = JSON.parse(copied.slice(copied.indexOf('{')))
    expect(json.translations.en.title).toBe('Cookies on Example Shop')
    // What is copied is the marketer's config, not the preview's throwaway cookie name.
    expect(json.cookie.name).toBe('consentry')

    await page.getByRole('button', { name: 'Copy config' }).click()
    await page.getByText('Copied the config.').waitFor()
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(json)
    await page.context().close()
  })

  it('selects the snippet when the clipboard is refused', async () => {
    let { page } = await open()
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } })
    })
    await page.getByRole('button', { name: 'Copy snippet' }).click()
    await page.getByText('The snippet is selected').waitFor()
    expect(await page.evaluate(() => getSelection()?.toString())).toContain('data-config="/consent.json"')
    await page.context().close()
  })
})
