// Languages of the drop-in in Chromium: the page's language, config.language, the browser's
// languages, shipped translation files beside the bundle, partial translations and fallbacks.
import type { Page } from 'playwright-core'
import { describe, expect } from 'vitest'

import { bannerRegion, getConsent, useBrowser, waitForCookie, whenReady } from './harness.js'

const suite = useBrowser()
const it = suite.it

const FRENCH = { title: 'Nous respectons votre vie privée', acceptAll: 'Tout accepter', rejectAll: 'Tout refuser', customize: 'Personnaliser' }
const GERMAN = { title: 'Ihre Privatsphäre ist uns wichtig', acceptAll: 'Alle akzeptieren', rejectAll: 'Alle ablehnen', customize: 'Anpassen' }
const ARABIC_TITLE = 'نحن نحترم خصوصيتك'

/** The language and direction the banner declares, and the direction it is laid out in. */
const declared = (page: Page, title: string) =>
  bannerRegion(page, title).evaluate(element => ({
    lang: element.closest('[lang]')?.getAttribute('lang'),
    dir: element.closest('[dir]')?.getAttribute('dir') ?? 'ltr',
    direction: getComputedStyle(element).direction
  }))

/** The paths of the shipped translation files the page asked for. */
function translationRequests(page: Page): string[] {
  let paths: string[] = []
  page.on('request', request => {
    let path = new URL(request.url()).pathname
    if (path.includes('/i18n/')) paths.push(path)
  })
  return paths
}

describe('languages (A-11, R-09)', () => {
  it('A-11: <html lang="fr"> shows the French texts from i18n/fr.json, lang="fr" on the banner, and records "fr"', async ({ open }) => {
    let { page } = await open()
    let requested = translationRequests(page)
    await page.goto(suite.server.page({ lang: 'fr' }))
    let region = bannerRegion(page, FRENCH.title)
    for (let name of [FRENCH.acceptAll, FRENCH.rejectAll, FRENCH.customize]) {
      await region.getByRole('button', { name, exact: true }).waitFor()
    }
    await region.getByRole('link', { name: 'Politique de confidentialité' }).waitFor()
    expect(await declared(page, FRENCH.title)).toEqual({ lang: 'fr', dir: 'ltr', direction: 'ltr' })
    expect(requested).toEqual(['/consentry/i18n/fr.json'])

    await region.getByRole('button', { name: FRENCH.rejectAll }).click()
    await waitForCookie(page)
    expect(await getConsent(page)).toMatchObject({ language: 'fr', method: 'reject-all' })
    expect(await page.getByRole('status').textContent()).not.toBe('')
    expect(await page.getByRole('status').textContent()).not.toBe('Your cookie choices have been saved.')
  })

  it('A-11: the preferences panel is in the page language too', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.page({ lang: 'fr' }))
    await bannerRegion(page, FRENCH.title).getByRole('button', { name: FRENCH.customize }).click()
    let dialog = page.getByRole('dialog', { name: 'Préférences en matière de cookies' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Enregistrer mes choix' }).waitFor()
    expect(await dialog.evaluate(element => element.closest('[lang]')?.getAttribute('lang'))).toBe('fr')
  })

  it('A-11: a regional page language (fr-CA) uses the shipped base language', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.page({ lang: 'fr-CA' }))
    await bannerRegion(page, FRENCH.title).waitFor()
    expect((await declared(page, FRENCH.title)).lang).toMatch(/^fr/)
  })

  it('A-11: lang="ar" renders right to left', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.page({ lang: 'ar' }))
    await bannerRegion(page, ARABIC_TITLE).waitFor()
    expect(await declared(page, ARABIC_TITLE)).toEqual({ lang: 'ar', dir: 'rtl', direction: 'rtl' })
    // Laid out right to left: the first button (accept) sits right of the second (reject).
    let buttons = bannerRegion(page, ARABIC_TITLE).getByRole('button')
    let first = (await buttons.nth(0).boundingBox())!
    let second = (await buttons.nth(1).boundingBox())!
    expect(first.x).toBeGreaterThan(second.x)
  })

  it('config.language overrides the page language', async ({ open }) => {
    let { page } = await open()
    await page.goto(suite.server.page({ lang: 'fr', config: { language: 'de' } }))
    let region = bannerRegion(page, GERMAN.title)
    await region.getByRole('button', { name: GERMAN.acceptAll }).waitFor()
    expect((await declared(page, GERMAN.title)).lang).toBe('de')
    await region.getByRole('button', { name: GERMAN.acceptAll }).click()
    await waitForCookie(page)
    expect((await getConsent(page))?.language).toBe('de')
  })

  it("without a page language, the browser's language (de-DE) is used", async ({ open }) => {
    let { page } = await open({ locale: 'de-DE' })
    await page.goto(suite.server.page({ lang: null }))
    let region = bannerRegion(page, GERMAN.title)
    for (let name of [GERMAN.acceptAll, GERMAN.rejectAll, GERMAN.customize]) {
      await region.getByRole('button', { name, exact: true }).waitFor()
    }
    expect((await declared(page, GERMAN.title)).lang).toBe('de')
    await region.getByRole('button', { name: GERMAN.acceptAll }).click()
    await waitForCookie(page)
    expect((await getConsent(page))?.language).toBe('de')
  })

  it('a partial config translation overrides only the keys it sets', async ({ open }) => {
    let { page } = await open()
    await page.goto(
      suite.server.page({
        lang: 'fr',
        config: { translations: { fr: { title: 'Vos cookies, votre choix', categories: { analytics: { title: 'Mesure' } } } } }
      })
    )
    let region = bannerRegion(page, 'Vos cookies, votre choix')
    await region.getByRole('button', { name: FRENCH.acceptAll }).waitFor()
    await region.getByRole('button', { name: FRENCH.customize }).click()
    let dialog = page.getByRole('dialog', { name: 'Préférences en matière de cookies' })
    await dialog.getByRole('switch', { name: 'Mesure' }).waitFor()
    await dialog.getByRole('switch', { name: 'Marketing' }).waitFor()

    let english = await open()
    await english.page.goto(suite.server.page({ config: { translations: { en: { acceptAll: 'Allow all' } } } }))
    let banner = bannerRegion(english.page)
    await banner.getByRole('button', { name: 'Allow all' }).waitFor()
    await banner.getByRole('button', { name: 'Reject all' }).waitFor()
  })

  it('an unknown language falls back to English, says so on the banner and in the record', async ({ open }) => {
    let { page } = await open({ locale: 'ja-JP' })
    let requested = translationRequests(page)
    await page.goto(suite.server.page({ lang: 'ja' }))
    let region = bannerRegion(page)
    await region.getByRole('button', { name: 'Accept all' }).waitFor()
    await whenReady(page)
    expect((await declared(page, 'We value your privacy')).lang).toBe('en')
    expect(requested).toEqual([])
    await region.getByRole('button', { name: 'Accept all' }).click()
    await waitForCookie(page)
    expect((await getConsent(page))?.language).toBe('en')
  })

  it('an English page makes no translation request', async ({ open }) => {
    let { page } = await open({ locale: 'fr-FR' })
    let requested = translationRequests(page)
    await page.goto(suite.server.page({ lang: 'en' }))
    await bannerRegion(page).waitFor()
    await whenReady(page)
    expect(requested).toEqual([])
  })
})
