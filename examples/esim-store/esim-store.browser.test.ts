// The Nomad eSIM demo shop in Chromium, driven only through what a visitor sees: the banner, the
// preferences panel and the footer link, on the built drop-in with the shop's consent.json.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { openPage, useDemoSite } from '../../test/browser.js'

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const FR = JSON.parse(readFileSync(new URL('../../packages/ui/src/translations/fr.json', import.meta.url), 'utf8')) as {
  acceptAll: string
  rejectAll: string
  customize: string
  preferencesTitle: string
  showDetails: string
}
const GA_STUB = '/esim-store/stubs/gtag.js'

interface Cookie {
  name: string
  provider: string
  duration: string
  thirdParty: boolean
}
const CONFIG = JSON.parse(readFileSync(new URL('./consent.json', import.meta.url), 'utf8')) as {
  categories: Record<string, { services?: Record<string, { label: string; cookies: Cookie[] }>; cookies?: Cookie[] }>
}

const demo = useDemoSite()

const EN_TITLE = 'Cookies at Nomad eSIM'
const FR_TITLE = 'Les cookies chez Nomad eSIM'
const banner = (page: Page, name = EN_TITLE): Locator => page.getByRole('region', { name })
const panel = (page: Page, name = 'Cookie preferences'): Locator => page.getByRole('dialog', { name })
const footer = (page: Page): Locator => page.getByRole('contentinfo')

/** A fresh visitor on a shop page, counting the requests for the Google Analytics stub. */
async function visit(path: string) {
  let opened = await openPage(demo.browser, { reducedMotion: 'reduce' })
  let gaRequests: string[] = []
  opened.page.on('request', request => {
    if (new URL(request.url()).pathname === GA_STUB) gaRequests.push(request.url())
  })
  await opened.page.goto(demo.origin + path)
  return { ...opened, gaRequests }
}

const consentCookie = async (page: Page) =>
  (await page.context().cookies()).find(cookie => cookie.name === 'consentry')

/** Lets a stray script request show up before asserting that none came. */
const settle = (page: Page) => page.waitForLoadState('networkidle')

async function axe(page: Page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE })
  return page.evaluate(async () => {
    let { axe } = window as unknown as {
      axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> }
    }
    let result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } })
    return result.violations.map(violation => `${violation.id}: ${violation.nodes.map(node => JSON.stringify(node.target)).join(', ')}`)
  })
}

describe('Nomad eSIM demo shop (examples/esim-store)', () => {
  it('shows the English banner with the shop texts, three equal choices and the policy link (G-05)', async () => {
    let { page, errors, messages, gaRequests } = await visit('/esim-store/')
    let region = banner(page)
    await region.waitFor()
    expect(await page.getByRole('heading', { level: 1 }).first().textContent()).toContain('Mobile data in 190 countries')
    await expect.poll(() => region.textContent()).toContain('Google Analytics')
    for (let name of ['Accept all', 'Reject all', 'Customize']) expect(await region.getByRole('button', { name }).count()).toBe(1)

    let link = region.getByRole('link', { name: 'Privacy policy' })
    // The policy is reachable before any choice: it opens with the visitor still undecided.
    await link.click()
    await page.waitForURL(`${demo.origin}/esim-store/privacy.html`)
    await page.getByRole('heading', { level: 1, name: 'Privacy policy' }).waitFor()
    expect(await page.getByRole('heading', { name: /CNIL|Your rights/ }).count()).toBeGreaterThan(0)
    await banner(page).waitFor()
    expect(await consentCookie(page)).toBeUndefined()
    await settle(page)
    expect(gaRequests).toEqual([])
    expect(errors).toEqual([])
    expect(messages.filter(message => message.includes('consentry'))).toEqual([])
    await page.context().close()
  })

  it('Customize lists the four categories of the policy with their services and cookie tables (G-05)', async () => {
    let { page } = await visit('/esim-store/')
    await banner(page).getByRole('button', { name: 'Customize' }).click()
    let dialog = panel(page)
    await dialog.waitFor()

    let essential = dialog.getByRole('switch', { name: 'Essential' })
    expect(await essential.isChecked()).toBe(true)
    expect(await essential.isDisabled()).toBe(true)
    for (let name of ['Audience measurement', 'Preferences', 'Targeted advertising']) {
      expect(await dialog.getByRole('switch', { name, exact: true }).isChecked(), name).toBe(false)
    }
    await dialog.getByText('Always active').first().waitFor()
    await dialog.getByText('Only with your consent.').waitFor()

    let summaries = dialog.getByText('Show details', { exact: true })
    for (let index = 0, count = await summaries.count(); index < count; index++) await summaries.nth(index).click()
    await dialog.getByRole('table').first().waitFor()
    for (let name of ['Customer account', 'Basket and checkout', 'Security', 'Google Analytics', 'Google Ads', 'Meta Pixel']) {
      expect(await dialog.getByRole('switch', { name, exact: true }).count(), name).toBe(1)
    }

    let tables = await dialog.getByRole('table').evaluateAll(elements =>
      elements.map(table => ({
        caption: table.querySelector('caption')?.textContent ?? '',
        headers: [...table.querySelectorAll('th')].map(th => th.textContent),
        rows: [...table.querySelectorAll('tbody tr')].map(row => [0, 1, 2, 4].map(index => row.children[index]?.textContent))
      }))
    )
    let titles: Record<string, string> = { essential: 'Essential', preferences: 'Preferences' }
    let shown = (name: string) => name.replace(/^\/\^(.*)\/$/, '$1*')
    // Third-party access, as the policy says: the shop's own cookies none, Stripe's, Google's and Meta's yes.
    let rows = (cookies: Cookie[]) => cookies.map(cookie => [shown(cookie.name), cookie.provider, cookie.duration, cookie.thirdParty ? 'Yes' : 'No'])
    let expected: { caption: string; rows: string[][] }[] = []
    for (let [id, category] of Object.entries(CONFIG.categories)) {
      for (let service of Object.values(category.services ?? {})) expected.push({ caption: `Cookies: ${service.label}`, rows: rows(service.cookies) })
      if (category.cookies) expected.push({ caption: `Cookies: ${titles[id]}`, rows: rows(category.cookies) })
    }
    expect(tables.map(table => table.caption)).toEqual(expected.map(table => table.caption))
    for (let [index, table] of tables.entries()) {
      expect(table.headers).toEqual(['Name', 'Provider', 'Duration', 'Purpose', 'Third-party access'])
      expect(table.rows, table.caption).toEqual(expected[index].rows)
    }
    // The policy's cookies, as a visitor reads them.
    expect(tables.flatMap(table => table.rows.map(row => row[0]))).toEqual(
      expect.arrayContaining(['_ga', '_ga_*', '_gcl_*', '_fbp', 'nomad_lang', 'nomad_currency', 'consentry'])
    )
    await page.context().close()
  })

  it('Reject all loads no Google Analytics, and the banner stays away after a reload', async () => {
    let { page, gaRequests, errors } = await visit('/esim-store/')
    await banner(page).getByRole('button', { name: 'Reject all' }).click()
    await banner(page).waitFor({ state: 'detached' })
    expect((await consentCookie(page))?.value).toBeTruthy()
    await page.reload()
    await page.getByRole('heading', { level: 1 }).first().waitFor()
    await settle(page)
    expect(await banner(page).count()).toBe(0)
    expect(gaRequests).toEqual([])
    expect(await page.evaluate(() => 'nomadGtagRuns' in window)).toBe(false)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('Accept all loads the local Google Analytics stub once; the footer link reopens the panel and Reject all withdraws (G-07)', async () => {
    let { page, gaRequests, errors } = await visit('/esim-store/')
    await banner(page).getByRole('button', { name: 'Accept all' }).click()
    await expect.poll(() => page.evaluate(() => (window as { nomadGtagRuns?: number }).nomadGtagRuns)).toBe(1)
    await settle(page)
    expect(gaRequests).toHaveLength(1)
    expect(new URL(gaRequests[0]).searchParams.get('id')).toBe('G-NOMAD123')

    // On another page of the shop, the footer's "Cookie settings" link opens the panel again.
    await page.goto(`${demo.origin}/esim-store/privacy.html`)
    expect(await banner(page).count()).toBe(0)
    await footer(page).getByRole('link', { name: 'Cookie settings' }).click()
    let dialog = panel(page)
    await dialog.waitFor()
    expect(await dialog.getByRole('switch', { name: 'Audience measurement' }).isChecked()).toBe(true)
    await dialog.getByRole('button', { name: 'Reject all' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.evaluate(() => window.Consentry!.hasConsent('analytics'))).toBe(false)

    gaRequests.length = 0
    await page.goto(`${demo.origin}/esim-store/`)
    await settle(page)
    expect(await banner(page).count()).toBe(0)
    expect(gaRequests).toEqual([])
    await footer(page).getByRole('link', { name: 'Cookie settings' }).click()
    await dialog.waitFor()
    expect(await dialog.getByRole('switch', { name: 'Audience measurement' }).isChecked()).toBe(false)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the French pages show the French banner with lang="fr", the French policy and footer link', async () => {
    let { page, errors, gaRequests } = await visit('/esim-store/fr/')
    expect(await page.locator('html').getAttribute('lang')).toBe('fr')
    let region = banner(page, FR_TITLE)
    await region.waitFor()
    expect(await region.evaluate(element => element.closest('[lang]')?.getAttribute('lang'))).toBe('fr')
    await expect.poll(() => region.textContent()).toContain('Paramètres des cookies')
    for (let name of [FR.acceptAll, FR.rejectAll, FR.customize]) expect(await region.getByRole('button', { name }).count()).toBe(1)
    let link = region.getByRole('link', { name: 'Politique de confidentialité' })
    expect(new URL(await link.evaluate(element => (element as HTMLAnchorElement).href)).pathname).toBe('/esim-store/fr/privacy.html')

    await region.getByRole('button', { name: FR.customize }).click()
    let dialog = panel(page, FR.preferencesTitle)
    await dialog.waitFor()
    for (let name of ['Essentiels', 'Mesure d’audience', 'Préférences', 'Publicité ciblée']) {
      expect(await dialog.getByRole('switch', { name, exact: true }).count(), name).toBe(1)
    }
    // The services and the cookie tables in French too (G-05): the shop translates them.
    let summaries = dialog.getByText(FR.showDetails, { exact: true })
    for (let index = 0, count = await summaries.count(); index < count; index++) await summaries.nth(index).click()
    for (let name of ['Compte client', 'Panier et paiement', 'Sécurité', 'Google Analytics', 'Google Ads', 'Meta Pixel']) {
      expect(await dialog.getByRole('switch', { name, exact: true }).count(), name).toBe(1)
    }
    let cart = dialog.getByRole('row').filter({ hasText: 'nomad_cart' })
    expect(await cart.getByRole('cell').allTextContents()).toEqual(['nomad_cart', 'Nomad eSIM', '7 jours', 'Mémorise les forfaits de votre panier', 'Non'])
    expect(await dialog.getByRole('columnheader', { name: 'Accès par des tiers' }).count()).toBeGreaterThan(0)
    await dialog.getByRole('button', { name: FR.rejectAll }).click()
    await settle(page)
    expect(gaRequests).toEqual([])

    await page.goto(`${demo.origin}/esim-store/fr/privacy.html`)
    expect(await page.locator('html').getAttribute('lang')).toBe('fr')
    await page.getByRole('heading', { level: 1, name: 'Politique de confidentialité' }).waitFor()
    await footer(page).getByRole('link', { name: 'Paramètres des cookies' }).click()
    await panel(page, FR.preferencesTitle).waitFor()
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('axe-core finds no WCAG 2.2 AA violation on the shop with the banner and with the panel open (A-12)', async () => {
    let { page } = await visit('/esim-store/')
    await banner(page).waitFor()
    expect(await axe(page), 'shop with the banner').toEqual([])
    await banner(page).getByRole('button', { name: 'Customize' }).click()
    let dialog = panel(page)
    await dialog.waitFor()
    let summaries = dialog.getByText('Show details', { exact: true })
    for (let index = 0, count = await summaries.count(); index < count; index++) await summaries.nth(index).click()
    await dialog.getByRole('table').first().waitFor()
    expect(await axe(page), 'shop with the panel open').toEqual([])

    let french = await visit('/esim-store/fr/privacy.html')
    await banner(french.page, FR_TITLE).waitFor()
    expect(await axe(french.page), 'French policy with the banner').toEqual([])
    await Promise.all([page.context().close(), french.page.context().close()])
  })
})
